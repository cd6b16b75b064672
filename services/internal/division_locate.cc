#include "services/internal/division_locate.h"

#include <cmath>
#include <string>
#include <utility>

#include "absl/container/flat_hash_map.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/strip.h"
#include "services/internal/mapping.h"

namespace mdhub::services::internal {
namespace {

// Whether the caller may read a division layer, asked once per layer and call.
class LayerGrants {
 public:
  explicit LayerGrants(const CallScope& call) : call_(call) {}
  bool MayRead(const std::string& layer_id) {
    auto [it, inserted] = granted_.try_emplace(layer_id, false);
    if (inserted) it->second = call_.AuthorizeLayerRead(layer_id).ok();
    return it->second;
  }

 private:
  const CallScope& call_;
  absl::flat_hash_map<std::string, bool> granted_;
};

}  // namespace

void ToApi(const geo::Division& in, v1::LocateDivisionsResponse::Division* out) {
  out->set_level(static_cast<v1::LocateDivisionsResponse::Division::Level>(in.level));
  out->set_code(in.code);
  out->set_name(in.name);
  out->mutable_feature()->set_layer_id(in.layer_id);
  out->mutable_feature()->set_feature_id(in.feature_id);
  out->set_entity_id(in.entity_id);
}

absl::Status LocateDivisions(CallScope& call, const v1::LocateDivisionsRequest& request,
                             v1::LocateDivisionsResponse* response) {
  auto as_of = AsOf(request.has_as_of(), request.as_of(), "as_of");
  if (!as_of.ok()) return as_of.status();
  auto chain = geo::LocateDivisions(call.backend().one_map, request.x(), request.y(),
                                    request.crs(), *as_of);
  if (!chain.ok()) return chain.status();
  LayerGrants grants(call);
  for (const geo::Division& d : *chain) {
    if (grants.MayRead(d.layer_id)) ToApi(d, response->add_divisions());
  }
  call.Touch(absl::StrCat(response->divisions_size(), " divisions"));
  return absl::OkStatus();
}

absl::Status LocatePoints(CallScope& call, const v1::LocatePointsRequest& request,
                          absl::FunctionRef<bool()> cancelled, v1::LocatePointsResponse* response) {
  const int n = request.x_size();
  if (n == 0) return absl::InvalidArgumentError("x: required, one value per point");
  if (n > kMaxLocatePoints) {
    return absl::InvalidArgumentError(absl::StrCat(
        "x: ", n, " points; at most ", kMaxLocatePoints, " per call (send the rest in more calls)"));
  }
  if (request.y_size() != n) {
    return absl::InvalidArgumentError(
        absl::StrCat("y: ", request.y_size(), " values for ", n, " x values; give one per point"));
  }
  for (int i = 0; i < n; ++i) {
    for (const auto& [field, values] : {std::pair{"x", &request.x()}, {"y", &request.y()}}) {
      if (!std::isfinite((*values)[i])) {
        return absl::InvalidArgumentError(absl::StrCat(field, "[", i, "]: not a finite number"));
      }
    }
  }
  auto as_of = AsOf(request.has_as_of(), request.as_of(), "as_of");
  if (!as_of.ok()) return as_of.status();

  LayerGrants grants(call);
  // A division's index in response->divisions, by layer and feature.
  absl::flat_hash_map<std::pair<std::string, std::string>, int> index;
  response->mutable_locations()->Reserve(n);
  int located = 0;
  for (int i = 0; i < n; ++i) {
    if (i % 1024 == 1023 && cancelled()) {
      return absl::CancelledError(absl::StrCat("cancelled by the client (or its deadline) after ", i, " points"));
    }
    auto chain = geo::LocateDivisions(call.backend().one_map, request.x(i), request.y(i),
                                      request.crs(), *as_of);
    if (!chain.ok()) {
      // A point the CRS cannot take is named by its index; other errors stand as they are.
      absl::string_view message = chain.status().message();
      if (!absl::ConsumePrefix(&message, "x, y: ")) return chain.status();
      return absl::InvalidArgumentError(absl::StrCat("x[", i, "], y[", i, "]: ", message));
    }
    v1::LocatePointsResponse::Location* location = response->add_locations();
    for (geo::Division& d : *chain) {
      if (!grants.MayRead(d.layer_id)) continue;
      auto [it, added] = index.try_emplace(std::make_pair(d.layer_id, d.feature_id),
                                           response->divisions_size());
      if (added) ToApi(d, response->add_divisions());
      location->add_divisions(it->second);
    }
    located += location->divisions_size() > 0;
  }
  call.Touch(absl::StrCat(n, " points, ", located, " located"));
  return absl::OkStatus();
}

}  // namespace mdhub::services::internal
