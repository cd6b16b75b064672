#include "tools/gen/internal/cadastral_zones.h"

#include <algorithm>
#include <cmath>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "resolver/standardize/divisions.h"
#include "resolver/standardize/local_divisions.h"

namespace mdhub::gen {
namespace {

// Nanning's central districts in the order of their centres from west to east.
constexpr absl::string_view kCountyCodes[] = {"450107", "450105", "450102",
                                              "450108", "450103", "450109"};
constexpr int kCounties = 6;
constexpr double kParcelsPerSubdistrict = 1000;
constexpr int kMaxSubdivisions = 31;  // 961 sub-districts, numbered up to 961
constexpr int kMaxSequence = 99999;

// Index of the cell of [0, 1) that x falls in when cut into n equal cells, and x's position
// within that cell; x outside [0, 1) counts as in the first or last cell.
int Cell(double x, int n, double* within) {
  const double scaled = std::clamp(x, 0.0, 1.0) * n;
  const int cell = std::min(n - 1, static_cast<int>(scaled));
  *within = std::clamp(scaled - cell, 0.0, 1.0);
  return cell;
}

}  // namespace

absl::StatusOr<CadastralZones> CadastralZones::Create(const geo::Box& region, int64_t parcels) {
  CadastralZones zones;
  zones.region_ = region;
  double per_lon = 0, per_lat = 0;
  MetresPerDegree((region.min_y + region.max_y) / 2, &per_lon, &per_lat);
  const double band_width = (region.max_x - region.min_x) * per_lon / kCounties;
  zones.height_over_band_width_ = (region.max_y - region.min_y) * per_lat / band_width;
  const resolver::LocalDivisionTable& local = resolver::LocalDivisionTable::Builtin();
  for (absl::string_view code : kCountyCodes) {
    const resolver::DivisionTable::Division* division =
        resolver::DivisionTable::Builtin().Find(code);
    absl::Span<const resolver::LocalDivisionTable::Division> townships = local.Children(code);
    if (division == nullptr || townships.empty()) {
      return absl::InternalError(
          absl::StrCat("the built-in division tables lack district ", code, " or its townships"));
    }
    County county{std::string(code), division->name, {}, {}, 1};
    for (const auto& t : townships) county.townships.push_back({t.code, t.name});
    const int n = static_cast<int>(county.townships.size());
    const int rows = std::clamp(
        static_cast<int>(std::lround(std::sqrt(n * zones.height_over_band_width_))), 1, n);
    for (int r = 0; r < rows; ++r) county.per_row.push_back(n / rows + (r < n % rows ? 1 : 0));
    const double per_township = static_cast<double>(parcels) / kCounties / n;
    county.subdivisions =
        std::clamp(static_cast<int>(std::ceil(std::sqrt(per_township / kParcelsPerSubdistrict))), 1,
                   kMaxSubdivisions);
    zones.counties_.push_back(std::move(county));
  }
  return zones;
}

CadastralZones::Place CadastralZones::Locate(const LonLat& point) const {
  const geo::Box& r = region_;
  Place place;
  double u = 0, v = 0;
  place.county = Cell((point.lon - r.min_x) / (r.max_x - r.min_x), kCounties, &u);
  const County& county = counties_[place.county];
  const int rows = static_cast<int>(county.per_row.size());
  const int row = Cell((point.lat - r.min_y) / (r.max_y - r.min_y), rows, &v);
  const int columns = county.per_row[row];
  const int column = Cell(u, columns, &u);
  place.township = column;
  for (int i = 0; i < row; ++i) place.township += county.per_row[i];
  const int n = county.subdivisions;
  double unused = 0;
  place.subdistrict = 1 + Cell(v, n, &unused) * n + Cell(u, n, &unused);
  return place;
}

absl::StatusOr<std::string> CadastralZones::NextCode(const Place& place,
                                                     absl::string_view letters) {
  const uint64_t key =
      ((static_cast<uint64_t>(place.county) * 64 + place.township) * 1024 + place.subdistrict)
          << 16 |
      static_cast<uint64_t>(static_cast<unsigned char>(letters[0])) << 8 |
      static_cast<unsigned char>(letters[1]);
  int& sequence = issued_[key];
  const County& county = counties_[place.county];
  const Township& township = county.townships[place.township];
  if (sequence == kMaxSequence) {
    return absl::ResourceExhaustedError(
        absl::StrCat("more than ", kMaxSequence, " parcels of type ", letters, " in sub-district ",
                     place.subdistrict, " of ", township.name, " (", township.code,
                     "): generate fewer parcels or a larger region"));
  }
  ++sequence;
  return absl::StrFormat("%s%s%03d%s%05d", county.code, township.code.substr(6), place.subdistrict,
                         letters, sequence);
}

}  // namespace mdhub::gen
