// LegalEntityService: the legal-entity registry over gRPC. Thin: each method maps the request, calls
// the shared Registry (and through it the resolver and store) and maps the result back. Methods
// not overridden answer UNIMPLEMENTED (they arrive with the legal-entity registry issue).
#ifndef MDHUB_SERVICES_LEGAL_ENTITY_SERVICE_H_
#define MDHUB_SERVICES_LEGAL_ENTITY_SERVICE_H_

#include "mdhub/v1/legal_entity.grpc.pb.h"
#include "services/internal/registry_service.h"

namespace mdhub::services {

class LegalEntityService final
    : public internal::RegistryService<v1::LegalEntityService::Service> {
 public:
  explicit LegalEntityService(Backend& backend);

  grpc::Status GetLegalEntity(grpc::ServerContext* ctx, const v1::GetEntityRequest* req,
                         v1::Entity* resp) override;
  grpc::Status LookupByCreditCode(grpc::ServerContext* ctx, const v1::LookupByCreditCodeRequest* req,
                                 v1::Entity* resp) override;
  grpc::Status ListLegalEntityHistory(grpc::ServerContext* ctx, const v1::ListHistoryRequest* req,
                                 v1::ListHistoryResponse* resp) override;
};

}  // namespace mdhub::services

#endif  // MDHUB_SERVICES_LEGAL_ENTITY_SERVICE_H_
