// RegistryClient: one client over the population and legal-entity services, whose record and
// stewardship calls have the same shape, so that a CLI subcommand written once works for both
// kinds.
#ifndef MDHUB_TOOLS_CLI_REGISTRY_CLIENT_H_
#define MDHUB_TOOLS_CLI_REGISTRY_CLIENT_H_

#include <memory>

#include "mdhub/v1/legal_entity.grpc.pb.h"
#include "mdhub/v1/population.grpc.pb.h"

namespace mdhub::cli {

class RegistryClient {
 public:
  RegistryClient(std::shared_ptr<grpc::Channel> channel, v1::EntityKind kind)
      : kind_(kind),
        population_(v1::PopulationService::NewStub(channel)),
        legal_entity_(v1::LegalEntityService::NewStub(channel)) {}

  bool is_person() const { return kind_ == v1::PERSON; }

  grpc::Status SubmitRecord(grpc::ClientContext* c, const v1::SubmitRecordRequest& r,
                            v1::SubmitResult* out) {
    return is_person() ? population_->SubmitRecord(c, r, out)
                       : legal_entity_->SubmitRecord(c, r, out);
  }
  grpc::Status DeleteRecord(grpc::ClientContext* c, const v1::DeleteRecordRequest& r,
                            v1::SubmitResult* out) {
    return is_person() ? population_->DeleteRecord(c, r, out)
                       : legal_entity_->DeleteRecord(c, r, out);
  }
  std::unique_ptr<grpc::ClientReaderWriter<v1::RecordMutation, v1::MutationResult>> SubmitRecords(
      grpc::ClientContext* c) {
    return is_person() ? population_->SubmitRecords(c) : legal_entity_->SubmitRecords(c);
  }
  grpc::Status GetRecord(grpc::ClientContext* c, const v1::GetRecordRequest& r,
                         v1::SourceRecord* out) {
    return is_person() ? population_->GetRecord(c, r, out) : legal_entity_->GetRecord(c, r, out);
  }
  grpc::Status GetEntity(grpc::ClientContext* c, const v1::GetEntityRequest& r, v1::Entity* out) {
    return is_person() ? population_->GetPerson(c, r, out)
                       : legal_entity_->GetLegalEntity(c, r, out);
  }
  // Looks up by the kind's identifier: citizen id for persons, credit code for legal entities.
  grpc::Status Lookup(grpc::ClientContext* c, const std::string& identifier, bool members,
                      v1::Entity* out) {
    if (is_person()) {
      v1::LookupByCitizenIdRequest r;
      r.set_citizen_id(identifier);
      r.set_include_members(members);
      return population_->LookupByCitizenId(c, r, out);
    }
    v1::LookupByCreditCodeRequest r;
    r.set_credit_code(identifier);
    r.set_include_members(members);
    return legal_entity_->LookupByCreditCode(c, r, out);
  }
  grpc::Status ListHistory(grpc::ClientContext* c, const v1::ListHistoryRequest& r,
                           v1::ListHistoryResponse* out) {
    return is_person() ? population_->ListPersonHistory(c, r, out)
                       : legal_entity_->ListLegalEntityHistory(c, r, out);
  }
  std::unique_ptr<grpc::ClientReader<v1::ChangeEvent>> WatchChanges(
      grpc::ClientContext* c, const v1::WatchChangesRequest& r) {
    return is_person() ? population_->WatchChanges(c, r) : legal_entity_->WatchChanges(c, r);
  }

  // Stewardship.
  grpc::Status ExplainPair(grpc::ClientContext* c, const v1::ExplainPairRequest& r,
                           v1::Explanation* out) {
    return is_person() ? population_->ExplainPair(c, r, out)
                       : legal_entity_->ExplainPair(c, r, out);
  }
  grpc::Status ExplainEntity(grpc::ClientContext* c, const v1::GetEntityRequest& r,
                             v1::EntityExplanation* out) {
    return is_person() ? population_->ExplainPerson(c, r, out)
                       : legal_entity_->ExplainLegalEntity(c, r, out);
  }
  grpc::Status Merge(grpc::ClientContext* c, const v1::MergeRequest& r, v1::Entity* out) {
    return is_person() ? population_->MergePersons(c, r, out)
                       : legal_entity_->MergeLegalEntities(c, r, out);
  }
  grpc::Status Split(grpc::ClientContext* c, const v1::SplitRequest& r, v1::SplitResponse* out) {
    return is_person() ? population_->SplitPerson(c, r, out)
                       : legal_entity_->SplitLegalEntity(c, r, out);
  }
  grpc::Status DecidePair(grpc::ClientContext* c, const v1::DecidePairRequest& r,
                          v1::DecidePairResponse* out) {
    return is_person() ? population_->DecidePair(c, r, out)
                       : legal_entity_->DecidePair(c, r, out);
  }
  grpc::Status ListReviewItems(grpc::ClientContext* c, const v1::ListReviewItemsRequest& r,
                               v1::ListReviewItemsResponse* out) {
    return is_person() ? population_->ListReviewItems(c, r, out)
                       : legal_entity_->ListReviewItems(c, r, out);
  }

 private:
  const v1::EntityKind kind_;
  std::unique_ptr<v1::PopulationService::Stub> population_;
  std::unique_ptr<v1::LegalEntityService::Stub> legal_entity_;
};

}  // namespace mdhub::cli

#endif  // MDHUB_TOOLS_CLI_REGISTRY_CLIENT_H_
