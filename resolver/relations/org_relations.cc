#include "resolver/relations/org_relations.h"

#include <algorithm>
#include <set>
#include <utility>

#include "absl/container/flat_hash_set.h"
#include "absl/strings/str_cat.h"
#include "resolver/identifiers.h"
#include "resolver/relations/org_link_terms.h"
#include "resolver/standardize/address.h"

namespace mdhub::resolver {
namespace {

using store::Entity;
using store::EntityStore;

// The link attributes of the two organisation-to-organisation relationships.
struct ReferenceAttributes {
  absl::string_view code;
  absl::string_view name;
};
constexpr ReferenceAttributes kHeadOffice{"head_office_credit_code", "head_office_name"};
constexpr ReferenceAttributes kSponsor{"sponsor_credit_code", "sponsor_name"};

const store::GoldenAttribute* GoldenOf(const Entity& e, absl::string_view name) {
  for (const store::GoldenAttribute& a : e.attributes()) {
    if (a.name() == name) return &a;
  }
  return nullptr;
}

// The entity `id` as of `as_of` when it is a live entity of `kind`; nullopt when it is not (or did
// not exist then).
absl::StatusOr<std::optional<Entity>> ReadLive(const EntityStore& store, const std::string& id,
                                               store::Kind kind, std::optional<absl::Time> as_of) {
  auto e = store.GetEntity(id, as_of);
  if (absl::IsNotFound(e.status())) return std::nullopt;
  if (!e.ok()) return e.status();
  if (e->kind() != kind || e->retired()) return std::nullopt;
  return *std::move(e);
}

struct Target {
  std::string entity_id;
  store::RecordRef asserted_by;
};

// The legal entity `org` names by `ref` (see OutgoingLinks), read as of `as_of`.
absl::StatusOr<std::optional<Target>> Resolve(const EntityStore& store, const Entity& org,
                                              const OrgReference& ref,
                                              std::optional<absl::Time> as_of) {
  std::string found;
  store::RecordRef from;
  auto others = [&org](std::vector<std::string> ids) {
    ids.erase(std::remove(ids.begin(), ids.end(), org.id()), ids.end());
    return ids;
  };
  if (!ref.credit_code.empty()) {
    auto ids = store.FindByIdentifier(store::LEGAL_ENTITY, kCreditCode, ref.credit_code);
    if (!ids.ok()) return ids.status();
    std::vector<std::string> holders = others(*std::move(ids));
    if (!holders.empty()) {
      found = holders.front();
      from = ref.code_from;
    }
  }
  if (found.empty() && !ref.standard_name.empty()) {
    // Three: the entity itself, and two others make the name ambiguous.
    auto ids = store.FindBySearchTerm(store::LEGAL_ENTITY, OwnNameTerm(ref.standard_name), 3);
    if (!ids.ok()) return ids.status();
    std::vector<std::string> named = others(*std::move(ids));
    if (named.size() == 1) {
      found = named.front();
      from = ref.name_from;
    }
  }
  if (found.empty()) return std::nullopt;
  auto target = ReadLive(store, found, store::LEGAL_ENTITY, as_of);
  if (!target.ok()) return target.status();
  if (!target->has_value() || (*target)->id() == org.id()) return std::nullopt;
  return Target{(*target)->id(), from};
}

absl::Status AddOrgLink(const EntityStore& store, const Entity& org, absl::string_view type,
                        const ReferenceAttributes& attributes, std::optional<absl::Time> as_of,
                        std::vector<OrgLink>& links) {
  auto target = Resolve(store, org, ReferenceOf(org, attributes.code, attributes.name), as_of);
  if (!target.ok()) return target.status();
  if (target->has_value()) {
    links.push_back({std::string(type), (*target)->entity_id, (*target)->asserted_by, false});
  }
  return absl::OkStatus();
}

absl::Status AddRepresentativeLink(const EntityStore& store, const Entity& org,
                                   std::optional<absl::Time> as_of, std::vector<OrgLink>& links) {
  const store::GoldenAttribute* id = GoldenOf(org, "legal_representative_id");
  if (id == nullptr) return absl::OkStatus();
  const std::string key = IdentifierKey(kCitizenId, id->value());
  if (key.empty()) return absl::OkStatus();
  auto ids = store.FindByIdentifier(store::PERSON, kCitizenId, key);
  if (!ids.ok()) return ids.status();
  if (ids->empty()) return absl::OkStatus();
  auto person = ReadLive(store, ids->front(), store::PERSON, as_of);
  if (!person.ok()) return person.status();
  if (person->has_value()) {
    links.push_back({std::string(kLegalRepresentative), (*person)->id(), id->from(), false});
  }
  return absl::OkStatus();
}

void AddDivisionLink(const Entity& org, std::vector<OrgLink>& links) {
  const store::GoldenAttribute* address = GoldenOf(org, "address");
  if (address == nullptr) return;
  const std::string code = AddressCode(address->value());
  if (code.empty()) return;
  links.push_back({std::string(kRegisteredInDivision), absl::StrCat(kDivisionPrefix, code),
                   address->from(), false});
}

// The standardised values of the identifiers of `type` that the entity holds.
std::vector<std::string> IdentifiersOf(const Entity& e, absl::string_view type) {
  std::vector<std::string> values;
  for (const store::Identifier& id : e.identifiers()) {
    if (id.type() == type) values.push_back(id.value());
  }
  return values;
}

bool Contains(const std::vector<std::string>& values, const std::string& v) {
  return std::find(values.begin(), values.end(), v) != values.end();
}

// Ids of the entities of `kind` holding any of `terms`, sorted and distinct; at most `max`
// (capped says when there were more).
absl::StatusOr<std::vector<std::string>> FindHolders(const EntityStore& store, store::Kind kind,
                                                     const std::vector<std::string>& terms, int max,
                                                     bool* capped) {
  std::set<std::string> ids;
  for (const std::string& term : terms) {
    auto found = store.FindBySearchTerm(kind, term, max + 1);
    if (!found.ok()) return found.status();
    ids.insert(found->begin(), found->end());
  }
  std::vector<std::string> out(ids.begin(), ids.end());
  if (static_cast<int>(out.size()) > max) {
    out.resize(max);
    if (capped != nullptr) *capped = true;
  }
  return out;
}

}  // namespace

bool IsOrgRelationshipType(absl::string_view type) {
  return type == kBranchOf || type == kLegalRepresentative || type == kRegisteredInDivision ||
         type == kSponsoredBy;
}

absl::StatusOr<std::vector<OrgLink>> OutgoingLinks(const EntityStore& store, const Entity& org,
                                                   std::optional<absl::Time> as_of) {
  std::vector<OrgLink> links;
  if (auto s = AddOrgLink(store, org, kBranchOf, kHeadOffice, as_of, links); !s.ok()) return s;
  if (auto s = AddRepresentativeLink(store, org, as_of, links); !s.ok()) return s;
  AddDivisionLink(org, links);
  if (auto s = AddOrgLink(store, org, kSponsoredBy, kSponsor, as_of, links); !s.ok()) return s;
  return links;
}

absl::StatusOr<IncomingLinks> FindIncomingLinks(const EntityStore& store, const Entity& org,
                                                absl::string_view type,
                                                std::optional<absl::Time> as_of,
                                                int max_candidates) {
  if (type != kBranchOf && type != kSponsoredBy) {
    return absl::InvalidArgumentError(
        absl::StrCat("type: ", type, " links have no incoming direction between legal entities"));
  }
  const bool branch = type == kBranchOf;
  const ReferenceAttributes& attributes = branch ? kHeadOffice : kSponsor;
  const std::vector<std::string> codes = IdentifiersOf(org, kCreditCode);
  std::vector<std::string> terms;
  for (const std::string& key : codes) {
    terms.push_back(branch ? HeadOfficeTerm(key) : SponsorTerm(key));
  }
  for (const std::string& name : OwnNames(org)) {
    terms.push_back(branch ? HeadOfficeTerm(name) : SponsorTerm(name));
  }
  IncomingLinks out;
  auto candidates = FindHolders(store, store::LEGAL_ENTITY, terms, max_candidates, &out.capped);
  if (!candidates.ok()) return candidates.status();
  absl::flat_hash_set<std::string> seen;
  for (const std::string& id : *candidates) {
    auto other = ReadLive(store, id, store::LEGAL_ENTITY, as_of);
    if (!other.ok()) return other.status();
    if (!other->has_value() || (*other)->id() == org.id() || !seen.insert((*other)->id()).second) {
      continue;
    }
    const Entity& e = **other;
    const OrgReference ref = ReferenceOf(e, attributes.code, attributes.name);
    // The common case needs no lookup: the code names one of org's codes.
    if (!ref.credit_code.empty() && Contains(codes, ref.credit_code)) {
      out.links.push_back({std::string(type), e.id(), ref.code_from, true});
      continue;
    }
    auto target = Resolve(store, e, ref, as_of);
    if (!target.ok()) return target.status();
    if (target->has_value() && (*target)->entity_id == org.id()) {
      out.links.push_back({std::string(type), e.id(), (*target)->asserted_by, true});
    }
  }
  std::sort(out.links.begin(), out.links.end(),
            [](const OrgLink& a, const OrgLink& b) { return a.entity_id < b.entity_id; });
  return out;
}

absl::StatusOr<RepresentedOrgs> FindRepresentedOrgs(const EntityStore& store, const Entity& person,
                                                    bool include_former,
                                                    std::optional<absl::Time> as_of,
                                                    int max_candidates) {
  const std::vector<std::string> ids = IdentifiersOf(person, kCitizenId);
  std::vector<std::string> terms;
  for (const std::string& id : ids) terms.push_back(RepresentativeTerm(id));
  RepresentedOrgs result;
  auto candidates = FindHolders(store, store::LEGAL_ENTITY, terms, max_candidates, &result.capped);
  if (!candidates.ok()) return candidates.status();
  std::vector<RepresentedOrg>& out = result.organisations;
  absl::flat_hash_set<std::string> seen;
  for (const std::string& candidate : *candidates) {
    auto org = ReadLive(store, candidate, store::LEGAL_ENTITY, as_of);
    if (!org.ok()) return org.status();
    if (!org->has_value() || !seen.insert((*org)->id()).second) continue;
    RepresentedOrg r;
    r.organisation = **std::move(org);
    const Entity& e = r.organisation;
    const store::GoldenAttribute* golden = GoldenOf(e, "legal_representative_id");
    if (golden != nullptr && Contains(ids, IdentifierKey(kCitizenId, golden->value()))) {
      r.current = true;
      r.asserted_by = golden->from();
      out.push_back(std::move(r));
      continue;
    }
    if (!include_former) continue;
    // A former representative: a member record (as of as_of) still names the person.
    for (const store::RecordRef& ref : e.members()) {
      auto record = store.GetRecord(ref.source(), ref.record_key(), as_of);
      if (absl::IsNotFound(record.status())) continue;
      if (!record.ok()) return record.status();
      auto it = record->attributes().find("legal_representative_id");
      if (it != record->attributes().end() &&
          Contains(ids, IdentifierKey(kCitizenId, it->second))) {
        r.asserted_by = ref;
        break;
      }
    }
    if (!r.asserted_by.source().empty()) out.push_back(std::move(r));
  }
  std::sort(out.begin(), out.end(), [](const RepresentedOrg& a, const RepresentedOrg& b) {
    return a.organisation.id() < b.organisation.id();
  });
  return result;
}

absl::StatusOr<InsuredPage> FindInsuredPersons(const EntityStore& store, const Entity& org,
                                               int limit, int offset) {
  if (limit <= 0 || offset < 0) {
    return absl::InvalidArgumentError(absl::StrCat(
        "a page needs limit >= 1 and offset >= 0; got limit ", limit, ", offset ", offset));
  }
  std::vector<std::string> keys = IdentifiersOf(org, kCreditCode);
  for (std::string& name : OwnNames(org)) keys.push_back(std::move(name));
  std::vector<std::string> terms;
  for (const std::string& key : keys) terms.push_back(EmployerTerm(key));
  // The first offset + limit + 1 ids of the union are among the first as many of each term.
  const int read = static_cast<int>(std::min<int64_t>(int64_t{offset} + limit + 1, 1 << 30));
  auto ids = FindHolders(store, store::PERSON, terms, read, nullptr);
  if (!ids.ok()) return ids.status();
  InsuredPage page;
  const int64_t end = std::min<int64_t>(int64_t{offset} + limit, ids->size());
  for (int64_t i = offset; i < end; ++i) {
    auto person = ReadLive(store, (*ids)[i], store::PERSON, std::nullopt);
    if (!person.ok()) return person.status();
    if (!person->has_value()) continue;
    InsuredPerson insured;
    for (const store::RecordRef& ref : (*person)->members()) {
      auto record = store.GetRecord(ref.source(), ref.record_key());
      if (absl::IsNotFound(record.status())) continue;
      if (!record.ok()) return record.status();
      const std::string key = EmployerKey(*record);
      if (!key.empty() && Contains(keys, key)) insured.records.push_back(ref);
    }
    // The index and the person are read apart: skip one that changed employer meanwhile.
    if (insured.records.empty()) continue;
    insured.person = **std::move(person);
    page.persons.push_back(std::move(insured));
  }
  page.more = static_cast<int64_t>(ids->size()) > end;
  return page;
}

}  // namespace mdhub::resolver
