// BlindWrites: a transaction's writes that it never reads back, held until commit and then handed
// to the store in key order. A memtable insert costs a skip-list search from the previous insert;
// in key order that search is short, while one write of each table after the other (a record, its
// index entries, its change) jumps across the whole memtable every time and costs several cache
// misses per level. The order of writes to one key is kept: a blind write is handed over early
// when the transaction writes the same key through its index.
#ifndef MDHUB_STORE_INTERNAL_BLIND_WRITES_H_
#define MDHUB_STORE_INTERNAL_BLIND_WRITES_H_

#include <deque>
#include <string>

#include "absl/container/flat_hash_map.h"
#include "absl/functional/function_ref.h"
#include "absl/strings/string_view.h"

namespace mdhub::store::internal {

class BlindWrites {
 public:
  // One pending write; value is unused for a delete.
  struct Op {
    std::string key;
    std::string value;
    bool is_delete = false;
  };
  using Sink = absl::FunctionRef<void(const Op&)>;

  // A later blind write of a key replaces an earlier one.
  void Put(absl::string_view key, absl::string_view value);
  void Delete(absl::string_view key);

  // Before the transaction writes `key` through its index: hands a pending blind write of the key
  // to `sink` now, so that the indexed write comes after it.
  void Before(absl::string_view key, Sink sink);

  // Hands every pending write to `sink` in key order and forgets them.
  void Drain(Sink sink);

  bool empty() const { return pending_.empty(); }

 private:
  Op& Slot(absl::string_view key);

  std::deque<Op> ops_;  // stable addresses: pending_ keys point into them
  absl::flat_hash_map<absl::string_view, Op*> pending_;
};

}  // namespace mdhub::store::internal

#endif  // MDHUB_STORE_INTERNAL_BLIND_WRITES_H_
