// BatchMatcher: deduplicates or links the records of a MatchDataset — block with OR-ed rules
// (oversized blocks skipped and reported), compare, estimate the model without labels, score,
// and cluster the pairs above the link threshold.
#ifndef MDHUB_RESOLVER_MATCH_BATCH_MATCHER_H_
#define MDHUB_RESOLVER_MATCH_BATCH_MATCHER_H_

#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "resolver/match/dataset.h"
#include "resolver/match/model.h"
#include "resolver/match/settings.h"

namespace mdhub::resolver {

struct ScoredPair {
  uint32_t a;
  uint32_t b;
  float weight;
  float probability;
};

struct MatchResult {
  // Per record: the id of its cluster (the id of the cluster's first record, prefixed "E:").
  std::vector<std::string> cluster;
  // Every compared pair with its score.
  std::vector<ScoredPair> pairs;
  int64_t pairs_compared = 0;
  int64_t pairs_linked = 0;
  int64_t pairs_for_review = 0;
  // Links above the threshold refused by a hard constraint (distinct_fields).
  int64_t links_refused = 0;
  // Blocks skipped for exceeding max_block_size, and the records in them.
  int64_t blocks_skipped = 0;
  int64_t records_in_skipped_blocks = 0;
  int em_iterations = 0;
  std::string model_description;
  // The parameters used, as MatchModel::Save writes them.
  std::string model;
};

struct BatchOptions {
  int threads = 2;
  uint64_t seed = 42;
  // Called with a short description of each stage as it starts.
  std::function<void(const std::string&)> progress;
  // A saved model to use instead of estimating one; empty: estimate.
  std::string model_path;
};

// INVALID_ARGUMENT when options.model_path does not hold a model for these settings.
absl::StatusOr<MatchResult> MatchBatch(const MatchDataset& data, const MatchSettings& settings,
                                       const BatchOptions& options);

}  // namespace mdhub::resolver

#endif  // MDHUB_RESOLVER_MATCH_BATCH_MATCHER_H_
