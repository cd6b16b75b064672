// Test helper: a generated CSV extract read whole into memory, with its columns by name.
#ifndef MDHUB_TOOLS_GEN_TESTING_CSV_TABLE_H_
#define MDHUB_TOOLS_GEN_TESTING_CSV_TABLE_H_

#include <sstream>
#include <string>
#include <vector>

#include "absl/strings/string_view.h"
#include "common/csv_reader.h"
#include "gtest/gtest.h"

namespace mdhub::gen::testing {

struct Table {
  std::vector<std::string> header;
  std::vector<std::vector<std::string>> rows;

  // The index of a column; a test failure (and 0) when there is none.
  int Column(absl::string_view name) const {
    for (size_t i = 0; i < header.size(); ++i) {
      if (header[i] == name) return static_cast<int>(i);
    }
    ADD_FAILURE() << "no column " << name;
    return 0;
  }
};

// Reads CSV text with a header row; a test failure for a bad row or one of another width.
inline Table ParseTable(const std::string& text, const std::string& name) {
  std::istringstream in(text);
  CsvReader reader(in, name, {});
  Table t;
  std::vector<std::string> row;
  for (bool first = true;; first = false) {
    absl::StatusOr<bool> more = reader.Next(&row);
    EXPECT_TRUE(more.ok()) << more.status();
    if (!more.ok() || !*more) break;
    if (first) {
      t.header = row;
    } else {
      EXPECT_EQ(row.size(), t.header.size()) << name << ":" << reader.row_line();
      t.rows.push_back(row);
    }
  }
  return t;
}

}  // namespace mdhub::gen::testing

#endif  // MDHUB_TOOLS_GEN_TESTING_CSV_TABLE_H_
