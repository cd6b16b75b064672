#include "resolver/search/person_search.h"

#include <algorithm>
#include <cstdint>
#include <limits>
#include <optional>
#include <utility>

#include "absl/container/flat_hash_set.h"
#include "absl/strings/str_cat.h"
#include "resolver/search/internal/indexed_entity.h"
#include "resolver/search/internal/person_facts.h"
#include "resolver/search/internal/person_query.h"

namespace mdhub::resolver {
namespace {

using internal::CheckPage;
using internal::PersonFacts;

// How many index entries to read to answer [offset, offset + limit) and tell whether more follow.
int ReadLimit(int limit, int offset) {
  return static_cast<int>(std::min<int64_t>(int64_t{offset} + limit + 1,
                                            std::numeric_limits<int>::max()));
}

struct Candidates {
  std::vector<std::string> ids;  // distinct, in the order found
  bool capped = false;
};

absl::StatusOr<Candidates> FindCandidates(const store::EntityStore& store,
                                          const std::vector<std::string>& terms, int max) {
  Candidates c;
  absl::flat_hash_set<std::string> seen;
  for (const std::string& term : terms) {
    auto found = store.FindBySearchTerm(store::PERSON, term, max + 1);
    if (!found.ok()) return found.status();
    if (static_cast<int>(found->size()) > max) c.capped = true;
    for (std::string& id : *found) {
      if (seen.contains(id)) continue;
      if (static_cast<int>(c.ids.size()) == max) {
        c.capped = true;
        return c;
      }
      seen.insert(id);
      c.ids.push_back(std::move(id));
    }
  }
  return c;
}

absl::StatusOr<std::optional<store::Entity>> ReadPerson(const store::EntityStore& store,
                                                        const std::string& id,
                                                        absl::flat_hash_set<std::string>& seen) {
  return internal::ReadIndexedEntity(store, store::PERSON, id, seen);
}

}  // namespace

std::vector<std::string> PersonSearchTerms(const store::Entity& e) {
  return internal::TermsOf(internal::FactsOf(e));
}

absl::StatusOr<PersonSearchResult> SearchPersons(const store::EntityStore& store,
                                                 const PersonQuery& query, int limit, int offset,
                                                 const PersonSearchOptions& options) {
  auto q = internal::ParseQuery(query);
  if (!q.ok()) return q.status();
  if (auto s = CheckPage(limit, offset); !s.ok()) return s;
  auto candidates = FindCandidates(store, internal::CandidateTerms(*q), options.max_candidates);
  if (!candidates.ok()) return candidates.status();

  std::vector<PersonHit> hits;
  absl::flat_hash_set<std::string> seen;
  for (const std::string& id : candidates->ids) {
    auto person = ReadPerson(store, id, seen);
    if (!person.ok()) return person.status();
    if (!person->has_value()) continue;
    const PersonFacts facts = internal::IndexedFactsOf(**person, !q->region_code.empty());
    if (!internal::PassesFilters(*q, facts)) continue;
    std::optional<double> score = internal::Score(*q, facts);
    if (score.has_value()) hits.push_back({**std::move(person), *score});
  }
  std::sort(hits.begin(), hits.end(), [](const PersonHit& a, const PersonHit& b) {
    if (a.score != b.score) return a.score > b.score;
    return a.person.id() < b.person.id();
  });

  PersonSearchResult result;
  result.capped = candidates->capped;
  const int64_t end = std::min<int64_t>(int64_t{offset} + limit, hits.size());
  for (int64_t i = offset; i < end; ++i) result.hits.push_back(std::move(hits[i]));
  result.more = static_cast<int64_t>(hits.size()) > end;
  return result;
}

absl::StatusOr<HouseholdPage> ListHouseholdMembers(const store::EntityStore& store,
                                                   absl::string_view entity_id, int limit,
                                                   int offset) {
  if (auto s = CheckPage(limit, offset); !s.ok()) return s;
  auto person = store.GetEntity(entity_id);
  if (!person.ok()) return person.status();
  if (person->kind() != store::PERSON) {
    return absl::NotFoundError(absl::StrCat("no PERSON ", entity_id));
  }
  const std::string household_no = internal::IndexedFactsOf(*person).household_no;
  if (household_no.empty()) {
    return absl::FailedPreconditionError(absl::StrCat(
        "person ", person->id(), " has no household_no: none of its records names a household"));
  }
  auto ids = store.FindBySearchTerm(store::PERSON, internal::HouseholdTerm(household_no),
                                    ReadLimit(limit, offset));
  if (!ids.ok()) return ids.status();
  HouseholdPage page;
  absl::flat_hash_set<std::string> seen;
  const int64_t end = std::min<int64_t>(int64_t{offset} + limit, ids->size());
  for (int64_t i = offset; i < end; ++i) {
    auto member = ReadPerson(store, (*ids)[i], seen);
    if (!member.ok()) return member.status();
    // The index and the entity are read apart: skip a person that left the household meanwhile.
    if (!member->has_value() || internal::IndexedFactsOf(**member).household_no != household_no) {
      continue;
    }
    page.members.push_back(**std::move(member));
  }
  page.more = static_cast<int64_t>(ids->size()) > end;
  return page;
}

}  // namespace mdhub::resolver
