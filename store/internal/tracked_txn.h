// What lets a write be planned outside the write lock: the newest write of each dependency unit
// (keys::DependencyUnit), marked by every write; a transaction wrapper that marks; and a read-only
// transaction over a snapshot that records the units it read. A plan whose units were not written
// since its snapshot is still current.
#ifndef MDHUB_STORE_INTERNAL_TRACKED_TXN_H_
#define MDHUB_STORE_INTERNAL_TRACKED_TXN_H_

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "absl/strings/string_view.h"
#include "store/kv_store.h"

namespace mdhub::store::internal {

// The sequence of the newest write of each unit, hashed into a fixed table: a collision only
// makes a plan look stale. Not thread-safe: used under the store's write lock.
class WriteMarks {
 public:
  WriteMarks() : marks_(kSlots, 0) {}
  static uint64_t Hash(absl::string_view unit);
  void Mark(uint64_t hash, int64_t sequence) {
    int64_t& m = marks_[hash & (kSlots - 1)];
    if (sequence > m) m = sequence;
  }
  int64_t Newest(uint64_t hash) const { return marks_[hash & (kSlots - 1)]; }

 private:
  static constexpr size_t kSlots = size_t{1} << 20;
  std::vector<int64_t> marks_;
};

// Forwards to `inner`, marking the unit of every key written with `sequence`.
class MarkingTransaction final : public Transaction {
 public:
  MarkingTransaction(Transaction& inner, WriteMarks& marks, int64_t sequence)
      : inner_(inner), marks_(marks), sequence_(sequence) {}
  absl::StatusOr<std::string> Get(absl::string_view key) override { return inner_.Get(key); }
  absl::StatusOr<std::string> GetUnchecked(absl::string_view key) override {
    return inner_.GetUnchecked(key);
  }
  std::vector<absl::StatusOr<std::string>> MultiGetUnchecked(
      const std::vector<std::string>& keys) override {
    return inner_.MultiGetUnchecked(keys);
  }
  std::unique_ptr<Iterator> Scan(absl::string_view begin, absl::string_view end) override {
    return inner_.Scan(begin, end);
  }
  void Put(absl::string_view key, absl::string_view value) override;
  void PutBlind(absl::string_view key, absl::string_view value) override;
  void Delete(absl::string_view key) override;
  void DeleteBlind(absl::string_view key) override;
  absl::Status Commit() override { return inner_.Commit(); }
  absl::Status CommitUnsynced() override { return inner_.CommitUnsynced(); }

 private:
  void Mark(absl::string_view key);

  Transaction& inner_;
  WriteMarks& marks_;
  const int64_t sequence_;
};

// What a planning read saw: the hashes of the units it read, and whether it read anything that
// writes do not mark (then it can never be shown current).
struct ReadUnits {
  std::vector<uint64_t> hashes;
  bool untracked = false;
};

// Reads a snapshot, recording the units read. Writing is a programming error: Put and Delete are
// dropped and Commit fails.
class SnapshotReads final : public Transaction {
 public:
  SnapshotReads(KvStore& kv, const Snapshot& snapshot, ReadUnits& units)
      : kv_(kv), snapshot_(snapshot), units_(units) {}
  absl::StatusOr<std::string> Get(absl::string_view key) override;
  absl::StatusOr<std::string> GetUnchecked(absl::string_view key) override { return Get(key); }
  std::vector<absl::StatusOr<std::string>> MultiGetUnchecked(
      const std::vector<std::string>& keys) override;
  std::unique_ptr<Iterator> Scan(absl::string_view begin, absl::string_view end) override;
  void Put(absl::string_view, absl::string_view) override { wrote_ = true; }
  void PutBlind(absl::string_view, absl::string_view) override { wrote_ = true; }
  void Delete(absl::string_view) override { wrote_ = true; }
  void DeleteBlind(absl::string_view) override { wrote_ = true; }
  absl::Status Commit() override;
  absl::Status CommitUnsynced() override { return Commit(); }
  bool wrote() const { return wrote_; }

 private:
  void Track(absl::string_view key);

  KvStore& kv_;
  const Snapshot& snapshot_;
  ReadUnits& units_;
  bool wrote_ = false;
};

}  // namespace mdhub::store::internal

#endif  // MDHUB_STORE_INTERNAL_TRACKED_TXN_H_
