// What organisation search knows about a legal entity: the cores of its names (org_name), the
// pinyin of its current core, whether it is a branch, its regions and its registration state;
// and the search-term spellings shared by the index (OrgSearchTerms) and the queries.
#ifndef MDHUB_RESOLVER_SEARCH_INTERNAL_ORG_FACTS_H_
#define MDHUB_RESOLVER_SEARCH_INTERNAL_ORG_FACTS_H_

#include <string>
#include <vector>

#include "absl/strings/string_view.h"
#include "store/model.pb.h"

namespace mdhub::resolver::internal {

struct OrgNameCore {
  std::string core;  // OrgName.core
  bool former = false;
};

struct OrgFacts {
  // The current name's core first, then other cores (former names, names other member records
  // give), each once.
  std::vector<OrgNameCore> names;
  std::string pinyin;  // of the current core, without spaces; "" when it has none
  bool is_branch = false;
  // What tells the branch apart: branch_code (else branch) followed by branch_kind.
  std::string branch;
  // Division codes (2, 4 or 6 digits, every prefix level) of the registered address and the
  // credit code's region; of the division the name places it in when neither gives one (for a
  // branch, its branch's division).
  std::vector<std::string> regions;
  // RegistrationStateName of the current status; "" when no record states one.
  std::string state;
};

// From the golden attributes and the current member records (reading names is the costly part).
OrgFacts OrgFactsOf(const store::Entity& e, const std::vector<store::Record>& members);
// The terms OrgSearchTerms indexes for the facts (bounded; see org_search.h).
std::vector<std::string> OrgTermsOf(const OrgFacts& facts);
// The facts read back from the entity's search terms as OrgTermsOf wrote them: cheap, for
// scoring many candidates.
OrgFacts IndexedOrgFacts(const store::Entity& e);

// The code points of `s` two by two, each once, in order; none for fewer than two.
std::vector<std::string> Bigrams(absl::string_view s);
// The levels of a division code: "450102" -> {"45", "4501", "450102"}; "450100" -> {"45",
// "4501"}. Codes longer than 6 digits are cut to the county; a malformed code gives none.
std::vector<std::string> RegionLevels(absl::string_view code);

// Search-term spellings (see OrgSearchTerms).
std::string CoreTerm(absl::string_view core);
std::string FormerCoreTerm(absl::string_view core);
std::string OrgPinyinTerm(absl::string_view pinyin);
std::string BigramTerm(absl::string_view bigram);
std::string RegionTerm(absl::string_view code);
std::string StateTerm(absl::string_view state_name);

}  // namespace mdhub::resolver::internal

#endif  // MDHUB_RESOLVER_SEARCH_INTERNAL_ORG_FACTS_H_
