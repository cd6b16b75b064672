// An organisation search query read into standard form, and how well a legal entity agrees
// with it (see SearchLegalEntities for the scores).
#ifndef MDHUB_RESOLVER_SEARCH_INTERNAL_ORG_QUERY_H_
#define MDHUB_RESOLVER_SEARCH_INTERNAL_ORG_QUERY_H_

#include <optional>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "resolver/search/internal/org_facts.h"
#include "resolver/search/org_search.h"

namespace mdhub::resolver::internal {

struct ParsedOrgQuery {
  std::string core;    // OrgName.core of the name; "" when no name is asked
  std::string pinyin;  // of the core, without spaces
  bool is_branch = false;
  std::string branch;  // as OrgFacts.branch
  // The region filter (digits, trailing "00" levels cut), or "".
  std::string region_code;
  // The region that ranks: region_code, else the division the name places the query in.
  std::string rank_region;
  // RegistrationStateName of each accepted state ("STATE_UNSPECIFIED": no state); empty = any.
  std::vector<std::string> states;
};

// INVALID_ARGUMENT naming the field of a malformed query, or "name" when neither a name nor a
// region_code is asked.
absl::StatusOr<ParsedOrgQuery> ParseOrgQuery(const OrgQuery& query);

// Index terms whose entities are candidates outright: the core as current and as other name, its
// pinyin; for a query without a name, the region.
std::vector<std::string> ExactTerms(const ParsedOrgQuery& q);
// Index terms of the query's character pairs (each finds candidates when it is rare enough).
std::vector<std::string> BigramTerms(const ParsedOrgQuery& q);

// Whether the entity passes the region and state filters.
bool PassesFilters(const ParsedOrgQuery& q, const OrgFacts& entity);

// The similarity in [0, 1] of two cores (pinyin may be "" when unknown).
double CoreSimilarity(absl::string_view query_core, absl::string_view query_pinyin,
                      absl::string_view core, absl::string_view pinyin);

// The entity's score in (0, 1], or nullopt when it is not a hit.
std::optional<double> Score(const ParsedOrgQuery& q, const OrgFacts& entity);

}  // namespace mdhub::resolver::internal

#endif  // MDHUB_RESOLVER_SEARCH_INTERNAL_ORG_QUERY_H_
