// DivisionTable: the GB/T 2260 administrative division codes (province, prefecture, county) that
// ship with mdhub (resolver/data, 2023), plus county codes since retired and their successors.
// The levels below the county are in LocalDivisionTable (local_divisions.h).
#ifndef MDHUB_RESOLVER_STANDARDIZE_DIVISIONS_H_
#define MDHUB_RESOLVER_STANDARDIZE_DIVISIONS_H_

#include <optional>
#include <string>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"

namespace mdhub::resolver {

// Immutable after construction; thread-safe.
class DivisionTable {
 public:
  struct Division {
    std::string name;
    // For a retired county: the code that replaced it, and the year it was replaced (0 when the
    // table does not say).
    std::string successor;
    int retired_in = 0;
  };

  // The table built into mdhub. Parsed once on first use.
  static const DivisionTable& Builtin();
  // CSV texts in the shipped layouts (code,name,...; retired: code,name,successor,year).
  struct Tables {
    absl::string_view provinces;
    absl::string_view extra_provinces;
    absl::string_view cities;
    absl::string_view counties;
    absl::string_view retired_counties;
  };
  // INVALID_ARGUMENT names the table and line of a malformed row.
  static absl::StatusOr<DivisionTable> Parse(const Tables& tables);

  // The division with this 2-, 4- or 6-digit code, current or retired; nullptr when unknown.
  const Division* Find(absl::string_view code) const;
  bool IsRetired(absl::string_view code) const;
  // The code that stands for `code` now: the end of its chain of successors (440524 -> 440582 ->
  // 440513), or `code` itself when it is current or unknown.
  std::string Current(absl::string_view code) const;
  // Every code, current or retired, with `length` digits (2, 4 or 6) that starts with `prefix`,
  // in ascending order: CodesUnder("45", 6) lists Guangxi's county-level divisions.
  std::vector<std::string> CodesUnder(absl::string_view prefix, size_t length) const;

 private:
  absl::flat_hash_map<std::string, Division> divisions_;
};

}  // namespace mdhub::resolver

#endif  // MDHUB_RESOLVER_STANDARDIZE_DIVISIONS_H_
