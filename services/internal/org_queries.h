// The legal-entity registry's own reads: lookup by a pre-2015 code, registration status and
// organisation search. Each validates the request, calls the resolver and renders legal entities
// through the Registry (so that every entity returned is named in the call's audit entry).
#ifndef MDHUB_SERVICES_INTERNAL_ORG_QUERIES_H_
#define MDHUB_SERVICES_INTERNAL_ORG_QUERIES_H_

#include "absl/status/status.h"
#include "mdhub/v1/legal_entity.pb.h"
#include "resolver/standardize/registration_status.h"
#include "services/call_scope.h"
#include "services/internal/registry.h"

namespace mdhub::services::internal {

// `orgs` is the legal-entity service's Registry. INVALID_ARGUMENT names the request field
// (`code` when it has the format of neither legacy code, or not that of the code_type asked);
// NOT_FOUND when no legal entity holds the code.
absl::Status LookupByLegacyCode(CallScope& call, const Registry& orgs,
                                const v1::LookupByLegacyCodeRequest& request, v1::Entity* response);

// NOT_FOUND for an unknown legal entity. A legal entity none of whose records states a status
// has current.state STATE_UNSPECIFIED.
absl::Status GetRegistrationStatus(CallScope& call, const v1::GetRegistrationStatusRequest& request,
                                   v1::GetRegistrationStatusResponse* response);

// INVALID_ARGUMENT names the field: name (when neither name nor region_code is given),
// region_code, states, page_size (negative or above 200), page_token.
absl::Status SearchLegalEntities(CallScope& call, const Registry& orgs,
                                 const v1::SearchLegalEntitiesRequest& request,
                                 v1::SearchLegalEntitiesResponse* response);

// The current registration status of a stored legal entity, read from its member records; left
// STATE_UNSPECIFIED when none states one. For every read that returns one with a legal entity.
absl::Status CurrentRegistrationStatus(CallScope& call, const store::Entity& legal_entity,
                                       v1::RegistrationStatus* out);
void ToApi(const resolver::RegistrationStatus& in, v1::RegistrationStatus* out);

}  // namespace mdhub::services::internal

#endif  // MDHUB_SERVICES_INTERNAL_ORG_QUERIES_H_
