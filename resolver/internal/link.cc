#include "resolver/internal/link.h"

#include <algorithm>
#include <map>
#include <set>

#include "absl/container/flat_hash_set.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "resolver/identifiers.h"
#include "resolver/internal/entities.h"

namespace mdhub::resolver::internal {
namespace {

using store::EntityWrite;
using store::Record;
using store::RecordRef;

constexpr int kMaxReviewsPerRecord = 3;

struct Candidate {
  std::string entity_id;
  int strength = 0;  // 2 steward must-link, 1 shared identifier, 0 model score
  double probability = 0;
  std::string reason;
  RecordRef matched;  // set for model links
};

std::string RefName(const RecordRef& r) { return absl::StrCat(r.source(), "/", r.record_key()); }

void Offer(std::map<std::string, Candidate>& candidates, Candidate c) {
  auto [it, inserted] = candidates.emplace(c.entity_id, c);
  if (!inserted && std::tie(c.strength, c.probability) >
                       std::tie(it->second.strength, it->second.probability)) {
    it->second = std::move(c);
  }
}

std::vector<absl::string_view> Views(const google::protobuf::RepeatedPtrField<std::string>& v) {
  return std::vector<absl::string_view>(v.begin(), v.end());
}

// Scores the records sharing a blocking key with `record`: links go to `candidates`, uncertain
// pairs to `reviews` (with their entity).
absl::Status ScoreBlocks(const MatchProfile& profile, const Record& record, EntityWrite& w,
                         std::map<std::string, Candidate>& candidates,
                         std::vector<std::pair<store::ReviewItem, std::string>>& reviews) {
  const MatchSettings& settings = profile.settings();
  const std::vector<absl::string_view> mine = Views(record.match_values());
  absl::flat_hash_set<std::string> seen;
  for (const std::string& key : record.blocking_keys()) {
    auto hits = w.ScanBlock(record.kind(), key, settings.max_block_size);
    if (!hits.ok()) return hits.status();
    // An oversized block is skipped, as in batch matching.
    if (static_cast<int>(hits->size()) > settings.max_block_size) continue;
    for (const store::EntityWrite::BlockHit& hit : *hits) {
      if (hit.record.source() == record.source() &&
          hit.record.record_key() == record.record_key()) {
        continue;
      }
      if (!seen.insert(RefName(hit.record)).second) continue;
      const std::vector<absl::string_view> theirs = Views(hit.entry.match_values());
      if (static_cast<int>(theirs.size()) != profile.fields()) continue;  // other settings
      if (!profile.Conflict(mine, theirs).empty()) continue;
      const double p = profile.Probability(mine, theirs);
      if (p >= settings.link_threshold) {
        Offer(candidates, {hit.entry.entity_id(), 0, p,
                           absl::StrFormat("matched %s with probability %.4f",
                                           RefName(hit.record), p),
                           hit.record});
      } else if (p >= settings.review_threshold) {
        store::ReviewItem item;
        item.mutable_left()->set_source(record.source());
        item.mutable_left()->set_record_key(record.record_key());
        *item.mutable_right() = hit.record;
        item.set_probability(p);
        reviews.emplace_back(std::move(item), hit.entry.entity_id());
      }
    }
  }
  return absl::OkStatus();
}

// The type of a binding identifier "type:value".
absl::string_view TypeOf(absl::string_view binding) {
  return binding.substr(0, binding.find(':'));
}

// True when the two sets of binding identifiers share none, but hold one type each.
bool IdentifiersConflict(const std::vector<std::string>& a, const std::vector<std::string>& b) {
  bool same_type = false;
  for (const std::string& x : a) {
    for (const std::string& y : b) {
      if (x == y) return false;
      same_type = same_type || TypeOf(x) == TypeOf(y);
    }
  }
  return same_type;
}

}  // namespace

absl::StatusOr<LinkPlan> PlanLink(const MatchProfile* profile, const Record& record,
                                  bool stored_before, EntityWrite& w) {
  std::map<std::string, Candidate> candidates;
  std::set<std::string> forbidden;
  // Stewards' decisions about this record.
  std::vector<store::PairDecision> decisions;
  if (stored_before) {
    auto read = w.GetPairDecisions(record.source(), record.record_key());
    if (!read.ok()) return read.status();
    decisions = *std::move(read);
  }
  for (const store::PairDecision& d : decisions) {
    auto other = w.GetRecord(d.right().source(), d.right().record_key());
    if (!other.ok()) return other.status();
    if (!other->has_value() || (*other)->deleted() || (*other)->entity_id().empty()) continue;
    if (d.type() == store::PairDecision::CANNOT_LINK) {
      forbidden.insert((*other)->entity_id());
    } else if (d.type() == store::PairDecision::MUST_LINK) {
      Offer(candidates, {(*other)->entity_id(), 2, 1.0,
                         absl::StrCat("steward must-link with ", RefName(d.right()))});
    }
  }
  // A shared identifier links outright.
  std::vector<std::string> binding;
  for (const store::Identifier& id : ExtractIdentifiers(record)) {
    if (id.problem().empty()) binding.push_back(absl::StrCat(id.type(), ":", id.value()));
    auto found = w.FindByIdentifier(record.kind(), id.type(), id.value());
    if (!found.ok()) return found.status();
    for (const std::string& e : *found) {
      Offer(candidates, {e, 1, 1.0, absl::StrCat("shares ", id.type(), " ", id.value())});
    }
  }
  std::vector<std::pair<store::ReviewItem, std::string>> reviews;
  if (profile != nullptr) {
    if (auto s = ScoreBlocks(*profile, record, w, candidates, reviews); !s.ok()) return s;
  }

  std::vector<Candidate> order;
  for (auto& [id, c] : candidates) {
    if (!forbidden.count(id)) order.push_back(std::move(c));
  }
  std::sort(order.begin(), order.end(), [](const Candidate& a, const Candidate& b) {
    return std::tie(b.strength, b.probability, a.entity_id) <
           std::tie(a.strength, a.probability, b.entity_id);
  });
  LinkPlan plan;
  plan.reason = "new entity";
  std::vector<store::Entity> chosen;
  for (const Candidate& c : order) {
    auto entity = w.GetEntity(c.entity_id);
    if (!entity.ok()) return entity.status();
    if (!entity->has_value() || !(*entity)->redirect_to().empty()) continue;
    // Two different valid identifiers of one type are two entities, unless a steward said
    // otherwise (a legacy code and a credit code do not conflict; sharing any one agrees).
    std::vector<std::string> theirs = BindingIdentifiers(**entity);
    if (c.strength < 2 && IdentifiersConflict(binding, theirs)) continue;
    bool refused = false;
    for (const store::Entity& other : chosen) {
      auto between = CannotLinkBetween(other, **entity, w);
      if (!between.ok()) return between.status();
      refused = refused || !between->empty();
    }
    if (refused) continue;
    if (plan.entity_id.empty()) {
      plan.entity_id = c.entity_id;
      plan.reason = c.reason;
      plan.matched = c.matched;
    } else {
      plan.merge.push_back(c.entity_id);
    }
    binding.insert(binding.end(), theirs.begin(), theirs.end());
    chosen.push_back(**std::move(entity));
  }
  // Uncertain pairs with records of other entities, most likely first.
  std::sort(reviews.begin(), reviews.end(), [](const auto& a, const auto& b) {
    return a.first.probability() > b.first.probability();
  });
  for (auto& [item, entity_id] : reviews) {
    if (static_cast<int>(plan.reviews.size()) == kMaxReviewsPerRecord) break;
    const bool linked = entity_id == plan.entity_id ||
                        std::count(plan.merge.begin(), plan.merge.end(), entity_id) > 0;
    if (!linked) plan.reviews.push_back(std::move(item));
  }
  return plan;
}

std::optional<PlannedLink> PlanLinkAhead(const MatchProfile* profile, const Record& record,
                                         const store::EntityStore::PlanningView& view) {
  PlannedLink out;
  bool stored = false;
  auto reads = view.Plan([&](EntityWrite& w) -> absl::Status {
    auto old = w.GetRecord(record.source(), record.record_key());
    if (!old.ok()) return old.status();
    stored = old->has_value();
    if (stored) return absl::OkStatus();
    auto plan = PlanLink(profile, record, false, w);
    if (!plan.ok()) return plan.status();
    out.plan = *std::move(plan);
    if (out.plan.entity_id.empty() || !out.plan.merge.empty()) return absl::OkStatus();
    // The entity the record joins, and its members: the write rebuilds it from them, and takes
    // over what was read here instead of reading it again.
    auto entity = w.GetEntity(out.plan.entity_id);
    if (!entity.ok()) return entity.status();
    if (!entity->has_value()) return absl::OkStatus();
    auto members = ReadMembers(**entity, w);
    if (!members.ok()) return members.status();
    WarmRebuild(*members, record);
    return absl::OkStatus();
  });
  if (!reads.ok() || stored) return std::nullopt;
  out.reads = *std::move(reads);
  return out;
}

}  // namespace mdhub::resolver::internal
