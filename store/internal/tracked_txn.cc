#include "store/internal/tracked_txn.h"

#include "absl/hash/hash.h"
#include "store/internal/keys.h"

namespace mdhub::store::internal {

uint64_t WriteMarks::Hash(absl::string_view unit) { return absl::HashOf(unit); }

void MarkingTransaction::Mark(absl::string_view key) {
  if (absl::string_view unit = keys::DependencyUnit(key); !unit.empty()) {
    marks_.Mark(WriteMarks::Hash(unit), sequence_);
  }
}

void MarkingTransaction::Put(absl::string_view key, absl::string_view value) {
  Mark(key);
  inner_.Put(key, value);
}

void MarkingTransaction::PutBlind(absl::string_view key, absl::string_view value) {
  Mark(key);
  inner_.PutBlind(key, value);
}

void MarkingTransaction::Delete(absl::string_view key) {
  Mark(key);
  inner_.Delete(key);
}

void MarkingTransaction::DeleteBlind(absl::string_view key) {
  Mark(key);
  inner_.DeleteBlind(key);
}

void SnapshotReads::Track(absl::string_view key) {
  absl::string_view unit = keys::DependencyUnit(key);
  if (unit.size() == key.size()) {
    units_.hashes.push_back(WriteMarks::Hash(unit));
  } else {
    units_.untracked = true;  // a key inside a scanned table, or an unmarked table
  }
}

absl::StatusOr<std::string> SnapshotReads::Get(absl::string_view key) {
  Track(key);
  return kv_.Get(key, &snapshot_);
}

std::vector<absl::StatusOr<std::string>> SnapshotReads::MultiGetUnchecked(
    const std::vector<std::string>& keys) {
  for (const std::string& key : keys) Track(key);
  return kv_.MultiGet(keys, &snapshot_);
}

std::unique_ptr<Iterator> SnapshotReads::Scan(absl::string_view begin, absl::string_view end) {
  // Only a scan of exactly one unit of a scanned table (a block, an identifier, a record's
  // decisions) is tracked; its writes mark that unit.
  const bool one_unit =
      !begin.empty() && keys::ScanUnit(begin) == begin && end == keys::PrefixEnd(begin);
  if (one_unit) {
    units_.hashes.push_back(WriteMarks::Hash(begin));
  } else {
    units_.untracked = true;
  }
  return kv_.Scan(begin, end, &snapshot_);
}

absl::Status SnapshotReads::Commit() {
  return absl::FailedPreconditionError("a planning read cannot commit");
}

}  // namespace mdhub::store::internal
