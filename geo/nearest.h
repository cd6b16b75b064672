// Exact k-nearest search for a point on a geographic layer, best first over the persisted cell
// quadtree (Hjaltason and Samet's incremental nearest neighbour): nodes and index entries wait in
// one priority queue ordered by a lower bound of their geodesic distance, so only the cells near
// the point are read, however sparse or clustered the layer is.
#ifndef MDHUB_GEO_NEAREST_H_
#define MDHUB_GEO_NEAREST_H_

#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "geo/one_map.h"
#include "geo/properties.h"

namespace mdhub::geo {

struct NearestRequest {
  double lon = 0, lat = 0;           // the point, in the layer's (geographic) CRS
  int k = 1;
  double max_distance = 0;           // metres; 0 = no limit
  std::optional<absl::Time> as_of;
  const FeatureFilter* filter = nullptr;  // may be empty
};

// The k nearest features as (geodesic metres, feature id), nearest first (ties by id).
// REQUIRES: the layer's CRS is geographic.
absl::StatusOr<std::vector<std::pair<double, std::string>>> NearestBestFirst(
    const OneMap& map, const LayerInfo& layer, const store::LayerStats& stats,
    const NearestRequest& request, const store::Snapshot* snapshot);

// A lower bound of the geodesic distance in metres from a lon/lat point to any point of a lon/lat
// box (0 inside): the spherical distance between geodetic normals times the ellipsoid's smallest
// radius of curvature.
double GeodesicLowerBoundToBox(double lon, double lat, const Box& box);

}  // namespace mdhub::geo

#endif  // MDHUB_GEO_NEAREST_H_
