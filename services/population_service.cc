#include "services/population_service.h"

#include "resolver/identifiers.h"

namespace mdhub::services {

#define MDHUB_METHOD(name) "mdhub.v1.PopulationService/" #name

PopulationService::PopulationService(Backend& backend)
    : backend_(backend), registry_(store::PERSON, std::string(resolver::kCitizenId)) {}

grpc::Status PopulationService::SubmitRecord(grpc::ServerContext* ctx,
                                             const v1::SubmitRecordRequest* req,
                                             v1::SubmitResult* resp) {
  return HandleCall(backend_, ctx, MDHUB_METHOD(SubmitRecord),
                    [&](CallScope& call) { return registry_.Submit(call, *req, resp); });
}

grpc::Status PopulationService::DeleteRecord(grpc::ServerContext* ctx,
                                             const v1::DeleteRecordRequest* req,
                                             v1::SubmitResult* resp) {
  return HandleCall(backend_, ctx, MDHUB_METHOD(DeleteRecord),
                    [&](CallScope& call) { return registry_.Delete(call, *req, resp); });
}

grpc::Status PopulationService::SubmitRecords(
    grpc::ServerContext* ctx,
    grpc::ServerReaderWriter<v1::MutationResult, v1::RecordMutation>* stream) {
  return HandleCall(backend_, ctx, MDHUB_METHOD(SubmitRecords),
                    [&](CallScope& call) { return registry_.SubmitStream(call, stream); });
}

grpc::Status PopulationService::GetRecord(grpc::ServerContext* ctx,
                                          const v1::GetRecordRequest* req,
                                          v1::SourceRecord* resp) {
  return HandleCall(backend_, ctx, MDHUB_METHOD(GetRecord),
                    [&](CallScope& call) { return registry_.GetRecord(call, *req, resp); });
}

grpc::Status PopulationService::GetPerson(grpc::ServerContext* ctx,
                                          const v1::GetEntityRequest* req, v1::Entity* resp) {
  return HandleCall(backend_, ctx, MDHUB_METHOD(GetPerson),
                    [&](CallScope& call) { return registry_.GetEntity(call, *req, resp); });
}

grpc::Status PopulationService::LookupByCitizenId(grpc::ServerContext* ctx,
                                                  const v1::LookupByCitizenIdRequest* req,
                                                  v1::Entity* resp) {
  return HandleCall(backend_, ctx, MDHUB_METHOD(LookupByCitizenId), [&](CallScope& call) {
    return registry_.Lookup(call, req->citizen_id(), "citizen_id", req->has_as_of(), req->as_of(),
                            req->include_members(), resp);
  });
}

grpc::Status PopulationService::ListPersonHistory(grpc::ServerContext* ctx,
                                                  const v1::ListHistoryRequest* req,
                                                  v1::ListHistoryResponse* resp) {
  return HandleCall(backend_, ctx, MDHUB_METHOD(ListPersonHistory),
                    [&](CallScope& call) { return registry_.History(call, *req, resp); });
}

grpc::Status PopulationService::WatchChanges(grpc::ServerContext* ctx,
                                             const v1::WatchChangesRequest* req,
                                             grpc::ServerWriter<v1::ChangeEvent>* writer) {
  return HandleCall(backend_, ctx, MDHUB_METHOD(WatchChanges),
                    [&](CallScope& call) { return registry_.Watch(call, *ctx, *req, writer); });
}

#undef MDHUB_METHOD

}  // namespace mdhub::services
