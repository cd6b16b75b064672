// The registration status of a legal entity as mdhub knows it: the status in force, from its
// member records, and the states before it, from the earlier versions of those records. Kept apart
// from Entity.retired: a deregistered company is still an entity with records and history.
#ifndef MDHUB_RESOLVER_REGISTRATION_HISTORY_H_
#define MDHUB_RESOLVER_REGISTRATION_HISTORY_H_

#include <optional>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "absl/time/time.h"
#include "resolver/standardize/registration_status.h"
#include "store/entity_store.h"

namespace mdhub::resolver {

struct RegistrationReport {
  // The legal entity answered for (the surviving id when the one asked for was merged away).
  std::string entity_id;
  // The most recent status its member records assert (AssertedBefore); nullopt when none of
  // them has a status.
  std::optional<RegistrationStatus> current;
  // When asked: the earlier states, oldest first, ending with the one before current. Each is the
  // first assertion of a run of one state (a state that several records or versions repeat is
  // listed once, from when it was first asserted). Assertions come from the member records as
  // they are and as they were at each version of the entity; a version that a record has since
  // corrected so that it would sort after the current status is left out.
  std::vector<RegistrationStatus> history;
};

// The registration status of legal entity `entity_id` as mdhub knew it at transaction time
// `as_of` (now when nullopt). Merged ids are followed. NOT_FOUND for an unknown id or an entity
// that is not a legal entity. The history reads at most the 1,000 newest versions. Thread-safe.
absl::StatusOr<RegistrationReport> ReadRegistrationStatus(const store::EntityStore& store,
                                                          absl::string_view entity_id,
                                                          std::optional<absl::Time> as_of,
                                                          bool include_history);

// The current registration status of a stored legal entity (its member records' latest
// assertion); nullopt when none asserts one. Reads the members as they are now.
absl::StatusOr<std::optional<RegistrationStatus>> ReadCurrentRegistrationStatus(
    const store::EntityStore& store, const store::Entity& entity);

}  // namespace mdhub::resolver

#endif  // MDHUB_RESOLVER_REGISTRATION_HISTORY_H_
