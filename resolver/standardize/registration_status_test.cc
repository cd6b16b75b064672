#include "resolver/standardize/registration_status.h"

#include <map>
#include <string>

#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace mdhub::resolver {
namespace {

using S = RegistrationState;

TEST(RegistrationStatusTest, TheThreeRegistriesVocabulariesNormalise) {
  const std::map<std::string, S> cases = {
      // Business registration (AIC / SAMR).
      {"存续（在营、开业、在册）", S::kActive},
      {"存续(在营、开业、在册)", S::kActive},
      {"在业", S::kActive},
      {"开业", S::kActive},
      {"在营（开业）企业", S::kActive},
      {"迁入", S::kActive},
      {"注销", S::kDeregistered},
      {"已注销", S::kDeregistered},
      {"注销企业", S::kDeregistered},
      {"吊销，已注销", S::kDeregistered},
      {"吊销，未注销", S::kRevoked},
      {"吊销未注销", S::kRevoked},
      {"吊销", S::kRevoked},
      {"吊销营业执照", S::kRevoked},
      {"撤销", S::kAnnulled},
      {"撤销登记", S::kAnnulled},
      {"歇业", S::kSuspended},
      {"停业", S::kSuspended},
      {"暂停营业", S::kSuspended},
      {"清算", S::kInLiquidation},
      {"清算中", S::kInLiquidation},
      {"迁出", S::kMovedOut},
      {"已迁出", S::kMovedOut},
      // Civil affairs (social organisations) and the establishment office (institutions).
      {"正常", S::kActive},
      {"登记", S::kActive},
      {"成立登记", S::kActive},
      {"注销登记", S::kDeregistered},
      {"已撤销", S::kAnnulled},
      {"设立登记", S::kActive},
  };
  for (const auto& [text, state] : cases) {
    EXPECT_EQ(NormalizeRegistrationState(text), state)
        << text << " -> " << RegistrationStateName(NormalizeRegistrationState(text));
  }
}

TEST(RegistrationStatusTest, SpellingsAndApiNamesReadTheSame) {
  EXPECT_EQ(NormalizeRegistrationState(" 註銷 "), S::kDeregistered);  // traditional, spaced
  EXPECT_EQ(NormalizeRegistrationState("吊銷，未註銷"), S::kRevoked);
  EXPECT_EQ(NormalizeRegistrationState("存续（在营、开业、在册）"),
            NormalizeRegistrationState("存 续"));
  EXPECT_EQ(NormalizeRegistrationState("DEREGISTERED"), S::kDeregistered);
  EXPECT_EQ(NormalizeRegistrationState("in_liquidation"), S::kInLiquidation);
  EXPECT_EQ(NormalizeRegistrationState("Active"), S::kActive);
}

TEST(RegistrationStatusTest, UnknownTextIsOtherAndBlankIsUnspecified) {
  EXPECT_EQ(NormalizeRegistrationState("经营异常"), S::kOther);
  EXPECT_EQ(NormalizeRegistrationState("非正常户"), S::kOther);
  EXPECT_EQ(NormalizeRegistrationState("存续（经营异常）"), S::kActive);
  EXPECT_EQ(NormalizeRegistrationState("待定"), S::kOther);
  EXPECT_EQ(NormalizeRegistrationState(""), S::kUnspecified);
  EXPECT_EQ(NormalizeRegistrationState("  "), S::kUnspecified);
}

TEST(RegistrationStatusTest, DatesAreMidnightChinaStandardTime) {
  // 2020-05-01 00:00 +08:00 is 2020-04-30 16:00 UTC.
  const absl::Time midnight = absl::FromUnixSeconds(1588262400);
  for (const char* raw :
       {"2020-05-01", "20200501", "2020年5月1日", "2020/5/1", "２０２０-０５-０１"}) {
    ASSERT_TRUE(StatusTime(raw).has_value()) << raw;
    EXPECT_EQ(*StatusTime(raw), midnight) << raw;
  }
  EXPECT_EQ(StatusTime("2020-05"), midnight);  // the first of the month
  EXPECT_EQ(StatusTime("2020-05-01 10:30:00"), midnight + absl::Minutes(630));
  EXPECT_EQ(StatusTime("2020-05-01T10:30:00Z"), midnight + absl::Hours(18) + absl::Minutes(30));
  EXPECT_FALSE(StatusTime("2020-02-30").has_value());
  EXPECT_FALSE(StatusTime("soon").has_value());
  EXPECT_FALSE(StatusTime("").has_value());
}

store::Record Rec(const std::string& source, const std::string& key,
                  const std::map<std::string, std::string>& attributes, int64_t source_time_us) {
  store::Record r;
  r.set_source(source);
  r.set_record_key(key);
  r.set_kind(store::LEGAL_ENTITY);
  r.set_source_time_us(source_time_us);
  for (const auto& [k, v] : attributes) (*r.mutable_attributes())[k] = v;
  return r;
}

TEST(RegistrationStatusTest, ARecordAssertsItsStatusWithDateAuthorityAndReason) {
  const store::Record r = Rec("aic.registration", "k1",
                              {{"status", "吊销，未注销"},
                               {"status_date", "2019-06-30"},
                               {"authority", "南宁市市场监督管理局"},
                               {"status_reason", "南市监吊字〔2019〕12号"}},
                              1);
  auto s = RegistrationStatusOf(r);
  ASSERT_TRUE(s.has_value());
  EXPECT_EQ(s->state, S::kRevoked);
  EXPECT_EQ(s->source_text, "吊销，未注销");
  EXPECT_EQ(s->since, StatusTime("2019-06-30"));
  EXPECT_EQ(s->authority, "南宁市市场监督管理局");
  EXPECT_EQ(s->reason, "南市监吊字〔2019〕12号");
  EXPECT_EQ(s->asserted_by.source(), "aic.registration");
  EXPECT_EQ(s->asserted_by.record_key(), "k1");

  // An active record without a status date is active since its establishment.
  s = RegistrationStatusOf(
      Rec("mca.social_org", "k2", {{"status", "正常"}, {"established", "2001-03-04"}}, 1));
  ASSERT_TRUE(s.has_value());
  EXPECT_EQ(s->since, StatusTime("2001-03-04"));
  EXPECT_FALSE(RegistrationStatusOf(Rec("aic.registration", "k3", {{"name", "x"}}, 1)).has_value());
}

TEST(RegistrationStatusTest, TheCurrentStatusIsTheLatestByStatusDateNotBySubmission) {
  // The civil-affairs extract arrives later (newer source time) but states an older approval.
  const std::vector<store::Record> records = {
      Rec("aic.registration", "a", {{"status", "注销"}, {"status_date", "2021-03-01"}}, 100),
      Rec("mca.social_org", "m", {{"status", "正常"}, {"status_date", "2015-01-01"}}, 900),
      Rec("scopsr.institution", "s", {{"name", "no status"}}, 999)};
  auto current = CurrentRegistrationStatus(records);
  ASSERT_TRUE(current.has_value());
  EXPECT_EQ(current->state, S::kDeregistered);
  EXPECT_EQ(current->asserted_by.record_key(), "a");

  // Without dates, the source time decides.
  const std::vector<store::Record> undated = {
      Rec("aic.registration", "a", {{"status", "存续"}}, 100),
      Rec("aic.registration", "b", {{"status", "吊销"}}, 200)};
  EXPECT_EQ(CurrentRegistrationStatus(undated)->state, S::kRevoked);
  EXPECT_FALSE(CurrentRegistrationStatus({}).has_value());
}

}  // namespace
}  // namespace mdhub::resolver
