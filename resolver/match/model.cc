#include "resolver/match/model.h"

#include <algorithm>
#include <cmath>
#include <random>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/strings/str_join.h"
#include "absl/strings/str_split.h"
#include "resolver/compare/address_agreement.h"
#include "resolver/compare/date_agreement.h"
#include "resolver/compare/similarity.h"
#include "resolver/match/columns.h"

namespace mdhub::resolver {
namespace {

constexpr double kMinProbability = 1e-6;

// Normalises counts + a small pseudo-count into probabilities over levels 1..n-1.
void Normalise(const std::vector<double>& counts, double pseudo, std::vector<double>& out) {
  double total = 0;
  for (size_t l = 1; l < counts.size(); ++l) total += counts[l] + pseudo;
  out.assign(counts.size(), 0);
  for (size_t l = 1; l < counts.size(); ++l) {
    out[l] = std::max(kMinProbability, (counts[l] + pseudo) / total);
  }
}

// The four parts of a StandardOrgName value; false when it has not four.
bool SplitOrgName(absl::string_view v, absl::string_view parts[4]) {
  for (int i = 0; i < 3; ++i) {
    const size_t bar = v.find('|');
    if (bar == absl::string_view::npos) return false;
    parts[i] = v.substr(0, bar);
    v.remove_prefix(bar + 1);
  }
  parts[3] = v;
  return v.find('|') == absl::string_view::npos;
}

// Levels of two single StandardOrgName values ("CORE|FORM|REGION|BRANCH") that differ: the cores
// and the branches must agree for the middle levels; a branch never agrees with its head office
// beyond "different".
uint8_t CompareOrgNames(const FieldSettings& f, absl::string_view a, absl::string_view b) {
  const int k = static_cast<int>(f.thresholds.size());
  absl::string_view pa[4], pb[4];
  if (!SplitOrgName(a, pa) || !SplitOrgName(b, pb) || pa[3] != pb[3]) {
    return static_cast<uint8_t>(2 + k);
  }
  if (pa[0] == pb[0]) return 2;
  const double s = JaroWinkler(pa[0], pb[0]);
  for (int i = 1; i < k; ++i) {
    if (s >= f.thresholds[i]) return static_cast<uint8_t>(2 + i);
  }
  return static_cast<uint8_t>(2 + k);
}

}  // namespace

uint8_t CompareValues(const FieldSettings& f, absl::string_view a, absl::string_view b) {
  if (a.empty() || b.empty() || f.comparison == Comparison::kNone) return 0;
  if (a == b) return 1;
  const int k = static_cast<int>(f.thresholds.size());
  switch (f.comparison) {
    case Comparison::kExact:
      break;
    case Comparison::kJaroWinkler: {
      const double s = JaroWinkler(a, b);
      for (int i = 0; i < k; ++i) {
        if (s >= f.thresholds[i]) return static_cast<uint8_t>(2 + i);
      }
      break;
    }
    case Comparison::kLevenshtein:
    case Comparison::kDamerau: {
      const int bound = static_cast<int>(f.thresholds.back());
      const int d = f.comparison == Comparison::kLevenshtein ? Levenshtein(a, b, bound)
                                                             : DamerauLevenshtein(a, b, bound);
      for (int i = 0; i < k; ++i) {
        if (d <= f.thresholds[i]) return static_cast<uint8_t>(2 + i);
      }
      break;
    }
    case Comparison::kAddress:
      return static_cast<uint8_t>(CompareAddresses(a, b));
    case Comparison::kDate:
      return static_cast<uint8_t>(CompareDates(a, b));
    case Comparison::kName: {
      // "name|pinyin" (ColumnPlan::Standardise); a value without the separator is a bare name.
      const size_t sa = a.find(kNameSeparator), sb = b.find(kNameSeparator);
      const absl::string_view na = a.substr(0, sa), nb = b.substr(0, sb);
      if (na == nb) return 1;
      if (sa != absl::string_view::npos && sb != absl::string_view::npos &&
          a.substr(sa + 1) == b.substr(sb + 1)) {
        return 2;
      }
      const double s = JaroWinkler(na, nb);
      for (int i = 1; i < k; ++i) {
        if (s >= f.thresholds[i]) return static_cast<uint8_t>(2 + i);
      }
      break;
    }
    case Comparison::kOrgName: {
      if (a.find(kValueSeparator) == absl::string_view::npos &&
          b.find(kValueSeparator) == absl::string_view::npos) {
        return CompareOrgNames(f, a, b);
      }
      // Several names (the current and former ones): as well as the best-agreeing pair.
      uint8_t best = static_cast<uint8_t>(2 + k);
      for (absl::string_view x : absl::StrSplit(a, kValueSeparator)) {
        for (absl::string_view y : absl::StrSplit(b, kValueSeparator)) {
          best = std::min(best, x == y ? uint8_t{1} : CompareOrgNames(f, x, y));
        }
      }
      return best;
    }
    case Comparison::kNone:
      break;
  }
  return static_cast<uint8_t>(2 + k);
}

MatchModel::MatchModel(const MatchSettings& settings) : MatchModel(settings, nullptr) {}

MatchModel::MatchModel(const MatchSettings& settings, const MatchDataset& data)
    : MatchModel(settings, &data) {
  for (int f = 0; f < fields(); ++f) {
    if (!settings.fields[f].term_frequency) continue;
    absl::flat_hash_map<std::string, double> counts;
    int64_t present = 0;
    for (uint32_t r = 0; r < data.size(); ++r) {
      absl::string_view v = data.value(r, f);
      if (v.empty()) continue;
      counts[std::string(v)] += 1;
      ++present;
    }
    for (auto& [value, c] : counts) c /= std::max<int64_t>(present, 1);
    tf_[f] = std::move(counts);
    tf_floor_[f] = 1.0 / std::max<int64_t>(present, 1);
  }
}

MatchModel::MatchModel(const MatchSettings& settings, const MatchDataset* data)
    : settings_(settings), data_(data), lambda_(settings.initial_match_rate) {
  const int n = fields();
  m_.resize(n);
  u_.resize(n);
  tf_.resize(n);
  tf_floor_.assign(n, 0);
  for (const std::vector<std::string>& group : settings.vetoes) {
    std::vector<int> indexes;
    for (const std::string& name : group) {
      for (int f = 0; f < n; ++f) {
        if (settings.fields[f].name == name) indexes.push_back(f);
      }
    }
    vetoes_.push_back(std::move(indexes));
  }
  for (int f = 0; f < n; ++f) {
    const int levels = LevelCount(settings.fields[f]);
    // A starting point for EM: agreement is likely among matches.
    std::vector<double> m_counts(levels, 0.0);
    m_counts[1] = 0.9;
    for (int l = 2; l < levels - 1; ++l) m_counts[l] = 0.08 / (levels - 3);
    m_counts[levels - 1] = 0.02;
    Normalise(m_counts, 0, m_[f]);
    u_[f].assign(levels, 1.0 / levels);
  }
}

void MatchModel::Compare(uint32_t a, uint32_t b, uint8_t* out) const {
  for (int f = 0; f < fields(); ++f) {
    out[f] = CompareValues(settings_.fields[f], data_->value(a, f), data_->value(b, f));
  }
}

void MatchModel::CompareVectors(const absl::string_view* a, const absl::string_view* b,
                                uint8_t* out) const {
  for (int f = 0; f < fields(); ++f) out[f] = CompareValues(settings_.fields[f], a[f], b[f]);
}

void MatchModel::EstimateU(int64_t samples, uint64_t seed) {
  std::mt19937_64 rng(seed);
  const uint32_t n = data_->size();
  std::vector<std::vector<double>> counts(fields());
  for (int f = 0; f < fields(); ++f) counts[f].assign(LevelCount(settings_.fields[f]), 0);
  std::vector<uint8_t> levels(fields());
  int64_t taken = 0;
  for (int64_t attempt = 0; taken < samples && attempt < samples * 20 && n > 1; ++attempt) {
    uint32_t a = rng() % n, b = rng() % n;
    if (a == b || (settings_.link_only && data_->source(a) == data_->source(b))) continue;
    Compare(a, b, levels.data());
    for (int f = 0; f < fields(); ++f) counts[f][levels[f]] += 1;
    ++taken;
  }
  for (int f = 0; f < fields(); ++f) Normalise(counts[f], 1.0, u_[f]);
}

namespace {

using Patterns = absl::flat_hash_map<std::string, double>;

}  // namespace

int MatchModel::RunEm(const Patterns& patterns, int max_iterations, bool update_m) {
  const int n = fields();
  double total = 0;
  for (const auto& [p, c] : patterns) total += c;
  if (total == 0) return 0;
  int iteration = 0;
  for (; iteration < max_iterations; ++iteration) {
    std::vector<std::vector<double>> num(n);
    for (int f = 0; f < n; ++f) num[f].assign(m_[f].size(), 0);
    double matches = 0;
    for (const auto& [p, c] : patterns) {
      double lm = lambda_, lu = 1 - lambda_;
      for (int f = 0; f < n; ++f) {
        const uint8_t l = static_cast<uint8_t>(p[f]);
        if (l == 0) continue;
        lm *= m_[f][l];
        lu *= u_[f][l];
      }
      const double w = lm / (lm + lu);
      matches += c * w;
      for (int f = 0; f < n; ++f) num[f][static_cast<uint8_t>(p[f])] += c * w;
    }
    const double old_lambda = lambda_;
    lambda_ = std::clamp(matches / total, kMinProbability, 1 - kMinProbability);
    double change = std::abs(lambda_ - old_lambda);
    if (update_m) {
      for (int f = 0; f < n; ++f) {
        std::vector<double> before = m_[f];
        Normalise(num[f], 1e-3, m_[f]);
        for (size_t l = 1; l < before.size(); ++l) {
          change = std::max(change, std::abs(before[l] - m_[f][l]));
        }
      }
    }
    if (change < 1e-6) break;
  }
  return iteration;
}

int MatchModel::EstimateM(const std::vector<uint8_t>& levels, const std::vector<uint32_t>& rules,
                          const std::vector<std::vector<bool>>& blocked, int max_iterations) {
  const int n = fields();
  const std::vector<std::vector<double>> start_m = m_;
  const double start_lambda = lambda_;
  std::vector<std::vector<double>> sum(n);
  for (int f = 0; f < n; ++f) sum[f].assign(m_[f].size(), 0);
  std::vector<double> weight(n, 0);
  int iterations = 0;
  // One EM session per blocking rule over the pairs that satisfy it, with the rule's own fields
  // left out: inside a block they agree because of how the pairs were found.
  for (size_t r = 0; r < blocked.size(); ++r) {
    Patterns patterns;
    double count = 0;
    std::string key(n, '\0');
    for (size_t i = 0; i < rules.size(); ++i) {
      if (!(rules[i] & (1u << r))) continue;
      for (int f = 0; f < n; ++f) key[f] = blocked[r][f] ? 0 : static_cast<char>(levels[i * n + f]);
      patterns[key] += 1;
      count += 1;
    }
    if (count == 0) continue;
    m_ = start_m;
    lambda_ = start_lambda;
    iterations += RunEm(patterns, max_iterations, /*update_m=*/true);
    const double matches = lambda_ * count;
    for (int f = 0; f < n; ++f) {
      if (blocked[r][f]) continue;
      for (size_t l = 1; l < m_[f].size(); ++l) sum[f][l] += matches * m_[f][l];
      weight[f] += matches;
    }
  }
  for (int f = 0; f < n; ++f) {
    m_[f] = start_m[f];
    if (weight[f] == 0) continue;  // blocked on in every rule: keep the starting values
    for (size_t l = 1; l < m_[f].size(); ++l) m_[f][l] = std::max(kMinProbability, sum[f][l] / weight[f]);
  }
  // The prior over all compared pairs, with m and u fixed.
  Patterns all;
  for (size_t i = 0; i < rules.size(); ++i) {
    all[std::string(reinterpret_cast<const char*>(&levels[i * n]), n)] += 1;
  }
  lambda_ = start_lambda;
  iterations += RunEm(all, max_iterations, /*update_m=*/false);
  return iterations;
}

double MatchModel::FieldWeight(absl::string_view a_value, int f, uint8_t level) const {
  if (level == 0) return 0;
  double u = u_[f][level];
  if (level == 1 && settings_.fields[f].term_frequency && (!tf_[f].empty() || tf_floor_[f] > 0)) {
    auto it = tf_[f].find(a_value);
    u = std::max(it != tf_[f].end() ? it->second : tf_floor_[f], kMinProbability);
  }
  return std::log2(m_[f][level] / u);
}

std::string MatchModel::Veto(const uint8_t* levels) const {
  for (size_t g = 0; g < vetoes_.size(); ++g) {
    const bool all_differ = std::all_of(vetoes_[g].begin(), vetoes_[g].end(), [&](int f) {
      return levels[f] == LevelCount(settings_.fields[f]) - 1;
    });
    if (all_differ) return absl::StrJoin(settings_.vetoes[g], " and ");
  }
  return "";
}

double MatchModel::Weight(uint32_t a, uint32_t b, const uint8_t* levels) const {
  if (!vetoes_.empty() && !Veto(levels).empty()) return kVetoWeight;
  double w = std::log2(lambda_ / (1 - lambda_));
  for (int f = 0; f < fields(); ++f) w += FieldWeight(data_->value(a, f), f, levels[f]);
  return w;
}

double MatchModel::WeightOfVectors(const absl::string_view* a, const uint8_t* levels) const {
  if (!vetoes_.empty() && !Veto(levels).empty()) return kVetoWeight;
  double w = std::log2(lambda_ / (1 - lambda_));
  for (int f = 0; f < fields(); ++f) w += FieldWeight(a[f], f, levels[f]);
  return w;
}

MatchModel::Explanation MatchModel::Explain(uint32_t a, uint32_t b) const {
  std::vector<absl::string_view> left(fields()), right(fields());
  for (int f = 0; f < fields(); ++f) {
    left[f] = data_->value(a, f);
    right[f] = data_->value(b, f);
  }
  return ExplainVectors(left.data(), right.data());
}

MatchModel::Explanation MatchModel::ExplainVectors(const absl::string_view* a,
                                                   const absl::string_view* b) const {
  Explanation e;
  e.prior_weight = std::log2(lambda_ / (1 - lambda_));
  e.weight = e.prior_weight;
  std::vector<uint8_t> levels(fields());
  CompareVectors(a, b, levels.data());
  for (int f = 0; f < fields(); ++f) {
    FieldExplanation fe;
    fe.field = settings_.fields[f].name;
    // A name compared as a name is shown without its pinyin.
    const bool name = settings_.fields[f].comparison == Comparison::kName;
    fe.left = std::string(name ? a[f].substr(0, a[f].find(kNameSeparator)) : a[f]);
    fe.right = std::string(name ? b[f].substr(0, b[f].find(kNameSeparator)) : b[f]);
    fe.level = levels[f];
    fe.weight = FieldWeight(a[f], f, levels[f]);
    e.weight += fe.weight;
    e.fields.push_back(std::move(fe));
  }
  e.veto = Veto(levels.data());
  if (!e.veto.empty()) e.weight = kVetoWeight;
  e.probability = Probability(e.weight);
  return e;
}

std::string MatchModel::LevelName(int field, int level) const {
  const FieldSettings& f = settings_.fields[field];
  if (f.comparison == Comparison::kAddress) {
    return std::string(AddressAgreementName(static_cast<AddressAgreement>(level)));
  }
  if (f.comparison == Comparison::kDate) {
    return std::string(DateAgreementName(static_cast<DateAgreement>(level)));
  }
  if (level == 0) return "missing";
  if (level == 1) return "exact";
  if (level >= LevelCount(f) - 1) return "different";
  const double t = f.thresholds[level - 2];
  switch (f.comparison) {
    case Comparison::kName:
      if (level == 2) return "same_pinyin";
      return absl::StrFormat("jaro_winkler>=%g", t);
    case Comparison::kOrgName:
      if (level == 2) return "same_core";
      return absl::StrFormat("core_jaro_winkler>=%g", t);
    case Comparison::kJaroWinkler:
      return absl::StrFormat("jaro_winkler>=%g", t);
    case Comparison::kLevenshtein:
      return absl::StrFormat("levenshtein<=%g", t);
    case Comparison::kDamerau:
      return absl::StrFormat("damerau<=%g", t);
    default:
      return absl::StrCat("level ", level);
  }
}

double MatchModel::Probability(double weight) {
  const double odds = std::exp2(weight);
  return odds / (1 + odds);
}

std::string MatchModel::Describe() const {
  std::string out = absl::StrFormat("prior (share of compared pairs that match): %.4f\n", lambda_);
  for (int f = 0; f < fields(); ++f) {
    absl::StrAppend(&out, settings_.fields[f].name, ":");
    for (size_t l = 1; l < m_[f].size(); ++l) {
      absl::StrAppend(&out, absl::StrFormat(" L%d m=%.3f u=%.4f w=%+.2f;", l, m_[f][l], u_[f][l],
                                            std::log2(m_[f][l] / u_[f][l])));
    }
    absl::StrAppend(&out, "\n");
  }
  return out;
}

}  // namespace mdhub::resolver
