// How far two addresses agree, level by level down the division hierarchy: the comparison
// behind `compare = "address"` in matching settings. Works on standard forms (StandardAddress).
#ifndef MDHUB_RESOLVER_COMPARE_ADDRESS_AGREEMENT_H_
#define MDHUB_RESOLVER_COMPARE_ADDRESS_AGREEMENT_H_

#include <cstdint>

#include "absl/strings/string_view.h"

namespace mdhub::resolver {

// The comparison levels, strongest first. Each pair gets the first level that holds.
enum class AddressAgreement : uint8_t {
  kMissing = 0,       // either address is empty: no evidence
  kExact = 1,         // the same standard form: same divisions, same detail
  kSimilar = 2,       // the same division, county or finer, and details with Jaro-Winkler >= 0.9
                      // (the same village or street address written slightly differently)
  kSameTownship = 3,  // both in the same township (same village, different detail, included)
  kSameCounty = 4,
  kSameCity = 5,      // the same prefecture
  kDifferent = 6,     // different prefectures, or too little known to say they agree
};
inline constexpr int kAddressAgreementLevels = 7;
// Details at least this Jaro-Winkler similar count as kSimilar.
inline constexpr double kSimilarDetail = 0.9;

// The agreement of two standard addresses ("CODE|DETAIL"; a value without '|' is read as a
// detail with no code). Symmetric; thread-safe.
AddressAgreement CompareAddresses(absl::string_view a, absl::string_view b);

// "missing", "exact", "similar", "same_township", "same_county", "same_city", "different".
absl::string_view AddressAgreementName(AddressAgreement level);

}  // namespace mdhub::resolver

#endif  // MDHUB_RESOLVER_COMPARE_ADDRESS_AGREEMENT_H_
