#include "services/internal/stewardship.h"

#include <algorithm>
#include <initializer_list>
#include <vector>

#include "absl/strings/escaping.h"
#include "absl/strings/str_cat.h"
#include "resolver/explain.h"
#include "resolver/steward.h"
#include "services/internal/mapping.h"
#include "services/internal/page_token.h"

namespace mdhub::services::internal {
namespace {

constexpr int kDefaultReviewPage = 100;
constexpr int kMaxReviewPage = 1000;

void ToApi(const resolver::PairExplanation& in, v1::Explanation* out) {
  for (const resolver::PairExplanation::Field& f : in.fields) {
    v1::Explanation::Field* o = out->add_fields();
    o->set_name(f.name);
    o->set_left_value(f.left);
    o->set_right_value(f.right);
    o->set_level(f.level);
    o->set_weight(f.weight);
  }
  out->set_total_weight(in.weight);
  out->set_match_probability(in.probability);
  out->set_decision(in.decision);
}

// The steward context of a call: who decides, why, and the audit entry committed with the write.
resolver::Steward::Context StewardContext(CallScope& call, const std::string& reason,
                                          store::AuditEntry& audit) {
  audit = call.PendingAuditEntry();
  const Caller& c = call.caller();
  return {c.end_user.empty() ? c.agency : absl::StrCat(c.agency, "/", c.end_user), reason,
          &audit};
}

// Entities of other kinds are reported as not found, as the registries' reads do.
absl::Status CheckKind(const store::Entity& e, store::Kind kind, absl::string_view id) {
  if (e.kind() == kind) return absl::OkStatus();
  return absl::NotFoundError(absl::StrCat("no ", store::Kind_Name(kind), " ", id));
}

// NOT_FOUND when a record exists but is of another kind; the steward layer reports records that
// do not exist at all.
absl::Status CheckRecordKinds(const store::EntityStore& store, store::Kind kind,
                              std::initializer_list<const store::RecordRef*> refs) {
  for (const store::RecordRef* ref : refs) {
    auto r = store.GetRecord(ref->source(), ref->record_key());
    if (r.ok() && r->kind() != kind) {
      return absl::NotFoundError(absl::StrCat("no ", store::Kind_Name(kind), " record ",
                                              ref->source(), "/", ref->record_key()));
    }
  }
  return absl::OkStatus();
}

}  // namespace

absl::Status Stewardship::ExplainPair(CallScope& call, const v1::ExplainPairRequest& request,
                                      v1::Explanation* response) const {
  auto left = ToStoreRef(request.left(), "left");
  if (!left.ok()) return left.status();
  auto right = ToStoreRef(request.right(), "right");
  if (!right.ok()) return right.status();
  call.Touch(absl::StrCat(left->source(), "/", left->record_key()));
  call.Touch(absl::StrCat(right->source(), "/", right->record_key()));
  Backend& b = call.backend();
  // The kind's model must not be asked about records of another kind.
  if (auto s = CheckRecordKinds(b.entities, kind_, {&*left, &*right}); !s.ok()) return s;
  auto e = resolver::ExplainPair(b.entities, b.resolver.profile(kind_), *left, *right);
  if (!e.ok()) return e.status();
  ToApi(*e, response);
  return absl::OkStatus();
}

absl::Status Stewardship::ExplainEntity(CallScope& call, const v1::GetEntityRequest& request,
                                        v1::EntityExplanation* response) const {
  if (auto s = Required(request.entity_id(), "entity_id"); !s.ok()) return s;
  auto as_of = AsOf(request.has_as_of(), request.as_of(), "as_of");
  if (!as_of.ok()) return as_of.status();
  Backend& b = call.backend();
  auto e = resolver::ExplainEntity(b.entities, b.resolver.profile(kind_), request.entity_id(),
                                   *as_of);
  if (!e.ok()) return e.status();
  if (auto s = CheckKind(e->entity, kind_, request.entity_id()); !s.ok()) return s;
  call.Touch(e->entity.id());
  response->set_entity_id(e->entity.id());
  for (const resolver::EntityExplanation::Member& m : e->members) {
    v1::EntityExplanation::Member* o = response->add_members();
    ToApi(m.record, o->mutable_record());
    o->set_link_reason(m.link_reason);
    if (m.matched.has_value()) ToApi(*m.matched, o->mutable_matched());
    if (m.evidence.has_value()) ToApi(*m.evidence, o->mutable_evidence());
  }
  v1::Entity rendered;
  ToApi(e->entity, {}, &rendered);
  *response->mutable_attributes() = rendered.attributes();
  return absl::OkStatus();
}

absl::Status Stewardship::Merge(CallScope& call, const v1::MergeRequest& request,
                                v1::Entity* response) const {
  if (auto s = Required(request.entity_id(), "entity_id"); !s.ok()) return s;
  if (auto s = Required(request.merged_entity_id(), "merged_entity_id"); !s.ok()) return s;
  call.Touch(request.entity_id());
  call.Touch(request.merged_entity_id());
  store::AuditEntry audit;
  resolver::Steward steward(call.backend().resolver);
  auto merged = steward.Merge(kind_, request.entity_id(), request.merged_entity_id(),
                              StewardContext(call, request.reason(), audit));
  if (!merged.ok()) return merged.status();
  call.MarkAudited();
  ToApi(*merged, {}, response);
  return absl::OkStatus();
}

absl::Status Stewardship::Split(CallScope& call, const v1::SplitRequest& request,
                                v1::SplitResponse* response) const {
  if (auto s = Required(request.entity_id(), "entity_id"); !s.ok()) return s;
  std::vector<store::RecordRef> records;
  for (int i = 0; i < request.records_size(); ++i) {
    auto ref = ToStoreRef(request.records(i), absl::StrCat("records[", i, "]"));
    if (!ref.ok()) return ref.status();
    records.push_back(*std::move(ref));
  }
  call.Touch(request.entity_id());
  store::AuditEntry audit;
  resolver::Steward steward(call.backend().resolver);
  auto split = steward.Split(kind_, request.entity_id(), records,
                             StewardContext(call, request.reason(), audit));
  if (!split.ok()) return split.status();
  call.MarkAudited();
  ToApi(split->first, {}, response->mutable_remaining());
  ToApi(split->second, {}, response->mutable_split_off());
  return absl::OkStatus();
}

absl::Status Stewardship::Decide(CallScope& call, const v1::DecidePairRequest& request,
                                 v1::DecidePairResponse* response) const {
  auto left = ToStoreRef(request.left(), "left");
  if (!left.ok()) return left.status();
  auto right = ToStoreRef(request.right(), "right");
  if (!right.ok()) return right.status();
  store::PairDecision::Type type;
  switch (request.decision()) {
    case v1::DecidePairRequest::MUST_LINK:
      type = store::PairDecision::MUST_LINK;
      break;
    case v1::DecidePairRequest::CANNOT_LINK:
      type = store::PairDecision::CANNOT_LINK;
      break;
    default:
      return absl::InvalidArgumentError("decision: must be MUST_LINK or CANNOT_LINK");
  }
  Backend& b = call.backend();
  if (auto s = CheckRecordKinds(b.entities, kind_, {&*left, &*right}); !s.ok()) return s;
  store::AuditEntry audit;
  resolver::Steward steward(b.resolver);
  auto decided = steward.DecidePair(*left, *right, type,
                                    StewardContext(call, request.reason(), audit));
  if (!decided.ok()) return decided.status();
  call.MarkAudited();
  ToApi(decided->first, {}, response->mutable_left_entity());
  ToApi(decided->second, {}, response->mutable_right_entity());
  return absl::OkStatus();
}

absl::Status Stewardship::ListReview(CallScope& call, const v1::ListReviewItemsRequest& request,
                                     v1::ListReviewItemsResponse* response) const {
  auto page_size = PageSize(request.page_size(), kDefaultReviewPage, kMaxReviewPage);
  if (!page_size.ok()) return page_size.status();
  std::string after;
  if (!request.page_token().empty() && !absl::WebSafeBase64Unescape(request.page_token(), &after)) {
    return absl::InvalidArgumentError("page_token: is not a token from a previous page");
  }
  Backend& b = call.backend();
  auto page = b.entities.ListReviewItems(after, *page_size);
  if (!page.ok()) {
    if (absl::IsInvalidArgument(page.status())) {
      return absl::InvalidArgumentError(absl::StrCat("page_token: ", page.status().message()));
    }
    return page.status();
  }
  for (const store::ReviewItem& item : page->items) {
    auto left = b.entities.GetRecord(item.left().source(), item.left().record_key());
    auto right = b.entities.GetRecord(item.right().source(), item.right().record_key());
    // Items whose records are gone, of another kind, or already together are settled.
    if (!left.ok() || !right.ok() || left->deleted() || right->deleted()) continue;
    if (left->kind() != kind_ || left->entity_id() == right->entity_id()) continue;
    v1::ListReviewItemsResponse::Item* o = response->add_items();
    ToApi(item.left(), o->mutable_left());
    ToApi(item.right(), o->mutable_right());
    o->set_match_probability(item.probability());
    SetTimestamp(item.created_at_us(), o->mutable_created_at());
    o->set_left_entity_id(left->entity_id());
    o->set_right_entity_id(right->entity_id());
  }
  if (!page->next_token.empty()) {
    response->set_next_page_token(absl::WebSafeBase64Escape(page->next_token));
  }
  return absl::OkStatus();
}

}  // namespace mdhub::services::internal
