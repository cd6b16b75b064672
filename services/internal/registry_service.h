// RegistryService: the gRPC methods that PopulationService and LegalEntityService share by name
// and signature (submit, delete, streamed submit, get record, watch), written once over the
// generated service base `Base`. The services add their kind-specific methods.
#ifndef MDHUB_SERVICES_INTERNAL_REGISTRY_SERVICE_H_
#define MDHUB_SERVICES_INTERNAL_REGISTRY_SERVICE_H_

#include <string>

#include "absl/strings/str_cat.h"
#include "services/backend.h"
#include "services/call_scope.h"
#include "services/internal/registry.h"

namespace mdhub::services::internal {

template <typename Base>
class RegistryService : public Base {
 public:
  // `service` is the full service name, e.g. "mdhub.v1.PopulationService".
  RegistryService(Backend& backend, std::string service, store::Kind kind,
                  std::string identifier_type)
      : backend_(backend), service_(std::move(service)), registry_(kind, identifier_type) {}

  grpc::Status SubmitRecord(grpc::ServerContext* ctx, const v1::SubmitRecordRequest* req,
                            v1::SubmitResult* resp) override {
    return Handle(ctx, "SubmitRecord",
                  [&](CallScope& call) { return registry_.Submit(call, *req, resp); });
  }
  grpc::Status DeleteRecord(grpc::ServerContext* ctx, const v1::DeleteRecordRequest* req,
                            v1::SubmitResult* resp) override {
    return Handle(ctx, "DeleteRecord",
                  [&](CallScope& call) { return registry_.Delete(call, *req, resp); });
  }
  grpc::Status SubmitRecords(
      grpc::ServerContext* ctx,
      grpc::ServerReaderWriter<v1::MutationResult, v1::RecordMutation>* stream) override {
    return Handle(ctx, "SubmitRecords",
                  [&](CallScope& call) { return registry_.SubmitStream(call, stream); });
  }
  grpc::Status GetRecord(grpc::ServerContext* ctx, const v1::GetRecordRequest* req,
                         v1::SourceRecord* resp) override {
    return Handle(ctx, "GetRecord",
                  [&](CallScope& call) { return registry_.GetRecord(call, *req, resp); });
  }
  grpc::Status WatchChanges(grpc::ServerContext* ctx, const v1::WatchChangesRequest* req,
                            grpc::ServerWriter<v1::ChangeEvent>* writer) override {
    return Handle(ctx, "WatchChanges",
                  [&](CallScope& call) { return registry_.Watch(call, *ctx, *req, writer); });
  }

 protected:
  // Runs an admitted call of `method` of this service.
  template <typename Body>
  grpc::Status Handle(grpc::ServerContext* ctx, absl::string_view method, Body body) {
    return HandleCall(backend_, ctx, absl::StrCat(service_, "/", method), body);
  }
  const Registry& registry() const { return registry_; }

 private:
  Backend& backend_;
  const std::string service_;
  const Registry registry_;
};

}  // namespace mdhub::services::internal

#endif  // MDHUB_SERVICES_INTERNAL_REGISTRY_SERVICE_H_
