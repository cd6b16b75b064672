#include "resolver/search/internal/org_query.h"

#include <algorithm>

#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_replace.h"
#include "resolver/compare/similarity.h"
#include "resolver/record_validation.h"
#include "resolver/standardize/name.h"
#include "resolver/standardize/org_name.h"

namespace mdhub::resolver::internal {
namespace {

constexpr size_t kMaxNameLength = 100;  // code points

constexpr double kSamePinyin = 0.9;
constexpr double kContainedBase = 0.6;  // plus 0.3 x the length ratio
constexpr double kContainedRatio = 0.3;
constexpr double kMinSimilarity = 0.6;
constexpr double kOtherName = 0.95;      // factor for a former or other name
constexpr double kBranchMismatch = 0.9;  // factor for branch vs head office, or another branch
constexpr double kRegionWeight = 0.05;

int Length(absl::string_view s) { return static_cast<int>(ToCodePoints(s).size()); }

double Dice(absl::string_view a, absl::string_view b) {
  const std::vector<std::string> x = Bigrams(a), y = Bigrams(b);
  if (x.empty() || y.empty()) return 0;
  int shared = 0;
  for (const std::string& g : x) shared += std::count(y.begin(), y.end(), g) > 0 ? 1 : 0;
  return 2.0 * shared / static_cast<double>(x.size() + y.size());
}

// 1 when the entity is in the region, 0.5 when it is only known to be in a coarser division that
// holds the region, 0 otherwise.
double RegionAgreement(absl::string_view region, const OrgFacts& entity) {
  double best = 0;
  for (const std::string& r : entity.regions) {
    if (r == region) return 1.0;
    // A coarser level of the entity's that holds the region, with no finer level of its own.
    const bool finer_known = std::any_of(
        entity.regions.begin(), entity.regions.end(),
        [&r](const std::string& o) { return o.size() > r.size() && absl::StartsWith(o, r); });
    if (absl::StartsWith(region, r) && !finer_known) best = 0.5;
  }
  return best;
}

}  // namespace

absl::StatusOr<ParsedOrgQuery> ParseOrgQuery(const OrgQuery& query) {
  ParsedOrgQuery q;
  const absl::string_view name = absl::StripAsciiWhitespace(query.name);
  if (!IsCleanUtf8(name)) return absl::InvalidArgumentError("name: is not valid UTF-8");
  if (ToCodePoints(name).size() > kMaxNameLength) {
    return absl::InvalidArgumentError(
        absl::StrCat("name: must be at most ", kMaxNameLength, " characters"));
  }
  if (!query.region_code.empty()) {
    std::vector<std::string> levels = RegionLevels(query.region_code);
    if (query.region_code.size() > 6 || levels.empty()) {
      return absl::InvalidArgumentError(
          absl::StrCat("region_code: must be a GB/T 2260 code prefix of 2, 4 or 6 digits, got \"",
                       query.region_code, "\""));
    }
    q.region_code = levels.back();
  }
  if (!name.empty()) {
    const OrgName parsed = ParseOrgName(name);
    q.core = parsed.core;
    q.pinyin = absl::StrReplaceAll(NamePinyin(parsed.core), {{" ", ""}});
    q.is_branch = parsed.is_branch;
    q.branch = absl::StrCat(parsed.branch_code.empty() ? parsed.branch : parsed.branch_code,
                            parsed.branch_kind);
    q.rank_region = parsed.region_code;
  }
  if (!q.region_code.empty()) q.rank_region = q.region_code;
  if (q.core.empty() && q.region_code.empty()) {
    return absl::InvalidArgumentError("name: a name or a region_code is required");
  }
  for (RegistrationState s : query.states) {
    q.states.emplace_back(RegistrationStateName(s));
  }
  return q;
}

std::vector<std::string> ExactTerms(const ParsedOrgQuery& q) {
  if (q.core.empty()) return {RegionTerm(q.region_code)};
  std::vector<std::string> terms = {CoreTerm(q.core), FormerCoreTerm(q.core)};
  if (!q.pinyin.empty()) terms.push_back(OrgPinyinTerm(q.pinyin));
  return terms;
}

std::vector<std::string> BigramTerms(const ParsedOrgQuery& q) {
  std::vector<std::string> terms;
  for (const std::string& b : Bigrams(q.core)) terms.push_back(BigramTerm(b));
  return terms;
}

bool PassesFilters(const ParsedOrgQuery& q, const OrgFacts& entity) {
  if (!q.region_code.empty() && std::find(entity.regions.begin(), entity.regions.end(),
                                          q.region_code) == entity.regions.end()) {
    return false;
  }
  if (!q.states.empty()) {
    const std::string state = entity.state.empty() ? "STATE_UNSPECIFIED" : entity.state;
    if (std::find(q.states.begin(), q.states.end(), state) == q.states.end()) return false;
  }
  return true;
}

double CoreSimilarity(absl::string_view query_core, absl::string_view query_pinyin,
                      absl::string_view core, absl::string_view pinyin) {
  if (query_core == core) return 1.0;
  double best = !query_pinyin.empty() && query_pinyin == pinyin ? kSamePinyin : 0;
  const int lq = Length(query_core), lc = Length(core);
  const int longest = std::max(lq, lc);
  if (longest == 0) return best;
  const int distance = Levenshtein(query_core, core, longest);
  best = std::max(best, 1.0 - static_cast<double>(distance) / longest);
  best = std::max(best, Dice(query_core, core));
  const int shortest = std::min(lq, lc);
  if (shortest >= 2 &&
      (absl::StrContains(core, query_core) || absl::StrContains(query_core, core))) {
    best = std::max(best, kContainedBase + kContainedRatio * shortest / longest);
  }
  return best;
}

std::optional<double> Score(const ParsedOrgQuery& q, const OrgFacts& entity) {
  if (q.core.empty()) return 1.0;
  double best = 0;
  for (const OrgNameCore& n : entity.names) {
    const double s = CoreSimilarity(q.core, q.pinyin, n.core, n.former ? "" : entity.pinyin);
    if (s >= kMinSimilarity) best = std::max(best, s * (n.former ? kOtherName : 1.0));
  }
  if (best == 0) return std::nullopt;
  if (q.is_branch != entity.is_branch || (q.is_branch && q.branch != entity.branch)) {
    best *= kBranchMismatch;
  }
  if (q.rank_region.empty()) return best;
  return (1 - kRegionWeight) * best + kRegionWeight * RegionAgreement(q.rank_region, entity);
}

}  // namespace mdhub::resolver::internal
