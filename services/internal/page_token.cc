#include "services/internal/page_token.h"

#include <algorithm>
#include <cstdint>
#include <vector>

#include "absl/strings/escaping.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"

namespace mdhub::services::internal {
namespace {

// FNV-1a: stable across processes and builds (absl::Hash is not), so that a token stays valid
// across a restart or on another server.
uint64_t Fingerprint(absl::string_view s) {
  uint64_t h = 14695981039346656037ull;
  for (unsigned char c : s) {
    h ^= c;
    h *= 1099511628211ull;
  }
  return h;
}

absl::Status NotAToken() {
  return absl::InvalidArgumentError(
      "page_token: is not a token from a previous response to the same request");
}

}  // namespace

absl::StatusOr<int> PageSize(int requested, int default_size, int max_size) {
  if (requested < 0) return absl::InvalidArgumentError("page_size: must not be negative");
  if (requested == 0) return default_size;
  return std::min(requested, max_size);
}

std::string OffsetPageToken(int offset, absl::string_view request_key) {
  return absl::WebSafeBase64Escape(
      absl::StrCat(offset, ".", absl::Hex(Fingerprint(request_key))));
}

absl::StatusOr<int> ParseOffsetPageToken(absl::string_view token, absl::string_view request_key) {
  if (token.empty()) return 0;
  std::string raw;
  if (!absl::WebSafeBase64Unescape(token, &raw)) return NotAToken();
  std::vector<absl::string_view> parts = absl::StrSplit(raw, '.');
  int offset = 0;
  uint64_t fingerprint = 0;
  if (parts.size() != 2 || !absl::SimpleAtoi(parts[0], &offset) || offset < 0 ||
      !absl::SimpleHexAtoi(parts[1], &fingerprint) || fingerprint != Fingerprint(request_key)) {
    return NotAToken();
  }
  return offset;
}

}  // namespace mdhub::services::internal
