// Explanations: why two records are, or are not, linked (the trained model's comparison field by
// field, hard constraints, stewards' decisions), and why an entity holds its records.
#ifndef MDHUB_RESOLVER_EXPLAIN_H_
#define MDHUB_RESOLVER_EXPLAIN_H_

#include <optional>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "resolver/match/profile.h"
#include "store/entity_store.h"

namespace mdhub::resolver {

struct PairExplanation {
  struct Field {
    std::string name;
    std::string left, right;  // standardised values
    std::string level;        // "exact", "jaro_winkler>=0.9", "different", "missing", ...
    double weight = 0;        // log2 Bayes factor
  };
  std::vector<Field> fields;
  double weight = 0;  // prior + fields
  double probability = 0;
  // "link", "review" or "non-link", with the constraint or steward decision that decided it, and
  // whether the records share an entity now.
  std::string decision;
};

// FAILED_PRECONDITION without a profile, NOT_FOUND for an unknown or deleted record.
absl::StatusOr<PairExplanation> ExplainPair(const store::EntityStore& store,
                                            const MatchProfile* profile,
                                            const store::RecordRef& left,
                                            const store::RecordRef& right);

struct EntityExplanation {
  struct Member {
    store::RecordRef record;
    std::string link_reason;
    // The record whose score linked this one, and that comparison (with a profile).
    std::optional<store::RecordRef> matched;
    std::optional<PairExplanation> evidence;
  };
  store::Entity entity;
  std::vector<Member> members;
};

// Merged ids are followed. NOT_FOUND for an unknown id. Without a profile, members carry only
// their link reasons.
absl::StatusOr<EntityExplanation> ExplainEntity(const store::EntityStore& store,
                                                const MatchProfile* profile,
                                                const std::string& entity_id,
                                                std::optional<absl::Time> as_of);

}  // namespace mdhub::resolver

#endif  // MDHUB_RESOLVER_EXPLAIN_H_
