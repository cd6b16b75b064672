// SpatialService's division lookups by coordinates: LocateDivisions (one point) and LocatePoints
// (a batch), mapped onto geo/divisions.h. Divisions on layers the caller may not read are left
// out of every chain.
#ifndef MDHUB_SERVICES_INTERNAL_DIVISION_LOCATE_H_
#define MDHUB_SERVICES_INTERNAL_DIVISION_LOCATE_H_

#include "absl/functional/function_ref.h"
#include "absl/status/status.h"
#include "geo/divisions.h"
#include "mdhub/v1/spatial.pb.h"
#include "services/call_scope.h"

namespace mdhub::services::internal {

// The most points one LocatePoints call takes.
inline constexpr int kMaxLocatePoints = 100000;

void ToApi(const geo::Division& in, v1::LocateDivisionsResponse::Division* out);

absl::Status LocateDivisions(CallScope& call, const v1::LocateDivisionsRequest& request,
                             v1::LocateDivisionsResponse* response);

// `cancelled` is asked every 1,024 points: a call whose client has gone (or whose deadline has
// passed) stops with CANCELLED.
absl::Status LocatePoints(CallScope& call, const v1::LocatePointsRequest& request,
                          absl::FunctionRef<bool()> cancelled, v1::LocatePointsResponse* response);

}  // namespace mdhub::services::internal

#endif  // MDHUB_SERVICES_INTERNAL_DIVISION_LOCATE_H_
