// Stewardship: the calls that explain and correct entity resolution — explain a pair or an
// entity, merge, split, decide a pair, list the review queue — for one entity kind. The population
// and legal-entity services each hold one.
#ifndef MDHUB_SERVICES_INTERNAL_STEWARDSHIP_H_
#define MDHUB_SERVICES_INTERNAL_STEWARDSHIP_H_

#include "absl/status/status.h"
#include "mdhub/v1/common.pb.h"
#include "services/call_scope.h"
#include "store/model.pb.h"

namespace mdhub::services::internal {

// Stateless apart from its kind; thread-safe.
class Stewardship {
 public:
  explicit Stewardship(store::Kind kind) : kind_(kind) {}

  absl::Status ExplainPair(CallScope& call, const v1::ExplainPairRequest& request,
                           v1::Explanation* response) const;
  absl::Status ExplainEntity(CallScope& call, const v1::GetEntityRequest& request,
                             v1::EntityExplanation* response) const;
  absl::Status Merge(CallScope& call, const v1::MergeRequest& request,
                     v1::Entity* response) const;
  absl::Status Split(CallScope& call, const v1::SplitRequest& request,
                     v1::SplitResponse* response) const;
  absl::Status Decide(CallScope& call, const v1::DecidePairRequest& request,
                      v1::DecidePairResponse* response) const;
  absl::Status ListReview(CallScope& call, const v1::ListReviewItemsRequest& request,
                          v1::ListReviewItemsResponse* response) const;

 private:
  const store::Kind kind_;
};

}  // namespace mdhub::services::internal

#endif  // MDHUB_SERVICES_INTERNAL_STEWARDSHIP_H_
