#include "resolver/explain.h"

#include "absl/strings/str_cat.h"

namespace mdhub::resolver {
namespace {

using store::RecordRef;

absl::StatusOr<store::Record> LiveRecord(const store::EntityStore& store, const RecordRef& ref,
                                         absl::string_view field) {
  auto r = store.GetRecord(ref.source(), ref.record_key());
  if (!r.ok() || r->deleted()) {
    if (r.ok() || absl::IsNotFound(r.status())) {
      return absl::NotFoundError(
          absl::StrCat(field, ": no record ", ref.source(), "/", ref.record_key()));
    }
    return r.status();
  }
  return r;
}

std::vector<absl::string_view> Views(const std::vector<std::string>& v, int n) {
  return std::vector<absl::string_view>(v.begin(), v.begin() + n);
}

}  // namespace

absl::StatusOr<PairExplanation> ExplainPair(const store::EntityStore& store,
                                            const MatchProfile* profile, const RecordRef& left,
                                            const RecordRef& right) {
  if (profile == nullptr) {
    return absl::FailedPreconditionError(
        "the server has no matching profile for this kind (see [resolution] in mdhubd.toml)");
  }
  auto a = LiveRecord(store, left, "left");
  if (!a.ok()) return a.status();
  auto b = LiveRecord(store, right, "right");
  if (!b.ok()) return b.status();
  const std::vector<std::string> va = profile->Values(*a), vb = profile->Values(*b);
  const auto xa = Views(va, profile->fields()), xb = Views(vb, profile->fields());
  const MatchModel::Explanation e = profile->model().ExplainVectors(xa.data(), xb.data());
  PairExplanation out;
  for (int f = 0; f < profile->fields(); ++f) {
    const MatchModel::FieldExplanation& fe = e.fields[f];
    out.fields.push_back(
        {fe.field, fe.left, fe.right, profile->model().LevelName(f, fe.level), fe.weight});
  }
  out.weight = e.weight;
  out.probability = e.probability;

  const MatchSettings& settings = profile->settings();
  std::string decision = e.probability >= settings.link_threshold     ? "link"
                         : e.probability >= settings.review_threshold ? "review"
                                                                      : "non-link";
  if (!e.veto.empty()) {
    decision = absl::StrCat("non-link: ", e.veto, " all differ (veto)");
  }
  if (std::string field = profile->Conflict(xa, xb); !field.empty()) {
    decision = absl::StrCat("non-link: different valid ", field, " (hard constraint)");
  }
  auto decisions = store.GetPairDecisions(left.source(), left.record_key());
  if (!decisions.ok()) return decisions.status();
  for (const store::PairDecision& d : *decisions) {
    if (d.right().source() != right.source() || d.right().record_key() != right.record_key()) {
      continue;
    }
    decision = absl::StrCat(
        d.type() == store::PairDecision::MUST_LINK ? "link: steward must-link"
                                                   : "non-link: steward cannot-link",
        d.decided_by().empty() ? "" : absl::StrCat(" by ", d.decided_by()),
        d.reason().empty() ? "" : absl::StrCat(" (", d.reason(), ")"));
  }
  absl::StrAppend(&out.decision, decision,
                  a->entity_id() == b->entity_id()
                      ? absl::StrCat("; both records are in ", a->entity_id())
                      : absl::StrCat("; the records are in ", a->entity_id(), " and ",
                                     b->entity_id()));
  return out;
}

absl::StatusOr<EntityExplanation> ExplainEntity(const store::EntityStore& store,
                                                const MatchProfile* profile,
                                                const std::string& entity_id,
                                                std::optional<absl::Time> as_of) {
  auto entity = store.GetEntity(entity_id, as_of);
  if (!entity.ok()) return entity.status();
  EntityExplanation out;
  out.entity = *entity;
  for (const RecordRef& ref : entity->members()) {
    auto record = store.GetRecord(ref.source(), ref.record_key(), as_of);
    if (!record.ok()) return record.status();
    EntityExplanation::Member m;
    m.record = ref;
    m.link_reason = record->link_reason();
    if (record->has_matched()) {
      m.matched = record->matched();
      auto evidence = ExplainPair(store, profile, ref, record->matched());
      // The matched record may since have been deleted, or there is no profile: reason only.
      if (evidence.ok()) m.evidence = *std::move(evidence);
    }
    out.members.push_back(std::move(m));
  }
  return out;
}

}  // namespace mdhub::resolver
