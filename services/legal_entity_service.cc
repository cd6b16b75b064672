#include "services/legal_entity_service.h"

#include "resolver/identifiers.h"

namespace mdhub::services {

#define MDHUB_METHOD(name) "mdhub.v1.LegalEntityService/" #name

LegalEntityService::LegalEntityService(Backend& backend)
    : backend_(backend), registry_(store::LEGAL_ENTITY, std::string(resolver::kCreditCode)) {}

grpc::Status LegalEntityService::SubmitRecord(grpc::ServerContext* ctx,
                                             const v1::SubmitRecordRequest* req,
                                             v1::SubmitResult* resp) {
  return HandleCall(backend_, ctx, MDHUB_METHOD(SubmitRecord),
                    [&](CallScope& call) { return registry_.Submit(call, *req, resp); });
}

grpc::Status LegalEntityService::DeleteRecord(grpc::ServerContext* ctx,
                                             const v1::DeleteRecordRequest* req,
                                             v1::SubmitResult* resp) {
  return HandleCall(backend_, ctx, MDHUB_METHOD(DeleteRecord),
                    [&](CallScope& call) { return registry_.Delete(call, *req, resp); });
}

grpc::Status LegalEntityService::SubmitRecords(
    grpc::ServerContext* ctx,
    grpc::ServerReaderWriter<v1::MutationResult, v1::RecordMutation>* stream) {
  return HandleCall(backend_, ctx, MDHUB_METHOD(SubmitRecords),
                    [&](CallScope& call) { return registry_.SubmitStream(call, stream); });
}

grpc::Status LegalEntityService::GetRecord(grpc::ServerContext* ctx,
                                          const v1::GetRecordRequest* req,
                                          v1::SourceRecord* resp) {
  return HandleCall(backend_, ctx, MDHUB_METHOD(GetRecord),
                    [&](CallScope& call) { return registry_.GetRecord(call, *req, resp); });
}

grpc::Status LegalEntityService::GetLegalEntity(grpc::ServerContext* ctx,
                                          const v1::GetEntityRequest* req, v1::Entity* resp) {
  return HandleCall(backend_, ctx, MDHUB_METHOD(GetLegalEntity),
                    [&](CallScope& call) { return registry_.GetEntity(call, *req, resp); });
}

grpc::Status LegalEntityService::LookupByCreditCode(grpc::ServerContext* ctx,
                                                  const v1::LookupByCreditCodeRequest* req,
                                                  v1::Entity* resp) {
  return HandleCall(backend_, ctx, MDHUB_METHOD(LookupByCreditCode), [&](CallScope& call) {
    return registry_.Lookup(call, req->credit_code(), "credit_code", req->has_as_of(), req->as_of(),
                            req->include_members(), resp);
  });
}

grpc::Status LegalEntityService::ListLegalEntityHistory(grpc::ServerContext* ctx,
                                                  const v1::ListHistoryRequest* req,
                                                  v1::ListHistoryResponse* resp) {
  return HandleCall(backend_, ctx, MDHUB_METHOD(ListLegalEntityHistory),
                    [&](CallScope& call) { return registry_.History(call, *req, resp); });
}

grpc::Status LegalEntityService::WatchChanges(grpc::ServerContext* ctx,
                                             const v1::WatchChangesRequest* req,
                                             grpc::ServerWriter<v1::ChangeEvent>* writer) {
  return HandleCall(backend_, ctx, MDHUB_METHOD(WatchChanges),
                    [&](CallScope& call) { return registry_.Watch(call, *ctx, *req, writer); });
}

#undef MDHUB_METHOD

}  // namespace mdhub::services
