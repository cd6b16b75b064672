// LegalEntityService: the legal-entity registry over gRPC. Thin: each method maps the request, calls
// the shared Registry or Stewardship or the legal-entity queries of services/internal (and through
// them the resolver and store) and maps the result back.
#ifndef MDHUB_SERVICES_LEGAL_ENTITY_SERVICE_H_
#define MDHUB_SERVICES_LEGAL_ENTITY_SERVICE_H_

#include "mdhub/v1/legal_entity.grpc.pb.h"
#include "services/internal/registry_service.h"
#include "services/internal/stewardship.h"

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

  // Legacy codes, registration status and search (services/internal/org_queries).
  grpc::Status LookupByLegacyCode(grpc::ServerContext* ctx,
                                  const v1::LookupByLegacyCodeRequest* req,
                                  v1::Entity* resp) override;
  grpc::Status GetRegistrationStatus(grpc::ServerContext* ctx,
                                     const v1::GetRegistrationStatusRequest* req,
                                     v1::GetRegistrationStatusResponse* resp) override;
  grpc::Status SearchLegalEntities(grpc::ServerContext* ctx,
                                   const v1::SearchLegalEntitiesRequest* req,
                                   v1::SearchLegalEntitiesResponse* resp) override;

  // Relationships (services/internal/org_relations).
  grpc::Status ListRelationships(grpc::ServerContext* ctx, const v1::ListRelationshipsRequest* req,
                                 v1::ListRelationshipsResponse* resp) override;
  grpc::Status ListOrganisationsByRepresentative(
      grpc::ServerContext* ctx, const v1::ListOrganisationsByRepresentativeRequest* req,
      v1::ListOrganisationsByRepresentativeResponse* resp) override;
  grpc::Status ListInsuredPersons(grpc::ServerContext* ctx, const v1::ListInsuredPersonsRequest* req,
                                  v1::ListInsuredPersonsResponse* resp) override;

  // Stewardship (services/internal/stewardship), as for persons.
  grpc::Status ExplainPair(grpc::ServerContext* ctx, const v1::ExplainPairRequest* req,
                           v1::Explanation* resp) override;
  grpc::Status ExplainLegalEntity(grpc::ServerContext* ctx, const v1::GetEntityRequest* req,
                                  v1::EntityExplanation* resp) override;
  grpc::Status MergeLegalEntities(grpc::ServerContext* ctx, const v1::MergeRequest* req,
                                  v1::Entity* resp) override;
  grpc::Status SplitLegalEntity(grpc::ServerContext* ctx, const v1::SplitRequest* req,
                                v1::SplitResponse* resp) override;
  grpc::Status DecidePair(grpc::ServerContext* ctx, const v1::DecidePairRequest* req,
                          v1::DecidePairResponse* resp) override;
  grpc::Status ListReviewItems(grpc::ServerContext* ctx, const v1::ListReviewItemsRequest* req,
                               v1::ListReviewItemsResponse* resp) override;

 private:
  const internal::Stewardship stewardship_;
};

}  // namespace mdhub::services

#endif  // MDHUB_SERVICES_LEGAL_ENTITY_SERVICE_H_
