#include "resolver/match/evaluation.h"

#include <string>
#include <vector>

#include "gtest/gtest.h"

namespace mdhub::resolver {
namespace {

using Labels = std::vector<std::string>;

TEST(EvaluationTest, AllSingletonsEverywhereIsPerfect) {
  const Labels predicted = {"p1", "p2", "p3"}, truth = {"t1", "t2", "t3"};
  const PairwiseMetrics pw = EvaluatePairwise(predicted, truth);
  EXPECT_EQ(pw.true_positives, 0);
  EXPECT_EQ(pw.false_positives, 0);
  EXPECT_EQ(pw.false_negatives, 0);
  EXPECT_DOUBLE_EQ(pw.precision, 1.0);  // no predicted pairs
  EXPECT_DOUBLE_EQ(pw.recall, 1.0);     // no true pairs
  EXPECT_DOUBLE_EQ(pw.f1, 1.0);
  const BCubedMetrics b3 = EvaluateBCubed(predicted, truth);
  EXPECT_DOUBLE_EQ(b3.precision, 1.0);
  EXPECT_DOUBLE_EQ(b3.recall, 1.0);
  EXPECT_DOUBLE_EQ(b3.f1, 1.0);
}

TEST(EvaluationTest, SingletonPredictionsOfOneTrueCluster) {
  const Labels predicted = {"a", "b", "c", "d"}, truth = {"x", "x", "x", "x"};
  const PairwiseMetrics pw = EvaluatePairwise(predicted, truth);
  EXPECT_EQ(pw.true_positives, 0);
  EXPECT_EQ(pw.false_positives, 0);
  EXPECT_EQ(pw.false_negatives, 6);
  EXPECT_DOUBLE_EQ(pw.precision, 1.0);
  EXPECT_DOUBLE_EQ(pw.recall, 0.0);
  EXPECT_DOUBLE_EQ(pw.f1, 0.0);
  const BCubedMetrics b3 = EvaluateBCubed(predicted, truth);
  EXPECT_DOUBLE_EQ(b3.precision, 1.0);
  EXPECT_DOUBLE_EQ(b3.recall, 0.25);
  EXPECT_DOUBLE_EQ(b3.f1, 0.4);
}

TEST(EvaluationTest, OneBigPredictedClusterOfSingletons) {
  const Labels predicted = {"all", "all", "all", "all"}, truth = {"1", "2", "3", "4"};
  const PairwiseMetrics pw = EvaluatePairwise(predicted, truth);
  EXPECT_EQ(pw.true_positives, 0);
  EXPECT_EQ(pw.false_positives, 6);
  EXPECT_EQ(pw.false_negatives, 0);
  EXPECT_DOUBLE_EQ(pw.precision, 0.0);
  EXPECT_DOUBLE_EQ(pw.recall, 1.0);
  EXPECT_DOUBLE_EQ(pw.f1, 0.0);
  const BCubedMetrics b3 = EvaluateBCubed(predicted, truth);
  EXPECT_DOUBLE_EQ(b3.precision, 0.25);
  EXPECT_DOUBLE_EQ(b3.recall, 1.0);
  EXPECT_DOUBLE_EQ(b3.f1, 0.4);
}

TEST(EvaluationTest, OneBigClusterOnBothSidesIsPerfect) {
  const Labels predicted(5, "p"), truth(5, "t");
  const PairwiseMetrics pw = EvaluatePairwise(predicted, truth);
  EXPECT_EQ(pw.true_positives, 10);
  EXPECT_EQ(pw.false_positives, 0);
  EXPECT_EQ(pw.false_negatives, 0);
  EXPECT_DOUBLE_EQ(pw.f1, 1.0);
  EXPECT_DOUBLE_EQ(EvaluateBCubed(predicted, truth).f1, 1.0);
}

TEST(EvaluationTest, SplitCluster) {
  // True {0,1,2,3}; predicted {0,1} {2,3}.
  const Labels predicted = {"1", "1", "2", "2"}, truth = {"A", "A", "A", "A"};
  const PairwiseMetrics pw = EvaluatePairwise(predicted, truth);
  EXPECT_EQ(pw.true_positives, 2);
  EXPECT_EQ(pw.false_positives, 0);
  EXPECT_EQ(pw.false_negatives, 4);
  EXPECT_DOUBLE_EQ(pw.precision, 1.0);
  EXPECT_DOUBLE_EQ(pw.recall, 1.0 / 3);
  EXPECT_DOUBLE_EQ(pw.f1, 0.5);
  const BCubedMetrics b3 = EvaluateBCubed(predicted, truth);
  EXPECT_DOUBLE_EQ(b3.precision, 1.0);
  EXPECT_DOUBLE_EQ(b3.recall, 0.5);
  EXPECT_DOUBLE_EQ(b3.f1, 2.0 / 3);
}

TEST(EvaluationTest, Mix) {
  // True {0,1,2} {3,4} {5}; predicted {0,1} {2,3,4} {5}.
  // Predicted pairs 01 23 24 34, true pairs 01 02 12 34: 01 and 34 are right.
  const Labels predicted = {"1", "1", "2", "2", "2", "3"};
  const Labels truth = {"A", "A", "A", "B", "B", "C"};
  const PairwiseMetrics pw = EvaluatePairwise(predicted, truth);
  EXPECT_EQ(pw.true_positives, 2);
  EXPECT_EQ(pw.false_positives, 2);
  EXPECT_EQ(pw.false_negatives, 2);
  EXPECT_DOUBLE_EQ(pw.precision, 0.5);
  EXPECT_DOUBLE_EQ(pw.recall, 0.5);
  EXPECT_DOUBLE_EQ(pw.f1, 0.5);
  // Per record precision 1, 1, 1/3, 2/3, 2/3, 1 and recall 2/3, 2/3, 1/3, 1, 1, 1.
  const BCubedMetrics b3 = EvaluateBCubed(predicted, truth);
  EXPECT_DOUBLE_EQ(b3.precision, 14.0 / 3 / 6);
  EXPECT_DOUBLE_EQ(b3.recall, 14.0 / 3 / 6);
  EXPECT_DOUBLE_EQ(b3.f1, 14.0 / 3 / 6);
}

TEST(EvaluationTest, UnevenMix) {
  // True {0,1,2,3,4} {5}; predicted {0,1,2} {3,4,5}.
  const Labels predicted = {"x", "x", "x", "y", "y", "y"};
  const Labels truth = {"A", "A", "A", "A", "A", "B"};
  const PairwiseMetrics pw = EvaluatePairwise(predicted, truth);
  EXPECT_EQ(pw.true_positives, 4);   // 01 02 12 34
  EXPECT_EQ(pw.false_positives, 2);  // 35 45
  EXPECT_EQ(pw.false_negatives, 6);  // 10 true pairs
  EXPECT_DOUBLE_EQ(pw.precision, 4.0 / 6);
  EXPECT_DOUBLE_EQ(pw.recall, 0.4);
  EXPECT_DOUBLE_EQ(pw.f1, 0.5);
  // Precision 1, 1, 1, 2/3, 2/3, 1/3; recall 3/5, 3/5, 3/5, 2/5, 2/5, 1.
  const BCubedMetrics b3 = EvaluateBCubed(predicted, truth);
  EXPECT_DOUBLE_EQ(b3.precision, (3 + 5.0 / 3) / 6);
  EXPECT_DOUBLE_EQ(b3.recall, (13.0 / 5) / 6 + 1.0 / 6);
  EXPECT_NEAR(b3.f1, 2 * b3.precision * b3.recall / (b3.precision + b3.recall), 1e-12);
}

TEST(EvaluationTest, LabelsAreOnlyComparedWithinOneSide) {
  // The same strings on both sides, swapped: still a perfect clustering.
  const Labels predicted = {"A", "A", "B"}, truth = {"B", "B", "A"};
  EXPECT_DOUBLE_EQ(EvaluatePairwise(predicted, truth).f1, 1.0);
  EXPECT_DOUBLE_EQ(EvaluateBCubed(predicted, truth).f1, 1.0);
}

TEST(EvaluationTest, NoRecords) {
  const PairwiseMetrics pw = EvaluatePairwise({}, {});
  EXPECT_EQ(pw.true_positives, 0);
  EXPECT_DOUBLE_EQ(pw.f1, 1.0);
  const BCubedMetrics b3 = EvaluateBCubed({}, {});
  EXPECT_DOUBLE_EQ(b3.precision, 1.0);
  EXPECT_DOUBLE_EQ(b3.recall, 1.0);
}

TEST(EvaluationTest, LargeClusterIsCountedNotEnumerated) {
  constexpr int64_t kN = 300'000;  // 4.5e10 pairs: enumerating them would time out
  Labels predicted(kN, "one"), truth(kN, "one");
  truth.back() = "other";
  const PairwiseMetrics pw = EvaluatePairwise(predicted, truth);
  EXPECT_EQ(pw.true_positives, (kN - 1) * (kN - 2) / 2);
  EXPECT_EQ(pw.false_positives, kN - 1);
  EXPECT_EQ(pw.false_negatives, 0);
  EXPECT_DOUBLE_EQ(pw.recall, 1.0);
}

TEST(EvaluationDeathTest, DifferentLengthsAbort) {
  EXPECT_DEATH(EvaluatePairwise({"a"}, {"a", "b"}), "same records");
}

}  // namespace
}  // namespace mdhub::resolver
