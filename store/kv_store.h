// KvStore: the ordered key-value interface that everything in mdhub persists through. The RocksDB
// backend implements it today; a PostgreSQL-wire backend will implement it later, so callers must
// not assume the store is in-process or that any two calls share a lock.
#ifndef MDHUB_STORE_KV_STORE_H_
#define MDHUB_STORE_KV_STORE_H_

#include <memory>
#include <string>
#include "absl/strings/string_view.h"
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"

namespace mdhub::store {

// How durable an acknowledged write must be.
enum class Durability {
  // Survives a crash of the machine: the write-ahead log is synced before acknowledging (when the
  // store was opened with sync_writes, the default).
  kMachineCrash,
  // Survives a crash of the process (kill -9) but may be lost if the machine fails before the
  // operating system writes it out. For high-rate appends such as the audit entries of reads.
  kProcessCrash,
};

// A set of puts and deletes applied atomically by KvStore::Write.
class WriteBatch {
 public:
  struct Op {
    bool is_delete;
    std::string key;
    std::string value;
  };

  void Put(absl::string_view key, absl::string_view value) {
    ops_.push_back({false, std::string(key), std::string(value)});
  }
  void Delete(absl::string_view key) { ops_.push_back({true, std::string(key), {}}); }
  const std::vector<Op>& ops() const { return ops_; }
  bool empty() const { return ops_.empty(); }

 private:
  std::vector<Op> ops_;
};

// A consistent read view. Released when destroyed; must not outlive its store.
class Snapshot {
 public:
  virtual ~Snapshot() = default;
};

// Forward iterator over a key range, in byte order. Not thread-safe.
class Iterator {
 public:
  virtual ~Iterator() = default;
  virtual bool Valid() const = 0;
  virtual void Next() = 0;
  // Moves to the first key >= target in the scanned range (target at or after the scan's begin;
  // forward or backward). One iterator serves many nearby ranges: cheaper than a Scan each.
  virtual void Seek(absl::string_view target) = 0;
  virtual absl::string_view key() const = 0;
  virtual absl::string_view value() const = 0;
  // Non-OK when iteration stopped because of an error rather than the end of the range.
  virtual absl::Status status() const = 0;
};

// An optimistic transaction. Reads see the transaction's own writes; keys read through Get are
// checked for concurrent modification at Commit. Not thread-safe; one thread uses it at a time.
class Transaction {
 public:
  virtual ~Transaction() = default;
  // NOT_FOUND when the key does not exist.
  virtual absl::StatusOr<std::string> Get(absl::string_view key) = 0;
  // Like Get, but the key is not conflict-checked at Commit. Only for transactions that also Get
  // a key that every conflicting writer writes (a counter): that read already makes them conflict,
  // and tracking each other key read would only cost time.
  virtual absl::StatusOr<std::string> GetUnchecked(absl::string_view key) = 0;
  // GetUnchecked of many keys at once (cheaper than one by one), in order. Like Get, it may not
  // see this transaction's blind writes.
  virtual std::vector<absl::StatusOr<std::string>> MultiGetUnchecked(
      const std::vector<std::string>& keys) = 0;
  // Scans [begin, end) including the transaction's own writes. Scanned keys are not
  // conflict-checked.
  virtual std::unique_ptr<Iterator> Scan(absl::string_view begin, absl::string_view end) = 0;
  virtual void Put(absl::string_view key, absl::string_view value) = 0;
  // Like Put, for a key that this transaction does not read back: cheaper (not indexed for the
  // transaction's own reads, and applied at Commit in key order, which makes the store's inserts
  // cheaper too); Get and Scan in this transaction may not see it. Writes of one key, blind or
  // not, still take effect in the order they were made.
  virtual void PutBlind(absl::string_view key, absl::string_view value) = 0;
  virtual void Delete(absl::string_view key) = 0;
  // Delete for a key that this transaction does not read back (as PutBlind).
  virtual void DeleteBlind(absl::string_view key) = 0;
  // Applies every write atomically and durably. ABORTED when a key read by Get was changed by
  // someone else since it was read: the caller retries the whole transaction.
  virtual absl::Status Commit() = 0;
  // Like Commit, but returns once the writes are applied (visible to readers), before they are
  // durable: KvStore::SyncWrites then makes them, and every write before them, durable. Lets the
  // next writer go on while this one waits for the disk.
  virtual absl::Status CommitUnsynced() = 0;
};

// Thread-safe.
class KvStore {
 public:
  virtual ~KvStore() = default;

  // NOT_FOUND when the key does not exist. snapshot may be null (read the latest).
  virtual absl::StatusOr<std::string> Get(absl::string_view key,
                                          const Snapshot* snapshot = nullptr) = 0;
  // One result per key, in order; NOT_FOUND for missing keys.
  virtual std::vector<absl::StatusOr<std::string>> MultiGet(
      const std::vector<std::string>& keys, const Snapshot* snapshot = nullptr) = 0;
  // Keys in [begin, end); an empty end means "to the end of the keyspace".
  virtual std::unique_ptr<Iterator> Scan(absl::string_view begin, absl::string_view end,
                                         const Snapshot* snapshot = nullptr) = 0;
  // Applies the batch atomically. When OK is returned the batch is durable as asked.
  virtual absl::Status Write(const WriteBatch& batch,
                             Durability durability = Durability::kMachineCrash) = 0;
  virtual std::unique_ptr<Transaction> BeginTransaction() = 0;
  // Makes every write applied so far as durable as the store's commits are (see
  // Transaction::CommitUnsynced). After a failure the store accepts no more writes (they could
  // follow log bytes the disk lost) until it is opened again.
  virtual absl::Status SyncWrites() = 0;
  virtual std::unique_ptr<Snapshot> GetSnapshot() = 0;

  struct BackupInfo {
    uint32_t id = 0;
    uint64_t size_bytes = 0;
  };
  // Takes a consistent backup into backup_dir while the store stays online.
  virtual absl::StatusOr<BackupInfo> CreateBackup(const std::string& backup_dir) = 0;
};

}  // namespace mdhub::store

#endif  // MDHUB_STORE_KV_STORE_H_
