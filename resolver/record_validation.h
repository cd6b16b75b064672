// Validation of submitted records before anything is written. Errors are INVALID_ARGUMENT with a
// message that starts with the field path, e.g. `record.source: must be 1 to 64 characters ...`.
#ifndef MDHUB_RESOLVER_RECORD_VALIDATION_H_
#define MDHUB_RESOLVER_RECORD_VALIDATION_H_

#include "absl/status/status.h"
#include "absl/strings/string_view.h"
#include "store/model.pb.h"

namespace mdhub::resolver {

// Checks a source name. `field` is the path reported in the error.
absl::Status ValidateSource(absl::string_view source, absl::string_view field);
// Checks a record key.
absl::Status ValidateRecordKey(absl::string_view key, absl::string_view field);
// Checks every field of a record to be upserted; `prefix` is its path, e.g. "record".
absl::Status ValidateRecord(const store::Record& record, absl::string_view prefix);

// True when `s` is well-formed UTF-8 without NUL characters.
bool IsCleanUtf8(absl::string_view s);

}  // namespace mdhub::resolver

#endif  // MDHUB_RESOLVER_RECORD_VALIDATION_H_
