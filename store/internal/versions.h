// Reading the version of a stored object that was current at a transaction time.
#ifndef MDHUB_STORE_INTERNAL_VERSIONS_H_
#define MDHUB_STORE_INTERNAL_VERSIONS_H_

#include <optional>
#include <string>

#include "absl/status/statusor.h"
#include "absl/strings/str_cat.h"
#include "absl/time/time.h"
#include "store/internal/codec.h"
#include "store/internal/keys.h"
#include "store/kv_store.h"

namespace mdhub::store::internal {

// The last version whose time (by `time_of`) is <= as_of: among the superseded versions under
// `prefix` and the current version under `current_key`. NOT_FOUND if none. (Stores written before
// history held only superseded versions also have the current version under `prefix`.)
template <typename Message, typename TimeOf>
absl::StatusOr<Message> VersionAsOf(KvStore& kv, const std::string& prefix,
                                    const std::string& current_key, absl::Time as_of,
                                    TimeOf time_of, absl::string_view what) {
  const int64_t as_of_us = ToMicros(as_of);
  std::optional<Message> best;
  bool later_exists = false;
  for (auto it = kv.Scan(prefix, keys::PrefixEnd(prefix)); it->Valid(); it->Next()) {
    absl::StatusOr<Message> m = Decode<Message>(it->value(), what);
    if (!m.ok()) return m.status();
    if (time_of(*m) > as_of_us) {
      later_exists = true;
      break;
    }
    best = *std::move(m);
  }
  if (!later_exists) {
    absl::StatusOr<std::string> raw = kv.Get(current_key);
    if (!raw.ok() && !absl::IsNotFound(raw.status())) return raw.status();
    if (raw.ok()) {
      absl::StatusOr<Message> current = Decode<Message>(*raw, what);
      if (!current.ok()) return current.status();
      if (time_of(*current) <= as_of_us &&
          (!best.has_value() || current->version() > best->version())) {
        best = *std::move(current);
      }
    }
  }
  if (!best) return absl::NotFoundError(absl::StrCat(what, " did not exist at that time"));
  return *std::move(best);
}

}  // namespace mdhub::store::internal

#endif  // MDHUB_STORE_INTERNAL_VERSIONS_H_
