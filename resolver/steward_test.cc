// Incremental resolution with the shipped person preset (docs/examples/persons: settings and the
// model trained on generated data), stewards' decisions and explanations.
#include <map>
#include <memory>
#include <string>

#include "gtest/gtest.h"
#include "resolver/explain.h"
#include "resolver/match/profile.h"
#include "resolver/record_resolver.h"
#include "resolver/steward.h"
#include "resolver/testing/review_pair.h"
#include "store/testing/temp_db.h"

namespace mdhub::resolver {
namespace {

using store::RecordRef;

constexpr char kHukou[] = "ps.hukou";
constexpr char kHealth[] = "health.patient_index";

Mutation Person(const std::string& source, const std::string& key,
                std::map<std::string, std::string> attrs) {
  Mutation m;
  m.record.set_source(source);
  m.record.set_record_key(key);
  m.record.set_kind(store::PERSON);
  for (auto& [k, v] : attrs) (*m.record.mutable_attributes())[k] = v;
  return m;
}

RecordRef Ref(const std::string& source, const std::string& key) {
  RecordRef r;
  r.set_source(source);
  r.set_record_key(key);
  return r;
}

class StewardTest : public ::testing::Test {
 protected:
  void SetUp() override {
    const std::string dir = std::string(MDHUB_SOURCE_DIR) + "/docs/examples/persons/";
    auto profile = MatchProfile::Load(dir + "settings.toml", dir + "model.toml");
    ASSERT_TRUE(profile.ok()) << profile.status();
    profile_ = *std::move(profile);
    es_ = *store::EntityStore::Open(db_.kv(), clock_);
    resolver_ = std::make_unique<RecordResolver>(*es_, nullptr,
                                                 ResolverProfiles{profile_.get(), nullptr});
    steward_ = std::make_unique<Steward>(*resolver_);
  }

  std::string Submit(const Mutation& m) {
    clock_.Advance(absl::Seconds(1));
    auto out = resolver_->Apply(m);
    EXPECT_TRUE(out.ok()) << out.status();
    return out.ok() ? out->entity_id : "";
  }
  std::string EntityOf(const std::string& source, const std::string& key) {
    auto r = es_->GetRecord(source, key);
    EXPECT_TRUE(r.ok()) << r.status();
    return r.ok() ? r->entity_id() : "";
  }

  store::testing::TempDb db_;
  ManualClock clock_{absl::FromUnixSeconds(1700000000)};
  std::unique_ptr<MatchProfile> profile_;
  std::unique_ptr<store::EntityStore> es_;
  std::unique_ptr<RecordResolver> resolver_;
  std::unique_ptr<Steward> steward_;
};

const std::map<std::string, std::string> kWangFang = {
    {"name", "王芳"}, {"birth_date", "1990-03-07"}, {"gender", "女"},
    {"address", "广西壮族自治区南宁市兴宁区民主路12号"}, {"phone", "13807710001"}};

TEST_F(StewardTest, RecordWithoutIdLinksByTheModel) {
  const std::string a = Submit(Person(kHukou, "h1", [] {
    auto m = kWangFang;
    m["citizen_id"] = "450102199003071238";
    return m;
  }()));
  // The health record has no id, a traditional-character name and another date format.
  const std::string b = Submit(Person(kHealth, "p1",
                                      {{"name", "王芳"}, {"birth_date", "19900307"},
                                       {"gender", "F"}, {"phone", "138-0771-0001"},
                                       {"address", "南宁市兴宁区民主路12号"}}));
  EXPECT_EQ(a, b);
  auto record = es_->GetRecord(kHealth, "p1");
  ASSERT_TRUE(record.ok());
  EXPECT_NE(record->link_reason().find("matched ps.hukou/h1 with probability"),
            std::string::npos)
      << record->link_reason();

  auto why = ExplainEntity(*es_, profile_.get(), a, std::nullopt);
  ASSERT_TRUE(why.ok()) << why.status();
  ASSERT_EQ(why->members.size(), 2u);
  ASSERT_TRUE(why->members[1].evidence.has_value());
  EXPECT_GE(why->members[1].evidence->probability, profile_->settings().link_threshold);
  EXPECT_EQ(why->members[1].evidence->fields[0].level, "exact");
}

TEST_F(StewardTest, DifferentValidIdsStayApartEvenWithEqualAttributes) {
  // Twins: same name (a common one), birth date, address and phone; different valid ids.
  auto twin = [](const char* id) {
    auto m = kWangFang;
    m["citizen_id"] = id;
    return m;
  };
  const std::string a = Submit(Person(kHukou, "t1", twin("450102199003071238")));
  const std::string b = Submit(Person(kHukou, "t2", twin("450102199003071246")));
  EXPECT_NE(a, b);
  auto e = ExplainPair(*es_, profile_.get(), Ref(kHukou, "t1"), Ref(kHukou, "t2"));
  ASSERT_TRUE(e.ok()) << e.status();
  EXPECT_NE(e->decision.find("hard constraint"), std::string::npos) << e->decision;
}

TEST_F(StewardTest, ARecordLinkingTwoPersonsMergesThemWithARedirect) {
  // Two records of one person that do not link to each other: one has only the id, the other
  // the name, birth date and phone.
  const std::string a =
      Submit(Person(kHukou, "h1", {{"citizen_id", "450102199003071238"}, {"gender", "女"}}));
  const std::string b = Submit(Person(kHealth, "p1",
                                      {{"name", "王芳"}, {"birth_date", "1990-03-07"},
                                       {"phone", "13807710001"}}));
  ASSERT_NE(a, b);
  // A record with all of it links both.
  const std::string c = Submit(Person("hrss.insured", "s1", [] {
    auto m = kWangFang;
    m["citizen_id"] = "450102199003071238";
    return m;
  }()));
  EXPECT_EQ(c, std::min(a, b));
  const std::string gone = std::max(a, b);
  auto followed = es_->GetEntity(gone);
  ASSERT_TRUE(followed.ok());
  EXPECT_EQ(followed->id(), c);
  EXPECT_EQ(followed->members_size(), 3);
  EXPECT_EQ(EntityOf(kHukou, "h1"), c);
  EXPECT_EQ(EntityOf(kHealth, "p1"), c);
}

TEST_F(StewardTest, SplitKeepsRecordsApartAfterwards) {
  auto m = kWangFang;
  m["citizen_id"] = "450102199003071238";
  const std::string a = Submit(Person(kHukou, "h1", m));
  const std::string b = Submit(Person(kHealth, "p1", kWangFang));
  ASSERT_EQ(a, b);
  Steward::Context why{"civil-affairs/li", "different persons, checked by phone", nullptr};
  auto split = steward_->Split(store::PERSON, a, {Ref(kHealth, "p1")}, why);
  ASSERT_TRUE(split.ok()) << split.status();
  EXPECT_EQ(split->first.id(), a);
  EXPECT_EQ(split->first.members_size(), 1);
  EXPECT_EQ(EntityOf(kHealth, "p1"), split->second.id());
  // Resubmitting the split-off record changes nothing about where it is.
  auto again = kWangFang;
  again["phone"] = "13807710002";
  EXPECT_EQ(Submit(Person(kHealth, "p1", again)), split->second.id());
  // A merge across the cannot-link is refused with the pair named.
  auto merge = steward_->Merge(store::PERSON, a, split->second.id(), why);
  EXPECT_EQ(merge.status().code(), absl::StatusCode::kFailedPrecondition);
  EXPECT_NE(merge.status().message().find("cannot-link"), std::string::npos);
  // Deciding the pair must-link overrides and merges.
  auto decided = steward_->DecidePair(Ref(kHukou, "h1"), Ref(kHealth, "p1"),
                                      store::PairDecision::MUST_LINK, why);
  ASSERT_TRUE(decided.ok()) << decided.status();
  EXPECT_EQ(decided->first.id(), decided->second.id());
  EXPECT_EQ(decided->first.members_size(), 2);
}

TEST_F(StewardTest, CannotLinkSeparatesAndLaterRecordsRespectIt) {
  auto m = kWangFang;
  m["citizen_id"] = "450102199003071238";
  const std::string a = Submit(Person(kHukou, "h1", m));
  ASSERT_EQ(Submit(Person(kHealth, "p1", kWangFang)), a);
  Steward::Context why{"health/zhao", "", nullptr};
  auto decided = steward_->DecidePair(Ref(kHukou, "h1"), Ref(kHealth, "p1"),
                                      store::PairDecision::CANNOT_LINK, why);
  ASSERT_TRUE(decided.ok()) << decided.status();
  EXPECT_NE(decided->first.id(), decided->second.id());
  auto e = ExplainPair(*es_, profile_.get(), Ref(kHukou, "h1"), Ref(kHealth, "p1"));
  ASSERT_TRUE(e.ok());
  EXPECT_NE(e->decision.find("steward cannot-link by health/zhao"), std::string::npos)
      << e->decision;
}

TEST_F(StewardTest, MergeByHandLeavesARedirectAndRejectsBadRequests) {
  const std::string a =
      Submit(Person(kHukou, "h1", {{"name", "李伟"}, {"birth_date", "1985-01-02"}}));
  const std::string b =
      Submit(Person(kHukou, "h2", {{"name", "赵敏"}, {"birth_date", "1972-11-30"}}));
  ASSERT_NE(a, b);
  Steward::Context why{"ps/wang", "same person, name changed", nullptr};
  EXPECT_EQ(steward_->Merge(store::PERSON, a, a, why).status().code(),
            absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(steward_->Merge(store::PERSON, a, "P9999999999", why).status().code(),
            absl::StatusCode::kNotFound);
  auto merged = steward_->Merge(store::PERSON, a, b, why);
  ASSERT_TRUE(merged.ok()) << merged.status();
  EXPECT_EQ(merged->members_size(), 2);
  EXPECT_EQ(es_->GetEntity(b)->id(), a);
  // Merging the redirect again names where it went.
  auto twice = steward_->Merge(store::PERSON, a, b, why);
  EXPECT_EQ(twice.status().code(), absl::StatusCode::kFailedPrecondition);
  EXPECT_NE(twice.status().message().find(a), std::string::npos);
  auto r = es_->GetRecord(kHukou, "h2");
  EXPECT_NE(r->link_reason().find("steward merge by ps/wang: same person"), std::string::npos);
}

TEST_F(StewardTest, UncertainPairsGoToTheReviewQueue) {
  // Neither a link nor a clear non-link under the shipped model.
  const auto [left, right] = testing::UncertainPair(MDHUB_SOURCE_DIR);
  Submit(Person(kHukou, "h1", left));
  Submit(Person(kHealth, "p1", right));
  auto e = ExplainPair(*es_, profile_.get(), Ref(kHukou, "h1"), Ref(kHealth, "p1"));
  ASSERT_TRUE(e.ok());
  const double p = e->probability;
  auto page = es_->ListReviewItems("", 10);
  ASSERT_TRUE(page.ok());
  if (p >= profile_->settings().review_threshold && p < profile_->settings().link_threshold) {
    ASSERT_EQ(page->items.size(), 1u) << e->decision;
    EXPECT_NEAR(page->items[0].probability(), p, 1e-9);
    // Deciding the pair clears it from the queue.
    Steward::Context why{"ps/wang", "", nullptr};
    ASSERT_TRUE(steward_->DecidePair(Ref(kHealth, "p1"), Ref(kHukou, "h1"),
                                     store::PairDecision::CANNOT_LINK, why)
                    .ok());
    EXPECT_TRUE(es_->ListReviewItems("", 10)->items.empty());
  } else {
    ADD_FAILURE() << "the pair should be uncertain; probability " << p << ", " << e->decision;
  }
}

}  // namespace
}  // namespace mdhub::resolver
