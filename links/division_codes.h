// The GB/T 2260 division codes as a registry of their own: what a code names (level, name,
// parents), whether it is current, and its lifecycle — the changes that retired it or the codes
// before it (450122 武鸣县 -> 450110 武鸣区, 2015) — with the division's polygon on the one map
// where a division layer holds one. From the code tables that ship with mdhub (resolver/data):
// codes without geometry where no licensed polygons exist.
#ifndef MDHUB_LINKS_DIVISION_CODES_H_
#define MDHUB_LINKS_DIVISION_CODES_H_

#include <optional>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "geo/one_map.h"

namespace mdhub::links {

// One division of the GB/T 2260 hierarchy as the code tables name it.
struct CodedDivision {
  int level = 0;  // 1 province, 2 prefecture, 3 county, 4 township, 5 village
  std::string code;  // 6 digits for levels 1-3 ("450000", "450100", "450103"), 9, 12
  std::string name;
};

// One change of the code tables: `code` was retired in `year` and `successor` took its place.
struct DivisionChange {
  int year = 0;  // 0 when the table does not say
  CodedDivision retired;
  CodedDivision successor;
};

struct DivisionRecord {
  CodedDivision division;
  // The divisions above it, province first.
  std::vector<CodedDivision> parents;
  bool retired = false;
  // The division that stands for it now: itself, or the end of its chain of successors.
  CodedDivision current;
  // The changes that led to this code (from its predecessors) and from it (to its successors),
  // oldest first.
  std::vector<DivisionChange> history;
  // The divisions directly under it in the tables (prefectures, counties, townships, villages).
  int children = 0;
  // Its feature on the division layer of its level (admin.province ...), keyed by its code, when
  // that layer holds one.
  std::string layer_id, feature_id, entity_id;
};

// The record of a code: 2, 4, 6, 9 or 12 digits ("45" and "450000" are the same). INVALID_ARGUMENT
// (no field) for a malformed code; NOT_FOUND for a code no table holds.
absl::StatusOr<DivisionRecord> DescribeDivision(const geo::OneMap& map, absl::string_view code);

// The canonical prefix form of a division code ("450100" -> "4501", "450000" -> "45"), a retired
// county replaced by its successor. INVALID_ARGUMENT (no field) when it is not 2, 4, 6, 9 or 12
// digits.
absl::StatusOr<std::string> CanonicalDivisionCode(absl::string_view code);

}  // namespace mdhub::links

#endif  // MDHUB_LINKS_DIVISION_CODES_H_
