// SharedMemo: remembers the results of a costly pure function of a string (transliteration, name
// parsing) for every thread of the process. Values repeat across records (张伟, an employer's
// name) and one value is often computed on one thread and needed again on another (a record is
// standardised on its caller's thread, its entity rebuilt on the committing thread).
#ifndef MDHUB_COMMON_SHARED_MEMO_H_
#define MDHUB_COMMON_SHARED_MEMO_H_

#include <string>

#include "absl/container/flat_hash_map.h"
#include "absl/hash/hash.h"
#include "absl/strings/string_view.h"
#include "absl/synchronization/mutex.h"

namespace mdhub {

// Thread-safe. Bounded: each of its shards starts afresh when full.
class SharedMemo {
 public:
  // The memoised compute() for `key`; compute runs outside the lock (two threads may both run
  // it for a new key, with the same result).
  template <typename Fn>
  std::string Get(absl::string_view key, Fn compute) {
    Shard& shard = shards_[absl::HashOf(key) % kShards];
    {
      absl::MutexLock lock(&shard.mu);
      if (auto it = shard.memo.find(key); it != shard.memo.end()) return it->second;
    }
    std::string out = compute();
    absl::MutexLock lock(&shard.mu);
    if (shard.memo.size() >= kMaxEntriesPerShard) shard.memo.clear();
    shard.memo.emplace(std::string(key), out);
    return out;
  }

 private:
  static constexpr size_t kShards = 16;
  static constexpr size_t kMaxEntriesPerShard = 1 << 14;
  struct Shard {
    absl::Mutex mu;
    absl::flat_hash_map<std::string, std::string> memo ABSL_GUARDED_BY(mu);
  };
  Shard shards_[kShards];
};

}  // namespace mdhub

#endif  // MDHUB_COMMON_SHARED_MEMO_H_
