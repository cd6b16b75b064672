// PopulationService: the population registry over gRPC. Thin: each method maps the request, calls
// the shared Registry (and through it the resolver and store) and maps the result back. Methods
// not overridden answer UNIMPLEMENTED (they arrive with the identity-resolution engine).
#ifndef MDHUB_SERVICES_POPULATION_SERVICE_H_
#define MDHUB_SERVICES_POPULATION_SERVICE_H_

#include "mdhub/v1/population.grpc.pb.h"
#include "services/internal/registry_service.h"

namespace mdhub::services {

class PopulationService final
    : public internal::RegistryService<v1::PopulationService::Service> {
 public:
  explicit PopulationService(Backend& backend);

  grpc::Status GetPerson(grpc::ServerContext* ctx, const v1::GetEntityRequest* req,
                         v1::Entity* resp) override;
  grpc::Status LookupByCitizenId(grpc::ServerContext* ctx, const v1::LookupByCitizenIdRequest* req,
                                 v1::Entity* resp) override;
  grpc::Status ListPersonHistory(grpc::ServerContext* ctx, const v1::ListHistoryRequest* req,
                                 v1::ListHistoryResponse* resp) override;
};

}  // namespace mdhub::services

#endif  // MDHUB_SERVICES_POPULATION_SERVICE_H_
