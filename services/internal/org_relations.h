// The legal-entity registry's relationship reads: a legal entity's relationships, the
// organisations a person represents, the persons an organisation insures. Each validates the
// request, calls resolver/relations and renders the entities through a Registry, so that every
// entity returned is named in the call's audit entry.
//
// Person data crosses into the legal-entity service here, so it is released only to callers the
// policy grants mdhub.v1.PopulationService/GetPerson: ListRelationships then fills a related
// person (others get its id and kind only), and ListInsuredPersons answers at all (others get
// PERMISSION_DENIED).
#ifndef MDHUB_SERVICES_INTERNAL_ORG_RELATIONS_H_
#define MDHUB_SERVICES_INTERNAL_ORG_RELATIONS_H_

#include "absl/status/status.h"
#include "mdhub/v1/legal_entity.pb.h"
#include "services/call_scope.h"
#include "services/internal/registry.h"

namespace mdhub::services::internal {

// `orgs` is the legal-entity service's Registry. INVALID_ARGUMENT names the request field;
// NOT_FOUND for an unknown legal entity.
absl::Status ListRelationships(CallScope& call, const Registry& orgs,
                               const v1::ListRelationshipsRequest& request,
                               v1::ListRelationshipsResponse* response);

// NOT_FOUND for an unknown person.
absl::Status ListOrganisationsByRepresentative(
    CallScope& call, const Registry& orgs,
    const v1::ListOrganisationsByRepresentativeRequest& request,
    v1::ListOrganisationsByRepresentativeResponse* response);

// PERMISSION_DENIED for a caller not granted PopulationService/GetPerson (before anything is
// read); NOT_FOUND for an unknown legal entity.
absl::Status ListInsuredPersons(CallScope& call, const Registry& orgs,
                                const v1::ListInsuredPersonsRequest& request,
                                v1::ListInsuredPersonsResponse* response);

}  // namespace mdhub::services::internal

#endif  // MDHUB_SERVICES_INTERNAL_ORG_RELATIONS_H_
