// Steward: the data stewards' decisions — merge two entities, split records out of one, mark a
// pair of records must-link or cannot-link. Decisions persist and later automatic linking
// respects them; each action is one atomic write with its audit entry.
#ifndef MDHUB_RESOLVER_STEWARD_H_
#define MDHUB_RESOLVER_STEWARD_H_

#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "resolver/record_resolver.h"
#include "store/model.pb.h"

namespace mdhub::resolver {

// Thread-safe.
class Steward {
 public:
  // resolver must outlive the steward.
  explicit Steward(const RecordResolver& resolver) : resolver_(resolver) {}

  // Who decided and why; kept with the decision, in history (link reasons) and in the audit log.
  struct Context {
    std::string decided_by;
    std::string reason;
    // Committed with the write when given (and the resolver has an audit log).
    store::AuditEntry* audit = nullptr;
  };

  // Merges `merged_id` into `entity_id` (both of `kind`): every member moves, merged_id becomes a
  // redirect. INVALID_ARGUMENT when they are the same, NOT_FOUND for an unknown id,
  // FAILED_PRECONDITION when an id was already merged away, is of another kind, or a member pair
  // is marked cannot-link (decide that pair must-link to override).
  absl::StatusOr<store::Entity> Merge(store::Kind kind, const std::string& entity_id,
                                      const std::string& merged_id, const Context& context);

  // Moves `records` (members of entity_id; at least one, not all) into a new entity, and marks
  // each moved record cannot-link with each remaining one so that automatic linking keeps them
  // apart. Returns {remaining, split_off}.
  absl::StatusOr<std::pair<store::Entity, store::Entity>> Split(
      store::Kind kind, const std::string& entity_id, const std::vector<store::RecordRef>& records,
      const Context& context);

  // Records a decision about two records. MUST_LINK merges their entities (when they differ);
  // CANNOT_LINK moves `right` out into a new entity when they share one. Either clears the pair
  // from the review queue. Returns the entity of `left` and of `right` after the decision.
  absl::StatusOr<std::pair<store::Entity, store::Entity>> DecidePair(
      const store::RecordRef& left, const store::RecordRef& right,
      store::PairDecision::Type type, const Context& context);

 private:
  // Runs fn in one store write, audited as the context asks.
  absl::Status Write(absl::FunctionRef<absl::Status(store::EntityWrite&)> fn,
                     const Context& context);

  const RecordResolver& resolver_;
};

}  // namespace mdhub::resolver

#endif  // MDHUB_RESOLVER_STEWARD_H_
