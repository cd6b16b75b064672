// Entity-level operations inside an EntityStore write, shared by incremental resolution and the
// stewards' actions: rebuilding an entity from its members, moving records between entities,
// merging one entity into another (leaving a redirect).
#ifndef MDHUB_RESOLVER_INTERNAL_ENTITIES_H_
#define MDHUB_RESOLVER_INTERNAL_ENTITIES_H_

#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "store/entity_store.h"

namespace mdhub::resolver::internal {

// Current versions of the entity's members (tombstones left out).
absl::StatusOr<std::vector<store::Record>> ReadMembers(const store::Entity& entity,
                                                       store::EntityWrite& w);

// Computes ahead, on the calling thread, what rebuilding an entity from its members and a new
// record (not yet stored) computes through shared memos — the division code of the address that
// survives — so that the rebuild in the serial write finds it done.
void WarmRebuild(const std::vector<store::Record>& members, const store::Record& record);

// Rebuilds golden attributes, identifiers and search terms from the current members, marks the
// entity retired when it has none, and stores the new version (caused by `cause`).
// REQUIRES: w.BeginChange() was called.
absl::Status StoreEntity(store::Entity& entity, const store::RecordRef& cause,
                         store::EntityWrite& w);

// The entity stored under id; NOT_FOUND names it, FAILED_PRECONDITION when it was merged away.
absl::StatusOr<store::Entity> LiveEntity(const std::string& id, store::EntityWrite& w);

// Moves records into entity `to` (created empty when it does not exist yet) and rebuilds it and
// the entities they leave. Each moved record gets `reason` as its link reason. Appends one change
// of `type` that names `to`. REQUIRES: w.BeginChange() was called.
absl::Status MoveRecords(const std::vector<store::RecordRef>& records, const std::string& to,
                         store::Kind kind, const std::string& reason,
                         store::ChangeEvent::Type type, store::EntityWrite& w);

// Merges entity `from` into `into` as its own change: every member moves, and `from` becomes a
// retired redirect to `into`.
absl::Status MergeInto(const std::string& into, const std::string& from,
                       const std::string& reason, store::EntityWrite& w);

// The first cannot-link decision between a member of `a` and a member of `b`, as "X and Y";
// "" when there is none.
absl::StatusOr<std::string> CannotLinkBetween(const store::Entity& a, const store::Entity& b,
                                              store::EntityWrite& w);

// The valid identifiers ("type:value") an entity holds, which bind it (see IsBindingValue).
std::vector<std::string> BindingIdentifiers(const store::Entity& entity);

}  // namespace mdhub::resolver::internal

#endif  // MDHUB_RESOLVER_INTERNAL_ENTITIES_H_
