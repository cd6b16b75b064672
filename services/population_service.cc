#include "services/population_service.h"

#include "resolver/identifiers.h"
#include "services/internal/person_queries.h"

namespace mdhub::services {

PopulationService::PopulationService(Backend& backend)
    : RegistryService(backend, "mdhub.v1.PopulationService", store::PERSON,
                      std::string(resolver::kCitizenId)),
      stewardship_(store::PERSON) {}

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

grpc::Status PopulationService::SearchPersons(grpc::ServerContext* ctx,
                                              const v1::SearchPersonsRequest* req,
                                              v1::SearchPersonsResponse* resp) {
  return Handle(ctx, "SearchPersons", [&](CallScope& call) {
    return internal::SearchPersons(call, registry(), *req, resp);
  });
}

grpc::Status PopulationService::ListHouseholdMembers(grpc::ServerContext* ctx,
                                                     const v1::ListHouseholdMembersRequest* req,
                                                     v1::ListHouseholdMembersResponse* resp) {
  return Handle(ctx, "ListHouseholdMembers", [&](CallScope& call) {
    return internal::ListHouseholdMembers(call, registry(), *req, resp);
  });
}

grpc::Status PopulationService::ExplainPair(grpc::ServerContext* ctx,
                                            const v1::ExplainPairRequest* req,
                                            v1::Explanation* resp) {
  return Handle(ctx, "ExplainPair",
                [&](CallScope& call) { return stewardship_.ExplainPair(call, *req, resp); });
}

grpc::Status PopulationService::ExplainPerson(grpc::ServerContext* ctx,
                                              const v1::GetEntityRequest* req,
                                              v1::EntityExplanation* resp) {
  return Handle(ctx, "ExplainPerson",
                [&](CallScope& call) { return stewardship_.ExplainEntity(call, *req, resp); });
}

grpc::Status PopulationService::MergePersons(grpc::ServerContext* ctx,
                                             const v1::MergeRequest* req, v1::Entity* resp) {
  return Handle(ctx, "MergePersons",
                [&](CallScope& call) { return stewardship_.Merge(call, *req, resp); });
}

grpc::Status PopulationService::SplitPerson(grpc::ServerContext* ctx, const v1::SplitRequest* req,
                                            v1::SplitResponse* resp) {
  return Handle(ctx, "SplitPerson",
                [&](CallScope& call) { return stewardship_.Split(call, *req, resp); });
}

grpc::Status PopulationService::DecidePair(grpc::ServerContext* ctx,
                                           const v1::DecidePairRequest* req,
                                           v1::DecidePairResponse* resp) {
  return Handle(ctx, "DecidePair",
                [&](CallScope& call) { return stewardship_.Decide(call, *req, resp); });
}

grpc::Status PopulationService::ListReviewItems(grpc::ServerContext* ctx,
                                                const v1::ListReviewItemsRequest* req,
                                                v1::ListReviewItemsResponse* resp) {
  return Handle(ctx, "ListReviewItems",
                [&](CallScope& call) { return stewardship_.ListReview(call, *req, resp); });
}

}  // namespace mdhub::services
