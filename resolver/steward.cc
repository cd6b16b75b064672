#include "resolver/steward.h"

#include <algorithm>
#include <optional>

#include "absl/strings/str_cat.h"
#include "resolver/internal/entities.h"

namespace mdhub::resolver {
namespace {

using store::Entity;
using store::EntityWrite;
using store::Record;
using store::RecordRef;

std::string RefName(const RecordRef& r) { return absl::StrCat(r.source(), "/", r.record_key()); }

bool SameRef(const RecordRef& a, const RecordRef& b) {
  return a.source() == b.source() && a.record_key() == b.record_key();
}

absl::StatusOr<Entity> LiveEntityOfKind(const std::string& id, store::Kind kind, EntityWrite& w) {
  auto e = internal::LiveEntity(id, w);
  if (!e.ok()) return e.status();
  if (e->kind() != kind) {
    return absl::FailedPreconditionError(
        absl::StrCat("entity ", id, " is a ", store::Kind_Name(e->kind()), ", not a ",
                     store::Kind_Name(kind)));
  }
  return e;
}

absl::StatusOr<Record> LiveRecord(const RecordRef& ref, EntityWrite& w) {
  auto r = w.GetRecord(ref.source(), ref.record_key());
  if (!r.ok()) return r.status();
  if (!r->has_value() || (*r)->deleted()) {
    return absl::NotFoundError(absl::StrCat("no record ", RefName(ref)));
  }
  return **std::move(r);
}

std::string Reason(const char* action, const Steward::Context& c) {
  return absl::StrCat("steward ", action, " by ", c.decided_by.empty() ? "unknown" : c.decided_by,
                      c.reason.empty() ? "" : ": ", c.reason);
}

}  // namespace

absl::Status Steward::Write(absl::FunctionRef<absl::Status(EntityWrite&)> fn,
                            const Context& context) {
  std::optional<store::EntityStore::AuditedBy> audited;
  if (context.audit != nullptr && resolver_.audit_log() != nullptr) {
    audited.emplace(store::EntityStore::AuditedBy{*resolver_.audit_log(), {context.audit}});
  }
  auto committed = resolver_.store().Write(fn, audited.has_value() ? &*audited : nullptr);
  return committed.status();
}

absl::StatusOr<Entity> Steward::Merge(store::Kind kind, const std::string& entity_id,
                                      const std::string& merged_id, const Context& context) {
  if (entity_id == merged_id) {
    return absl::InvalidArgumentError("merged_entity_id: must differ from entity_id");
  }
  Entity result;
  absl::Status s = Write(
      [&](EntityWrite& w) -> absl::Status {
        auto into = LiveEntityOfKind(entity_id, kind, w);
        if (!into.ok()) return into.status();
        auto from = LiveEntityOfKind(merged_id, kind, w);
        if (!from.ok()) return from.status();
        auto between = internal::CannotLinkBetween(*into, *from, w);
        if (!between.ok()) return between.status();
        if (!between->empty()) {
          return absl::FailedPreconditionError(absl::StrCat(
              "records ", *between, " are marked cannot-link; decide that pair must-link to "
              "merge anyway"));
        }
        if (auto st = internal::MergeInto(entity_id, merged_id, Reason("merge", context), w);
            !st.ok()) {
          return st;
        }
        auto merged = internal::LiveEntity(entity_id, w);
        if (!merged.ok()) return merged.status();
        result = *std::move(merged);
        if (context.audit != nullptr) {
          context.audit->add_touched(entity_id);
          context.audit->add_touched(merged_id);
        }
        return absl::OkStatus();
      },
      context);
  if (!s.ok()) return s;
  return result;
}

absl::StatusOr<std::pair<Entity, Entity>> Steward::Split(store::Kind kind,
                                                         const std::string& entity_id,
                                                         const std::vector<RecordRef>& records,
                                                         const Context& context) {
  if (records.empty()) return absl::InvalidArgumentError("records: name at least one record");
  std::pair<Entity, Entity> result;
  absl::Status s = Write(
      [&](EntityWrite& w) -> absl::Status {
        auto entity = LiveEntityOfKind(entity_id, kind, w);
        if (!entity.ok()) return entity.status();
        std::vector<RecordRef> remaining;
        for (const RecordRef& m : entity->members()) {
          if (std::none_of(records.begin(), records.end(),
                           [&](const RecordRef& r) { return SameRef(r, m); })) {
            remaining.push_back(m);
          }
        }
        for (size_t i = 0; i < records.size(); ++i) {
          const bool member = std::any_of(entity->members().begin(), entity->members().end(),
                                          [&](const RecordRef& m) { return SameRef(m, records[i]); });
          if (!member) {
            return absl::InvalidArgumentError(absl::StrCat(
                "records[", i, "]: ", RefName(records[i]), " is not a member of ", entity_id));
          }
        }
        if (remaining.empty()) {
          return absl::InvalidArgumentError(
              "records: names every member; at least one must stay in the entity");
        }
        auto minted = w.NewEntityId(kind);
        if (!minted.ok()) return minted.status();
        w.BeginChange();
        if (auto st = internal::MoveRecords(records, *minted, kind, Reason("split", context),
                                            store::ChangeEvent::ENTITY_SPLIT, w);
            !st.ok()) {
          return st;
        }
        for (const RecordRef& moved : records) {
          for (const RecordRef& stays : remaining) {
            store::PairDecision d;
            *d.mutable_left() = moved;
            *d.mutable_right() = stays;
            d.set_type(store::PairDecision::CANNOT_LINK);
            d.set_decided_by(context.decided_by);
            d.set_reason(Reason("split", context));
            w.PutPairDecision(d);
          }
        }
        auto a = internal::LiveEntity(entity_id, w);
        if (!a.ok()) return a.status();
        auto b = internal::LiveEntity(*minted, w);
        if (!b.ok()) return b.status();
        result = {*std::move(a), *std::move(b)};
        if (context.audit != nullptr) {
          context.audit->add_touched(entity_id);
          context.audit->add_touched(*minted);
        }
        return absl::OkStatus();
      },
      context);
  if (!s.ok()) return s;
  return result;
}

absl::StatusOr<std::pair<Entity, Entity>> Steward::DecidePair(const RecordRef& left,
                                                              const RecordRef& right,
                                                              store::PairDecision::Type type,
                                                              const Context& context) {
  if (SameRef(left, right)) return absl::InvalidArgumentError("right: must differ from left");
  if (type != store::PairDecision::MUST_LINK && type != store::PairDecision::CANNOT_LINK) {
    return absl::InvalidArgumentError("decision: must be MUST_LINK or CANNOT_LINK");
  }
  std::pair<Entity, Entity> result;
  absl::Status s = Write(
      [&](EntityWrite& w) -> absl::Status {
        auto a = LiveRecord(left, w);
        if (!a.ok()) return a.status();
        auto b = LiveRecord(right, w);
        if (!b.ok()) return b.status();
        if (a->kind() != b->kind()) {
          return absl::FailedPreconditionError(absl::StrCat(
              RefName(left), " and ", RefName(right), " are records of different kinds"));
        }
        store::PairDecision d;
        *d.mutable_left() = left;
        *d.mutable_right() = right;
        d.set_type(type);
        d.set_decided_by(context.decided_by);
        d.set_reason(context.reason);
        w.PutPairDecision(d);
        w.DeleteReviewItem(left, right);
        const bool together = a->entity_id() == b->entity_id();
        if (type == store::PairDecision::MUST_LINK && !together) {
          auto ea = internal::LiveEntity(a->entity_id(), w);
          if (!ea.ok()) return ea.status();
          auto eb = internal::LiveEntity(b->entity_id(), w);
          if (!eb.ok()) return eb.status();
          auto between = internal::CannotLinkBetween(*ea, *eb, w);
          if (!between.ok()) return between.status();
          if (!between->empty()) {
            return absl::FailedPreconditionError(absl::StrCat(
                "records ", *between, " are marked cannot-link; decide that pair first"));
          }
          // The older id survives.
          const std::string into = std::min(a->entity_id(), b->entity_id());
          const std::string from = std::max(a->entity_id(), b->entity_id());
          if (auto st = internal::MergeInto(into, from, Reason("must-link", context), w);
              !st.ok()) {
            return st;
          }
        } else if (type == store::PairDecision::CANNOT_LINK && together) {
          auto minted = w.NewEntityId(b->kind());
          if (!minted.ok()) return minted.status();
          w.BeginChange();
          if (auto st = internal::MoveRecords({right}, *minted, b->kind(),
                                              Reason("cannot-link", context),
                                              store::ChangeEvent::ENTITY_SPLIT, w);
              !st.ok()) {
            return st;
          }
        }
        auto ra = LiveRecord(left, w);
        if (!ra.ok()) return ra.status();
        auto rb = LiveRecord(right, w);
        if (!rb.ok()) return rb.status();
        auto ea = internal::LiveEntity(ra->entity_id(), w);
        if (!ea.ok()) return ea.status();
        auto eb = internal::LiveEntity(rb->entity_id(), w);
        if (!eb.ok()) return eb.status();
        result = {*std::move(ea), *std::move(eb)};
        if (context.audit != nullptr) {
          context.audit->add_touched(RefName(left));
          context.audit->add_touched(RefName(right));
        }
        return absl::OkStatus();
      },
      context);
  if (!s.ok()) return s;
  return result;
}

}  // namespace mdhub::resolver
