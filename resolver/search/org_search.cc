#include "resolver/search/org_search.h"

#include <algorithm>
#include <cstdint>
#include <optional>
#include <tuple>
#include <utility>

#include "absl/container/flat_hash_map.h"
#include "absl/container/flat_hash_set.h"
#include "resolver/search/internal/indexed_entity.h"
#include "resolver/search/internal/org_facts.h"
#include "resolver/search/internal/org_query.h"

namespace mdhub::resolver {
namespace {

struct Candidates {
  std::vector<std::string> ids;  // distinct, most promising first
  bool capped = false;
};

// Candidates: the entities found by an exact term first, then those sharing the most rare
// character pairs with the query.
absl::StatusOr<Candidates> FindCandidates(const store::EntityStore& store,
                                          const internal::ParsedOrgQuery& q,
                                          const OrgSearchOptions& options) {
  Candidates c;
  const int max = options.max_candidates;
  // id -> (found by an exact term, character pairs shared)
  absl::flat_hash_map<std::string, std::pair<bool, int>> found;
  for (const std::string& term : internal::ExactTerms(q)) {
    auto ids = store.FindBySearchTerm(store::LEGAL_ENTITY, term, max + 1);
    if (!ids.ok()) return ids.status();
    if (static_cast<int>(ids->size()) > max) c.capped = true;
    for (std::string& id : *ids) found[std::move(id)].first = true;
  }
  for (const std::string& term : internal::BigramTerms(q)) {
    auto ids = store.FindBySearchTerm(store::LEGAL_ENTITY, term, options.max_bigram_entities + 1);
    if (!ids.ok()) return ids.status();
    if (static_cast<int>(ids->size()) > options.max_bigram_entities) {
      c.capped = true;  // too common to search by
      continue;
    }
    for (std::string& id : *ids) ++found[std::move(id)].second;
  }
  std::vector<std::pair<std::string, std::pair<bool, int>>> order(found.begin(), found.end());
  std::sort(order.begin(), order.end(), [](const auto& a, const auto& b) {
    return std::tie(b.second.first, b.second.second, a.first) <
           std::tie(a.second.first, a.second.second, b.first);
  });
  if (static_cast<int>(order.size()) > max) {
    c.capped = true;
    order.resize(max);
  }
  for (auto& [id, rank] : order) c.ids.push_back(std::move(id));
  return c;
}

}  // namespace

std::vector<std::string> OrgSearchTerms(const store::Entity& e,
                                        const std::vector<store::Record>& members) {
  return internal::OrgTermsOf(internal::OrgFactsOf(e, members));
}

absl::StatusOr<OrgSearchResult> SearchLegalEntities(const store::EntityStore& store,
                                                    const OrgQuery& query, int limit, int offset,
                                                    const OrgSearchOptions& options) {
  auto q = internal::ParseOrgQuery(query);
  if (!q.ok()) return q.status();
  if (auto s = internal::CheckPage(limit, offset); !s.ok()) return s;
  auto candidates = FindCandidates(store, *q, options);
  if (!candidates.ok()) return candidates.status();

  std::vector<OrgHit> hits;
  absl::flat_hash_set<std::string> seen;
  for (const std::string& id : candidates->ids) {
    auto entity = internal::ReadIndexedEntity(store, store::LEGAL_ENTITY, id, seen);
    if (!entity.ok()) return entity.status();
    if (!entity->has_value()) continue;
    const internal::OrgFacts facts = internal::IndexedOrgFacts(**entity);
    if (!internal::PassesFilters(*q, facts)) continue;
    std::optional<double> score = internal::Score(*q, facts);
    if (score.has_value()) hits.push_back({**std::move(entity), *score});
  }
  std::sort(hits.begin(), hits.end(), [](const OrgHit& a, const OrgHit& b) {
    if (a.score != b.score) return a.score > b.score;
    return a.legal_entity.id() < b.legal_entity.id();
  });

  OrgSearchResult result;
  result.capped = candidates->capped;
  const int64_t end = std::min<int64_t>(int64_t{offset} + limit, hits.size());
  for (int64_t i = offset; i < end; ++i) result.hits.push_back(std::move(hits[i]));
  result.more = static_cast<int64_t>(hits.size()) > end;
  return result;
}

}  // namespace mdhub::resolver
