// The Fellegi–Sunter model of a matching job: comparison levels per field, m and u
// probabilities, the prior, estimation (u from random pairs, m and the prior by EM without labels)
// and scoring with term-frequency adjustment.
#ifndef MDHUB_RESOLVER_MATCH_MODEL_H_
#define MDHUB_RESOLVER_MATCH_MODEL_H_

#include <cstdint>
#include <string>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "absl/status/status.h"
#include "resolver/match/dataset.h"
#include "resolver/match/settings.h"

namespace mdhub::resolver {

// Level 0 is "a value is missing" (no evidence), level 1 exact agreement, then one level per
// threshold, and the last level disagreement (kAddress: settings give it placeholder thresholds,
// one per fixed middle level).
inline int LevelCount(const FieldSettings& f) { return 3 + static_cast<int>(f.thresholds.size()); }

// The comparison level of two standardised values.
uint8_t CompareValues(const FieldSettings& f, absl::string_view a, absl::string_view b);

// Not thread-safe while estimating; scoring is thread-safe afterwards.
//
// Pairs are scored either by record index in a batch dataset or, for incremental resolution and
// explanations, as two vectors of standardised values (one per field, in the settings' order).
class MatchModel {
 public:
  // A model for a batch job over `data` (term frequencies are counted there).
  MatchModel(const MatchSettings& settings, const MatchDataset& data);
  // A model without a dataset, for scoring value vectors: Load trained parameters (with their
  // term frequencies) before use.
  explicit MatchModel(const MatchSettings& settings);

  // Comparison vector of a pair: one level per field, written to out[0..fields).
  void Compare(uint32_t a, uint32_t b, uint8_t* out) const;
  void CompareVectors(const absl::string_view* a, const absl::string_view* b,
                      uint8_t* out) const;

  // u from `samples` random pairs (of different files when linking only).
  void EstimateU(int64_t samples, uint64_t seed);
  // m and the prior by EM without labels over the compared pairs: `levels` holds fields() bytes
  // per pair, rules[i] has bit r set when pair i satisfies blocking rule r, and blocked[r][f]
  // says rule r keys on field f. m comes from one EM session per rule that leaves the rule's own
  // fields out (they agree by construction), weighted by the matches each session finds; the
  // prior is then fitted over all pairs. Returns the number of iterations run.
  int EstimateM(const std::vector<uint8_t>& levels, const std::vector<uint32_t>& rules,
                const std::vector<std::vector<bool>>& blocked, int max_iterations);

  // The weight of a vetoed pair (see MatchSettings::vetoes): probability ~1e-12.
  static constexpr double kVetoWeight = -40;
  // The first veto group whose fields all differ at these levels, joined by " and "; "".
  std::string Veto(const uint8_t* levels) const;

  // Match weight (log2 Bayes factor including the prior) of a compared pair.
  double Weight(uint32_t a, uint32_t b, const uint8_t* levels) const;
  // The same for value vectors; term frequencies are looked up with the left vector's values.
  double WeightOfVectors(const absl::string_view* a, const uint8_t* levels) const;
  static double Probability(double weight);

  int fields() const { return static_cast<int>(settings_.fields.size()); }
  double prior() const { return lambda_; }
  double m(int field, int level) const { return m_[field][level]; }
  double u(int field, int level) const { return u_[field][level]; }
  // Why a pair scores as it does, field by field.
  struct FieldExplanation {
    std::string field;
    std::string left, right;  // standardised values
    int level = 0;            // 0 missing, 1 exact, ..., last = disagreement
    double weight = 0;        // log2 Bayes factor (term-frequency adjusted)
  };
  struct Explanation {
    double prior_weight = 0;  // log2 prior odds
    // The fields of the veto group that decided the pair ("" when none did).
    std::string veto;
    std::vector<FieldExplanation> fields;
    double weight = 0;        // total
    double probability = 0;
  };
  Explanation Explain(uint32_t a, uint32_t b) const;
  Explanation ExplainVectors(const absl::string_view* a, const absl::string_view* b) const;
  // A short name of a field's comparison level: "missing", "exact", "jaro_winkler>=0.9", ...
  std::string LevelName(int field, int level) const;

  // A one-line description of each field's levels and weights, for reports and explain.
  std::string Describe() const;

  // The trained parameters as a TOML document (prior; m and u per field and level; the shares of
  // the most frequent values of term-frequency fields), to be reused with Load instead of
  // estimating again, or by the server's incremental resolution.
  std::string Save() const;
  // Replaces the parameters with saved ones (a file, or Save's text named `name` in errors).
  // INVALID_ARGUMENT when the fields or levels do not fit these settings.
  absl::Status Load(const std::string& path);
  absl::Status LoadText(const std::string& text, const std::string& name);

 private:
  MatchModel(const MatchSettings& settings, const MatchDataset* data);

  // Weight of one field at a level for a pair whose left value is `a_value`.
  double FieldWeight(absl::string_view a_value, int field, uint8_t level) const;
  // The [field.term_frequency] table of field f, for Save.
  void AppendTermFrequencies(int f, std::string& out) const;
  // EM iterations over distinct comparison vectors with their counts (level 0 = no evidence);
  // updates the prior and, when asked, m.
  int RunEm(const absl::flat_hash_map<std::string, double>& patterns, int max_iterations,
            bool update_m);

  const MatchSettings& settings_;
  const MatchDataset* data_;  // null for a model that scores value vectors only
  double lambda_;
  std::vector<std::vector<double>> m_, u_;
  // Per field with term_frequency: value -> share of records holding it.
  std::vector<absl::flat_hash_map<std::string, double>> tf_;
  // Per field: the share assumed for a value the table does not hold (0: use u).
  std::vector<double> tf_floor_;
  // settings_.vetoes as field indexes.
  std::vector<std::vector<int>> vetoes_;
};

}  // namespace mdhub::resolver

#endif  // MDHUB_RESOLVER_MATCH_MODEL_H_
