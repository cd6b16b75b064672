// EntityStore: source records, entities, record->entity links, identifier indexes, every version
// of each (transaction time), and the gap-free change log — laid out on a KvStore.
#ifndef MDHUB_STORE_ENTITY_STORE_H_
#define MDHUB_STORE_ENTITY_STORE_H_

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include "absl/strings/string_view.h"
#include <vector>

#include "absl/functional/function_ref.h"
#include "absl/container/flat_hash_map.h"
#include "absl/status/statusor.h"
#include "absl/synchronization/mutex.h"
#include "absl/time/time.h"
#include "common/clock.h"
#include "store/audit_log.h"
#include "store/kv_store.h"
#include "store/model.pb.h"

namespace mdhub::store {

class EntityWrite;
namespace internal {
class WriteMarks;
}

// What a planned write read (EntityStore::PlanningView::Plan), for the write that carries out the
// plan to tell whether it is still current (EntityWrite::Unchanged).
struct ReadSet {
  int64_t sequence = 0;          // the last change committed when the view was taken
  std::vector<uint64_t> units;   // the units read (hashed)
  bool untracked = false;        // read what writes do not mark: never current
  // The records and entities read (by key; nullopt: absent), for the write to take over while
  // current instead of reading them again (EntityWrite::Adopt).
  absl::flat_hash_map<std::string, std::optional<Record>> records;
  absl::flat_hash_map<std::string, std::optional<Entity>> entities;
};

// Thread-safe. Reads run concurrently; writes are serialised and each Write() commits as one
// atomic transaction.
class EntityStore {
 public:
  // kv and clock must outlive the store.
  static absl::StatusOr<std::unique_ptr<EntityStore>> Open(KvStore& kv, const Clock& clock);
  ~EntityStore();

  // Current version, or the version current at transaction time as_of. NOT_FOUND when the record
  // does not exist (or did not yet exist at as_of). Deleted records are returned as tombstones.
  absl::StatusOr<Record> GetRecord(absl::string_view source, absl::string_view record_key,
                                   std::optional<absl::Time> as_of = std::nullopt) const;

  // Like GetRecord for an entity. Merged ids are followed to the surviving entity (whose id
  // differs from the one asked for).
  absl::StatusOr<Entity> GetEntity(absl::string_view id,
                                   std::optional<absl::Time> as_of = std::nullopt) const;

  // Ids of the entities of `kind` that hold the identifier (usually zero or one).
  absl::StatusOr<std::vector<std::string>> FindByIdentifier(Kind kind, absl::string_view type,
                                                            absl::string_view value) const;

  // Ids of up to `limit` entities of `kind` found by a search term (Entity.search_terms).
  absl::StatusOr<std::vector<std::string>> FindBySearchTerm(Kind kind, absl::string_view term,
                                                            int limit) const;

  // Entities of `kind` holding a search term that starts with `term_prefix`, in (term, entity id)
  // order, after the position `after` (an opaque token from a previous page; "" = first).
  struct TermHit {
    std::string term;
    std::string entity_id;
  };
  struct TermPage {
    std::vector<TermHit> hits;
    std::string next_token;  // "" when there are no more
  };
  absl::StatusOr<TermPage> ScanSearchTerms(Kind kind, absl::string_view term_prefix,
                                           absl::string_view after, int limit) const;

  // The steward decisions that name the record (as PairDecision.left).
  absl::StatusOr<std::vector<PairDecision>> GetPairDecisions(absl::string_view source,
                                                             absl::string_view record_key) const;

  // Up to `limit` review items after `after` (an opaque token from a previous page; "" = first).
  struct ReviewPage {
    std::vector<ReviewItem> items;
    std::string next_token;  // "" when there are no more
  };
  absl::StatusOr<ReviewPage> ListReviewItems(absl::string_view after, int limit) const;

  // Versions of an entity, newest first, with version < before_version (0 = from the newest).
  absl::StatusOr<std::vector<Entity>> ListEntityVersions(absl::string_view id, int max_versions,
                                                         int64_t before_version = 0) const;

  // Up to max_events committed changes with sequence > after_sequence, in order.
  absl::StatusOr<std::vector<ChangeEvent>> ReadChanges(int64_t after_sequence,
                                                       int max_events) const;

  // Sequence number of the newest committed change (0 when none).
  int64_t LastSequence() const;

  // Blocks until a change with sequence > after_sequence is committed, or until deadline.
  // Returns true when there is such a change.
  bool AwaitChange(int64_t after_sequence, absl::Time deadline) const;

  struct CommitInfo {
    // Sequence numbers of the changes the write committed; first > last when it committed none.
    int64_t first_sequence = 0;
    int64_t last_sequence = -1;
  };
  // The audit entries of a write (one per call it serves), committed in the same transaction as
  // the write's data, chained in order. `fn` may complete them (touched ids, outcome) before
  // they are chained.
  struct AuditedBy {
    AuditLog& log;
    std::vector<AuditEntry*> entries;
  };

  // Runs `fn` in a transaction and commits everything it wrote atomically and durably, together
  // with the audit entry when `audit` is given. `fn` may run more than once when a concurrent
  // writer conflicts; it must not have side effects outside the EntityWrite and the audit entry.
  // An error from `fn` aborts the write and is returned (and nothing is audited).
  // An acknowledged (OK) write is durable; readers may see it (and the change sequences it took)
  // a little earlier, while its log is synced outside the write lock; the change feed only
  // announces synced changes. When the sync fails, the write may already be visible, and the
  // store accepts no further writes until it is opened again. `applied`, when given, is called once the write is applied and
  // the write lock released, before the sync (a caller that serialises its own writers can let
  // the next one go on).
  absl::StatusOr<CommitInfo> Write(absl::FunctionRef<absl::Status(EntityWrite&)> fn,
                                   const AuditedBy* audit = nullptr,
                                   const std::function<void()>& applied = nullptr);

  // A consistent read view for planning writes outside the write lock — on callers' threads, in
  // parallel, while another write commits. Plan runs `fn` on an EntityWrite that reads the
  // snapshot (and must not write), and returns what it read: a later Write carries out the plan
  // only while EntityWrite::Unchanged says nothing read has been written since, and plans again
  // otherwise. Thread-safe; must not outlive the store.
  class PlanningView {
   public:
    absl::StatusOr<ReadSet> Plan(absl::FunctionRef<absl::Status(EntityWrite&)> fn) const;

   private:
    friend class EntityStore;
    PlanningView(KvStore& kv, std::unique_ptr<Snapshot> snapshot, int64_t sequence)
        : kv_(kv), snapshot_(std::move(snapshot)), sequence_(sequence) {}
    KvStore& kv_;
    const std::unique_ptr<Snapshot> snapshot_;
    const int64_t sequence_;
  };
  std::unique_ptr<PlanningView> BeginPlanning() const;

  const Clock& clock() const { return clock_; }

 private:
  friend class FeatureStore;
  EntityStore(KvStore& kv, const Clock& clock, int64_t last_sequence, int64_t last_time_us);
  // Write, up to the commit: applied, not yet durable.
  absl::StatusOr<CommitInfo> CommitUnsynced(absl::FunctionRef<absl::Status(EntityWrite&)> fn,
                                            const AuditedBy* audit);

  // Constant after construction.
  KvStore& kv_;
  const Clock& clock_;

  absl::Mutex write_mu_;  // serialises writers; taken before mu_
  mutable absl::Mutex mu_;
  int64_t last_sequence_ ABSL_GUARDED_BY(mu_);
  int64_t last_time_us_ ABSL_GUARDED_BY(write_mu_);
  // The newest write of each dependency unit, for EntityWrite::Unchanged.
  const std::unique_ptr<internal::WriteMarks> marks_ ABSL_PT_GUARDED_BY(write_mu_);
};

// One write transaction of an EntityStore (see EntityStore::Write). Reads see this write's own
// changes. Not thread-safe.
class EntityWrite {
 public:
  // True when nothing `reads` read has been written since its view was taken: a plan made from
  // it holds. Always false in a planning read.
  bool Unchanged(const ReadSet& reads) const;
  // When Unchanged(reads): takes over the records and entities it read (moved out of `reads`;
  // what this write has read or written itself is kept) and returns true. Otherwise false.
  bool Adopt(ReadSet& reads);

  // Transaction time of this write: the same for every change it commits.
  absl::Time now() const { return absl::FromUnixMicros(now_us_); }

  absl::StatusOr<std::optional<Record>> GetRecord(absl::string_view source,
                                                  absl::string_view record_key);
  // The entity stored under id, without following redirects.
  absl::StatusOr<std::optional<Entity>> GetEntity(absl::string_view id);
  absl::StatusOr<std::vector<std::string>> FindByIdentifier(Kind kind, absl::string_view type,
                                                            absl::string_view value);
  // Records of `kind` indexed under a blocking key (Record.blocking_keys), at most `limit` + 1 so
  // that the caller can tell an oversized block.
  struct BlockHit {
    RecordRef record;
    BlockEntry entry;
  };
  absl::StatusOr<std::vector<BlockHit>> ScanBlock(Kind kind, absl::string_view blocking_key,
                                                  int limit);
  // Steward decisions naming the record, and recording new ones (stored under both orders).
  absl::StatusOr<std::vector<PairDecision>> GetPairDecisions(absl::string_view source,
                                                             absl::string_view record_key);
  void PutPairDecision(const PairDecision& decision);
  // The review queue. Items are keyed by their pair; left and right are put in canonical order.
  void PutReviewItem(ReviewItem item);
  void DeleteReviewItem(const RecordRef& a, const RecordRef& b);
  // Mints a new entity id; ids are never reused.
  absl::StatusOr<std::string> NewEntityId(Kind kind);

  // Starts the next logical change and returns its sequence number; the following Put* calls and
  // AppendChange belong to it.
  int64_t BeginChange();

  // Stores a new version of the record (version, recorded_at and change_sequence are set here)
  // and updates the blocking index (a deleted record leaves it).
  // REQUIRES: BeginChange() was called.
  absl::Status PutRecord(Record& record);
  // Stores a new version of the entity (version, timestamps and change_sequence are set here) and
  // updates the identifier and search-term indexes. REQUIRES: BeginChange() was called.
  absl::Status PutEntity(Entity& entity);
  // Appends the current change to the change log.
  void AppendChange(ChangeEvent::Type type, const Record& record, const Entity& entity);

  // Puts the key with its last value given here once, just before the write commits: for
  // counters and statistics that a batch updates many times.
  void PutAtCommit(std::string key, std::string value) {
    at_commit_[std::move(key)] = std::move(value);
  }

 private:
  friend class EntityStore;
  friend class FeatureWrite;
  // Moves the record's blocking-index entries from its old version to the new one.
  void UpdateBlockIndex(const Record* old, const Record& record);

  EntityWrite(Transaction& txn, int64_t sequence, int64_t now_us,
              const internal::WriteMarks* marks = nullptr)
      : txn_(txn), sequence_(sequence), now_us_(now_us), marks_(marks) {}

  Transaction& txn_;
  int64_t sequence_;  // the current change's sequence (last allocated)
  int64_t first_sequence_ = 0;
  const int64_t now_us_;
  const internal::WriteMarks* const marks_;  // null in a planning read
  // What this write has read or written of records and entities, by key: a linking step reads
  // the same record or entity several times (planning, storing, rebuilding the golden record).
  absl::flat_hash_map<std::string, std::optional<Record>> records_;
  absl::flat_hash_map<std::string, std::optional<Entity>> entities_;
  // Entity-id counters read or advanced by this write, by meta key.
  absl::flat_hash_map<std::string, uint64_t> entity_counters_;
  absl::flat_hash_map<std::string, std::string> at_commit_;
};

}  // namespace mdhub::store

#endif  // MDHUB_STORE_ENTITY_STORE_H_
