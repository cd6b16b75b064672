// What person search knows about a person: its golden attributes in standard form, with the
// citizen id filling in birth date, gender and region; and the search-term spellings shared by
// the index (PersonSearchTerms) and the queries.
#ifndef MDHUB_RESOLVER_SEARCH_INTERNAL_PERSON_FACTS_H_
#define MDHUB_RESOLVER_SEARCH_INTERNAL_PERSON_FACTS_H_

#include <string>
#include <vector>

#include "absl/strings/string_view.h"
#include "store/model.pb.h"

namespace mdhub::resolver::internal {

struct PersonName {
  std::string written;  // StandardName
  std::string pinyin;   // NamePinyin without spaces
  bool former = false;
};

struct PersonFacts {
  std::vector<PersonName> names;  // the current name first, then the former name
  std::string birth_date;         // "YYYY-MM-DD", "YYYY-MM" or ""
  std::string gender;             // "M", "F" or ""
  // Division codes of where the person lives (from the golden address, the finest division
  // found up to the county) and of the citizen id (the registered birthplace county, a retired
  // one replaced by its successor). Filled when asked for.
  std::vector<std::string> regions;
  std::string household_no;       // standard form or ""
};

// The value of the entity's golden attribute `name`; nullptr when it has none.
const std::string* Golden(const store::Entity& e, absl::string_view name);
// Byte offsets of the code points of valid UTF-8, plus the end.
std::vector<size_t> CodePointStarts(absl::string_view s);

// From the golden attributes (reading names is the costly part: ICU transliteration).
PersonFacts FactsOf(const store::Entity& e, bool with_regions = false);
// The terms PersonSearchTerms indexes for the facts.
std::vector<std::string> TermsOf(const PersonFacts& facts);
// Like FactsOf, with names, birth date and household number read back from the entity's
// search terms (as TermsOf wrote them) instead of standardised anew: cheap, for scoring many
// candidates. Former names whose pinyin equals the current name's have none.
PersonFacts IndexedFactsOf(const store::Entity& e, bool with_regions = false);

// The current code of a 6-digit county code that was retired (codes are replaced in chains);
// other codes unchanged.
std::string CurrentCounty(std::string code);

// A name as the index holds it.
PersonName ReadName(absl::string_view raw);
// The household number as the index holds it.
std::string StandardHouseholdNo(absl::string_view raw);

// `written` with one code point removed, at each position (duplicates removed), when it has 3 to 6
// code points and no ASCII (Latin names are found by their pinyin term); otherwise none.
std::vector<std::string> DeletionVariants(absl::string_view written);

// Search-term spellings (see PersonSearchTerms).
std::string NameTerm(absl::string_view written);
std::string PinyinTerm(absl::string_view pinyin);
std::string DeletionTerm(absl::string_view variant);
std::string BirthTerm(absl::string_view date);
std::string HouseholdTerm(absl::string_view household_no);

}  // namespace mdhub::resolver::internal

#endif  // MDHUB_RESOLVER_SEARCH_INTERNAL_PERSON_FACTS_H_
