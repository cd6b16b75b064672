#include "resolver/match/evaluation.h"

#include <utility>

#include "absl/base/internal/raw_logging.h"
#include "absl/container/flat_hash_map.h"
#include "absl/strings/string_view.h"

namespace mdhub::resolver {
namespace {

// Cluster sizes on both sides and the sizes of their non-empty intersections.
struct Contingency {
  std::vector<int64_t> predicted_sizes;
  std::vector<int64_t> truth_sizes;
  struct Cell {
    int64_t predicted, truth;  // indexes into the size vectors
    int64_t count;
  };
  std::vector<Cell> cells;
};

int64_t ClusterId(absl::flat_hash_map<absl::string_view, int64_t>& ids,
                  std::vector<int64_t>& sizes, absl::string_view label) {
  auto [it, inserted] = ids.try_emplace(label, static_cast<int64_t>(sizes.size()));
  if (inserted) sizes.push_back(0);
  ++sizes[it->second];
  return it->second;
}

Contingency Count(const std::vector<std::string>& predicted,
                  const std::vector<std::string>& truth) {
  ABSL_RAW_CHECK(predicted.size() == truth.size(),
                 "predicted and truth must label the same records");
  Contingency c;
  absl::flat_hash_map<absl::string_view, int64_t> predicted_ids, truth_ids;
  absl::flat_hash_map<std::pair<int64_t, int64_t>, int64_t> cell_index;
  for (size_t i = 0; i < predicted.size(); ++i) {
    const int64_t p = ClusterId(predicted_ids, c.predicted_sizes, predicted[i]);
    const int64_t t = ClusterId(truth_ids, c.truth_sizes, truth[i]);
    auto [it, inserted] = cell_index.try_emplace({p, t}, static_cast<int64_t>(c.cells.size()));
    if (inserted) c.cells.push_back({p, t, 0});
    ++c.cells[it->second].count;
  }
  return c;
}

int64_t Pairs(int64_t n) { return n * (n - 1) / 2; }

double Ratio(double numerator, double denominator) {
  return denominator == 0 ? 1.0 : numerator / denominator;
}

double F1(double precision, double recall) {
  const double sum = precision + recall;
  return sum == 0 ? 0.0 : 2 * precision * recall / sum;
}

}  // namespace

PairwiseMetrics EvaluatePairwise(const std::vector<std::string>& predicted,
                                 const std::vector<std::string>& truth) {
  const Contingency c = Count(predicted, truth);
  int64_t tp = 0, predicted_pairs = 0, true_pairs = 0;
  for (const Contingency::Cell& cell : c.cells) tp += Pairs(cell.count);
  for (int64_t size : c.predicted_sizes) predicted_pairs += Pairs(size);
  for (int64_t size : c.truth_sizes) true_pairs += Pairs(size);
  PairwiseMetrics m;
  m.true_positives = tp;
  m.false_positives = predicted_pairs - tp;
  m.false_negatives = true_pairs - tp;
  m.precision = Ratio(tp, predicted_pairs);
  m.recall = Ratio(tp, true_pairs);
  m.f1 = F1(m.precision, m.recall);
  return m;
}

BCubedMetrics EvaluateBCubed(const std::vector<std::string>& predicted,
                             const std::vector<std::string>& truth) {
  const Contingency c = Count(predicted, truth);
  // Each of the `count` records of a cell has count / |predicted cluster| precision and
  // count / |true cluster| recall.
  double precision_sum = 0, recall_sum = 0;
  for (const Contingency::Cell& cell : c.cells) {
    const double square = static_cast<double>(cell.count) * cell.count;
    precision_sum += square / c.predicted_sizes[cell.predicted];
    recall_sum += square / c.truth_sizes[cell.truth];
  }
  const double n = static_cast<double>(predicted.size());
  BCubedMetrics m;
  m.precision = Ratio(precision_sum, n);
  m.recall = Ratio(recall_sum, n);
  m.f1 = F1(m.precision, m.recall);
  return m;
}

}  // namespace mdhub::resolver
