// The strong identifiers that a record carries, by entity kind: citizen identity numbers for
// persons, unified social credit codes for legal entities. Records that share one are the same
// entity. Identifiers are indexed in a standard form (half-width, upper case, no spaces; citizen
// ids 15 -> 18 digits), so that every spelling of one finds the same entity.
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
// A citizen id the person held before (on an ID-change record): indexed as a citizen_id.
inline constexpr absl::string_view kFormerCitizenId = "former_citizen_id";

// Full-width ASCII to half-width, spaces removed, letters upper-cased.
std::string NormalizeIdentifier(absl::string_view raw);

// The standard form under which an identifier of `type` is indexed and looked up.
std::string IdentifierKey(absl::string_view type, absl::string_view raw);

// The identifiers of the record's kind that it carries, standardised; empty values are skipped.
// For persons: citizen_id, and former_citizen_id (as type citizen_id).
std::vector<store::Identifier> ExtractIdentifiers(const store::Record& record);

}  // namespace mdhub::resolver

#endif  // MDHUB_RESOLVER_IDENTIFIERS_H_
