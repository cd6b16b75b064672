// Where a person or legal entity is, as its search terms index it (Entity.search_terms): the
// division of its golden address and the cell of its golden location. The one map finds the
// entities registered in a division or standing inside a parcel through them (links/).
#ifndef MDHUB_RESOLVER_RELATIONS_PLACE_TERMS_H_
#define MDHUB_RESOLVER_RELATIONS_PLACE_TERMS_H_

#include <optional>
#include <string>
#include <vector>

#include "absl/strings/string_view.h"
#include "resolver/standardize/location.h"
#include "store/model.pb.h"

namespace mdhub::resolver {

// "at:<code>": the finest division code of the golden address (6 digits for a county, 9 for a
// township, 12 for a village), a retired county read as its successor. Every coarser division is
// a prefix of it, so a prefix scan over "at:4501" finds everyone registered in Nanning.
inline constexpr absl::string_view kDivisionTerm = "at:";
// "loc:<cell>": the LocationCell of the golden location; a prefix scan over "loc:" + a coarser
// cell finds everyone located inside that cell.
inline constexpr absl::string_view kLocationTerm = "loc:";

// The finest division code of the entity's golden address; "" when it has none or names no
// division.
std::string AddressDivisionCode(const store::Entity& e);
// The entity's golden location; nullopt when it has none or it cannot be read.
std::optional<GeoPoint> EntityLocation(const store::Entity& e);

// The place terms above, for a person or legal entity.
std::vector<std::string> PlaceTerms(const store::Entity& e);

}  // namespace mdhub::resolver

#endif  // MDHUB_RESOLVER_RELATIONS_PLACE_TERMS_H_
