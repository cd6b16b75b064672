// Parsing and serialising stored protos, with corruption reported as DATA_LOSS.
#ifndef MDHUB_STORE_INTERNAL_CODEC_H_
#define MDHUB_STORE_INTERNAL_CODEC_H_

#include <string>
#include "absl/strings/string_view.h"

#include "absl/status/statusor.h"
#include "absl/strings/str_cat.h"
#include "absl/time/time.h"

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

inline int64_t ToMicros(absl::Time t) { return absl::ToUnixMicros(t); }

}  // namespace mdhub::store::internal

#endif  // MDHUB_STORE_INTERNAL_CODEC_H_
