#include "services/internal/org_relations.h"

#include <algorithm>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "resolver/identifiers.h"
#include "resolver/registration_history.h"
#include "resolver/relations/org_relations.h"
#include "services/internal/mapping.h"
#include "services/internal/org_queries.h"
#include "services/internal/page_token.h"

namespace mdhub::services::internal {
namespace {

constexpr int kDefaultRelationshipPage = 50;
constexpr int kMaxRelationshipPage = 1000;
// Every person a page returns is named in the audit entry, which keeps 64 names (CallScope):
// pages of persons stay below that.
constexpr int kDefaultPersonPage = 20;
constexpr int kMaxPersonPage = 50;

// The method whose grant releases person data through the legal-entity service.
bool MayReadPersons(CallScope& call) { return call.AuthorizeKindRead(store::PERSON).ok(); }

// The persons' registry, for rendering persons as the population service does (stateless and
// cheap to make).
Registry Persons() { return Registry(store::PERSON, std::string(resolver::kCitizenId)); }

// The entity `id` as of `as_of` when it is of `kind`; NOT_FOUND naming the kind otherwise.
absl::StatusOr<store::Entity> ReadOfKind(CallScope& call, const std::string& id, store::Kind kind,
                                         std::optional<absl::Time> as_of) {
  auto e = call.backend().entities.GetEntity(id, as_of);
  if (!e.ok()) return e.status();
  if (e->kind() != kind) {
    return absl::NotFoundError(absl::StrCat("no ", store::Kind_Name(kind), " ", id));
  }
  call.Touch(e->id());
  return e;
}

// The request fields that define a result, for page tokens: as_of in microseconds.
std::string AsOfKey(const std::optional<absl::Time>& as_of) {
  return as_of.has_value() ? absl::StrCat(absl::ToUnixMicros(*as_of)) : "now";
}

absl::Status CheckTypes(const v1::ListRelationshipsRequest& request) {
  for (int i = 0; i < request.types_size(); ++i) {
    if (!resolver::IsOrgRelationshipType(request.types(i))) {
      return absl::InvalidArgumentError(
          absl::StrCat("types[", i, "]: unknown relationship type \"", request.types(i),
                       "\"; one of ", resolver::kBranchOf, ", ", resolver::kLegalRepresentative,
                       ", ", resolver::kRegisteredInDivision, ", ", resolver::kSponsoredBy));
    }
  }
  return absl::OkStatus();
}

bool Wanted(const v1::ListRelationshipsRequest& request, absl::string_view type) {
  if (request.types().empty()) return true;
  for (const std::string& t : request.types()) {
    if (t == type) return true;
  }
  return false;
}

// Every link of the request, outgoing then incoming, each group ordered by type. Sets *truncated
// when an incoming type had more links than are examined.
absl::StatusOr<std::vector<resolver::OrgLink>> AllLinks(CallScope& call,
                                                        const v1::ListRelationshipsRequest& request,
                                                        const store::Entity& org,
                                                        std::optional<absl::Time> as_of,
                                                        bool* truncated) {
  const store::EntityStore& store = call.backend().entities;
  auto outgoing = resolver::OutgoingLinks(store, org, as_of);
  if (!outgoing.ok()) return outgoing.status();
  std::vector<resolver::OrgLink> links;
  for (resolver::OrgLink& link : *outgoing) {
    if (Wanted(request, link.type)) links.push_back(std::move(link));
  }
  if (!request.include_incoming()) return links;
  for (absl::string_view type : {resolver::kBranchOf, resolver::kSponsoredBy}) {
    if (!Wanted(request, type)) continue;
    auto incoming = resolver::FindIncomingLinks(store, org, type, as_of);
    if (!incoming.ok()) return incoming.status();
    *truncated = *truncated || incoming->capped;
    for (resolver::OrgLink& link : incoming->links) links.push_back(std::move(link));
  }
  return links;
}

// Fills `related` with the entity at the other end of `link` (as of `as_of`); a person only with
// its id and kind when the caller may not read persons. REQUIRES: link is not to a division.
absl::Status RenderRelated(CallScope& call, const Registry& orgs, const Registry& persons,
                           const resolver::OrgLink& link, std::optional<absl::Time> as_of,
                           bool may_read_persons, v1::Entity* related) {
  const bool person = link.type == resolver::kLegalRepresentative;
  if (person && !may_read_persons) {
    call.Touch(link.entity_id);  // the id is disclosed
    related->set_id(link.entity_id);
    related->set_kind(v1::PERSON);
    return absl::OkStatus();
  }
  const Registry& registry = person ? persons : orgs;
  return registry.RenderEntity(call, call.backend().entities.GetEntity(link.entity_id, as_of),
                               link.entity_id, /*include_members=*/false, related);
}

// The registration status of `org` as of `as_of` (now when nullopt); STATE_UNSPECIFIED when no
// record states one.
absl::Status StatusOf(CallScope& call, const store::Entity& org, std::optional<absl::Time> as_of,
                      v1::RegistrationStatus* out) {
  if (!as_of.has_value()) return CurrentRegistrationStatus(call, org, out);
  auto report = resolver::ReadRegistrationStatus(call.backend().entities, org.id(), as_of,
                                                 /*include_history=*/false);
  if (!report.ok()) return report.status();
  if (report->current.has_value()) ToApi(*report->current, out);
  return absl::OkStatus();
}

bool InStates(const v1::RegistrationStatus& status,
              const google::protobuf::RepeatedField<int>& states) {
  return states.empty() ||
         std::find(states.begin(), states.end(), static_cast<int>(status.state())) != states.end();
}

}  // namespace

absl::Status ListRelationships(CallScope& call, const Registry& orgs,
                               const v1::ListRelationshipsRequest& request,
                               v1::ListRelationshipsResponse* response) {
  if (auto s = Required(request.entity_id(), "entity_id"); !s.ok()) return s;
  if (auto s = CheckTypes(request); !s.ok()) return s;
  auto page_size = PageSize(request.page_size(), kDefaultRelationshipPage, kMaxRelationshipPage);
  if (!page_size.ok()) return page_size.status();
  auto as_of = AsOf(request.has_as_of(), request.as_of(), "as_of");
  if (!as_of.ok()) return as_of.status();
  const std::string request_key =
      absl::StrCat(request.entity_id(), "\n", absl::StrJoin(request.types(), ","), "\n",
                   request.include_incoming(), "\n", AsOfKey(*as_of));
  auto offset = ParseOffsetPageToken(request.page_token(), request_key);
  if (!offset.ok()) return offset.status();
  auto org = ReadOfKind(call, request.entity_id(), store::LEGAL_ENTITY, *as_of);
  if (!org.ok()) return org.status();
  bool truncated = false;
  auto links = AllLinks(call, request, *org, *as_of, &truncated);
  if (!links.ok()) return links.status();
  response->set_truncated(truncated);
  const bool may_read_persons = request.include_related() && MayReadPersons(call);
  const Registry persons = Persons();
  const int64_t end = std::min<int64_t>(int64_t{*offset} + *page_size, links->size());
  for (int64_t i = *offset; i < end; ++i) {
    const resolver::OrgLink& link = (*links)[i];
    v1::ListRelationshipsResponse::Item* item = response->add_items();
    v1::Relationship* r = item->mutable_relationship();
    r->set_type(link.type);
    r->set_entity_id(link.entity_id);
    ToApi(link.asserted_by, r->mutable_asserted_by());
    item->set_incoming(link.incoming);
    // A division is no entity mdhub holds yet (the spatial registry will serve it).
    if (!request.include_related() || link.type == resolver::kRegisteredInDivision) continue;
    if (auto s = RenderRelated(call, orgs, persons, link, *as_of, may_read_persons,
                               item->mutable_related());
        !s.ok()) {
      return s;
    }
  }
  if (static_cast<int64_t>(links->size()) > end) {
    response->set_next_page_token(OffsetPageToken(static_cast<int>(end), request_key));
  }
  return absl::OkStatus();
}

absl::Status ListOrganisationsByRepresentative(
    CallScope& call, const Registry& orgs,
    const v1::ListOrganisationsByRepresentativeRequest& request,
    v1::ListOrganisationsByRepresentativeResponse* response) {
  if (auto s = Required(request.person_entity_id(), "person_entity_id"); !s.ok()) return s;
  auto page_size = PageSize(request.page_size(), kDefaultRelationshipPage, kMaxRelationshipPage);
  if (!page_size.ok()) return page_size.status();
  auto as_of = AsOf(request.has_as_of(), request.as_of(), "as_of");
  if (!as_of.ok()) return as_of.status();
  const std::string request_key =
      absl::StrCat(request.person_entity_id(), "\n", request.include_former(), "\n",
                   absl::StrJoin(request.states(), ","), "\n", AsOfKey(*as_of));
  auto offset = ParseOffsetPageToken(request.page_token(), request_key);
  if (!offset.ok()) return offset.status();
  auto person = ReadOfKind(call, request.person_entity_id(), store::PERSON, *as_of);
  if (!person.ok()) return person.status();
  auto found = resolver::FindRepresentedOrgs(call.backend().entities, *person,
                                             request.include_former(), *as_of);
  if (!found.ok()) return found.status();
  response->set_truncated(found->capped);
  // With a states filter every organisation's status is read to page the filtered list; without,
  // only those of the page.
  std::vector<std::pair<const resolver::RepresentedOrg*, v1::RegistrationStatus>> listed;
  for (const resolver::RepresentedOrg& r : found->organisations) {
    v1::RegistrationStatus status;
    if (!request.states().empty()) {
      if (auto s = StatusOf(call, r.organisation, *as_of, &status); !s.ok()) return s;
      if (!InStates(status, request.states())) continue;
    }
    listed.emplace_back(&r, std::move(status));
  }
  const int64_t end = std::min<int64_t>(int64_t{*offset} + *page_size, listed.size());
  for (int64_t i = *offset; i < end; ++i) {
    const resolver::RepresentedOrg& r = *listed[i].first;
    v1::ListOrganisationsByRepresentativeResponse::Organisation* out =
        response->add_organisations();
    if (auto s = orgs.RenderEntity(call, r.organisation, r.organisation.id(),
                                   /*include_members=*/false, out->mutable_legal_entity());
        !s.ok()) {
      return s;
    }
    out->set_current(r.current);
    ToApi(r.asserted_by, out->mutable_asserted_by());
    if (request.states().empty()) {
      if (auto s = StatusOf(call, r.organisation, *as_of, out->mutable_registration_status());
          !s.ok()) {
        return s;
      }
    } else {
      *out->mutable_registration_status() = std::move(listed[i].second);
    }
  }
  if (static_cast<int64_t>(listed.size()) > end) {
    response->set_next_page_token(OffsetPageToken(static_cast<int>(end), request_key));
  }
  return absl::OkStatus();
}

absl::Status ListInsuredPersons(CallScope& call, const Registry& orgs,
                                const v1::ListInsuredPersonsRequest& request,
                                v1::ListInsuredPersonsResponse* response) {
  if (!MayReadPersons(call)) {
    return absl::PermissionDeniedError(absl::StrCat("ListInsuredPersons returns persons: agency \"",
                                                    call.caller().agency, "\" is not granted ",
                                                    CallScope::kReadPersons));
  }
  if (auto s = Required(request.entity_id(), "entity_id"); !s.ok()) return s;
  auto page_size = PageSize(request.page_size(), kDefaultPersonPage, kMaxPersonPage);
  if (!page_size.ok()) return page_size.status();
  auto offset = ParseOffsetPageToken(request.page_token(), request.entity_id());
  if (!offset.ok()) return offset.status();
  auto org = ReadOfKind(call, request.entity_id(), store::LEGAL_ENTITY, std::nullopt);
  if (!org.ok()) return org.status();
  auto page = resolver::FindInsuredPersons(call.backend().entities, *org, *page_size, *offset);
  if (!page.ok()) return page.status();
  const Registry persons = Persons();
  for (const resolver::InsuredPerson& p : page->persons) {
    v1::ListInsuredPersonsResponse::InsuredPerson* out = response->add_persons();
    if (auto s = persons.RenderEntity(call, p.person, p.person.id(), /*include_members=*/false,
                                      out->mutable_person());
        !s.ok()) {
      return s;
    }
    for (const store::RecordRef& ref : p.records) ToApi(ref, out->add_records());
  }
  if (page->more) {
    response->set_next_page_token(OffsetPageToken(*offset + *page_size, request.entity_id()));
  }
  return absl::OkStatus();
}

}  // namespace mdhub::services::internal
