#include "services/internal/feature_query.h"

#include <string>

#include "absl/strings/str_cat.h"
#include "geo/query.h"
#include "services/internal/spatial_mapping.h"

namespace mdhub::services::internal {

absl::Status QueryFeatures(CallScope& call, const v1::QueryFeaturesRequest& request,
                           v1::QueryFeaturesResponse* response) {
  absl::StatusOr<geo::SpatialQuery> q = ToQuery(request);
  if (!q.ok()) return q.status();
  geo::OneMap& map = call.backend().one_map;
  auto info = map.Info(request.layer_id());
  if (!info.ok()) return info.status();
  if (absl::Status s = call.AuthorizeLayerRead((*info)->layer); !s.ok()) return s;
  absl::StatusOr<geo::QueryResult> result = geo::RunQuery(map, *q);
  if (!result.ok()) return result.status();
  geo::OutputOptions out;
  out.crs = request.output_crs();
  out.simplify_tolerance = request.simplify_tolerance();
  out.properties.assign(request.property_names().begin(), request.property_names().end());
  out.omit_geometry = request.omit_geometry();
  const std::string crs = out.crs.empty() ? absl::StrCat("EPSG:", (*info)->crs.epsg()) : out.crs;
  for (geo::QueryHit& hit : result->hits) {
    if (absl::Status s = geo::ShapeForOutput(**info, out, *hit.feature); !s.ok()) return s;
    v1::QueryFeaturesResponse::Hit* h = response->add_hits();
    ToApi(*hit.feature, crs, h->mutable_feature());
    if (hit.distance_metres >= 0) h->set_distance_metres(hit.distance_metres);
  }
  response->set_next_page_token(result->next_page_token);
  call.Touch(absl::StrCat("layer:", request.layer_id(), " ", response->hits_size(), " features"));
  return absl::OkStatus();
}

}  // namespace mdhub::services::internal
