// Mapping between the public API messages (mdhub.v1) and the stored model (mdhub.store).
#ifndef MDHUB_SERVICES_INTERNAL_MAPPING_H_
#define MDHUB_SERVICES_INTERNAL_MAPPING_H_

#include <optional>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "google/protobuf/timestamp.pb.h"
#include "mdhub/v1/admin.pb.h"
#include "mdhub/v1/common.pb.h"
#include "resolver/record_resolver.h"
#include "store/model.pb.h"

namespace mdhub::services::internal {

// INVALID_ARGUMENT naming `field` when the timestamp is out of range. Unset -> 0.
absl::StatusOr<int64_t> ToMicros(const google::protobuf::Timestamp& ts, bool is_set,
                                 absl::string_view field);
void SetTimestamp(int64_t micros, google::protobuf::Timestamp* ts);
// An optional as-of time from a request field.
absl::StatusOr<std::optional<absl::Time>> AsOf(bool has_as_of,
                                               const google::protobuf::Timestamp& as_of,
                                               absl::string_view field);

// INVALID_ARGUMENT "<field>: is required" when value is empty.
absl::Status Required(absl::string_view value, absl::string_view field);

store::Kind ToStoreKind(v1::EntityKind kind);
v1::EntityKind ToApiKind(store::Kind kind);

// An upsert of `kind`; `prefix` is the field path of the record (for errors).
absl::StatusOr<resolver::Mutation> ToUpsert(const v1::SourceRecord& record, store::Kind kind,
                                            absl::string_view prefix);
absl::StatusOr<resolver::Mutation> ToDelete(const v1::DeleteRecordRequest& request,
                                            absl::string_view prefix);

void ToApi(const store::RecordRef& in, v1::RecordRef* out);
// INVALID_ARGUMENT names `field`.source or `field`.record_key when missing.
absl::StatusOr<store::RecordRef> ToStoreRef(const v1::RecordRef& in, absl::string_view field);
void ToApi(const store::Record& in, v1::SourceRecord* out);
// `members` (may be empty) are the member records to include.
void ToApi(const store::Entity& in, const std::vector<store::Record>& members, v1::Entity* out);
void ToApi(const store::ChangeEvent& in, v1::ChangeEvent* out);
void ToApi(const resolver::MutationOutcome& in, v1::SubmitResult* out);
void ToApi(const store::AuditEntry& in, v1::AuditEntry* out);

}  // namespace mdhub::services::internal

#endif  // MDHUB_SERVICES_INTERNAL_MAPPING_H_
