// RecordResolver: incremental resolution. Each submitted record is linked to an entity — the one
// it was linked to before; else, by stewards' decisions, a shared identifier and the trained
// model's score against the records sharing a blocking key (hard constraints first; a record that
// links two entities merges them); else a new entity — and the entity's golden attributes,
// identifiers and search terms are rebuilt, all in one atomic store write.
#ifndef MDHUB_RESOLVER_RECORD_RESOLVER_H_
#define MDHUB_RESOLVER_RECORD_RESOLVER_H_

#include <atomic>
#include <deque>
#include <functional>
#include <string>
#include <thread>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/synchronization/mutex.h"
#include "absl/time/time.h"
#include "common/worker_pool.h"
#include "resolver/match/profile.h"
#include "store/entity_store.h"
#include "store/model.pb.h"

namespace mdhub::resolver {

// One upsert or delete.
struct Mutation {
  // For an upsert: the record as submitted (output-only fields are ignored).
  // For a delete: source and record_key (and optionally source_time_us).
  store::Record record;
  bool is_delete = false;
};

struct MutationOutcome {
  enum Kind { kCreated, kUpdated, kUnchanged, kDeleted };
  Kind kind = kUnchanged;
  // The stored record version (the current one when unchanged).
  store::Record record;
  // The entity after the change.
  std::string entity_id;
  int64_t change_sequence = 0;  // 0 when unchanged
};

// The matching profiles by kind; a kind without one links by identifiers and decisions only.
struct ResolverProfiles {
  const MatchProfile* person = nullptr;
  const MatchProfile* legal_entity = nullptr;
};

// Thread-safe (the store serialises writes).
class RecordResolver {
 public:
  // store (and audit_log, when given) must outlive the resolver. Without an audit log, the
  // `audit` arguments below are ignored.
  explicit RecordResolver(store::EntityStore& store, store::AuditLog* audit_log = nullptr,
                          ResolverProfiles profiles = ResolverProfiles())
      : store_(store),
        audit_log_(audit_log),
        profiles_(profiles),
        prepare_pool_(static_cast<int>(std::thread::hardware_concurrency()) - 1) {}

  // The profile for a kind; nullptr when there is none.
  const MatchProfile* profile(store::Kind kind) const {
    return kind == store::PERSON         ? profiles_.person
           : kind == store::LEGAL_ENTITY ? profiles_.legal_entity
                                         : nullptr;
  }
  store::EntityStore& store() const { return store_; }

  // New records' links planned ahead of their write, how many of those plans the write could use
  // (the rest had read something written meanwhile, and were planned again in the write), and
  // the time spent in the serial commit section (the ceiling of the write rate).
  struct PlanningStats {
    int64_t planned_ahead = 0;
    int64_t used = 0;
    double commit_seconds = 0;
  };
  PlanningStats planning_stats() const {
    return {planned_ahead_.load(std::memory_order_relaxed), used_.load(std::memory_order_relaxed),
            commit_micros_.load(std::memory_order_relaxed) / 1e6};
  }
  store::AuditLog* audit_log() const { return audit_log_; }

  // INVALID_ARGUMENT naming the field (under `field_prefix`; "" for top-level fields) when the
  // mutation is malformed. Apply and ApplyBatch validate too; callers that authorise by source
  // validate first so that a malformed source is reported as such.
  static absl::Status Validate(const Mutation& mutation, absl::string_view field_prefix);

  // Validates and applies one mutation atomically. INVALID_ARGUMENT (with the field path under
  // `field_prefix`) for malformed input, NOT_FOUND when deleting an unknown record,
  // FAILED_PRECONDITION when a record changes kind.
  //
  // `audit`, when given, is committed in the same transaction as the write, completed with the
  // records and entities touched and the outcome; it is committed whenever OK is returned (also
  // when nothing changed).
  absl::StatusOr<MutationOutcome> Apply(const Mutation& mutation,
                                        absl::string_view field_prefix = "record",
                                        store::AuditEntry* audit = nullptr);

  // Applies several mutations in one atomic write. Each gets its own outcome or error; a rejected
  // mutation writes nothing and does not affect the others. A storage error fails the whole call
  // and nothing is written. Concurrent calls are committed together (group commit: one
  // transaction and one fsync for the batches queued while the previous commit ran), each with
  // its own results and audit entry; a storage error then fails every call of the group.
  absl::StatusOr<std::vector<absl::StatusOr<MutationOutcome>>> ApplyBatch(
      const std::vector<Mutation>& mutations, absl::string_view field_prefix = "record",
      store::AuditEntry* audit = nullptr);

 private:
  struct Job;
  // Upper bound of the mutations a group commit takes (it always takes at least one job).
  static constexpr size_t kMaxGroupMutations = 4096;

  // Applies the jobs' mutations in one store write with their audit entries, and sets their
  // results (or status). `applied` is called once the write is applied, before it is synced.
  void CommitGroup(const std::vector<Job*>& group, const std::function<void()>& applied);

  // Copies the mutations into the job, the valid upserts prepared for matching and their links
  // planned ahead — on the caller's thread and the pool, before the store's write lock, so that
  // concurrent callers standardise and plan in parallel while another group commits.
  void Prepare(const std::vector<Mutation>& mutations, Job& job) const;

  store::EntityStore& store_;
  store::AuditLog* const audit_log_;
  const ResolverProfiles profiles_;
  mutable WorkerPool prepare_pool_;  // standardises the records of a batch in parallel

  mutable std::atomic<int64_t> planned_ahead_{0};
  std::atomic<int64_t> used_{0};
  std::atomic<int64_t> commit_micros_{0};

  absl::Mutex queue_mu_;
  std::deque<Job*> queue_ ABSL_GUARDED_BY(queue_mu_);
  bool leading_ ABSL_GUARDED_BY(queue_mu_) = false;  // a caller is committing a group
};

}  // namespace mdhub::resolver

#endif  // MDHUB_RESOLVER_RECORD_RESOLVER_H_
