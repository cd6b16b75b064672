// Where a new record belongs: the incremental counterpart of batch clustering. Candidates come
// from the identifier index (a shared identifier links outright) and from the blocking index
// scored with the trained model; hard constraints and stewards' decisions beat scores.
#ifndef MDHUB_RESOLVER_INTERNAL_LINK_H_
#define MDHUB_RESOLVER_INTERNAL_LINK_H_

#include <optional>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "resolver/match/profile.h"
#include "store/entity_store.h"

namespace mdhub::resolver::internal {

struct LinkPlan {
  // The entity the record joins; "" for a new entity.
  std::string entity_id;
  // Why, for explanations ("new entity" when nothing linked).
  std::string reason;
  // The record whose score linked it, when a score did.
  store::RecordRef matched;
  // Other entities the record links to: merged into entity_id (the record bridges them).
  std::vector<std::string> merge;
  // Uncertain pairs (between the review and link thresholds) for the review queue.
  std::vector<store::ReviewItem> reviews;
};

// Plans the link of a new record. `record` carries its match_values and blocking_keys (set from
// `profile` when there is one; without a profile only identifiers and decisions link).
// `stored_before` is false for a record the store has never held: stewards decide only about
// stored records, so there are no decisions to read.
absl::StatusOr<LinkPlan> PlanLink(const MatchProfile* profile, const store::Record& record,
                                  bool stored_before, store::EntityWrite& w);

// A new record's link planned ahead of its write, from a planning view: the write uses it while
// nothing it read has changed (EntityWrite::Unchanged) and plans again otherwise.
struct PlannedLink {
  store::ReadSet reads;
  LinkPlan plan;
};

// Plans ahead the link of a record that `view` does not hold, reading also the entity it joins
// and its members (for the write to take over); nullopt when the view holds the record (the
// write keeps its entity) or the planning read failed (the write plans, and reports the error).
std::optional<PlannedLink> PlanLinkAhead(const MatchProfile* profile, const store::Record& record,
                                         const store::EntityStore::PlanningView& view);

}  // namespace mdhub::resolver::internal

#endif  // MDHUB_RESOLVER_INTERNAL_LINK_H_
