// Parsing and serialising stored protos, with corruption reported as DATA_LOSS.
#ifndef MDHUB_STORE_INTERNAL_CODEC_H_
#define MDHUB_STORE_INTERNAL_CODEC_H_

#include <string>
#include <vector>
#include "absl/strings/string_view.h"

#include "absl/status/statusor.h"
#include "absl/strings/str_cat.h"
#include "absl/time/time.h"
#include "store/kv_store.h"

namespace mdhub::store::internal {

template <typename Message>
absl::StatusOr<Message> Decode(absl::string_view bytes, absl::string_view what) {
  Message m;
  if (!m.ParseFromArray(bytes.data(), static_cast<int>(bytes.size()))) {
    return absl::DataLossError(absl::StrCat("stored ", what, " is corrupt"));
  }
  return m;
}

template <typename Message>
std::string Encode(const Message& m) {
  std::string out;
  m.SerializeToString(&out);
  return out;
}

// Decodes every value an iterator yields; DATA_LOSS for a corrupt one.
template <typename Message>
absl::StatusOr<std::vector<Message>> DecodeAll(Iterator& it, absl::string_view what) {
  std::vector<Message> out;
  for (; it.Valid(); it.Next()) {
    absl::StatusOr<Message> m = Decode<Message>(it.value(), what);
    if (!m.ok()) return m.status();
    out.push_back(*std::move(m));
  }
  if (!it.status().ok()) return it.status();
  return out;
}

inline int64_t ToMicros(absl::Time t) { return absl::ToUnixMicros(t); }

}  // namespace mdhub::store::internal

#endif  // MDHUB_STORE_INTERNAL_CODEC_H_
