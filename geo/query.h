// Queries over one layer of the one map: a spatial filter (bounding box, intersects, within,
// contains, distance-within, k nearest), attribute filters, as-of, paging; and the shaping of
// result features for output (CRS, simplification, chosen properties).
#ifndef MDHUB_GEO_QUERY_H_
#define MDHUB_GEO_QUERY_H_

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "google/protobuf/arena.h"
#include "geo/geometry.h"
#include "geo/one_map.h"
#include "geo/properties.h"

namespace mdhub::geo {

struct SpatialQuery {
  enum class Op { kAll, kBbox, kIntersects, kWithin, kContains, kDistanceWithin, kNearest };
  std::string layer_id;
  Op op = Op::kAll;
  Box bbox;                  // kBbox
  Geometry geometry;         // the other spatial filters
  std::string crs;           // of bbox or geometry; empty = the layer's CRS
  double distance_metres = 0;  // kDistanceWithin; kNearest: the optional maximum (0 = none)
  int k = 0;                 // kNearest
  std::vector<AttributeFilter> filters;
  std::optional<absl::Time> as_of;
  int page_size = 100;
  std::string page_token;
};

struct QueryHit {
  // Allocated on `arena`, which the hits of one result share: valid while any of them is kept.
  store::Feature* feature = nullptr;
  double distance_metres = -1;  // set for kDistanceWithin and kNearest
  std::shared_ptr<google::protobuf::Arena> arena;
};

struct QueryResult {
  std::vector<QueryHit> hits;
  std::string next_page_token;  // empty when there are no more
};

// How result features are shaped for output.
struct OutputOptions {
  std::string crs;                     // empty = the layer's CRS
  double simplify_tolerance = 0;       // in output-CRS units; 0 = none
  std::vector<std::string> properties;  // empty = all
  bool omit_geometry = false;
};

// Runs the query: matches ordered by feature id, or nearest first for distance filters.
// INVALID_ARGUMENT names the request field ("bbox", "nearest.k", "attribute_filters[0].values",
// "page_token", ...); NOT_FOUND for an unknown layer.
absl::StatusOr<QueryResult> RunQuery(const OneMap& map, const SpatialQuery& query);

// Reshapes a feature of `layer` for output: geometry transformed and simplified, properties
// narrowed. INVALID_ARGUMENT "output_crs: ..." for an unusable CRS.
absl::Status ShapeForOutput(const LayerInfo& layer, const OutputOptions& options,
                            store::Feature& feature);

}  // namespace mdhub::geo

#endif  // MDHUB_GEO_QUERY_H_
