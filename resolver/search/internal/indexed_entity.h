// What person and organisation search share: reading the entities that a search-term index
// named, and the page bounds.
#ifndef MDHUB_RESOLVER_SEARCH_INTERNAL_INDEXED_ENTITY_H_
#define MDHUB_RESOLVER_SEARCH_INTERNAL_INDEXED_ENTITY_H_

#include <optional>
#include <string>

#include "absl/container/flat_hash_set.h"
#include "absl/status/statusor.h"
#include "store/entity_store.h"

namespace mdhub::resolver::internal {

// INVALID_ARGUMENT (naming no field: the callers check the request's page fields) for limit < 1
// or offset < 0.
absl::Status CheckPage(int limit, int offset);

// The current version of an entity of `kind` that an index named; nullopt when it is gone from
// the index's view: merged away into an entity already in `seen`, retired, or of another kind.
// Adds the entity's id to `seen`.
absl::StatusOr<std::optional<store::Entity>> ReadIndexedEntity(
    const store::EntityStore& store, store::Kind kind, const std::string& id,
    absl::flat_hash_set<std::string>& seen);

}  // namespace mdhub::resolver::internal

#endif  // MDHUB_RESOLVER_SEARCH_INTERNAL_INDEXED_ENTITY_H_
