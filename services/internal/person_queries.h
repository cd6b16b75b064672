// The population registry's person-specific reads: fuzzy search and household members. Each
// validates the request, calls resolver/search and renders the persons through the Registry (so
// that every person returned is named in the call's audit entry).
#ifndef MDHUB_SERVICES_INTERNAL_PERSON_QUERIES_H_
#define MDHUB_SERVICES_INTERNAL_PERSON_QUERIES_H_

#include "absl/status/status.h"
#include "mdhub/v1/population.pb.h"
#include "services/call_scope.h"
#include "services/internal/registry.h"

namespace mdhub::services::internal {

// `persons` is the population service's Registry. INVALID_ARGUMENT names the request field.
absl::Status SearchPersons(CallScope& call, const Registry& persons,
                           const v1::SearchPersonsRequest& request,
                           v1::SearchPersonsResponse* response);

// NOT_FOUND for an unknown person, FAILED_PRECONDITION when it has no household number.
absl::Status ListHouseholdMembers(CallScope& call, const Registry& persons,
                                  const v1::ListHouseholdMembersRequest& request,
                                  v1::ListHouseholdMembersResponse* response);

}  // namespace mdhub::services::internal

#endif  // MDHUB_SERVICES_INTERNAL_PERSON_QUERIES_H_
