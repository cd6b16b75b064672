// SpatialService's feature queries: one QueryFeatures request run against the one map, for the
// unary method and for each query of QueryFeaturesStream.
#ifndef MDHUB_SERVICES_INTERNAL_FEATURE_QUERY_H_
#define MDHUB_SERVICES_INTERNAL_FEATURE_QUERY_H_

#include "absl/status/status.h"
#include "mdhub/v1/spatial.pb.h"
#include "services/call_scope.h"

namespace mdhub::services::internal {

// Checks the caller may read the layer, runs the query and maps its hits (in the output CRS,
// with the properties asked for); touches the layer and the number of hits for the audit entry.
absl::Status QueryFeatures(CallScope& call, const v1::QueryFeaturesRequest& request,
                           v1::QueryFeaturesResponse* response);

}  // namespace mdhub::services::internal

#endif  // MDHUB_SERVICES_INTERNAL_FEATURE_QUERY_H_
