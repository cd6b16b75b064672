// One mutation applied inside an EntityStore write, and the survivorship that rebuilds an
// entity from its member records.
#ifndef MDHUB_RESOLVER_INTERNAL_APPLY_H_
#define MDHUB_RESOLVER_INTERNAL_APPLY_H_

#include <vector>

#include "absl/status/statusor.h"
#include "resolver/record_resolver.h"
#include "store/entity_store.h"

namespace mdhub::resolver::internal {

// Applies a validated mutation. A rejection (NOT_FOUND, FAILED_PRECONDITION) is returned in the
// inner status before anything is written; the outer status is a storage failure.
absl::StatusOr<absl::StatusOr<MutationOutcome>> ApplyInWrite(const Mutation& m,
                                                             store::EntityWrite& w);

// Rebuilds golden attributes and identifiers of `entity` from its current member records.
// Each attribute survives from the member with the latest source time (then transaction time).
void Survive(const std::vector<store::Record>& members, store::Entity& entity);

}  // namespace mdhub::resolver::internal

#endif  // MDHUB_RESOLVER_INTERNAL_APPLY_H_
