// OgcFeatures: the one map as OGC API – Features resources (Part 1 Core with GeoJSON, Part 2
// CRS by reference): landing page, conformance, the API definition, collections (one per layer)
// and their items. Read-only. Each resource is a thin function from a parsed request to a JSON
// document: parameters are checked here, the work is geo::OneMap's and geo::RunQuery's. The
// HTTP gateway (services/http_gateway.h) authenticates, authorises, audits and routes.
#ifndef MDHUB_SERVICES_INTERNAL_OGC_FEATURES_H_
#define MDHUB_SERVICES_INTERNAL_OGC_FEATURES_H_

#include <string>
#include <utility>
#include <vector>

#include "absl/status/statusor.h"
#include "services/call_scope.h"
#include "services/internal/ogc_params.h"

namespace mdhub::services::internal {

// One GET request, as the gateway parsed it.
struct OgcRequest {
  // Scheme and authority that links start with, e.g. "https://gis.example:7480".
  std::string base_url;
  // Query parameters, percent-decoded, without the gateway's own ("agency").
  OgcParams params;
  // Parameters every link carries so that a browser following it stays authenticated (in
  // development mode: {"agency": ...}); usually empty.
  OgcParams link_params;
  // Path parameters: the collection and feature ids, where the route has them.
  std::string collection_id;
  std::string feature_id;
};

struct OgcResponse {
  std::string content_type;
  std::string body;
  std::vector<std::pair<std::string, std::string>> headers;
};

// Thread-safe: immutable after Create.
class OgcFeatures {
 public:
  using Handler = absl::StatusOr<OgcResponse> (OgcFeatures::*)(CallScope&,
                                                                const OgcRequest&) const;
  struct Route {
    const char* pattern;  // regular expression over the path; groups: collection, feature id
    const char* method;   // the SpatialService method the policy must grant, e.g. "GetLayer"
    const char* name;     // the route for metrics, e.g. "GET /ogc/collections/{collectionId}"
    Handler handler;
  };

  // INVALID_ARGUMENT when PROJ lacks one of the offered CRSs.
  static absl::StatusOr<OgcFeatures> Create();

  // Every resource, under /ogc.
  static const std::vector<Route>& Routes();

  // Each returns the document, or INVALID_ARGUMENT "<parameter>: ..." (HTTP 400), NOT_FOUND for
  // an unknown collection or feature, or an internal error.
  absl::StatusOr<OgcResponse> Landing(CallScope& call, const OgcRequest& req) const;
  absl::StatusOr<OgcResponse> Conformance(CallScope& call, const OgcRequest& req) const;
  absl::StatusOr<OgcResponse> Api(CallScope& call, const OgcRequest& req) const;
  absl::StatusOr<OgcResponse> Collections(CallScope& call, const OgcRequest& req) const;
  absl::StatusOr<OgcResponse> Collection(CallScope& call, const OgcRequest& req) const;
  absl::StatusOr<OgcResponse> Items(CallScope& call, const OgcRequest& req) const;
  absl::StatusOr<OgcResponse> Item(CallScope& call, const OgcRequest& req) const;

 private:
  explicit OgcFeatures(OgcCrsList crs_list) : crs_list_(std::move(crs_list)) {}

  OgcCrsList crs_list_;
};

// The OpenAPI 3.0 definition of the routes, for servers at `base_url` (ogc_openapi.cc).
std::string OgcOpenApi(const std::string& base_url);

}  // namespace mdhub::services::internal

#endif  // MDHUB_SERVICES_INTERNAL_OGC_FEATURES_H_
