// Links between the registries and the one map: where a person or legal entity is (the divisions
// of its registered address; the divisions and features, such as parcels, under its location)
// and, the other way round, who is registered in a division or located inside a feature.
// Built on the place terms the resolver indexes with every entity (resolver/relations/
// place_terms.h), so that the links are as current as the entities, written in the same
// transaction, and need no copy of the registries on the map.
#ifndef MDHUB_LINKS_REGISTRY_LINKS_H_
#define MDHUB_LINKS_REGISTRY_LINKS_H_

#include <optional>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "geo/divisions.h"
#include "links/division_codes.h"
#include "geo/one_map.h"
#include "resolver/standardize/location.h"
#include "store/entity_store.h"
#include "store/feature_store.h"
#include "store/model.pb.h"

namespace mdhub::links {

struct EntityPlace {
  // The golden address and the divisions it names, province first (none when it names none).
  std::string address;
  std::vector<CodedDivision> address_divisions;
  // The golden location (CGCS2000), and what lies under it on the map: the division chain of
  // the division layers, and the features of the asked layers that cover the point.
  std::optional<resolver::GeoPoint> location;
  std::vector<geo::Division> location_divisions;
  std::vector<store::Feature> features;
};

// Where `entity` (a person or legal entity, current version) is. `layer_ids`: the layers whose
// features under the location are listed; each must exist (NOT_FOUND naming it). Features per
// layer: at most `max_features_per_layer`.
absl::StatusOr<EntityPlace> PlaceOf(const geo::OneMap& map, const store::Entity& entity,
                                    const std::vector<std::string>& layer_ids,
                                    int max_features_per_layer = 10);

// Which place to list the entities of: a division code, or a feature of the map.
struct PlaceRef {
  std::string division_code;  // 2, 4, 6, 9 or 12 digits; "450100" is read as "4501"
  std::string layer_id;       // with feature_id
  std::string feature_id;
};

struct RegisteredEntity {
  std::string entity_id;
  store::Kind kind = store::KIND_UNSPECIFIED;
  // The division code of its address (division queries) or its location (feature queries).
  std::string division_code;
  std::optional<resolver::GeoPoint> location;
};

struct RegisteredPage {
  std::vector<RegisteredEntity> entities;
  std::string next_page_token;  // "" when there are no more
};

// The persons and legal entities (those of `kinds`; empty = both) registered in the place:
// for a division, those whose golden address lies in it (a retired county code is read as its
// successor), ordered by kind, then division code, then entity id; for a feature, those whose
// golden location lies in its current geometry (its boundary included), ordered by kind, then
// entity id. At most page_size (1 to 1000) per page. INVALID_ARGUMENT naming the field
// ("division_code", "feature.feature_id", "kinds[1]", "page_size", "page_token"); NOT_FOUND for an unknown
// layer or feature, or a deleted feature.
absl::StatusOr<RegisteredPage> EntitiesIn(const geo::OneMap& map, const PlaceRef& place,
                                          const std::vector<store::Kind>& kinds, int page_size,
                                          const std::string& page_token);

}  // namespace mdhub::links

#endif  // MDHUB_LINKS_REGISTRY_LINKS_H_
