// One mutation applied inside an EntityStore write, and the survivorship that rebuilds an
// entity from its member records.
#ifndef MDHUB_RESOLVER_INTERNAL_APPLY_H_
#define MDHUB_RESOLVER_INTERNAL_APPLY_H_

#include <vector>

#include "absl/status/statusor.h"
#include "resolver/internal/link.h"
#include "resolver/match/profile.h"
#include "resolver/record_resolver.h"
#include "store/entity_store.h"

namespace mdhub::resolver::internal {

// Applies a validated mutation. A rejection (NOT_FOUND, FAILED_PRECONDITION) is returned in the
// inner status before anything is written; the outer status is a storage failure.
// Sets the record's match values and blocking keys (the standardisation matching needs). Done
// before the write, outside the store's write lock, possibly on several threads.
void PrepareForMatching(const MatchProfile& profile, store::Record& record);

// With a profile, a new record is linked by the trained model as well as by identifiers; the
// record must have been prepared with PrepareForMatching. `ahead`, when given, is the new
// record's link planned ahead of the write (PlanLinkAhead), used while still current, together
// with what it read (taken over from it).
absl::StatusOr<absl::StatusOr<MutationOutcome>> ApplyInWrite(const Mutation& m,
                                                             const MatchProfile* profile,
                                                             store::EntityWrite& w,
                                                             PlannedLink* ahead = nullptr);

// The order in which members' values survive: newest source time first, then newest transaction
// time; ties broken by source and key so that the result does not depend on input order.
bool SurvivesBefore(const store::Record& a, const store::Record& b);

// Rebuilds golden attributes, identifiers and search terms (person and organisation search,
// cross-registry link terms) of `entity` from its current member records.
// Each attribute survives from the member with the latest source time (then transaction time).
void Survive(const std::vector<store::Record>& members, store::Entity& entity);

// Completes an audit entry for applied mutations: records and entities touched (bounded), and
// the outcome (the mutation's own status for a single one, counts for a batch).
void DescribeForAudit(const std::vector<Mutation>& mutations,
                      const std::vector<absl::StatusOr<MutationOutcome>>& results,
                      store::AuditEntry& entry);

}  // namespace mdhub::resolver::internal

#endif  // MDHUB_RESOLVER_INTERNAL_APPLY_H_
