// LegalEntityService: the legal-entity registry over gRPC. Thin: each method maps the request, calls
// the shared Registry (and through it the resolver and store) and maps the result back. Methods
// not overridden here answer UNIMPLEMENTED (they arrive with the legal-entity registry issue).
#ifndef MDHUB_SERVICES_LEGAL_ENTITY_SERVICE_H_
#define MDHUB_SERVICES_LEGAL_ENTITY_SERVICE_H_

#include "mdhub/v1/legal_entity.grpc.pb.h"
#include "services/backend.h"
#include "services/internal/registry.h"

namespace mdhub::services {

class LegalEntityService final : public v1::LegalEntityService::Service {
 public:
  explicit LegalEntityService(Backend& backend);

  grpc::Status SubmitRecord(grpc::ServerContext* ctx, const v1::SubmitRecordRequest* req,
                            v1::SubmitResult* resp) override;
  grpc::Status DeleteRecord(grpc::ServerContext* ctx, const v1::DeleteRecordRequest* req,
                            v1::SubmitResult* resp) override;
  grpc::Status SubmitRecords(
      grpc::ServerContext* ctx,
      grpc::ServerReaderWriter<v1::MutationResult, v1::RecordMutation>* stream) override;
  grpc::Status GetRecord(grpc::ServerContext* ctx, const v1::GetRecordRequest* req,
                         v1::SourceRecord* resp) override;
  grpc::Status GetLegalEntity(grpc::ServerContext* ctx, const v1::GetEntityRequest* req,
                         v1::Entity* resp) override;
  grpc::Status LookupByCreditCode(grpc::ServerContext* ctx, const v1::LookupByCreditCodeRequest* req,
                                 v1::Entity* resp) override;
  grpc::Status ListLegalEntityHistory(grpc::ServerContext* ctx, const v1::ListHistoryRequest* req,
                                 v1::ListHistoryResponse* resp) override;
  grpc::Status WatchChanges(grpc::ServerContext* ctx, const v1::WatchChangesRequest* req,
                            grpc::ServerWriter<v1::ChangeEvent>* writer) override;

 private:
  Backend& backend_;
  const internal::Registry registry_;
};

}  // namespace mdhub::services

#endif  // MDHUB_SERVICES_LEGAL_ENTITY_SERVICE_H_
