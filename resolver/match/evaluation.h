// Quality of a clustering (which records were linked into one entity) against ground truth:
// pairwise and B-cubed precision, recall and F1. Computed from cluster sizes and contingency
// counts in O(n), never by enumerating pairs, so clusters may be large.
#ifndef MDHUB_RESOLVER_MATCH_EVALUATION_H_
#define MDHUB_RESOLVER_MATCH_EVALUATION_H_

#include <cstdint>
#include <string>
#include <vector>

namespace mdhub::resolver {

// In both evaluations predicted[i] and truth[i] are the cluster labels of record i: any strings,
// compared for equality only (a label means nothing across the two vectors). A precision or
// recall whose denominator is 0 is 1.0 (nothing was claimed, or there was nothing to find); f1 is
// their harmonic mean, 0.0 when both are 0.
// REQUIRES: predicted.size() == truth.size() (aborts otherwise).

// Pairs are unordered pairs of distinct records in the same cluster. A true positive is a pair
// in the same cluster in both; precision = tp / (tp + fp), recall = tp / (tp + fn).
struct PairwiseMetrics {
  int64_t true_positives, false_positives, false_negatives;
  double precision, recall, f1;
};

// B-cubed (Bagga & Baldwin 1998): per record, the share of its predicted cluster that is in its
// true cluster (precision) and the share of its true cluster that is in its predicted cluster
// (recall), each averaged over all records. Unlike pairwise metrics it does not weigh large
// clusters quadratically.
struct BCubedMetrics {
  double precision, recall, f1;
};

PairwiseMetrics EvaluatePairwise(const std::vector<std::string>& predicted,
                                 const std::vector<std::string>& truth);
BCubedMetrics EvaluateBCubed(const std::vector<std::string>& predicted,
                             const std::vector<std::string>& truth);

}  // namespace mdhub::resolver

#endif  // MDHUB_RESOLVER_MATCH_EVALUATION_H_
