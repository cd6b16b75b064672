#include "services/population_service.h"

#include "resolver/identifiers.h"

namespace mdhub::services {

PopulationService::PopulationService(Backend& backend)
    : RegistryService(backend, "mdhub.v1.PopulationService", store::PERSON,
                      std::string(resolver::kCitizenId)) {}

grpc::Status PopulationService::GetPerson(grpc::ServerContext* ctx,
                                          const v1::GetEntityRequest* req, v1::Entity* resp) {
  return Handle(ctx, "GetPerson",
                [&](CallScope& call) { return registry().GetEntity(call, *req, resp); });
}

grpc::Status PopulationService::LookupByCitizenId(grpc::ServerContext* ctx,
                                                  const v1::LookupByCitizenIdRequest* req,
                                                  v1::Entity* resp) {
  return Handle(ctx, "LookupByCitizenId", [&](CallScope& call) {
    return registry().Lookup(call, req->citizen_id(), "citizen_id", req->has_as_of(),
                             req->as_of(), req->include_members(), resp);
  });
}

grpc::Status PopulationService::ListPersonHistory(grpc::ServerContext* ctx,
                                                  const v1::ListHistoryRequest* req,
                                                  v1::ListHistoryResponse* resp) {
  return Handle(ctx, "ListPersonHistory",
                [&](CallScope& call) { return registry().History(call, *req, resp); });
}

}  // namespace mdhub::services
