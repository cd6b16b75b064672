#include "resolver/record_resolver.h"

#include <optional>
#include <utility>

#include "absl/strings/str_cat.h"
#include "resolver/internal/apply.h"
#include "resolver/record_validation.h"

namespace mdhub::resolver {
absl::Status RecordResolver::Validate(const Mutation& m, absl::string_view prefix) {
  auto field = [prefix](absl::string_view name) {
    return prefix.empty() ? std::string(name) : absl::StrCat(prefix, ".", name);
  };
  if (m.is_delete) {
    if (auto s = ValidateSource(m.record.source(), field("source")); !s.ok()) return s;
    return ValidateRecordKey(m.record.record_key(), field("record_key"));
  }
  if (m.record.kind() == store::KIND_UNSPECIFIED) {
    return absl::InvalidArgumentError(absl::StrCat(field("kind"), ": is required"));
  }
  return ValidateRecord(m.record, prefix);
}

absl::StatusOr<MutationOutcome> RecordResolver::Apply(const Mutation& mutation,
                                                      absl::string_view field_prefix,
                                                      store::AuditEntry* audit) {
  auto results = ApplyBatch({mutation}, field_prefix, audit);
  if (!results.ok()) return results.status();
  return std::move((*results)[0]);
}

// One caller's batch waiting to be committed, possibly together with other callers' batches.
struct RecordResolver::Job {
  std::vector<Mutation> prepared;
  std::vector<absl::Status> invalid;
  // Links of new records planned before the write (nullopt: planned in the write).
  std::vector<std::optional<internal::PlannedLink>> ahead;
  store::AuditEntry* audit = nullptr;  // completed and committed with the write when given
  store::AuditEntry audit_base;
  std::vector<absl::StatusOr<MutationOutcome>> results;
  absl::Status status;  // a storage failure of the whole write
  bool taken = false;  // in a group being committed
  bool done = false;
};

void RecordResolver::Prepare(const std::vector<Mutation>& mutations, Job& job) const {
  job.prepared = mutations;
  job.ahead.assign(mutations.size(), std::nullopt);
  const std::unique_ptr<store::EntityStore::PlanningView> view = store_.BeginPlanning();
  // Standardising (names, addresses) and planning links (index scans, scoring) cost more than
  // storing: a batch spreads them over the cores, while the previous group's commit holds the
  // store.
  prepare_pool_.ParallelFor(mutations.size(), [&](size_t i) {
    Mutation& m = job.prepared[i];
    if (!job.invalid[i].ok() || m.is_delete) return;
    const MatchProfile* p = profile(m.record.kind());
    if (p != nullptr) internal::PrepareForMatching(*p, m.record);
    job.ahead[i] = internal::PlanLinkAhead(p, m.record, *view);
    if (job.ahead[i].has_value()) planned_ahead_.fetch_add(1, std::memory_order_relaxed);
  });
}

absl::StatusOr<std::vector<absl::StatusOr<MutationOutcome>>> RecordResolver::ApplyBatch(
    const std::vector<Mutation>& mutations, absl::string_view field_prefix,
    store::AuditEntry* audit) {
  Job job;
  job.invalid.reserve(mutations.size());
  bool any_valid = false;
  for (const Mutation& m : mutations) {
    job.invalid.push_back(Validate(m, field_prefix));
    any_valid = any_valid || job.invalid.back().ok();
  }
  if (!any_valid && audit == nullptr) {
    for (const absl::Status& s : job.invalid) job.results.emplace_back(s);
    return job.results;
  }
  Prepare(mutations, job);
  job.audit = audit;
  if (audit != nullptr) job.audit_base = *audit;

  // Group commit: the first caller to find no commit in progress leads, taking every batch
  // queued by then into one transaction (one fsync); the others wait for it. The next group may
  // start once this one is applied, while this one's log is synced. A leader whose own batch did
  // not fit in its group (the group is bounded) waits its turn again.
  {
    absl::MutexLock lock(&queue_mu_);
    queue_.push_back(&job);
    auto may_lead = [this, &job]() ABSL_EXCLUSIVE_LOCKS_REQUIRED(queue_mu_) {
      return job.done || (!job.taken && !leading_);
    };
    while (true) {
      queue_mu_.Await(absl::Condition(&may_lead));
      if (job.done) break;
      leading_ = true;
      std::vector<Job*> group;
      size_t mutations_taken = 0;
      while (!queue_.empty() && (group.empty() || mutations_taken < kMaxGroupMutations)) {
        mutations_taken += queue_.front()->prepared.size();
        queue_.front()->taken = true;
        group.push_back(queue_.front());
        queue_.pop_front();
      }
      queue_mu_.Unlock();
      const absl::Time start = absl::Now();
      bool released = false;
      CommitGroup(group, [&] {
        commit_micros_.fetch_add(absl::ToInt64Microseconds(absl::Now() - start),
                                 std::memory_order_relaxed);
        absl::MutexLock relock(&queue_mu_);
        leading_ = false;
        released = true;
      });
      queue_mu_.Lock();
      for (Job* j : group) j->done = true;
      if (!released) leading_ = false;
    }
  }
  if (!job.status.ok()) return job.status;
  return std::move(job.results);
}

void RecordResolver::CommitGroup(const std::vector<Job*>& group,
                                 const std::function<void()>& applied) {
  std::optional<store::EntityStore::AuditedBy> audited;
  if (audit_log_ != nullptr) {
    audited.emplace(store::EntityStore::AuditedBy{*audit_log_, {}});
    for (Job* job : group) {
      if (job->audit != nullptr) audited->entries.push_back(job->audit);
    }
  }
  auto committed = store_.Write(
      [&](store::EntityWrite& w) -> absl::Status {
        for (Job* job : group) {
          // The write may run again after a conflict: start each job afresh.
          job->results.clear();
          for (const absl::Status& s : job->invalid) {
            job->results.emplace_back(s.ok() ? absl::InternalError("not applied") : s);
          }
          for (size_t i = 0; i < job->prepared.size(); ++i) {
            if (!job->invalid[i].ok()) continue;
            const Mutation& m = job->prepared[i];
            internal::PlannedLink* ahead =
                job->ahead[i].has_value() ? &*job->ahead[i] : nullptr;
            if (ahead != nullptr && w.Unchanged(ahead->reads)) {
              used_.fetch_add(1, std::memory_order_relaxed);
            }
            auto applied = internal::ApplyInWrite(m, profile(m.record.kind()), w, ahead);
            if (!applied.ok()) return applied.status();
            job->results[i] = *std::move(applied);
          }
          if (job->audit != nullptr) {
            *job->audit = job->audit_base;
            internal::DescribeForAudit(job->prepared, job->results, *job->audit);
          }
        }
        return absl::OkStatus();
      },
      audited.has_value() && !audited->entries.empty() ? &*audited : nullptr, applied);
  if (!committed.ok()) {
    for (Job* job : group) job->status = committed.status();
  }
}

}  // namespace mdhub::resolver
