#include "services/legal_entity_service.h"

#include "resolver/identifiers.h"

namespace mdhub::services {

LegalEntityService::LegalEntityService(Backend& backend)
    : RegistryService(backend, "mdhub.v1.LegalEntityService", store::LEGAL_ENTITY,
                      std::string(resolver::kCreditCode)) {}

grpc::Status LegalEntityService::GetLegalEntity(grpc::ServerContext* ctx,
                                          const v1::GetEntityRequest* req, v1::Entity* resp) {
  return Handle(ctx, "GetLegalEntity",
                [&](CallScope& call) { return registry().GetEntity(call, *req, resp); });
}

grpc::Status LegalEntityService::LookupByCreditCode(grpc::ServerContext* ctx,
                                                  const v1::LookupByCreditCodeRequest* req,
                                                  v1::Entity* resp) {
  return Handle(ctx, "LookupByCreditCode", [&](CallScope& call) {
    return registry().Lookup(call, req->credit_code(), "credit_code", req->has_as_of(),
                             req->as_of(), req->include_members(), resp);
  });
}

grpc::Status LegalEntityService::ListLegalEntityHistory(grpc::ServerContext* ctx,
                                                  const v1::ListHistoryRequest* req,
                                                  v1::ListHistoryResponse* resp) {
  return Handle(ctx, "ListLegalEntityHistory",
                [&](CallScope& call) { return registry().History(call, *req, resp); });
}

}  // namespace mdhub::services
