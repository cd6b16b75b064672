// Registry: the calls that the population and legal-entity services share — submit, delete,
// streamed submit, get, lookup by identifier, history and the change feed — for one entity kind.
#ifndef MDHUB_SERVICES_INTERNAL_REGISTRY_H_
#define MDHUB_SERVICES_INTERNAL_REGISTRY_H_

#include <string>

#include "absl/status/status.h"
#include "grpcpp/support/sync_stream.h"
#include "mdhub/v1/common.pb.h"
#include "resolver/record_resolver.h"
#include "services/call_scope.h"
#include "store/model.pb.h"

namespace mdhub::services::internal {

// Stateless apart from its constants; thread-safe.
class Registry {
 public:
  // `identifier_type` is the identifier that Lookup searches, e.g. "citizen_id".
  Registry(store::Kind kind, std::string identifier_type)
      : kind_(kind), identifier_type_(std::move(identifier_type)) {}

  absl::Status Submit(CallScope& call, const v1::SubmitRecordRequest& request,
                      v1::SubmitResult* response) const;
  absl::Status Delete(CallScope& call, const v1::DeleteRecordRequest& request,
                      v1::SubmitResult* response) const;
  // Reads mutations while applying earlier ones, committing whatever has arrived as one batch.
  absl::Status SubmitStream(
      CallScope& call,
      grpc::ServerReaderWriterInterface<v1::MutationResult, v1::RecordMutation>* stream) const;
  absl::Status GetRecord(CallScope& call, const v1::GetRecordRequest& request,
                         v1::SourceRecord* response) const;
  absl::Status GetEntity(CallScope& call, const v1::GetEntityRequest& request,
                         v1::Entity* response) const;
  // `field` names the identifier's request field for errors. `identifier_type` is the type
  // searched when not the registry's own (e.g. a legal entity's "organization_code").
  absl::Status Lookup(CallScope& call, const std::string& value, absl::string_view field,
                      bool has_as_of, const google::protobuf::Timestamp& as_of,
                      bool include_members, v1::Entity* response,
                      absl::string_view identifier_type = "") const;
  absl::Status History(CallScope& call, const v1::ListHistoryRequest& request,
                       v1::ListHistoryResponse* response) const;
  // Streams changes of this kind until the client cancels or the deadline passes.
  absl::Status Watch(CallScope& call, grpc::ServerContext& context,
                     const v1::WatchChangesRequest& request,
                     grpc::ServerWriterInterface<v1::ChangeEvent>* writer) const;
  // Fills `response` from a stored entity (NOT_FOUND unless it is of this registry's kind), with
  // its member records when asked, and names it in the call's audit entry. `asked_id` is the id
  // the caller asked for (the response says when a merge redirected it).
  absl::Status RenderEntity(CallScope& call, const absl::StatusOr<store::Entity>& entity,
                            absl::string_view asked_id, bool include_members,
                            v1::Entity* response) const;

 private:
  // Applies one validated, authorised mutation with the call's audit entry in the same commit.
  absl::Status ApplyAudited(CallScope& call, const resolver::Mutation& m,
                            absl::string_view prefix, v1::SubmitResult* response) const;

  const store::Kind kind_;
  const std::string identifier_type_;
};

}  // namespace mdhub::services::internal

#endif  // MDHUB_SERVICES_INTERNAL_REGISTRY_H_
