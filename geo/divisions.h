// Administrative divisions on the one map: the built-in province layer (Natural Earth polygons
// keyed by GB/T 2260 codes) and point location down the division hierarchy, over whichever of the
// division layers admin.province, admin.city, admin.county and admin.township exist.
#ifndef MDHUB_GEO_DIVISIONS_H_
#define MDHUB_GEO_DIVISIONS_H_

#include <optional>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "geo/one_map.h"

namespace mdhub::geo {

// The division layers, province first. Each holds features with STRING properties `code`
// (GB/T 2260, 6 digits; townships 9 digits) and `name`.
inline constexpr const char* kDivisionLayers[] = {"admin.province", "admin.city", "admin.county",
                                                 "admin.township"};
// Owner of the built-in layers; no agency writes them.
inline constexpr char kBuiltinOwner[] = "mdhub";

// Creates and fills admin.province from the embedded Natural Earth polygons when the layer does
// not exist yet (first start of a store). Returns the number of features loaded (0 when the layer
// was there already).
absl::StatusOr<int> EnsureProvinceLayer(OneMap& map);

struct Division {
  int level = 0;  // 1 province, 2 city, 3 county, 4 township
  std::string code;
  std::string name;
  std::string layer_id;
  std::string feature_id;
  std::string entity_id;
};

// The divisions containing the point (x, y in `crs`, default EPSG:4490), province first; levels
// without a layer (or without a polygon there) are left out. A point on a shared boundary belongs
// to the division with the lower code.
absl::StatusOr<std::vector<Division>> LocateDivisions(const OneMap& map, double x, double y,
                                                      const std::string& crs,
                                                      std::optional<absl::Time> as_of);

}  // namespace mdhub::geo

#endif  // MDHUB_GEO_DIVISIONS_H_
