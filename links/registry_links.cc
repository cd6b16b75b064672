#include "links/registry_links.h"

#include <algorithm>

#include "absl/strings/ascii.h"
#include "absl/strings/escaping.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "geo/crs.h"
#include "geo/geometry.h"
#include "geo/query.h"
#include "resolver/relations/place_terms.h"
#include "resolver/standardize/address.h"
#include "resolver/standardize/divisions.h"

namespace mdhub::links {
namespace {

constexpr int kMaxPageSize = 1000;
// A feature query reads at most this many located entities (a parcel holds a few; a polygon the
// size of a county is asked by its division code instead).
constexpr int kMaxFeatureCandidates = 50000;
constexpr char kGeographic[] = "EPSG:4490";

std::vector<CodedDivision> AddressDivisions(const resolver::ParsedAddress& a) {
  std::vector<CodedDivision> out;
  const std::pair<const std::string*, const std::string*> levels[] = {
      {&a.province_code, &a.province}, {&a.city_code, &a.city},       {&a.county_code, &a.county},
      {&a.township_code, &a.township}, {&a.village_code, &a.village}};
  for (int i = 0; i < 5; ++i) {
    if (levels[i].first->empty()) continue;
    std::string code = *levels[i].first;
    if (code.size() < 6) code.append(6 - code.size(), '0');  // as LocateDivisions names them
    out.push_back({i + 1, std::move(code), *levels[i].second});
  }
  return out;
}

absl::Status CheckKinds(std::vector<store::Kind>& kinds) {
  if (kinds.empty()) kinds = {store::PERSON, store::LEGAL_ENTITY};
  for (size_t i = 0; i < kinds.size(); ++i) {
    if (kinds[i] != store::PERSON && kinds[i] != store::LEGAL_ENTITY) {
      return absl::InvalidArgumentError(
          absl::StrCat("kinds[", i, "]: must be PERSON or LEGAL_ENTITY"));
    }
  }
  std::sort(kinds.begin(), kinds.end());
  kinds.erase(std::unique(kinds.begin(), kinds.end()), kinds.end());
  return absl::OkStatus();
}

// Page tokens: the kind the page starts in, and where in it (a store position for divisions, the
// last entity id for features), bound to the place asked.
std::string Token(const std::string& place_key, store::Kind kind, absl::string_view position) {
  return absl::WebSafeBase64Escape(absl::StrCat(place_key, "|", static_cast<int>(kind), "|",
                                                position));
}

struct Position {
  store::Kind kind = store::KIND_UNSPECIFIED;
  std::string after;
};

absl::StatusOr<Position> ParseToken(const std::string& place_key, absl::string_view token) {
  Position p;
  if (token.empty()) return p;
  std::string raw;
  const std::string prefix = absl::StrCat(place_key, "|");
  if (!absl::WebSafeBase64Unescape(token, &raw) || !absl::StartsWith(raw, prefix) ||
      raw.size() < prefix.size() + 2 || raw[prefix.size() + 1] != '|') {
    return absl::InvalidArgumentError(
        "page_token: not a token of this query (pass the next_page_token of the previous page "
        "with the same place and kinds)");
  }
  p.kind = static_cast<store::Kind>(raw[prefix.size()] - '0');
  p.after = raw.substr(prefix.size() + 2);
  return p;
}

absl::StatusOr<RegisteredPage> InDivision(const store::EntityStore& entities,
                                          const std::string& code,
                                          const std::vector<store::Kind>& kinds, int page_size,
                                          const std::string& token) {
  const std::string place_key = absl::StrCat("d", code);
  auto start = ParseToken(place_key, token);
  if (!start.ok()) return start.status();
  RegisteredPage page;
  const std::string term = absl::StrCat(resolver::kDivisionTerm, code);
  for (store::Kind kind : kinds) {
    if (kind < start->kind) continue;
    const std::string after = kind == start->kind ? start->after : "";
    const int room = page_size - static_cast<int>(page.entities.size());
    auto hits = entities.ScanSearchTerms(kind, term, after, room);
    if (absl::IsInvalidArgument(hits.status())) {
      return absl::InvalidArgumentError(absl::StrCat("page_token: ", hits.status().message()));
    }
    if (!hits.ok()) return hits.status();
    for (const auto& hit : hits->hits) {
      page.entities.push_back(
          {hit.entity_id, kind, hit.term.substr(resolver::kDivisionTerm.size()), std::nullopt});
    }
    if (!hits->next_token.empty()) {
      page.next_page_token = Token(place_key, kind, hits->next_token);
      return page;
    }
    if (static_cast<int>(page.entities.size()) == page_size) {
      // Full: the next page starts at the next kind that has any.
      for (auto next = std::upper_bound(kinds.begin(), kinds.end(), kind); next != kinds.end();
           ++next) {
        auto any = entities.ScanSearchTerms(*next, term, "", 1);
        if (!any.ok()) return any.status();
        if (!any->hits.empty()) {
          page.next_page_token = Token(place_key, *next, "");
          break;
        }
      }
      return page;
    }
  }
  return page;
}

absl::StatusOr<RegisteredPage> InFeature(const geo::OneMap& map, const PlaceRef& place,
                                         const std::vector<store::Kind>& kinds, int page_size,
                                         const std::string& token) {
  if (place.feature_id.empty()) {
    return absl::InvalidArgumentError("feature.feature_id: is required with feature.layer_id");
  }
  const std::string place_key = absl::StrCat("f", place.layer_id, "/", place.feature_id);
  auto start = ParseToken(place_key, token);
  if (!start.ok()) return start.status();
  auto info = map.Info(place.layer_id);
  if (!info.ok()) return info.status();
  auto feature = map.features().GetFeature(place.layer_id, place.feature_id);
  if (!feature.ok()) {
    return absl::Status(feature.status().code(),
                        absl::StrCat("feature.feature_id: ", feature.status().message()));
  }
  if (feature->deleted()) {
    return absl::NotFoundError(absl::StrCat("feature.feature_id: feature ", place.layer_id, "/",
                                            place.feature_id, " was deleted"));
  }
  auto shape = geo::Geometry::FromWkb(feature->wkb());
  if (!shape.ok()) return shape.status();
  auto to_geographic = geo::TransformTo((*info)->crs, kGeographic);
  if (!to_geographic.ok()) return to_geographic.status();
  if (auto s = to_geographic->Apply(*shape); !s.ok()) return s;
  const geo::Box box = shape->Envelope();
  const std::vector<std::string> cells =
      resolver::CellsCovering(box.min_x, box.min_y, box.max_x, box.max_y);
  const geo::PreparedGeometry prepared(*shape);

  std::vector<RegisteredEntity> found;
  int64_t candidates = 0;
  for (store::Kind kind : kinds) {
    for (const std::string& cell : cells) {
      std::string after;
      do {
        auto hits = map.entities().ScanSearchTerms(
            kind, absl::StrCat(resolver::kLocationTerm, cell), after, 1000);
        if (!hits.ok()) return hits.status();
        candidates += hits->hits.size();
        if (candidates > kMaxFeatureCandidates) {
          return absl::FailedPreconditionError(absl::StrCat(
              "feature: more than ", kMaxFeatureCandidates, " located entities lie around feature ",
              place.layer_id, "/", place.feature_id, "; ask by its division code instead"));
        }
        for (const auto& hit : hits->hits) {
          auto entity = map.entities().GetEntity(hit.entity_id);
          if (!entity.ok() || entity->id() != hit.entity_id) continue;  // merged meanwhile
          std::optional<resolver::GeoPoint> p = resolver::EntityLocation(*entity);
          if (!p || !prepared.Covers(geo::Geometry::Point(p->longitude, p->latitude))) continue;
          found.push_back({hit.entity_id, kind, resolver::AddressDivisionCode(*entity), p});
        }
        after = hits->next_token;
      } while (!after.empty());
    }
  }
  std::sort(found.begin(), found.end(), [](const RegisteredEntity& a, const RegisteredEntity& b) {
    return a.kind != b.kind ? a.kind < b.kind : a.entity_id < b.entity_id;
  });
  RegisteredPage page;
  for (RegisteredEntity& e : found) {
    if (start->kind != store::KIND_UNSPECIFIED &&
        (e.kind < start->kind || (e.kind == start->kind && e.entity_id <= start->after))) {
      continue;
    }
    if (static_cast<int>(page.entities.size()) == page_size) {
      const RegisteredEntity& last = page.entities.back();
      page.next_page_token = Token(place_key, last.kind, last.entity_id);
      break;
    }
    page.entities.push_back(std::move(e));
  }
  return page;
}

}  // namespace

absl::StatusOr<EntityPlace> PlaceOf(const geo::OneMap& map, const store::Entity& entity,
                                    const std::vector<std::string>& layer_ids,
                                    int max_features_per_layer) {
  EntityPlace place;
  for (const store::GoldenAttribute& a : entity.attributes()) {
    if (a.name() == "address") place.address = a.value();
  }
  if (!place.address.empty()) {
    place.address_divisions = AddressDivisions(resolver::ParseAddress(place.address));
  }
  // The layers must exist whether or not there is a location to look under.
  for (size_t i = 0; i < layer_ids.size(); ++i) {
    if (auto info = map.Info(layer_ids[i]); !info.ok()) {
      return absl::Status(info.status().code(),
                          absl::StrCat("layer_ids[", i, "]: ", info.status().message()));
    }
  }
  place.location = resolver::EntityLocation(entity);
  if (!place.location) return place;
  auto chain = geo::LocateDivisions(map, place.location->longitude, place.location->latitude,
                                    kGeographic, std::nullopt);
  if (!chain.ok()) return chain.status();
  place.location_divisions = *std::move(chain);
  for (size_t i = 0; i < layer_ids.size(); ++i) {
    geo::SpatialQuery q;
    q.layer_id = layer_ids[i];
    q.op = geo::SpatialQuery::Op::kIntersects;
    q.geometry = geo::Geometry::Point(place.location->longitude, place.location->latitude);
    q.crs = kGeographic;
    q.page_size = max_features_per_layer;
    auto result = geo::RunQuery(map, q);
    if (!result.ok()) {
      return absl::Status(result.status().code(),
                          absl::StrCat("layer_ids[", i, "]: ", result.status().message()));
    }
    for (geo::QueryHit& hit : result->hits) place.features.push_back(*hit.feature);
  }
  return place;
}

absl::StatusOr<RegisteredPage> EntitiesIn(const geo::OneMap& map, const PlaceRef& place,
                                          const std::vector<store::Kind>& kinds_asked,
                                          int page_size, const std::string& page_token) {
  if (page_size < 1 || page_size > kMaxPageSize) {
    return absl::InvalidArgumentError(absl::StrCat("page_size: must be 1 to ", kMaxPageSize));
  }
  std::vector<store::Kind> kinds = kinds_asked;
  if (auto s = CheckKinds(kinds); !s.ok()) return s;
  const bool by_feature = !place.layer_id.empty() || !place.feature_id.empty();
  if (by_feature == !place.division_code.empty()) {
    return absl::InvalidArgumentError(
        "division_code, feature: give one of them (a division code, or a feature by layer_id and feature_id)");
  }
  if (by_feature) {
    if (place.layer_id.empty()) {
      return absl::InvalidArgumentError("feature.layer_id: is required with feature.feature_id");
    }
    return InFeature(map, place, kinds, page_size, page_token);
  }
  auto code = CanonicalDivisionCode(place.division_code);
  if (!code.ok()) {
    return absl::InvalidArgumentError(absl::StrCat("division_code: ", code.status().message()));
  }
  return InDivision(map.entities(), *code, kinds, page_size, page_token);
}

}  // namespace mdhub::links
