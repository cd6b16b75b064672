// Relationships of legal entities, derived from golden attributes and found through the link
// terms (org_link_terms.h): a legal entity's legal representative (a person), head office,
// sponsor and registered division; the branches and sponsored institutions pointing at it; the
// organisations a person represents; the persons an organisation insures.
#ifndef MDHUB_RESOLVER_RELATIONS_ORG_RELATIONS_H_
#define MDHUB_RESOLVER_RELATIONS_ORG_RELATIONS_H_

#include <optional>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "absl/time/time.h"
#include "store/entity_store.h"
#include "store/model.pb.h"

namespace mdhub::resolver {

// Relationship types, in the order links are listed.
inline constexpr absl::string_view kBranchOf = "branch_of";
inline constexpr absl::string_view kLegalRepresentative = "legal_representative";
inline constexpr absl::string_view kRegisteredInDivision = "registered_in_division";
inline constexpr absl::string_view kSponsoredBy = "sponsored_by";
// The administrative division of registered_in_division links is named "division:<code>".
inline constexpr absl::string_view kDivisionPrefix = "division:";

// True for the four types above.
bool IsOrgRelationshipType(absl::string_view type);

struct OrgLink {
  std::string type;
  // The entity at the other end (its surviving id), or "division:<code>".
  std::string entity_id;
  // The record whose golden attribute states the link (of the other entity when incoming).
  store::RecordRef asserted_by;
  // True when the other entity states the link (a branch of the listed entity).
  bool incoming = false;
};

// The links stated by `org`'s golden attributes (org is a legal entity, as of `as_of`), ordered
// by type:
//   branch_of / sponsored_by: the legal entity holding head_office_credit_code (sponsor_...),
//     else the only other one registered under the standard form of head_office_name
//     (sponsor_name); none when no entity, or several, answer to the name.
//   legal_representative: the person holding legal_representative_id.
//   registered_in_division: "division:" + the code of the finest division the golden address
//     lies in (ParseAddress).
// Identifiers and names are looked up in the current index; the entity found is read as of
// `as_of` and left out when it did not exist then.
absl::StatusOr<std::vector<OrgLink>> OutgoingLinks(const store::EntityStore& store,
                                                   const store::Entity& org,
                                                   std::optional<absl::Time> as_of);

struct IncomingLinks {
  // By the linking entity's id.
  std::vector<OrgLink> links;
  // More than max_candidates entities were found by the index; later ones were not examined.
  bool capped = false;
};

// The `type` (branch_of or sponsored_by) links pointing at `org`: the legal entities whose
// ho:/sp: terms name one of its credit codes or names, and whose version as of `as_of`
// links to org by OutgoingLinks' rule. INVALID_ARGUMENT for another type.
absl::StatusOr<IncomingLinks> FindIncomingLinks(const store::EntityStore& store,
                                                const store::Entity& org, absl::string_view type,
                                                std::optional<absl::Time> as_of,
                                                int max_candidates = 10000);

struct RepresentedOrg {
  // The legal entity as of the query's as_of.
  store::Entity organisation;
  // Its golden legal_representative_id is one of the person's citizen ids.
  bool current = false;
  // The record naming the person: the golden attribute's source when current, else a member
  // record that still names the person.
  store::RecordRef asserted_by;
};

struct RepresentedOrgs {
  // By entity id.
  std::vector<RepresentedOrg> organisations;
  // More than max_candidates entities were found by the index; later ones were not examined.
  bool capped = false;
};

// The legal entities one of whose member records names one of `person`'s citizen ids as
// legal_representative_id; only those where the golden record names it unless
// `include_former`. Found through the current index; each read as of `as_of`.
absl::StatusOr<RepresentedOrgs> FindRepresentedOrgs(const store::EntityStore& store,
                                                    const store::Entity& person,
                                                    bool include_former,
                                                    std::optional<absl::Time> as_of,
                                                    int max_candidates = 10000);

struct InsuredPerson {
  store::Entity person;
  // Its social-security records naming the organisation as employer (EmployerKey).
  std::vector<store::RecordRef> records;
};

struct InsuredPage {
  // Persons [offset, offset + limit) by entity id.
  std::vector<InsuredPerson> persons;
  bool more = false;
};

// The persons with a social-security record whose EmployerKey is one of `org`'s credit codes or
// names, as mdhub knows them now. INVALID_ARGUMENT for limit < 1 or offset < 0.
absl::StatusOr<InsuredPage> FindInsuredPersons(const store::EntityStore& store,
                                               const store::Entity& org, int limit, int offset);

}  // namespace mdhub::resolver

#endif  // MDHUB_RESOLVER_RELATIONS_ORG_RELATIONS_H_
