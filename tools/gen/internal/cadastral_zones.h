// The cadastral zoning of a generated parcel layer (GB/T 13923): six districts of Nanning as
// longitude bands of the region, each band divided into that district's real townships and
// sub-districts (地籍区 and 地籍子区 by the township's code and a number), and the 19-character
// parcel codes (宗地代码) numbered within each sub-district and parcel type.
#ifndef MDHUB_TOOLS_GEN_INTERNAL_CADASTRAL_ZONES_H_
#define MDHUB_TOOLS_GEN_INTERNAL_CADASTRAL_ZONES_H_

#include <cstdint>
#include <string>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "geo/geometry.h"
#include "tools/gen/internal/parcel_geometry.h"

namespace mdhub::gen {

// Not thread-safe (NextCode counts).
class CadastralZones {
 public:
  struct Township {
    std::string code;  // 9 digits, GB/T 10114: 450103004
    std::string name;  // 南湖街道
  };
  struct County {
    std::string code;  // 6 digits, GB/T 2260: 450103
    std::string name;  // 青秀区
    std::vector<Township> townships;
    // The townships lie in `per_row.size()` rows of cells from south to north, per_row[r] of
    // them in row r from west to east, in code order.
    std::vector<int> per_row;
    // Each township cell has subdivisions x subdivisions sub-districts, numbered from 001 row by
    // row from the south-west.
    int subdivisions = 1;
  };
  struct Place {
    int county = 0;    // index into counties()
    int township = 0;  // index into the county's townships
    int subdistrict = 1;
  };

  // The zoning of `region` (lon/lat) for about `parcels` parcels: sub-districts of about 1,000
  // parcels, at most 31 x 31 per township. INTERNAL when the built-in division tables lack the
  // districts.
  static absl::StatusOr<CadastralZones> Create(const geo::Box& region, int64_t parcels);

  const std::vector<County>& counties() const { return counties_; }

  // Where a point of the region lies: the county of its longitude band (six bands of equal
  // width, west to east 西乡塘区 450107, 江南区 450105, 兴宁区 450102, 良庆区 450108, 青秀区
  // 450103, 邕宁区 450109), its township and sub-district. Points outside the region count as in
  // the nearest cell.
  Place Locate(const LonLat& point) const;

  // The next parcel code of `place` and `letters` (2 letters, e.g. "GB"): county code, the
  // township's last 3 digits, the sub-district's 3 digits, the letters and a 5-digit sequence
  // number from 00001. RESOURCE_EXHAUSTED after 99,999 codes of one sub-district and type.
  absl::StatusOr<std::string> NextCode(const Place& place, absl::string_view letters);

 private:
  geo::Box region_;
  double height_over_band_width_ = 1;  // in metres
  std::vector<County> counties_;
  absl::flat_hash_map<uint64_t, int> issued_;  // by place and letters
};

}  // namespace mdhub::gen

#endif  // MDHUB_TOOLS_GEN_INTERNAL_CADASTRAL_ZONES_H_
