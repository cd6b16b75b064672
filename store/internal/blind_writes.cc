#include "store/internal/blind_writes.h"

#include <algorithm>
#include <vector>

namespace mdhub::store::internal {

BlindWrites::Op& BlindWrites::Slot(absl::string_view key) {
  if (auto it = pending_.find(key); it != pending_.end()) return *it->second;
  Op& op = ops_.emplace_back();
  op.key.assign(key.data(), key.size());
  pending_.emplace(op.key, &op);
  return op;
}

void BlindWrites::Put(absl::string_view key, absl::string_view value) {
  Op& op = Slot(key);
  op.value.assign(value.data(), value.size());
  op.is_delete = false;
}

void BlindWrites::Delete(absl::string_view key) {
  Op& op = Slot(key);
  op.value.clear();
  op.is_delete = true;
}

void BlindWrites::Before(absl::string_view key, Sink sink) {
  if (pending_.empty()) return;
  auto it = pending_.find(key);
  if (it == pending_.end()) return;
  sink(*it->second);
  pending_.erase(it);  // the op stays in ops_ until Drain, which only hands over pending ones
}

void BlindWrites::Drain(Sink sink) {
  std::vector<const Op*> order;
  order.reserve(pending_.size());
  for (const auto& [key, op] : pending_) order.push_back(op);
  std::sort(order.begin(), order.end(), [](const Op* a, const Op* b) { return a->key < b->key; });
  for (const Op* op : order) sink(*op);
  pending_.clear();
  ops_.clear();
}

}  // namespace mdhub::store::internal
