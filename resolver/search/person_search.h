// Person search: the terms a person is found by (indexed by the store as Entity.search_terms),
// fuzzy ranked search over them by name, birth date, gender and region, and household members.
#ifndef MDHUB_RESOLVER_SEARCH_PERSON_SEARCH_H_
#define MDHUB_RESOLVER_SEARCH_PERSON_SEARCH_H_

#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "store/entity_store.h"
#include "store/model.pb.h"

namespace mdhub::resolver {

// The terms a person entity is found by, from its golden attributes in standard form (at most 12;
// none for an entity without attributes):
//   n:<name>        the standard written name (half-width, simplified), and the former name
//   p:<pinyin>      its pinyin without spaces, for homophones and pinyin-only input
//   d:<name>        the name with one character removed (names of 3 to 6 characters), so that a
//                   one-character typo, extra or missing character is found (SymSpell-style)
//   b:<date>        the birth date ("YYYY-MM-DD" or "YYYY-MM"), else the one in the citizen id
//   hh:<number>     the household number (standard form)
std::vector<std::string> PersonSearchTerms(const store::Entity& e);

// A search. Field names are those of the API request, and errors name them.
struct PersonQuery {
  // Any written form (traditional, full-width) or pinyin ("Zhang Wei", "zhangwei"). Fuzzy.
  std::string name;
  // As StandardDate reads it; "YYYY-MM" matches every day of the month.
  std::string birth_date;
  // As StandardGender reads it (M / F / 男 / 女). A filter.
  std::string gender;
  // A GB/T 2260 code prefix of 2, 4 or 6 digits (province, prefecture, county). A filter.
  std::string region_code;
};

struct PersonSearchOptions {
  // At most this many distinct persons are examined per search; beyond, the result says capped.
  int max_candidates = 5000;
};

struct PersonHit {
  store::Entity person;
  // In (0, 1]; higher is better.
  double score = 0;
};

struct PersonSearchResult {
  // Hits ranked [offset, offset + limit): score descending, then entity id ascending.
  std::vector<PersonHit> hits;
  // Hits ranked after this page.
  bool more = false;
  // More than max_candidates persons held a query term: some were not examined, so hits may be
  // missing. A narrower query (birth date, full name) avoids it.
  bool capped = false;
};

// Finds persons by the query, ranks them and returns one page. Candidates are the persons holding
// a term derived from the query (the name, its pinyin and one-character variants; the birth date);
// each is scored by name agreement (exact, same pinyin, one character apart, pinyin one letter
// apart; a former name counts slightly less) and birth-date agreement, weighted 0.7 / 0.3 when
// both are asked. A person is a hit when its name agrees at one of those levels (when a name is
// asked), its birth date agrees (when only a birth date is asked), and it passes the filters:
// gender, and region_code as a prefix of one of the person's regions: the division of its golden
// address (where it lives) or the county of its citizen id (the registered birthplace; a retired
// county counts as its successor, and so does a retired region_code). A person whose gender or
// regions are unknown does not pass a filter on them.
//
// INVALID_ARGUMENT naming the field when the query is malformed or asks neither a name nor a
// birth date (and, without a field, for limit < 1 or offset < 0). Reads are not one snapshot: a
// person changed meanwhile is scored as it is now. Thread-safe.
absl::StatusOr<PersonSearchResult> SearchPersons(const store::EntityStore& store,
                                                 const PersonQuery& query, int limit, int offset,
                                                 const PersonSearchOptions& options = {});

struct HouseholdPage {
  // The persons sharing the household number, the asked person included, by entity id.
  std::vector<store::Entity> members;
  // Members after this page.
  bool more = false;
};

// Members [offset, offset + limit) of the household of person `entity_id` (merged ids are
// followed): the persons whose golden household_no equals the person's (in standard form:
// half-width, no spaces). NOT_FOUND for an unknown id or one that is not a person;
// FAILED_PRECONDITION when the person has no household number (rather than an empty list, which
// would read as "nobody lives there"); INVALID_ARGUMENT for limit < 1 or offset < 0.
absl::StatusOr<HouseholdPage> ListHouseholdMembers(const store::EntityStore& store,
                                                   absl::string_view entity_id, int limit,
                                                   int offset);

}  // namespace mdhub::resolver

#endif  // MDHUB_RESOLVER_SEARCH_PERSON_SEARCH_H_
