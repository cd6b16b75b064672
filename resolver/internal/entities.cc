#include "resolver/internal/entities.h"

#include <algorithm>
#include <set>

#include "absl/strings/str_cat.h"
#include "resolver/internal/apply.h"
#include "resolver/standardize/address.h"

namespace mdhub::resolver::internal {

using store::Entity;
using store::EntityWrite;
using store::Record;
using store::RecordRef;

namespace {

bool SameRef(const RecordRef& a, const RecordRef& b) {
  return a.source() == b.source() && a.record_key() == b.record_key();
}

std::string RefName(const RecordRef& r) { return absl::StrCat(r.source(), "/", r.record_key()); }

}  // namespace

absl::StatusOr<std::vector<Record>> ReadMembers(const Entity& entity, EntityWrite& w) {
  std::vector<Record> members;
  for (const RecordRef& ref : entity.members()) {
    auto r = w.GetRecord(ref.source(), ref.record_key());
    if (!r.ok()) return r.status();
    if (r->has_value() && !(*r)->deleted()) members.push_back(**std::move(r));
  }
  return members;
}

void WarmRebuild(const std::vector<Record>& members, const Record& record) {
  const std::string* survivor = nullptr;
  const Record* newest = nullptr;
  auto offer = [&](const Record& r) {
    auto it = r.attributes().find("address");
    if (it == r.attributes().end() || it->second.empty()) return;
    if (newest == nullptr || SurvivesBefore(r, *newest)) {
      newest = &r;
      survivor = &it->second;
    }
  };
  for (const Record& r : members) offer(r);
  // The new record is stored by the write, with the newest transaction time: it survives unless
  // a member's source time is newer.
  auto source_time = [](const Record& r) { return std::max(r.source_time_us(), r.valid_from_us()); };
  if (auto it = record.attributes().find("address");
      it != record.attributes().end() && !it->second.empty() &&
      (newest == nullptr || source_time(record) >= source_time(*newest))) {
    survivor = &it->second;
  }
  if (survivor != nullptr) AddressCode(*survivor);
}

absl::Status StoreEntity(Entity& entity, const RecordRef& cause, EntityWrite& w) {
  auto current = ReadMembers(entity, w);
  if (!current.ok()) return current.status();
  Survive(*current, entity);
  entity.set_retired(current->empty());
  *entity.mutable_cause() = cause;
  return w.PutEntity(entity);
}

absl::StatusOr<Entity> LiveEntity(const std::string& id, EntityWrite& w) {
  auto e = w.GetEntity(id);
  if (!e.ok()) return e.status();
  if (!e->has_value()) return absl::NotFoundError(absl::StrCat("no entity ", id));
  if (!(*e)->redirect_to().empty()) {
    return absl::FailedPreconditionError(
        absl::StrCat("entity ", id, " was merged into ", (*e)->redirect_to(), "; use that id"));
  }
  return **std::move(e);
}

absl::Status MoveRecords(const std::vector<RecordRef>& refs, const std::string& to,
                         store::Kind kind, const std::string& reason,
                         store::ChangeEvent::Type type, EntityWrite& w) {
  std::set<std::string> left;  // entities the records leave
  std::vector<Record> moved;
  for (const RecordRef& ref : refs) {
    auto r = w.GetRecord(ref.source(), ref.record_key());
    if (!r.ok()) return r.status();
    if (!r->has_value()) return absl::NotFoundError(absl::StrCat("no record ", RefName(ref)));
    Record record = **std::move(r);
    if (record.entity_id() == to) continue;
    left.insert(record.entity_id());
    record.set_entity_id(to);
    record.set_link_reason(reason);
    record.clear_matched();
    if (auto s = w.PutRecord(record); !s.ok()) return s;
    moved.push_back(std::move(record));
  }
  for (const std::string& id : left) {
    auto e = w.GetEntity(id);
    if (!e.ok()) return e.status();
    if (!e->has_value()) continue;
    Entity entity = **std::move(e);
    auto* members = entity.mutable_members();
    members->erase(std::remove_if(members->begin(), members->end(),
                                  [&](const RecordRef& m) {
                                    return std::any_of(refs.begin(), refs.end(), [&](const auto& r) {
                                      return SameRef(m, r);
                                    });
                                  }),
                   members->end());
    if (auto s = StoreEntity(entity, refs.front(), w); !s.ok()) return s;
  }
  auto existing = w.GetEntity(to);
  if (!existing.ok()) return existing.status();
  Entity target;
  if (existing->has_value()) {
    target = **std::move(existing);
  } else {
    target.set_id(to);
    target.set_kind(kind);
  }
  for (const Record& r : moved) {
    RecordRef* ref = target.add_members();
    ref->set_source(r.source());
    ref->set_record_key(r.record_key());
  }
  if (auto s = StoreEntity(target, refs.front(), w); !s.ok()) return s;
  Record cause;
  cause.set_source(refs.front().source());
  cause.set_record_key(refs.front().record_key());
  w.AppendChange(type, cause, target);
  return absl::OkStatus();
}

absl::Status MergeInto(const std::string& into, const std::string& from, const std::string& reason,
                       EntityWrite& w) {
  auto source = LiveEntity(from, w);
  if (!source.ok()) return source.status();
  std::vector<RecordRef> refs(source->members().begin(), source->members().end());
  w.BeginChange();
  if (!refs.empty()) {
    if (auto s = MoveRecords(refs, into, source->kind(), reason, store::ChangeEvent::ENTITY_MERGED,
                             w);
        !s.ok()) {
      return s;
    }
  }
  auto emptied = w.GetEntity(from);
  if (!emptied.ok()) return emptied.status();
  Entity redirect = **std::move(emptied);
  redirect.clear_members();
  redirect.clear_attributes();
  redirect.clear_identifiers();
  redirect.clear_search_terms();
  redirect.set_retired(true);
  redirect.set_redirect_to(into);
  if (auto s = w.PutEntity(redirect); !s.ok()) return s;
  if (refs.empty()) {
    Record cause;
    auto target = LiveEntity(into, w);
    if (!target.ok()) return target.status();
    w.AppendChange(store::ChangeEvent::ENTITY_MERGED, cause, *target);
  }
  return absl::OkStatus();
}

absl::StatusOr<std::string> CannotLinkBetween(const Entity& a, const Entity& b, EntityWrite& w) {
  const Entity& small = a.members_size() <= b.members_size() ? a : b;
  const Entity& other = &small == &a ? b : a;
  for (const RecordRef& ref : small.members()) {
    auto decisions = w.GetPairDecisions(ref.source(), ref.record_key());
    if (!decisions.ok()) return decisions.status();
    for (const store::PairDecision& d : *decisions) {
      if (d.type() != store::PairDecision::CANNOT_LINK) continue;
      for (const RecordRef& m : other.members()) {
        if (SameRef(m, d.right())) {
          return absl::StrCat(RefName(d.left()), " and ", RefName(d.right()));
        }
      }
    }
  }
  return std::string();
}

std::vector<std::string> BindingIdentifiers(const Entity& entity) {
  std::vector<std::string> out;
  for (const store::Identifier& id : entity.identifiers()) {
    if (id.problem().empty()) out.push_back(absl::StrCat(id.type(), ":", id.value()));
  }
  return out;
}

}  // namespace mdhub::resolver::internal
