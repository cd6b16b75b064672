#include "services/legal_entity_service.h"

#include "resolver/identifiers.h"
#include "services/internal/org_queries.h"
#include "services/internal/org_relations.h"

namespace mdhub::services {

LegalEntityService::LegalEntityService(Backend& backend)
    : RegistryService(backend, "mdhub.v1.LegalEntityService", store::LEGAL_ENTITY,
                      std::string(resolver::kCreditCode)),
      stewardship_(store::LEGAL_ENTITY) {}

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

grpc::Status LegalEntityService::LookupByLegacyCode(grpc::ServerContext* ctx,
                                                  const v1::LookupByLegacyCodeRequest* req,
                                                  v1::Entity* resp) {
  return Handle(ctx, "LookupByLegacyCode", [&](CallScope& call) {
    return internal::LookupByLegacyCode(call, registry(), *req, resp);
  });
}

grpc::Status LegalEntityService::GetRegistrationStatus(
    grpc::ServerContext* ctx, const v1::GetRegistrationStatusRequest* req,
    v1::GetRegistrationStatusResponse* resp) {
  return Handle(ctx, "GetRegistrationStatus", [&](CallScope& call) {
    return internal::GetRegistrationStatus(call, *req, resp);
  });
}

grpc::Status LegalEntityService::SearchLegalEntities(grpc::ServerContext* ctx,
                                                   const v1::SearchLegalEntitiesRequest* req,
                                                   v1::SearchLegalEntitiesResponse* resp) {
  return Handle(ctx, "SearchLegalEntities", [&](CallScope& call) {
    return internal::SearchLegalEntities(call, registry(), *req, resp);
  });
}

grpc::Status LegalEntityService::ListRelationships(grpc::ServerContext* ctx,
                                                 const v1::ListRelationshipsRequest* req,
                                                 v1::ListRelationshipsResponse* resp) {
  return Handle(ctx, "ListRelationships", [&](CallScope& call) {
    return internal::ListRelationships(call, registry(), *req, resp);
  });
}

grpc::Status LegalEntityService::ListOrganisationsByRepresentative(
    grpc::ServerContext* ctx, const v1::ListOrganisationsByRepresentativeRequest* req,
    v1::ListOrganisationsByRepresentativeResponse* resp) {
  return Handle(ctx, "ListOrganisationsByRepresentative", [&](CallScope& call) {
    return internal::ListOrganisationsByRepresentative(call, registry(), *req, resp);
  });
}

grpc::Status LegalEntityService::ListInsuredPersons(grpc::ServerContext* ctx,
                                                  const v1::ListInsuredPersonsRequest* req,
                                                  v1::ListInsuredPersonsResponse* resp) {
  return Handle(ctx, "ListInsuredPersons", [&](CallScope& call) {
    return internal::ListInsuredPersons(call, registry(), *req, resp);
  });
}

grpc::Status LegalEntityService::ExplainPair(grpc::ServerContext* ctx,
                                           const v1::ExplainPairRequest* req,
                                           v1::Explanation* resp) {
  return Handle(ctx, "ExplainPair",
                [&](CallScope& call) { return stewardship_.ExplainPair(call, *req, resp); });
}

grpc::Status LegalEntityService::ExplainLegalEntity(grpc::ServerContext* ctx,
                                                  const v1::GetEntityRequest* req,
                                                  v1::EntityExplanation* resp) {
  return Handle(ctx, "ExplainLegalEntity",
                [&](CallScope& call) { return stewardship_.ExplainEntity(call, *req, resp); });
}

grpc::Status LegalEntityService::MergeLegalEntities(grpc::ServerContext* ctx,
                                                  const v1::MergeRequest* req, v1::Entity* resp) {
  return Handle(ctx, "MergeLegalEntities",
                [&](CallScope& call) { return stewardship_.Merge(call, *req, resp); });
}

grpc::Status LegalEntityService::SplitLegalEntity(grpc::ServerContext* ctx,
                                                const v1::SplitRequest* req,
                                                v1::SplitResponse* resp) {
  return Handle(ctx, "SplitLegalEntity",
                [&](CallScope& call) { return stewardship_.Split(call, *req, resp); });
}

grpc::Status LegalEntityService::DecidePair(grpc::ServerContext* ctx,
                                          const v1::DecidePairRequest* req,
                                          v1::DecidePairResponse* resp) {
  return Handle(ctx, "DecidePair",
                [&](CallScope& call) { return stewardship_.Decide(call, *req, resp); });
}

grpc::Status LegalEntityService::ListReviewItems(grpc::ServerContext* ctx,
                                               const v1::ListReviewItemsRequest* req,
                                               v1::ListReviewItemsResponse* resp) {
  return Handle(ctx, "ListReviewItems",
                [&](CallScope& call) { return stewardship_.ListReview(call, *req, resp); });
}

}  // namespace mdhub::services
