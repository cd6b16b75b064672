// How close two birth dates are: the comparison behind `compare = "date"` in matching settings.
// Works on standard dates (StandardDate: "YYYY-MM-DD", or "YYYY-MM" when the day is unknown).
#ifndef MDHUB_RESOLVER_COMPARE_DATE_AGREEMENT_H_
#define MDHUB_RESOLVER_COMPARE_DATE_AGREEMENT_H_

#include <cstdint>

#include "absl/strings/string_view.h"

namespace mdhub::resolver {

// The comparison levels, strongest first. Each pair gets the first level that holds.
enum class DateAgreement : uint8_t {
  kMissing = 0,  // either date is empty: no evidence
  kExact = 1,    // the same date (or the same year and month, both without a day)
  kTypo = 2,     // one digit changed or two adjacent digits swapped, or day and month swapped
  kSameMonth = 3,  // one date has no day and its year and month agree with the other's
  kClose = 4,      // full dates at most 31 days apart (a registration-day or a lunar mix-up)
  kDifferent = 5,
};
inline constexpr int kDateAgreementLevels = 6;

// Symmetric; thread-safe. Values that are not standard dates compare as kExact when equal and
// kDifferent otherwise.
DateAgreement CompareDates(absl::string_view a, absl::string_view b);

// "missing", "exact", "typo", "same_month", "close", "different".
absl::string_view DateAgreementName(DateAgreement level);

}  // namespace mdhub::resolver

#endif  // MDHUB_RESOLVER_COMPARE_DATE_AGREEMENT_H_
