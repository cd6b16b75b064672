// Mapping between the SpatialService messages (mdhub.v1) and geo/ and the stored model.
#ifndef MDHUB_SERVICES_INTERNAL_SPATIAL_MAPPING_H_
#define MDHUB_SERVICES_INTERNAL_SPATIAL_MAPPING_H_

#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "geo/one_map.h"
#include "geo/query.h"
#include "mdhub/v1/spatial.pb.h"
#include "store/model.pb.h"

namespace mdhub::services::internal {

// A layer definition to create. INVALID_ARGUMENT names "layer.<field>".
absl::StatusOr<store::Layer> ToStoreLayer(const v1::Layer& in);
void ToApi(const store::Layer& in, v1::Layer* out);

// The geometry of a request (WKB or GeoJSON); its CRS in *crs ("" when not given).
absl::StatusOr<geo::Geometry> ToGeometry(const v1::Geometry& in, absl::string_view field,
                                         std::string* crs);

// An upsert or delete; `field` is the mutation's path, e.g. "feature" or "upsert.feature".
absl::StatusOr<geo::FeatureMutation> ToMutation(const v1::UpsertFeatureRequest& in,
                                                absl::string_view field);
geo::FeatureMutation ToMutation(const v1::DeleteFeatureRequest& in);

void ToApi(const geo::FeatureWriteResult& in, const std::string& layer_id,
           const std::string& feature_id, v1::FeatureWriteResult* out);
// A stored feature (already shaped for output); crs names its geometry's CRS.
void ToApi(const store::Feature& in, const std::string& crs, v1::Feature* out);

std::vector<geo::AttributeFilter> ToFilters(
    const google::protobuf::RepeatedPtrField<v1::AttributeFilter>& in);
// The query of a request. INVALID_ARGUMENT names the request field.
absl::StatusOr<geo::SpatialQuery> ToQuery(const v1::QueryFeaturesRequest& in);

}  // namespace mdhub::services::internal

#endif  // MDHUB_SERVICES_INTERNAL_SPATIAL_MAPPING_H_
