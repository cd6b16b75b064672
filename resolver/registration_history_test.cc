#include "resolver/registration_history.h"

#include <map>
#include <memory>
#include <string>
#include <vector>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "resolver/record_resolver.h"
#include "store/testing/temp_db.h"

namespace mdhub::resolver {
namespace {

using ::testing::ElementsAre;
using S = RegistrationState;

class RegistrationHistoryTest : public ::testing::Test {
 protected:
  void SetUp() override {
    es_ = *store::EntityStore::Open(db_.kv(), clock_);
    resolver_ = std::make_unique<RecordResolver>(*es_);
  }

  std::string Submit(const std::string& source, const std::string& key,
                     std::map<std::string, std::string> attributes,
                     store::Kind kind = store::LEGAL_ENTITY) {
    Mutation m;
    m.record.set_source(source);
    m.record.set_record_key(key);
    m.record.set_kind(kind);
    m.record.set_source_time_us(absl::ToUnixMicros(clock_.Now()));
    for (auto& [k, v] : attributes) (*m.record.mutable_attributes())[k] = v;
    auto outcome = resolver_->Apply(m);
    EXPECT_TRUE(outcome.ok()) << outcome.status();
    clock_.Advance(absl::Hours(1));
    return outcome.ok() ? outcome->entity_id : "";
  }

  RegistrationReport Read(const std::string& id, std::optional<absl::Time> as_of = std::nullopt) {
    auto r = ReadRegistrationStatus(*es_, id, as_of, /*include_history=*/true);
    EXPECT_TRUE(r.ok()) << r.status();
    return r.ok() ? *std::move(r) : RegistrationReport();
  }

  static std::vector<S> States(const std::vector<RegistrationStatus>& history) {
    std::vector<S> out;
    for (const RegistrationStatus& s : history) out.push_back(s.state);
    return out;
  }

  store::testing::TempDb db_;
  ManualClock clock_{absl::FromUnixSeconds(1767225600)};
  std::unique_ptr<store::EntityStore> es_;
  std::unique_ptr<RecordResolver> resolver_;
};

constexpr char kCode[] = "91450100MA5K00012J";

TEST_F(RegistrationHistoryTest, CurrentStateAndEarlierStatesOldestFirst) {
  const std::string id = Submit("aic.registration", "r1",
                                {{"credit_code", kCode},
                                 {"status", "存续（在营、开业、在册）"},
                                 {"established", "2010-04-01"}});
  // Civil affairs repeats the state later: one run, listed from when it began.
  Submit("mca.social_org", "m1",
         {{"credit_code", kCode}, {"status", "正常"}, {"status_date", "2012-01-01"}});
  Submit("aic.registration", "r1",
         {{"credit_code", kCode},
          {"status", "吊销，未注销"},
          {"status_date", "2018-06-30"},
          {"authority", "南宁市市场监督管理局"},
          {"status_reason", "南市监吊字〔2018〕7号"}});
  const absl::Time before_deregistration = clock_.Now() - absl::Seconds(1);
  Submit("aic.registration", "r1",
         {{"credit_code", kCode}, {"status", "注销"}, {"status_date", "2020-09-15"}});

  RegistrationReport now = Read(id);
  EXPECT_EQ(now.entity_id, id);
  ASSERT_TRUE(now.current.has_value());
  EXPECT_EQ(now.current->state, S::kDeregistered);
  EXPECT_EQ(now.current->since, StatusTime("2020-09-15"));
  EXPECT_EQ(now.current->asserted_by.record_key(), "r1");
  ASSERT_THAT(States(now.history), ElementsAre(S::kActive, S::kRevoked));
  EXPECT_EQ(now.history[0].since, StatusTime("2010-04-01"));
  EXPECT_EQ(now.history[0].asserted_by.source(), "aic.registration");
  EXPECT_EQ(now.history[1].reason, "南市监吊字〔2018〕7号");
  EXPECT_EQ(now.history[1].authority, "南宁市市场监督管理局");

  // As mdhub knew it before the deregistration.
  RegistrationReport then = Read(id, before_deregistration);
  ASSERT_TRUE(then.current.has_value());
  EXPECT_EQ(then.current->state, S::kRevoked);
  EXPECT_THAT(States(then.history), ElementsAre(S::kActive));

  // Deregistered is a registration state, not retirement: the entity lives on with its records.
  auto entity = es_->GetEntity(id);
  ASSERT_TRUE(entity.ok());
  EXPECT_FALSE(entity->retired());
  EXPECT_EQ(entity->members_size(), 2);

  // Without the history only the current state is read.
  auto brief = ReadRegistrationStatus(*es_, id, std::nullopt, false);
  ASSERT_TRUE(brief.ok());
  EXPECT_EQ(brief->current->state, S::kDeregistered);
  EXPECT_TRUE(brief->history.empty());
}

TEST_F(RegistrationHistoryTest, AnOlderSubmissionWithAnOlderDateDoesNotOverrideTheCurrentState) {
  const std::string id =
      Submit("aic.registration", "r1",
             {{"credit_code", kCode}, {"status", "注销"}, {"status_date", "2021-03-01"}});
  // Submitted later, dated earlier.
  Submit("mca.social_org", "m1",
         {{"credit_code", kCode}, {"status", "正常"}, {"status_date", "2015-01-01"}});
  RegistrationReport r = Read(id);
  EXPECT_EQ(r.current->state, S::kDeregistered);
  EXPECT_THAT(States(r.history), ElementsAre(S::kActive));
}

TEST_F(RegistrationHistoryTest, ACorrectedVersionIsNotHistory) {
  // A typing error in the year, corrected by the agency.
  const std::string id =
      Submit("aic.registration", "r1",
             {{"credit_code", kCode}, {"status", "注销"}, {"status_date", "2030-01-01"}});
  Submit("aic.registration", "r1",
         {{"credit_code", kCode}, {"status", "存续"}, {"status_date", "2015-01-01"}});
  RegistrationReport r = Read(id);
  EXPECT_EQ(r.current->state, S::kActive);
  EXPECT_TRUE(r.history.empty());
}

TEST_F(RegistrationHistoryTest, EntitiesWithoutStatusAndOtherKinds) {
  const std::string id = Submit("aic.registration", "r1", {{"credit_code", kCode}});
  RegistrationReport r = Read(id);
  EXPECT_FALSE(r.current.has_value());
  EXPECT_TRUE(r.history.empty());

  const std::string person = Submit("ps.hukou", "p1", {{"name", "王芳"}}, store::PERSON);
  EXPECT_TRUE(absl::IsNotFound(ReadRegistrationStatus(*es_, person, std::nullopt, true).status()));
  EXPECT_TRUE(absl::IsNotFound(ReadRegistrationStatus(*es_, "nope", std::nullopt, true).status()));
}

}  // namespace
}  // namespace mdhub::resolver
