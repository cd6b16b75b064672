#include "resolver/search/internal/org_facts.h"

#include <algorithm>

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_replace.h"
#include "absl/strings/str_split.h"
#include "absl/strings/strip.h"
#include "resolver/identifiers.h"
#include "resolver/search/internal/person_facts.h"
#include "resolver/standardize/address.h"
#include "resolver/standardize/credit_code.h"
#include "resolver/standardize/name.h"
#include "resolver/standardize/org_name.h"
#include "resolver/standardize/registration_status.h"

namespace mdhub::resolver::internal {
namespace {

// Bounds that keep an entity's index entries few whatever its records hold. (The prefixes are
// apart from those of resolver/relations/org_link_terms.h, which indexes into the same terms.)
constexpr int kMaxTerms = 40;
constexpr int kMaxNames = 6;        // cores: the current one and up to 5 others
constexpr int kMaxCoreLength = 40;  // code points of a core whose bigrams are indexed

constexpr absl::string_view kCore = "oc:";
constexpr absl::string_view kFormerCore = "oo:";
constexpr absl::string_view kPinyin = "op:";
constexpr absl::string_view kBranch = "ob:";
constexpr absl::string_view kBigram = "og:";
constexpr absl::string_view kRegion = "or:";
constexpr absl::string_view kState = "os:";

void AddUnique(std::string s, std::vector<std::string>& out) {
  if (!s.empty() && std::find(out.begin(), out.end(), s) == out.end()) out.push_back(std::move(s));
}

// The names an attribute value lists: former_name is ';'-separated (either width).
std::vector<std::string> SplitNames(absl::string_view raw) {
  std::vector<std::string> out;
  for (absl::string_view n : absl::StrSplit(absl::StrReplaceAll(raw, {{"；", ";"}}), ';')) {
    n = absl::StripAsciiWhitespace(n);
    if (!n.empty()) out.emplace_back(n);
  }
  return out;
}

void AddCore(absl::string_view raw_name, bool former, OrgFacts& f) {
  if (static_cast<int>(f.names.size()) >= kMaxNames) return;
  std::string core = ParseOrgName(raw_name).core;
  if (core.empty()) return;
  for (const OrgNameCore& n : f.names) {
    if (n.core == core) return;
  }
  f.names.push_back({std::move(core), former});
}

}  // namespace

std::vector<std::string> Bigrams(absl::string_view s) {
  const std::vector<size_t> starts = CodePointStarts(s);
  std::vector<std::string> out;
  for (size_t i = 0; i + 2 < starts.size(); ++i) {
    AddUnique(std::string(s.substr(starts[i], starts[i + 2] - starts[i])), out);
  }
  return out;
}

std::vector<std::string> RegionLevels(absl::string_view code) {
  code = code.substr(0, 6);
  std::vector<std::string> out;
  if (code.size() < 2 || code.size() % 2 != 0 ||
      !std::all_of(code.begin(), code.end(), absl::ascii_isdigit)) {
    return out;
  }
  for (size_t n = 2; n <= code.size(); n += 2) {
    if (code.substr(n - 2, 2) == "00") break;
    out.emplace_back(code.substr(0, n));
  }
  return out;
}

OrgFacts OrgFactsOf(const store::Entity& e, const std::vector<store::Record>& members) {
  OrgFacts f;
  std::string name_region;
  if (const std::string* raw = Golden(e, "name"); raw != nullptr) {
    const OrgName name = ParseOrgName(*raw);
    if (!name.core.empty()) {
      f.names.push_back({name.core, false});
      f.pinyin = absl::StrReplaceAll(NamePinyin(name.core), {{" ", ""}});
      f.is_branch = name.is_branch;
      f.branch =
          absl::StrCat(name.branch_code.empty() ? name.branch : name.branch_code, name.branch_kind);
      // A branch is where its branch marker says ("...南宁分公司"), not where its head office is.
      name_region =
          name.is_branch && !name.branch_code.empty() ? name.branch_code : name.region_code;
    }
  }
  if (const std::string* raw = Golden(e, "former_name"); raw != nullptr) {
    for (const std::string& n : SplitNames(*raw)) AddCore(n, true, f);
  }
  // Names the other records give (a legacy record under an earlier name).
  for (const store::Record& r : members) {
    for (absl::string_view attribute : {"name", "former_name"}) {
      auto it = r.attributes().find(std::string(attribute));
      if (it == r.attributes().end()) continue;
      for (const std::string& n : SplitNames(it->second)) AddCore(n, true, f);
    }
  }
  if (const std::string* raw = Golden(e, "address"); raw != nullptr) {
    for (std::string& level : RegionLevels(AddressCode(*raw))) {
      AddUnique(std::move(level), f.regions);
    }
  }
  for (const store::Identifier& id : e.identifiers()) {
    if (id.type() != kCreditCode || !id.problem().empty()) continue;
    for (std::string& level : RegionLevels(id.value().substr(2, 6))) {
      AddUnique(std::move(level), f.regions);
    }
  }
  if (f.regions.empty()) f.regions = RegionLevels(name_region);
  if (auto status = CurrentRegistrationStatus(members); status.has_value()) {
    f.state = std::string(RegistrationStateName(status->state));
  }
  return f;
}

// Most useful first, so that the bound cuts bigrams of other names before anything else.
std::vector<std::string> OrgTermsOf(const OrgFacts& f) {
  std::vector<std::string> terms;
  for (const OrgNameCore& n : f.names) {
    AddUnique(n.former ? FormerCoreTerm(n.core) : CoreTerm(n.core), terms);
  }
  if (!f.pinyin.empty()) AddUnique(OrgPinyinTerm(f.pinyin), terms);
  if (f.is_branch) AddUnique(absl::StrCat(kBranch, f.branch), terms);
  if (!f.state.empty()) AddUnique(StateTerm(f.state), terms);
  for (const std::string& r : f.regions) AddUnique(RegionTerm(r), terms);
  for (const OrgNameCore& n : f.names) {
    if (CodePointStarts(n.core).size() > kMaxCoreLength + 1) continue;
    for (const std::string& b : Bigrams(n.core)) {
      if (static_cast<int>(terms.size()) >= kMaxTerms) return terms;
      AddUnique(BigramTerm(b), terms);
    }
  }
  if (static_cast<int>(terms.size()) > kMaxTerms) terms.resize(kMaxTerms);
  return terms;
}

OrgFacts IndexedOrgFacts(const store::Entity& e) {
  OrgFacts f;
  for (absl::string_view t : e.search_terms()) {
    if (absl::ConsumePrefix(&t, kCore)) {
      f.names.insert(f.names.begin(), {std::string(t), false});
    } else if (absl::ConsumePrefix(&t, kFormerCore)) {
      f.names.push_back({std::string(t), true});
    } else if (absl::ConsumePrefix(&t, kPinyin)) {
      f.pinyin = std::string(t);
    } else if (absl::ConsumePrefix(&t, kBranch)) {
      f.is_branch = true;
      f.branch = std::string(t);
    } else if (absl::ConsumePrefix(&t, kRegion)) {
      f.regions.emplace_back(t);
    } else if (absl::ConsumePrefix(&t, kState)) {
      f.state = std::string(t);
    }
  }
  return f;
}

std::string CoreTerm(absl::string_view core) { return absl::StrCat(kCore, core); }
std::string FormerCoreTerm(absl::string_view core) { return absl::StrCat(kFormerCore, core); }
std::string OrgPinyinTerm(absl::string_view pinyin) { return absl::StrCat(kPinyin, pinyin); }
std::string BigramTerm(absl::string_view bigram) { return absl::StrCat(kBigram, bigram); }
std::string RegionTerm(absl::string_view code) { return absl::StrCat(kRegion, code); }
std::string StateTerm(absl::string_view state_name) { return absl::StrCat(kState, state_name); }

}  // namespace mdhub::resolver::internal
