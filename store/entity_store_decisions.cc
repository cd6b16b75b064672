// The stewards' records of an EntityStore: pair decisions (must-link / cannot-link, stored under
// both orders of the pair) and the review queue of uncertain pairs.
#include <utility>

#include "absl/strings/str_cat.h"
#include "store/entity_store.h"
#include "store/internal/codec.h"
#include "store/internal/keys.h"

namespace mdhub::store {
namespace {

using internal::Decode;
using internal::DecodeAll;
using internal::Encode;

// Canonical order of a pair: by source, then key.
bool Before(const RecordRef& a, const RecordRef& b) {
  return std::tie(a.source(), a.record_key()) < std::tie(b.source(), b.record_key());
}

}  // namespace

absl::StatusOr<std::vector<PairDecision>> EntityStore::GetPairDecisions(
    absl::string_view source, absl::string_view record_key) const {
  const std::string prefix = keys::PairDecisionPrefix(source, record_key);
  return DecodeAll<PairDecision>(*kv_.Scan(prefix, keys::PrefixEnd(prefix)), "pair decision");
}

absl::StatusOr<EntityStore::ReviewPage> EntityStore::ListReviewItems(absl::string_view after,
                                                                    int limit) const {
  const std::string end = keys::PrefixEnd("Q");
  // The token is the last key returned; resume just after it.
  const std::string begin = after.empty() ? std::string("Q") : absl::StrCat(after, std::string(1, '\0'));
  if (!after.empty() && (after[0] != 'Q')) {
    return absl::InvalidArgumentError("page_token is not a token from a previous page");
  }
  ReviewPage page;
  auto it = kv_.Scan(begin, end);
  for (; it->Valid(); it->Next()) {
    if (static_cast<int>(page.items.size()) == limit) {
      page.next_token = keys::ReviewItem(page.items.back().left().source(),
                                         page.items.back().left().record_key(),
                                         page.items.back().right().source(),
                                         page.items.back().right().record_key());
      break;
    }
    absl::StatusOr<ReviewItem> item = Decode<ReviewItem>(it->value(), "review item");
    if (!item.ok()) return item.status();
    page.items.push_back(*std::move(item));
  }
  if (!it->status().ok()) return it->status();
  return page;
}

absl::StatusOr<std::vector<PairDecision>> EntityWrite::GetPairDecisions(
    absl::string_view source, absl::string_view record_key) {
  const std::string prefix = keys::PairDecisionPrefix(source, record_key);
  return DecodeAll<PairDecision>(*txn_.Scan(prefix, keys::PrefixEnd(prefix)), "pair decision");
}

void EntityWrite::PutPairDecision(const PairDecision& decision) {
  PairDecision d = decision;
  d.set_decided_at_us(now_us_);
  txn_.Put(keys::PairDecision(d.left().source(), d.left().record_key(), d.right().source(),
                              d.right().record_key()),
           Encode(d));
  std::swap(*d.mutable_left(), *d.mutable_right());
  txn_.Put(keys::PairDecision(d.left().source(), d.left().record_key(), d.right().source(),
                              d.right().record_key()),
           Encode(d));
}

void EntityWrite::PutReviewItem(ReviewItem item) {
  if (Before(item.right(), item.left())) std::swap(*item.mutable_left(), *item.mutable_right());
  item.set_created_at_us(now_us_);
  txn_.Put(keys::ReviewItem(item.left().source(), item.left().record_key(), item.right().source(),
                            item.right().record_key()),
           Encode(item));
}

void EntityWrite::DeleteReviewItem(const RecordRef& a, const RecordRef& b) {
  const RecordRef& left = Before(b, a) ? b : a;
  const RecordRef& right = Before(b, a) ? a : b;
  txn_.Delete(keys::ReviewItem(left.source(), left.record_key(), right.source(),
                               right.record_key()));
}

}  // namespace mdhub::store
