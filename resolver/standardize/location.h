// Locations of persons and organisations: the `location` attribute of a source record, a point in
// CGCS2000 degrees ("108.3205,22.8152", longitude first), and the quadtree cell that indexes it so
// that the one map can find the entities inside a parcel or any other polygon.
#ifndef MDHUB_RESOLVER_STANDARDIZE_LOCATION_H_
#define MDHUB_RESOLVER_STANDARDIZE_LOCATION_H_

#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"

namespace mdhub::resolver {

// The record attribute holding a location.
inline constexpr absl::string_view kLocationAttribute = "location";

struct GeoPoint {
  double longitude = 0;
  double latitude = 0;
};

// "108.3205,22.8152", "108.3205, 22.8152", "108.3205 22.8152", full-width "１０８．３，２２．８",
// "POINT(108.3205 22.8152)": longitude then latitude, in degrees (CGCS2000, EPSG:4490; WGS84
// differs from it by less than a metre). INVALID_ARGUMENT saying what is wrong (the caller adds
// the field): not two numbers, or a longitude outside [-180, 180] or latitude outside [-90, 90].
absl::StatusOr<GeoPoint> ParseLocation(absl::string_view raw);

// The standard form, "108.3205,22.8152" with at most 7 decimals (about a centimetre).
std::string StandardLocation(const GeoPoint& p);

// Quadtree cells over longitude [-180, 180] x latitude [-90, 90]: a cell at level n is a string of
// n digits 0-3, each choosing a quarter (bit 0: east half, bit 1: north half) of the cell named by
// the digits before it, so the cells inside a cell are exactly the strings it prefixes.
// kLocationLevel cells are about 38 m by 19 m.
inline constexpr int kLocationLevel = 20;
std::string LocationCell(const GeoPoint& p, int level = kLocationLevel);

// The cells at one level (at most 16) whose union covers the box, at the finest level where 16
// suffice. Coordinates are clamped to the domain.
std::vector<std::string> CellsCovering(double min_lon, double min_lat, double max_lon,
                                       double max_lat);

}  // namespace mdhub::resolver

#endif  // MDHUB_RESOLVER_STANDARDIZE_LOCATION_H_
