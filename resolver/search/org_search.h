// Organisation search: the terms a legal entity is found by (indexed by the store as
// Entity.search_terms) and fuzzy ranked search over them by name, region and registration state.
// Names are compared by their cores (org_name): legal-form suffixes, place prefixes, brackets and
// width or script differences do not count.
#ifndef MDHUB_RESOLVER_SEARCH_ORG_SEARCH_H_
#define MDHUB_RESOLVER_SEARCH_ORG_SEARCH_H_

#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "resolver/standardize/registration_status.h"
#include "store/entity_store.h"
#include "store/model.pb.h"

namespace mdhub::resolver {

// The terms a legal entity is found by in organisation search, from its golden attributes and its
// current member records (at most 40; none without names, regions or status):
//   oc:<core>     the core of the current name ("某某科技" for "南宁市某某科技有限公司")
//   oo:<core>     the cores of former names (former_name, ';'-separated) and of the names other
//                 member records give; at most 5
//   op:<pinyin>   the pinyin of the current core without spaces, for homophones and pinyin input
//   ob:<branch>   for a branch: what tells it apart ("4501分公司")
//   os:<STATE>    the current registration state (RegistrationStateName), when a record states one
//   or:<code>     each level (2, 4, 6 digits) of the divisions of the registered address and of the
//                 credit code; of the division the name places it in (a branch: its branch's)
//                 when neither gives one
//   og:<bigram>   pairs of adjacent characters of the cores (current first), for partial names
//                 and typos; cut at the bound
std::vector<std::string> OrgSearchTerms(const store::Entity& e,
                                        const std::vector<store::Record>& members);

// A search. Field names are those of the API request, and errors name them.
struct OrgQuery {
  // Any written form of an organisation name or a part of it; pinyin of the core is read too.
  std::string name;
  // A GB/T 2260 code prefix of 2, 4 or 6 digits (a 6-digit code of a prefecture or province,
  // "450100", counts as its prefix "4501"). A filter: of the registered address's division (or
  // the credit code's, when the address names none).
  std::string region_code;
  // Only entities whose current state is one of these; empty means any. kUnspecified matches
  // entities none of whose records states a status.
  std::vector<RegistrationState> states;
};

struct OrgSearchOptions {
  // At most this many distinct entities are examined per search.
  int max_candidates = 2000;
  // A pair of characters held by more entities than this is too common to find candidates by
  // (科技, 有限 ...): the rarer pairs of the query do that.
  int max_bigram_entities = 2000;
};

struct OrgHit {
  store::Entity legal_entity;
  // In (0, 1]; higher is better.
  double score = 0;
};

struct OrgSearchResult {
  // Hits ranked [offset, offset + limit): score descending, then entity id ascending.
  std::vector<OrgHit> hits;
  // Hits ranked after this page.
  bool more = false;
  // Some candidates were not examined (more than max_candidates, or a pair of the query too
  // common to search by), so hits may be missing. A fuller name avoids it.
  bool capped = false;
};

// Finds legal entities by the query, ranks them and returns one page.
//
// With a name, candidates are the entities holding the query's core (as current or other name),
// its pinyin, or one of its rarer character pairs. Each is scored by the best similarity of the
// query's core to one of its cores: 1 for the same core, 0.9 for the same pinyin, else the
// largest of edit-distance similarity, shared character pairs (Dice) and containment of one core
// in the other (0.6 + 0.3 x the length ratio); a hit needs 0.6 (one character in four wrong is
// 0.75, two are 0.5). A former or other name counts x0.95; a branch counts x0.9 for a head
// office's name (and a head office for a branch's name, and another branch of the same head
// office), so that branches rank after their head office.
// When the query names a region (region_code, else the division the name starts with or
// brackets), the score is 0.95 x that similarity + 0.05 x region agreement (1 when the entity is
// in the region, 0.5 when only a coarser division of it is known), so that among equally
// similar names those in the region come first. Without a name, every entity in region_code is
// a hit with score 1, in entity-id order.
//
// INVALID_ARGUMENT naming the field when the query is malformed or asks neither a name nor a
// region_code (and, without a field, for limit < 1 or offset < 0). Reads are not one snapshot: an
// entity changed meanwhile is scored as it is now. Thread-safe.
absl::StatusOr<OrgSearchResult> SearchLegalEntities(const store::EntityStore& store,
                                                    const OrgQuery& query, int limit, int offset,
                                                    const OrgSearchOptions& options = {});

}  // namespace mdhub::resolver

#endif  // MDHUB_RESOLVER_SEARCH_ORG_SEARCH_H_
