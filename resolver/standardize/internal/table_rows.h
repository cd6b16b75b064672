// Reading the shipped division tables: CSV text with a header row, one division per row.
#ifndef MDHUB_RESOLVER_STANDARDIZE_INTERNAL_TABLE_ROWS_H_
#define MDHUB_RESOLVER_STANDARDIZE_INTERNAL_TABLE_ROWS_H_

#include <sstream>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/string_view.h"
#include "common/csv_reader.h"

namespace mdhub::resolver::internal {

// Calls add(fields, line) for every data row of a CSV table with a header; stops at its first
// error. Rows need at least a code and a name: INVALID_ARGUMENT "name:line: ..." otherwise.
template <typename Add>
absl::Status ForEachRow(absl::string_view text, const std::string& name, Add add) {
  std::istringstream in{std::string(text)};
  CsvReader reader(in, name, {});
  std::vector<std::string> row;
  bool header = true;
  for (;;) {
    auto more = reader.Next(&row);
    if (!more.ok()) return more.status();
    if (!*more) return absl::OkStatus();
    if (header) {
      header = false;
      continue;
    }
    if (row.size() < 2 || row[0].empty()) {
      return absl::InvalidArgumentError(
          absl::StrCat(name, ":", reader.row_line(), ": expected code,name,..."));
    }
    if (absl::Status s = add(row, reader.row_line()); !s.ok()) return s;
  }
}

}  // namespace mdhub::resolver::internal

#endif  // MDHUB_RESOLVER_STANDARDIZE_INTERNAL_TABLE_ROWS_H_
