#include "resolver/internal/apply.h"

#include <algorithm>
#include <map>
#include <set>
#include <utility>

#include "absl/strings/str_cat.h"
#include "resolver/identifiers.h"
#include "resolver/standardize/location.h"
#include "resolver/standardize/values.h"
#include "resolver/internal/entities.h"
#include "resolver/internal/link.h"
#include "resolver/relations/org_link_terms.h"
#include "resolver/relations/place_terms.h"
#include "resolver/search/org_search.h"
#include "resolver/search/person_search.h"

namespace mdhub::resolver::internal {
namespace {

using store::Entity;
using store::EntityWrite;
using store::Record;

bool SameContent(const Record& a, const Record& b) {
  if (a.deleted() != b.deleted() || a.kind() != b.kind()) return false;
  if (a.labels_size() != b.labels_size()) return false;
  for (int i = 0; i < a.labels_size(); ++i) {
    if (a.labels(i) != b.labels(i)) return false;
  }
  if (a.attributes_size() != b.attributes_size()) return false;
  for (const auto& [k, v] : a.attributes()) {
    auto it = b.attributes().find(k);
    if (it == b.attributes().end() || it->second != v) return false;
  }
  return a.source_time_us() == b.source_time_us() && a.valid_from_us() == b.valid_from_us();
}

// A golden attribute in its standard form where mdhub has one (dates, gender codes, phone and
// identity numbers), so that consumers see one spelling whichever agency's value survived; other
// attributes, and values that do not standardise, keep the agency's spelling.
std::string GoldenValue(absl::string_view name, const std::string& raw) {
  std::string standard;
  if (name == "birth_date") {
    standard = StandardDate(raw);
  } else if (name == "gender") {
    standard = StandardGender(raw);
  } else if (name == "phone") {
    standard = StandardPhone(raw);
  } else if (name == kCitizenId || name == kFormerCitizenId) {
    standard = IdentifierKey(kCitizenId, raw);
  } else if (name == kLocationAttribute) {
    if (auto p = ParseLocation(raw); p.ok()) standard = StandardLocation(*p);
  }
  return standard.empty() ? raw : standard;
}

// Updates the entity for a record that was written, and appends the change.
absl::Status UpdateEntity(const std::string& entity_id, const Record& record, bool is_new_entity,
                          store::ChangeEvent::Type type, EntityWrite& w) {
  Entity entity;
  if (!is_new_entity) {
    auto existing = w.GetEntity(entity_id);
    if (!existing.ok()) return existing.status();
    if (!existing->has_value()) {
      return absl::DataLossError(absl::StrCat("record links to missing entity ", entity_id));
    }
    entity = **std::move(existing);
  } else {
    entity.set_id(entity_id);
    entity.set_kind(record.kind());
  }
  // Membership: deleted records leave the member list; others join it once.
  auto* members = entity.mutable_members();
  auto same = [&record](const store::RecordRef& ref) {
    return ref.source() == record.source() && ref.record_key() == record.record_key();
  };
  members->erase(std::remove_if(members->begin(), members->end(), same), members->end());
  if (!record.deleted()) {
    store::RecordRef* ref = entity.add_members();
    ref->set_source(record.source());
    ref->set_record_key(record.record_key());
  }
  store::RecordRef cause;
  cause.set_source(record.source());
  cause.set_record_key(record.record_key());
  if (auto s = StoreEntity(entity, cause, w); !s.ok()) return s;
  w.AppendChange(type, record, entity);
  return absl::OkStatus();
}

}  // namespace

void PrepareForMatching(const MatchProfile& profile, Record& record) {
  record.clear_blocking_keys();
  record.clear_match_values();
  std::vector<std::string> values = profile.Values(record);
  for (std::string& key : profile.BlockingKeys(values)) record.add_blocking_keys(std::move(key));
  values.resize(profile.fields());
  for (std::string& v : values) record.add_match_values(std::move(v));
  // The entity's rebuild, on the committing thread, reads the employer's name in standard form
  // (EmployerTerms): parsing it here, on the caller's thread, leaves that thread a memo lookup.
  EmployerKey(record);
}

bool SurvivesBefore(const Record& a, const Record& b) {
  auto ta = std::max(a.source_time_us(), a.valid_from_us());
  auto tb = std::max(b.source_time_us(), b.valid_from_us());
  if (ta != tb) return ta > tb;
  if (a.recorded_at_us() != b.recorded_at_us()) return a.recorded_at_us() > b.recorded_at_us();
  return std::tie(a.source(), a.record_key()) < std::tie(b.source(), b.record_key());
}

void Survive(const std::vector<Record>& members, Entity& entity) {
  std::vector<const Record*> order;
  for (const Record& r : members) order.push_back(&r);
  std::sort(order.begin(), order.end(),
            [](const Record* a, const Record* b) { return SurvivesBefore(*a, *b); });
  std::map<std::string, store::GoldenAttribute> golden;
  // (type, value) -> problem
  std::map<std::pair<std::string, std::string>, std::string> identifiers;
  for (const Record* r : order) {
    for (const auto& [name, value] : r->attributes()) {
      if (value.empty() || golden.count(name)) continue;
      store::GoldenAttribute& g = golden[name];
      g.set_name(name);
      g.set_value(GoldenValue(name, value));
      g.mutable_from()->set_source(r->source());
      g.mutable_from()->set_record_key(r->record_key());
      g.set_reason(order.size() == 1 ? "only source" : "most recent");
    }
    for (const store::Identifier& id : ExtractIdentifiers(*r)) {
      identifiers.emplace(std::make_pair(id.type(), id.value()), id.problem());
    }
  }
  entity.clear_attributes();
  for (auto& [name, g] : golden) *entity.add_attributes() = std::move(g);
  entity.clear_identifiers();
  for (const auto& [key, problem] : identifiers) {
    store::Identifier* id = entity.add_identifiers();
    id->set_type(key.first);
    id->set_value(key.second);
    id->set_problem(problem);
  }
  entity.clear_search_terms();
  if (entity.kind() == store::PERSON) {
    for (std::string& term : PersonSearchTerms(entity)) entity.add_search_terms(std::move(term));
    for (std::string& term : EmployerTerms(members)) entity.add_search_terms(std::move(term));
  }
  if (entity.kind() == store::PERSON || entity.kind() == store::LEGAL_ENTITY) {
    for (std::string& term : PlaceTerms(entity)) entity.add_search_terms(std::move(term));
  }
  if (entity.kind() == store::LEGAL_ENTITY) {
    for (std::string& term : OrgLinkTerms(entity, members)) {
      entity.add_search_terms(std::move(term));
    }
    for (std::string& term : OrgSearchTerms(entity, members)) {
      entity.add_search_terms(std::move(term));
    }
  }
}

void DescribeForAudit(const std::vector<Mutation>& mutations,
                      const std::vector<absl::StatusOr<MutationOutcome>>& results,
                      store::AuditEntry& entry) {
  constexpr int kMaxTouched = 64;
  int rejected = 0;
  for (size_t i = 0; i < mutations.size(); ++i) {
    if (!results[i].ok()) {
      ++rejected;
      continue;
    }
    if (entry.touched_size() + 2 > kMaxTouched) continue;
    entry.add_touched(absl::StrCat(mutations[i].record.source(), "/",
                                   mutations[i].record.record_key()));
    entry.add_touched(results[i]->entity_id);
  }
  if (mutations.size() == 1) {
    entry.set_code(static_cast<int>(results[0].status().code()));
    entry.set_detail(std::string(results[0].status().message()));
  } else {
    entry.set_code(0);
    entry.set_detail(absl::StrCat(mutations.size() - rejected, " mutations applied, ", rejected,
                                  " rejected"));
  }
}

absl::StatusOr<absl::StatusOr<MutationOutcome>> ApplyInWrite(const Mutation& m,
                                                             const MatchProfile* profile,
                                                             EntityWrite& w,
                                                             PlannedLink* ahead) {
  const Record& in = m.record;
  // A plan still current comes with what it read, the record's absence included.
  const bool planned = ahead != nullptr && w.Adopt(ahead->reads);
  auto old_or = w.GetRecord(in.source(), in.record_key());
  if (!old_or.ok()) return old_or.status();
  const std::optional<Record>& old = *old_or;
  MutationOutcome out;

  if (m.is_delete) {
    if (!old.has_value()) {
      return absl::StatusOr<MutationOutcome>(absl::NotFoundError(
          absl::StrCat("no record ", in.source(), "/", in.record_key(), " to delete")));
    }
    if (old->deleted()) {
      out.record = *old;
      out.entity_id = old->entity_id();
      return absl::StatusOr<MutationOutcome>(std::move(out));  // already deleted: unchanged
    }
    Record tombstone = *old;
    tombstone.clear_attributes();
    tombstone.clear_labels();
    tombstone.clear_blocking_keys();
    tombstone.clear_match_values();
    tombstone.set_deleted(true);
    tombstone.set_source_time_us(in.source_time_us());
    w.BeginChange();
    if (auto s = w.PutRecord(tombstone); !s.ok()) return s;
    if (auto s = UpdateEntity(tombstone.entity_id(), tombstone, false,
                              store::ChangeEvent::RECORD_DELETED, w);
        !s.ok()) {
      return s;
    }
    out.kind = MutationOutcome::kDeleted;
    out.record = std::move(tombstone);
    out.entity_id = out.record.entity_id();
    out.change_sequence = out.record.change_sequence();
    return absl::StatusOr<MutationOutcome>(std::move(out));
  }

  if (old.has_value() && old->kind() != in.kind()) {
    return absl::StatusOr<MutationOutcome>(absl::FailedPreconditionError(absl::StrCat(
        "record ", in.source(), "/", in.record_key(), " is a ", store::Kind_Name(old->kind()),
        " record; it cannot be resubmitted as ", store::Kind_Name(in.kind()))));
  }
  if (old.has_value() && SameContent(*old, in)) {
    out.record = *old;
    out.entity_id = old->entity_id();
    return absl::StatusOr<MutationOutcome>(std::move(out));
  }
  Record record = in;
  record.set_deleted(false);
  // A record keeps its entity when it changes (stable ids); a new one is linked.
  LinkPlan plan;
  if (old.has_value() && !old->entity_id().empty()) {
    plan.entity_id = old->entity_id();
    plan.reason = old->link_reason();
    plan.matched = old->matched();
  } else if (planned && !old.has_value()) {
    plan = ahead->plan;
  } else {
    auto planned = PlanLink(profile, record, old.has_value(), w);
    if (!planned.ok()) return planned.status();
    plan = *std::move(planned);
  }
  const bool is_new_entity = plan.entity_id.empty();
  if (is_new_entity) {
    auto minted = w.NewEntityId(in.kind());
    if (!minted.ok()) return minted.status();
    plan.entity_id = *std::move(minted);
  }
  record.set_entity_id(plan.entity_id);
  record.set_link_reason(plan.reason);
  if (!plan.matched.source().empty()) *record.mutable_matched() = plan.matched;
  w.BeginChange();
  if (auto s = w.PutRecord(record); !s.ok()) return s;
  if (auto s = UpdateEntity(plan.entity_id, record, is_new_entity,
                            store::ChangeEvent::RECORD_UPSERTED, w);
      !s.ok()) {
    return s;
  }
  const int64_t sequence = record.change_sequence();
  for (const std::string& other : plan.merge) {
    const std::string why =
        absl::StrCat("merged: ", record.source(), "/", record.record_key(), " links ",
                     plan.entity_id, " and ", other);
    if (auto s = MergeInto(plan.entity_id, other, why, w); !s.ok()) return s;
  }
  for (const store::ReviewItem& item : plan.reviews) w.PutReviewItem(item);
  out.kind = old.has_value() ? MutationOutcome::kUpdated : MutationOutcome::kCreated;
  out.record = std::move(record);
  out.entity_id = plan.entity_id;
  out.change_sequence = sequence;
  return absl::StatusOr<MutationOutcome>(std::move(out));
}

}  // namespace mdhub::resolver::internal
