// PopulationService: the population registry over gRPC. Thin: each method maps the request, calls
// the shared Registry or Stewardship (and through them the resolver and store) and maps the
// result back.
#ifndef MDHUB_SERVICES_POPULATION_SERVICE_H_
#define MDHUB_SERVICES_POPULATION_SERVICE_H_

#include "mdhub/v1/population.grpc.pb.h"
#include "services/internal/registry_service.h"
#include "services/internal/stewardship.h"

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
  grpc::Status SearchPersons(grpc::ServerContext* ctx, const v1::SearchPersonsRequest* req,
                             v1::SearchPersonsResponse* resp) override;
  grpc::Status ListHouseholdMembers(grpc::ServerContext* ctx,
                                    const v1::ListHouseholdMembersRequest* req,
                                    v1::ListHouseholdMembersResponse* resp) override;
  grpc::Status ExplainPair(grpc::ServerContext* ctx, const v1::ExplainPairRequest* req,
                           v1::Explanation* resp) override;
  grpc::Status ExplainPerson(grpc::ServerContext* ctx, const v1::GetEntityRequest* req,
                             v1::EntityExplanation* resp) override;
  grpc::Status MergePersons(grpc::ServerContext* ctx, const v1::MergeRequest* req,
                            v1::Entity* resp) override;
  grpc::Status SplitPerson(grpc::ServerContext* ctx, const v1::SplitRequest* req,
                           v1::SplitResponse* resp) override;
  grpc::Status DecidePair(grpc::ServerContext* ctx, const v1::DecidePairRequest* req,
                          v1::DecidePairResponse* resp) override;
  grpc::Status ListReviewItems(grpc::ServerContext* ctx, const v1::ListReviewItemsRequest* req,
                               v1::ListReviewItemsResponse* resp) override;

 private:
  const internal::Stewardship stewardship_;
};

}  // namespace mdhub::services

#endif  // MDHUB_SERVICES_POPULATION_SERVICE_H_
