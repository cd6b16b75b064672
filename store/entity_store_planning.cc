// Planning writes outside the write lock: EntityStore::PlanningView and EntityWrite::Unchanged.
#include "absl/strings/str_cat.h"
#include "store/entity_store.h"
#include "store/internal/tracked_txn.h"

namespace mdhub::store {

std::unique_ptr<EntityStore::PlanningView> EntityStore::BeginPlanning() const {
  // The sequence first: a write that commits between the two reads is then newer than the view's
  // sequence, so plans depending on what it wrote look stale (safe), never current.
  int64_t sequence;
  {
    absl::MutexLock lock(&mu_);
    sequence = last_sequence_;
  }
  return std::unique_ptr<PlanningView>(new PlanningView(kv_, kv_.GetSnapshot(), sequence));
}

absl::StatusOr<ReadSet> EntityStore::PlanningView::Plan(
    absl::FunctionRef<absl::Status(EntityWrite&)> fn) const {
  internal::ReadUnits units;
  internal::SnapshotReads reads(kv_, *snapshot_, units);
  EntityWrite w(reads, sequence_, 0);
  if (absl::Status s = fn(w); !s.ok()) return s;
  if (reads.wrote()) return absl::InternalError("a planning read tried to write");
  ReadSet out;
  out.sequence = sequence_;
  out.units = std::move(units.hashes);
  out.untracked = units.untracked;
  out.records = std::move(w.records_);
  out.entities = std::move(w.entities_);
  return out;
}

bool EntityWrite::Unchanged(const ReadSet& reads) const {
  if (marks_ == nullptr || reads.untracked) return false;
  for (uint64_t unit : reads.units) {
    if (marks_->Newest(unit) > reads.sequence) return false;
  }
  return true;
}

bool EntityWrite::Adopt(ReadSet& reads) {
  if (!Unchanged(reads)) return false;
  for (auto& [key, record] : reads.records) records_.try_emplace(key, std::move(record));
  for (auto& [key, entity] : reads.entities) entities_.try_emplace(key, std::move(entity));
  reads.records.clear();
  reads.entities.clear();
  return true;
}

}  // namespace mdhub::store
