// Paging for list and search calls: the page size a request asks for, and opaque page tokens for
// results that are recomputed for every page (a search ranks anew; the token carries the offset
// of the next page, bound to the request it continues).
#ifndef MDHUB_SERVICES_INTERNAL_PAGE_TOKEN_H_
#define MDHUB_SERVICES_INTERNAL_PAGE_TOKEN_H_

#include <string>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"

namespace mdhub::services::internal {

// The page size to use: default_size for 0, at most max_size. INVALID_ARGUMENT naming page_size
// when negative.
absl::StatusOr<int> PageSize(int requested, int default_size, int max_size);

// A token for the page starting at `offset`. `request_key` holds the request fields that define
// the result (e.g. the query), so that a token cannot continue a different request.
// REQUIRES: offset >= 0.
std::string OffsetPageToken(int offset, absl::string_view request_key);

// The offset in a token from OffsetPageToken with the same request_key; 0 for "".
// INVALID_ARGUMENT naming page_token otherwise.
absl::StatusOr<int> ParseOffsetPageToken(absl::string_view token, absl::string_view request_key);

}  // namespace mdhub::services::internal

#endif  // MDHUB_SERVICES_INTERNAL_PAGE_TOKEN_H_
