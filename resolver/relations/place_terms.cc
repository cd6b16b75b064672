#include "resolver/relations/place_terms.h"

#include "absl/strings/str_cat.h"
#include "resolver/search/internal/person_facts.h"
#include "resolver/standardize/address.h"

namespace mdhub::resolver {

using internal::Golden;

std::string AddressDivisionCode(const store::Entity& e) {
  const std::string* address = Golden(e, "address");
  return address == nullptr ? std::string() : AddressCode(*address);
}

std::optional<GeoPoint> EntityLocation(const store::Entity& e) {
  const std::string* raw = Golden(e, kLocationAttribute);
  if (raw == nullptr) return std::nullopt;
  auto p = ParseLocation(*raw);
  if (!p.ok()) return std::nullopt;
  return *p;
}

std::vector<std::string> PlaceTerms(const store::Entity& e) {
  std::vector<std::string> terms;
  if (std::string code = AddressDivisionCode(e); !code.empty()) {
    terms.push_back(absl::StrCat(kDivisionTerm, code));
  }
  if (std::optional<GeoPoint> p = EntityLocation(e)) {
    terms.push_back(absl::StrCat(kLocationTerm, LocationCell(*p)));
  }
  return terms;
}

}  // namespace mdhub::resolver
