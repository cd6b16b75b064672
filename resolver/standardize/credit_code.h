// Unified social credit codes (GB 32100-2015), the organisation codes embedded in them
// (GB 11714-1997) and the business registration numbers that preceded them (GS15-2006):
// standardisation and validation with the reason for any failure.
#ifndef MDHUB_RESOLVER_STANDARDIZE_CREDIT_CODE_H_
#define MDHUB_RESOLVER_STANDARDIZE_CREDIT_CODE_H_

#include <string>

#include "absl/strings/string_view.h"
#include "resolver/standardize/divisions.h"

namespace mdhub::resolver {

struct CreditCode {
  // Half-width, upper case, without spaces or hyphens.
  std::string value;
  bool valid = false;
  // Why the code is not valid; empty when it is.
  std::string problem;
  // A failure that does not invalidate the code: the embedded organisation code's own check
  // (many codes issued to individual businesses carry organisation codes that fail it).
  std::string warning;
  // Filled when the code is well-formed.
  char department = 0;  // registering department: 1 establishment office, 5 civil affairs, 9 AIC...
  char category = 0;
  std::string region;             // 6-digit GB/T 2260 code
  std::string organization_code;  // 9 characters, GB 11714
};

CreditCode ParseCreditCode(absl::string_view raw, const DivisionTable& divisions);

// The check character of the first 17 characters (which must be in the code alphabet).
char CreditCodeCheckCharacter(absl::string_view first17);
// The check character of an 8-character organisation code body; 0 for a character outside 0-9A-Z.
char OrganizationCodeCheckCharacter(absl::string_view first8);
// True when a 9-character organisation code (hyphen allowed before the check) passes its check.
bool IsValidOrganizationCode(absl::string_view code);
// Why a standardised organisation code (9 characters, no hyphen) fails GB 11714: its length, a
// character outside 0-9A-Z, or the check character; "" when it passes.
std::string OrganizationCodeProblem(absl::string_view code);

// The check digit of the first 14 digits of a 15-digit business registration number (ISO 7064
// MOD 11,10, as GS15-2006 prescribes). REQUIRES: 14 ASCII digits.
char RegistrationNumberCheckDigit(absl::string_view first14);
// Why a standardised business registration number fails: not 13 or 15 digits, or (15 digits) the
// check digit; "" when it passes. 13-digit numbers (before 2006) carry no check digit.
std::string RegistrationNumberProblem(absl::string_view number);

}  // namespace mdhub::resolver

#endif  // MDHUB_RESOLVER_STANDARDIZE_CREDIT_CODE_H_
