// End-to-end tests of incremental resolution and stewardship over mutual TLS, with the shipped
// person matching preset: records without a citizen id link by the trained model, explanations
// name the evidence, and stewards' merges, splits and pair decisions persist, are respected by
// later submissions and are audited.
#include <algorithm>
#include <string>

#include "gtest/gtest.h"
#include "resolver/testing/review_pair.h"
#include "tests/e2e_fixture.h"

namespace mdhub::tests {
namespace {

v1::RecordRef Ref(const std::string& source, const std::string& key) {
  v1::RecordRef r;
  r.set_source(source);
  r.set_record_key(key);
  return r;
}

class E2eStewardTest : public E2eTest {
 protected:
  // One person as household registration and a clinic (without her id number) know her.
  void SubmitWangFang() {
    hukou_ = SubmitPerson("ps", "ps.hukou", "h1", WangFangAtHukou("450102199003071238")).entity_id();
    clock_.Advance(absl::Seconds(1));
    clinic_ = SubmitPerson("ps", "ps.clinic", "p1", WangFangAtClinic()).entity_id();
  }

  std::string hukou_, clinic_;
};

TEST_F(E2eStewardTest, RecordWithoutIdLinksAndIsExplained) {
  SubmitWangFang();
  EXPECT_EQ(hukou_, clinic_);

  v1::GetEntityRequest get;
  get.set_entity_id(hukou_);
  v1::EntityExplanation why;
  ASSERT_TRUE(Population("ps")->ExplainPerson(Context().get(), get, &why).ok());
  ASSERT_EQ(why.members_size(), 2);
  const auto& linked = why.members(1);
  EXPECT_EQ(linked.record().record_key(), "p1");
  EXPECT_EQ(linked.matched().record_key(), "h1");
  EXPECT_GT(linked.evidence().match_probability(), 0.9);
  EXPECT_EQ(linked.evidence().fields(0).name(), "name");
  EXPECT_EQ(linked.evidence().fields(0).level(), "exact");

  v1::ExplainPairRequest pair;
  *pair.mutable_left() = Ref("ps.hukou", "h1");
  *pair.mutable_right() = Ref("ps.clinic", "p1");
  v1::Explanation e;
  ASSERT_TRUE(Population("ps")->ExplainPair(Context().get(), pair, &e).ok());
  EXPECT_EQ(e.decision().rfind("link;", 0), 0u) << e.decision();

  // The member record says how it joined.
  v1::GetRecordRequest record;
  record.set_source("ps.clinic");
  record.set_record_key("p1");
  v1::SourceRecord stored;
  ASSERT_TRUE(Population("ps")->GetRecord(Context().get(), record, &stored).ok());
  EXPECT_NE(stored.link_reason().find("matched ps.hukou/h1"), std::string::npos);
}

TEST_F(E2eStewardTest, SplitThenDecideMustLinkMergesBack) {
  SubmitWangFang();
  v1::SplitRequest split;
  split.set_entity_id(hukou_);
  *split.add_records() = Ref("ps.clinic", "p1");
  split.set_reason("another Wang Fang, checked at the clinic");
  v1::SplitResponse parts;
  ASSERT_TRUE(Population("ps")->SplitPerson(Context("steward-li").get(), split, &parts).ok());
  EXPECT_EQ(parts.remaining().id(), hukou_);
  const std::string split_off = parts.split_off().id();
  EXPECT_NE(split_off, hukou_);

  // A new record like the clinic's still goes to the clinic's person, not across the split.
  clock_.Advance(absl::Seconds(1));
  v1::SubmitResult resubmitted = SubmitPerson(
      "ps", "ps.clinic", "p1",
      {{"name", "王芳"}, {"birth_date", "19900307"}, {"gender", "F"}, {"phone", "13807710009"}});
  EXPECT_EQ(resubmitted.entity_id(), split_off);

  // Merging across the cannot-link the split left is refused with the pair named.
  v1::MergeRequest merge;
  merge.set_entity_id(hukou_);
  merge.set_merged_entity_id(split_off);
  v1::Entity merged;
  grpc::Status refused = Population("ps")->MergePersons(Context().get(), merge, &merged);
  EXPECT_EQ(refused.error_code(), grpc::StatusCode::FAILED_PRECONDITION);
  EXPECT_NE(refused.error_message().find("cannot-link"), std::string::npos);

  v1::DecidePairRequest decide;
  *decide.mutable_left() = Ref("ps.hukou", "h1");
  *decide.mutable_right() = Ref("ps.clinic", "p1");
  decide.set_decision(v1::DecidePairRequest::MUST_LINK);
  decide.set_reason("same person after all");
  v1::DecidePairResponse decided;
  ASSERT_TRUE(Population("ps")->DecidePair(Context().get(), decide, &decided).ok());
  EXPECT_EQ(decided.left_entity().id(), decided.right_entity().id());

  // The merged-away id redirects.
  v1::GetEntityRequest get;
  get.set_entity_id(split_off);
  v1::Entity followed;
  ASSERT_TRUE(Population("ps")->GetPerson(Context().get(), get, &followed).ok());
  EXPECT_EQ(followed.id(), hukou_);
  EXPECT_EQ(followed.redirected_from(), split_off);

  // The split is audited with who did it and both persons, committed with the change itself.
  v1::ListAuditEntriesResponse audit;
  ASSERT_TRUE(Admin("admin")->ListAuditEntries(Context().get(), v1::ListAuditEntriesRequest(),
                                               &audit).ok());
  bool found = false;
  for (const v1::AuditEntry& e : audit.entries()) {
    if (e.method().find("SplitPerson") == std::string::npos) continue;
    found = true;
    EXPECT_EQ(e.end_user(), "steward-li");
    EXPECT_EQ(e.code(), 0);
    EXPECT_NE(std::find(e.touched().begin(), e.touched().end(), split_off), e.touched().end());
  }
  EXPECT_TRUE(found);
}

TEST_F(E2eStewardTest, BadStewardRequestsNameTheField) {
  SubmitWangFang();
  v1::DecidePairRequest decide;
  *decide.mutable_left() = Ref("ps.hukou", "h1");
  decide.mutable_right()->set_source("ps.clinic");
  decide.set_decision(v1::DecidePairRequest::CANNOT_LINK);
  v1::DecidePairResponse decided;
  grpc::Status s = Population("ps")->DecidePair(Context().get(), decide, &decided);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_EQ(s.error_message(), "right.record_key: is required");

  *decide.mutable_right() = Ref("ps.clinic", "p1");
  decide.set_decision(v1::DecidePairRequest::DECISION_UNSPECIFIED);
  s = Population("ps")->DecidePair(Context().get(), decide, &decided);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_NE(s.error_message().find("decision"), std::string::npos);

  v1::SplitRequest split;
  split.set_entity_id(hukou_);
  *split.add_records() = Ref("ps.hukou", "h1");
  *split.add_records() = Ref("ps.clinic", "p1");
  v1::SplitResponse parts;
  s = Population("ps")->SplitPerson(Context().get(), split, &parts);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::INVALID_ARGUMENT);

  v1::ListReviewItemsRequest review;
  review.set_page_token("not a token");
  v1::ListReviewItemsResponse items;
  s = Population("ps")->ListReviewItems(Context().get(), review, &items);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_NE(s.error_message().find("page_token"), std::string::npos);

  // Stewardship is not granted to health.
  v1::MergeRequest merge;
  merge.set_entity_id(hukou_);
  merge.set_merged_entity_id(hukou_);
  v1::Entity merged;
  s = Population("health")->MergePersons(Context().get(), merge, &merged);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::PERMISSION_DENIED);
}

TEST_F(E2eStewardTest, ReviewQueuePagesAndClearsOnDecision) {
  // Three pairs that are neither a clear link nor a clear non-link under the shipped model.
  for (const char* tag : {"1", "2", "3"}) {
    const auto [left, right] = resolver::testing::UncertainPair(MDHUB_SOURCE_DIR, tag);
    SubmitPerson("ps", "ps.hukou", std::string("h") + tag, left);
    clock_.Advance(absl::Seconds(1));
    SubmitPerson("ps", "ps.clinic", std::string("p") + tag, right);
  }
  v1::ListReviewItemsRequest request;
  request.set_page_size(2);
  v1::ListReviewItemsResponse first, second;
  ASSERT_TRUE(Population("ps")->ListReviewItems(Context().get(), request, &first).ok());
  ASSERT_EQ(first.items_size(), 2);
  ASSERT_FALSE(first.next_page_token().empty());
  request.set_page_token(first.next_page_token());
  ASSERT_TRUE(Population("ps")->ListReviewItems(Context().get(), request, &second).ok());
  ASSERT_EQ(second.items_size(), 1);
  EXPECT_TRUE(second.next_page_token().empty());
  for (const auto& item : first.items()) {
    EXPECT_GT(item.match_probability(), 0.5);
    EXPECT_LT(item.match_probability(), 0.9);
    EXPECT_NE(item.left_entity_id(), item.right_entity_id());
  }

  v1::DecidePairRequest decide;
  *decide.mutable_left() = first.items(0).left();
  *decide.mutable_right() = first.items(0).right();
  decide.set_decision(v1::DecidePairRequest::CANNOT_LINK);
  v1::DecidePairResponse decided;
  ASSERT_TRUE(Population("ps")->DecidePair(Context().get(), decide, &decided).ok());
  v1::ListReviewItemsResponse after;
  ASSERT_TRUE(
      Population("ps")->ListReviewItems(Context().get(), v1::ListReviewItemsRequest(), &after).ok());
  EXPECT_EQ(after.items_size(), 2);
}

}  // namespace
}  // namespace mdhub::tests
