// Identifiers of generated organisations, each issued once: unified social credit codes
// (GB 32100) with their embedded organisation codes (GB 11714), the legacy organisation codes
// and business registration numbers of before the 2015 reform, and the typing errors they get.
#ifndef MDHUB_TOOLS_GEN_INTERNAL_ORG_CODES_H_
#define MDHUB_TOOLS_GEN_INTERNAL_ORG_CODES_H_

#include <cstdint>
#include <string>

#include "absl/container/flat_hash_map.h"
#include "absl/strings/string_view.h"
#include "tools/gen/internal/random.h"

namespace mdhub::gen {

// Issues codes in a fixed order, so that the same calls give the same codes. Codes of one space
// are scattered over it (an affine bijection of the serial number), never repeated. Not
// thread-safe.
class OrgCodeIssuer {
 public:
  // A legacy organisation code (8 digits and the GB 11714 check): `lead` then 7 digits. Leads in
  // use: '0' organs, '4' institutions, '5' social organisations, '6' and '7' enterprises.
  std::string LegacyOrganizationCode(char lead);
  // An organisation code issued with a credit code since the reform: `prefix` (MA5 business
  // registration, MJ civil affairs, MB establishment office) then credit-code characters to 8,
  // and the GB 11714 check. REQUIRES: prefix of 2 or 3 characters.
  std::string NewOrganizationCode(absl::string_view prefix);
  // A 15-digit business registration number (GS15-2006) of the authority of `region`: the region,
  // '0' for enterprises or '6' for individual businesses, 7 digits and the check digit.
  std::string RegistrationNumber(absl::string_view region, bool individual);

 private:
  // The next serial of a space of `size` values, scattered; aborts when the space is used up.
  uint64_t Next(absl::string_view space, uint64_t size);

  absl::flat_hash_map<std::string, uint64_t> next_;
};

// The credit code of the department and category ("91"), the 6-digit region and a 9-character
// organisation code, with its check character.
std::string MakeCreditCode(absl::string_view prefix, absl::string_view region,
                           absl::string_view organization_code);

// A credit code with one character changed to another of the alphabet (fails the check).
std::string MistypedCreditCode(absl::string_view code, Rng& rng);
// The same code as some clerks type it: lower case, full-width, or with spaces or a hyphen in it
// (standardisation removes all of these).
std::string RespelledCode(absl::string_view code, Rng& rng);

}  // namespace mdhub::gen

#endif  // MDHUB_TOOLS_GEN_INTERNAL_ORG_CODES_H_
