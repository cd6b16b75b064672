// The human-readable answers of the `mdhub org` commands: legal entities as table rows or in
// full, search hits, registration status, relationships, represented organisations and insured
// persons, as plain-text tables (the shared renderings are in entity_output.h).
#ifndef MDHUB_TOOLS_CLI_ORG_OUTPUT_H_
#define MDHUB_TOOLS_CLI_ORG_OUTPUT_H_

#include <string>
#include <utility>
#include <vector>

#include "mdhub/v1/legal_entity.pb.h"

namespace mdhub::cli {

// One row per legal entity (id, golden name, credit code, type, address), each after a label
// that says what it is to the command ("surviving", "remaining", ...).
std::string FormatOrgs(const std::vector<std::pair<std::string, v1::Entity>>& orgs);

// One legal entity in full: id (and the id it was redirected from), the golden attributes with
// the record each came from, the identifiers with any problem, and the member records when the
// entity has them.
std::string FormatOrgDetail(const v1::Entity& e);

// Search hits, best first: score, id, name, credit code, registration state, address.
std::string FormatOrgSearchHits(const v1::SearchLegalEntitiesResponse& response);

// The status in force, then the earlier ones (oldest first) when the response has them.
std::string FormatRegistrationStatus(const v1::GetRegistrationStatusResponse& response);

// One row per relationship: direction, type, the entity at the other end (with its golden name
// when the response has it) and the record that states the link.
std::string FormatRelationships(const v1::ListRelationshipsResponse& response);

// One row per organisation: current or former representative, id, name, credit code, state, and
// the record that names the person.
std::string FormatRepresentedOrgs(const v1::ListOrganisationsByRepresentativeResponse& response);

// One row per insured person (id, name, birth date, gender) with the social-security records
// that name the organisation.
std::string FormatInsuredPersons(const v1::ListInsuredPersonsResponse& response);

}  // namespace mdhub::cli

#endif  // MDHUB_TOOLS_CLI_ORG_OUTPUT_H_
