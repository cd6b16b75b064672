#include "services/internal/place_links.h"

#include <algorithm>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "links/registry_links.h"
#include "services/internal/division_locate.h"
#include "services/internal/mapping.h"
#include "services/internal/page_token.h"
#include "services/internal/spatial_mapping.h"

namespace mdhub::services::internal {
namespace {

constexpr int kDefaultFeatures = 10, kMaxFeatures = 100;
constexpr int kDefaultPage = 100, kMaxPage = 1000;
constexpr int kMaxLayers = 16;

void ToApi(const links::CodedDivision& in, v1::LocateDivisionsResponse::Division* out) {
  out->set_level(static_cast<v1::LocateDivisionsResponse::Division::Level>(in.level));
  out->set_code(in.code);
  out->set_name(in.name);
}

std::string GoldenName(const store::Entity& e) {
  for (const store::GoldenAttribute& a : e.attributes()) {
    if (a.name() == "name") return a.value();
  }
  return "";
}

}  // namespace

absl::Status LocateEntity(CallScope& call, const v1::LocateEntityRequest& request,
                          v1::LocateEntityResponse* response) {
  if (auto s = Required(request.entity_id(), "entity_id"); !s.ok()) return s;
  auto max_features = PageSize(request.max_features_per_layer(), kDefaultFeatures, kMaxFeatures);
  if (!max_features.ok()) {
    return absl::InvalidArgumentError("max_features_per_layer: must not be negative");
  }
  auto entity = call.backend().entities.GetEntity(request.entity_id());
  if (!entity.ok()) {
    return absl::Status(entity.status().code(),
                        absl::StrCat("entity_id: ", entity.status().message()));
  }
  if (entity->kind() != store::PERSON && entity->kind() != store::LEGAL_ENTITY) {
    return absl::InvalidArgumentError(
        absl::StrCat("entity_id: ", request.entity_id(), " is not a person or legal entity"));
  }
  if (auto s = call.AuthorizeKindRead(entity->kind()); !s.ok()) return s;
  if (request.layer_ids_size() > kMaxLayers) {
    return absl::InvalidArgumentError(absl::StrCat("layer_ids: at most ", kMaxLayers, " layers"));
  }
  std::vector<std::string> layers;
  for (const std::string& id : request.layer_ids()) {
    if (std::find(layers.begin(), layers.end(), id) == layers.end()) layers.push_back(id);
  }
  for (size_t i = 0; i < layers.size(); ++i) {
    if (absl::Status s = call.AuthorizeLayerRead(layers[i]); !s.ok()) {
      return absl::Status(s.code(), absl::StrCat("layer_ids[", i, "]: ", s.message()));
    }
  }
  geo::OneMap& map = call.backend().one_map;
  auto place = links::PlaceOf(map, *entity, layers, *max_features);
  if (!place.ok()) return place.status();
  call.Touch(entity->id());

  response->set_entity_id(entity->id());
  response->set_kind(ToApiKind(entity->kind()));
  response->set_address(place->address);
  for (const auto& d : place->address_divisions) ToApi(d, response->add_address_divisions());
  if (place->location) {
    response->set_has_location(true);
    response->set_longitude(place->location->longitude);
    response->set_latitude(place->location->latitude);
  }
  for (const auto& d : place->location_divisions) {
    if (call.AuthorizeLayerRead(d.layer_id).ok()) ToApi(d, response->add_location_divisions());
  }
  for (store::Feature& f : place->features) {
    auto info = map.Info(f.layer_id());
    if (!info.ok()) return info.status();
    if (auto s = geo::ShapeForOutput(**info, {}, f); !s.ok()) return s;
    ToApi(f, absl::StrCat("EPSG:", (*info)->crs.epsg()), response->add_features());
  }
  return absl::OkStatus();
}

absl::Status ListEntitiesInPlace(CallScope& call, const v1::ListEntitiesInPlaceRequest& request,
                                 v1::ListEntitiesInPlaceResponse* response) {
  auto page_size = PageSize(request.page_size(), kDefaultPage, kMaxPage);
  if (!page_size.ok()) return page_size.status();
  std::vector<store::Kind> kinds;
  for (int i = 0; i < request.kinds_size(); ++i) {
    const store::Kind kind = ToStoreKind(request.kinds(i));
    if (kind != store::PERSON && kind != store::LEGAL_ENTITY) {
      return absl::InvalidArgumentError(
          absl::StrCat("kinds[", i, "]: must be PERSON or LEGAL_ENTITY"));
    }
    if (auto s = call.AuthorizeKindRead(kind); !s.ok()) return s;
    kinds.push_back(kind);
  }
  if (kinds.empty()) {
    for (store::Kind kind : {store::PERSON, store::LEGAL_ENTITY}) {
      if (call.AuthorizeKindRead(kind).ok()) kinds.push_back(kind);
    }
    if (kinds.empty()) return call.AuthorizeKindRead(store::PERSON);
  }
  links::PlaceRef place{request.division_code(), request.feature().layer_id(),
                        request.feature().feature_id()};
  if (!place.layer_id.empty()) {
    if (absl::Status s = call.AuthorizeLayerRead(place.layer_id); !s.ok()) {
      return absl::Status(s.code(), absl::StrCat("feature.layer_id: ", s.message()));
    }
  }
  auto page = links::EntitiesIn(call.backend().one_map, place, kinds, *page_size,
                                request.page_token());
  if (!page.ok()) return page.status();
  for (const links::RegisteredEntity& e : page->entities) {
    call.Touch(e.entity_id);
    auto* item = response->add_entities();
    item->set_entity_id(e.entity_id);
    item->set_kind(ToApiKind(e.kind));
    if (auto entity = call.backend().entities.GetEntity(e.entity_id); entity.ok()) {
      item->set_name(GoldenName(*entity));
    }
    item->set_division_code(e.division_code);
    if (e.location) {
      item->set_has_location(true);
      item->set_longitude(e.location->longitude);
      item->set_latitude(e.location->latitude);
    }
  }
  response->set_next_page_token(page->next_page_token);
  call.Touch(absl::StrCat(response->entities_size(), " entities in ",
                          place.division_code.empty()
                              ? absl::StrCat("feature:", place.layer_id, "/", place.feature_id)
                              : absl::StrCat("division:", place.division_code)));
  return absl::OkStatus();
}

absl::Status GetDivision(CallScope& call, const v1::GetDivisionRequest& request,
                         v1::DivisionRecord* response) {
  if (auto s = Required(request.code(), "code"); !s.ok()) return s;
  auto record = links::DescribeDivision(call.backend().one_map, request.code());
  if (!record.ok()) {
    if (record.status().code() != absl::StatusCode::kInvalidArgument) return record.status();
    return absl::InvalidArgumentError(absl::StrCat("code: ", record.status().message()));
  }
  ToApi(record->division, response->mutable_division());
  if (!record->feature_id.empty() && call.AuthorizeLayerRead(record->layer_id).ok()) {
    response->mutable_division()->mutable_feature()->set_layer_id(record->layer_id);
    response->mutable_division()->mutable_feature()->set_feature_id(record->feature_id);
    response->mutable_division()->set_entity_id(record->entity_id);
  }
  for (const auto& p : record->parents) ToApi(p, response->add_parents());
  response->set_retired(record->retired);
  ToApi(record->current, response->mutable_current());
  for (const links::DivisionChange& c : record->history) {
    auto* change = response->add_history();
    change->set_year(c.year);
    ToApi(c.retired, change->mutable_retired());
    ToApi(c.successor, change->mutable_successor());
  }
  response->set_children(record->children);
  call.Touch(absl::StrCat("division:", record->division.code));
  return absl::OkStatus();
}

}  // namespace mdhub::services::internal
