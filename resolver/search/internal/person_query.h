// A person search query read into standard form, and how well a person agrees with it.
#ifndef MDHUB_RESOLVER_SEARCH_INTERNAL_PERSON_QUERY_H_
#define MDHUB_RESOLVER_SEARCH_INTERNAL_PERSON_QUERY_H_

#include <optional>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "resolver/search/internal/person_facts.h"
#include "resolver/search/person_search.h"

namespace mdhub::resolver::internal {

struct ParsedQuery {
  std::optional<PersonName> name;
  std::string birth_date;   // "YYYY-MM-DD", "YYYY-MM" or ""
  std::string gender;       // "M", "F" or ""
  std::string region_code;  // digits, a retired county replaced by its successor; or ""
};

// INVALID_ARGUMENT naming the field of a malformed query, or "name" when neither a name nor a
// birth date is asked.
absl::StatusOr<ParsedQuery> ParseQuery(const PersonQuery& query);

// The index terms whose persons are the candidates, in the order they are read (the most
// selective first).
std::vector<std::string> CandidateTerms(const ParsedQuery& q);

// Whether the person passes the gender and region filters. REQUIRES: the facts hold the
// person's regions when the query has a region filter.
bool PassesFilters(const ParsedQuery& q, const PersonFacts& person);

// The person's score in (0, 1], or nullopt when it is not a hit (see SearchPersons).
std::optional<double> Score(const ParsedQuery& q, const PersonFacts& person);

}  // namespace mdhub::resolver::internal

#endif  // MDHUB_RESOLVER_SEARCH_INTERNAL_PERSON_QUERY_H_
