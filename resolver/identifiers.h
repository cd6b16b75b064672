// The strong identifiers that a record carries, by entity kind: citizen identity numbers for
// persons; unified social credit codes and the legacy organisation codes and business
// registration numbers for legal entities. Records that share one are the same entity.
// Identifiers are indexed in a standard form (half-width, upper case, no spaces or hyphens;
// citizen ids 15 -> 18 digits), so that every spelling of one finds the same entity.
#ifndef MDHUB_RESOLVER_IDENTIFIERS_H_
#define MDHUB_RESOLVER_IDENTIFIERS_H_

#include <string>
#include <vector>

#include "absl/strings/string_view.h"
#include "store/model.pb.h"

namespace mdhub::resolver {

// Attribute names and identifier types.
inline constexpr absl::string_view kCitizenId = "citizen_id";
inline constexpr absl::string_view kCreditCode = "credit_code";
// Legacy legal-entity codes: GB 11714 organisation code (9 characters, held without the hyphen)
// and business registration number (13 or 15 digits).
inline constexpr absl::string_view kOrganizationCode = "organization_code";
inline constexpr absl::string_view kRegistrationNumber = "registration_number";
// A citizen id the person held before (on an ID-change record): indexed as a citizen_id.
inline constexpr absl::string_view kFormerCitizenId = "former_citizen_id";

// Full-width ASCII to half-width, spaces removed, letters upper-cased.
std::string NormalizeIdentifier(absl::string_view raw);

// The standard form under which an identifier of `type` is indexed and looked up.
std::string IdentifierKey(absl::string_view type, absl::string_view raw);

// The identifiers of the record's kind that it carries, standardised; empty values are skipped.
// For persons: citizen_id, and former_citizen_id (as type citizen_id). For legal entities:
// credit_code; organization_code, from its attribute and from characters 9-17 of a well-formed
// credit code (so that a legacy record holding only the organisation code joins the entity whose
// credit code embeds it); registration_number. A value failing its standard's check is kept with
// Identifier.problem set: it still links records that share it, but does not bind (see link.cc).
std::vector<store::Identifier> ExtractIdentifiers(const store::Record& record);

// The organisation code (standard form, 9 characters) that `raw` names: an organisation code, or
// the one a well-formed credit code embeds (characters 9-17); "" for anything else. How a legacy
// record and a current one meet, in identifiers and in matching alike.
std::string OrganizationCodeOf(absl::string_view raw);

// The type of a legacy legal-entity code in standard form (IdentifierKey): kOrganizationCode for
// 9 characters of 0-9 and A-Z, kRegistrationNumber for 13 or 15 digits; "" for anything else.
absl::string_view LegacyCodeType(absl::string_view key);

}  // namespace mdhub::resolver

#endif  // MDHUB_RESOLVER_IDENTIFIERS_H_
