#include "resolver/compare/address_agreement.h"

#include <utility>

#include "resolver/compare/similarity.h"

namespace mdhub::resolver {
namespace {

// "CODE|DETAIL" -> (CODE, DETAIL).
std::pair<absl::string_view, absl::string_view> Split(absl::string_view standard) {
  const size_t bar = standard.find('|');
  if (bar == absl::string_view::npos) return {"", standard};
  return {standard.substr(0, bar), standard.substr(bar + 1)};
}

// Both codes name the same division at a level whose codes have `length` digits.
bool SameAt(absl::string_view a, absl::string_view b, size_t length) {
  return a.size() >= length && b.size() >= length && a.substr(0, length) == b.substr(0, length);
}

}  // namespace

AddressAgreement CompareAddresses(absl::string_view a, absl::string_view b) {
  if (a.empty() || b.empty()) return AddressAgreement::kMissing;
  if (a == b) return AddressAgreement::kExact;
  auto [code_a, detail_a] = Split(a);
  auto [code_b, detail_b] = Split(b);
  if (code_a == code_b && code_a.size() >= 6 && !detail_a.empty() && !detail_b.empty() &&
      JaroWinkler(detail_a, detail_b) >= kSimilarDetail) {
    return AddressAgreement::kSimilar;
  }
  if (SameAt(code_a, code_b, 9)) return AddressAgreement::kSameTownship;
  if (SameAt(code_a, code_b, 6)) return AddressAgreement::kSameCounty;
  if (SameAt(code_a, code_b, 4)) return AddressAgreement::kSameCity;
  return AddressAgreement::kDifferent;
}

absl::string_view AddressAgreementName(AddressAgreement level) {
  switch (level) {
    case AddressAgreement::kMissing:
      return "missing";
    case AddressAgreement::kExact:
      return "exact";
    case AddressAgreement::kSimilar:
      return "similar";
    case AddressAgreement::kSameTownship:
      return "same_township";
    case AddressAgreement::kSameCounty:
      return "same_county";
    case AddressAgreement::kSameCity:
      return "same_city";
    case AddressAgreement::kDifferent:
      break;
  }
  return "different";
}

}  // namespace mdhub::resolver
