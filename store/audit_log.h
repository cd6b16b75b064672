// AuditLog: the append-only, hash-chained record of who read or wrote what. Each entry's hash is
// SHA-256(previous entry's hash || canonical encoding of the entry); the newest hash is also kept
// as the chain head, so editing, removing or truncating entries is detected by Verify.
#ifndef MDHUB_STORE_AUDIT_LOG_H_
#define MDHUB_STORE_AUDIT_LOG_H_

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "absl/functional/function_ref.h"
#include "absl/status/statusor.h"
#include "absl/synchronization/mutex.h"
#include "common/clock.h"
#include "store/kv_store.h"
#include "store/model.pb.h"

namespace mdhub::store {

// Thread-safe.
class AuditLog {
 public:
  // kv and clock must outlive the log.
  static absl::StatusOr<std::unique_ptr<AuditLog>> Open(KvStore& kv, const Clock& clock);

  // Appends the entry; sequence, time and hashes are filled here. Returns the sequence number.
  // When OK is returned the entry survives a crash of the process.
  absl::StatusOr<uint64_t> Append(AuditEntry entry);

  // Makes `entries` the next entries of the chain, in order, inside `txn`, for a write whose
  // audit entries must commit atomically with its data: the chain is held while `commit` runs,
  // and the entries count only when it returns OK. Each entry is completed (sequence, time,
  // hashes) in place. Returns commit's status.
  absl::Status CommitWith(const std::vector<AuditEntry*>& entries, Transaction& txn,
                          absl::FunctionRef<absl::Status()> commit);

  struct Verification {
    bool ok = true;
    uint64_t entries = 0;
    // When !ok: the first entry that fails, and why.
    uint64_t first_bad_sequence = 0;
    std::string problem;
  };
  // Walks the whole chain. An error status means the log could not be read at all.
  absl::StatusOr<Verification> Verify() const;

  // Up to max entries with sequence > after, in order.
  absl::StatusOr<std::vector<AuditEntry>> List(uint64_t after, int max) const;

  // The hash over an entry's content and previous_hash (what Append stores in `hash`).
  static std::string ComputeHash(const AuditEntry& entry);

 private:
  AuditLog(KvStore& kv, const Clock& clock, uint64_t last_sequence, std::string head);
  // Fills sequence, time and hashes of the next entry; returns its keys and values.
  WriteBatch Chain(AuditEntry& entry) ABSL_EXCLUSIVE_LOCKS_REQUIRED(mu_);

  KvStore& kv_;
  const Clock& clock_;

  absl::Mutex mu_;
  uint64_t last_sequence_ ABSL_GUARDED_BY(mu_);
  std::string head_ ABSL_GUARDED_BY(mu_);
};

}  // namespace mdhub::store

#endif  // MDHUB_STORE_AUDIT_LOG_H_
