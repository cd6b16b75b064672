// Citizen identity numbers (GB 11643-1999): standardisation and validation. Real data holds
// numbers that fail checks, so validation reports a verdict instead of rejecting the number.
#ifndef MDHUB_RESOLVER_STANDARDIZE_CITIZEN_ID_H_
#define MDHUB_RESOLVER_STANDARDIZE_CITIZEN_ID_H_

#include <string>

#include "absl/strings/string_view.h"
#include "absl/time/civil_time.h"
#include "resolver/standardize/divisions.h"

namespace mdhub::resolver {

struct CitizenId {
  // The standard form: half-width, upper-case X, a 15-digit legacy number upgraded to 18
  // characters. For input that is not shaped like a number at all: the cleaned input.
  std::string value;
  bool valid = false;
  // Why the number is not valid; empty when it is.
  std::string problem;
  // The input was a 15-digit legacy number.
  bool upgraded = false;
  // Filled when the number is well-formed (even if a later check fails).
  absl::CivilDay birth_date;
  char sex = 0;  // 'M' or 'F'
  std::string region;  // the 6-digit GB/T 2260 code
  // The region code has been replaced since the number was issued (still valid).
  bool region_retired = false;
};

// The standard form only (no date or region checks): what identifier indexes are keyed by, so
// that every spelling of a number, 15 or 18 digits, finds the same person.
std::string CitizenIdKey(absl::string_view raw);

// Standardises and checks a number: characters, region code (current or retired), a real birth
// date not after `today`, and the check character (ISO 7064 MOD 11-2).
CitizenId ParseCitizenId(absl::string_view raw, const DivisionTable& divisions,
                         absl::CivilDay today);

// The check character of the first 17 digits.
char CitizenIdCheckCharacter(absl::string_view first17);

}  // namespace mdhub::resolver

#endif  // MDHUB_RESOLVER_STANDARDIZE_CITIZEN_ID_H_
