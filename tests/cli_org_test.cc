// Command-line tests of the `mdhub org` commands against the in-process server: lookup and get,
// relationships, represented organisations, insured persons, and the stewardship commands shared
// with `mdhub person`.
#include <string>
#include <vector>

#include "absl/strings/match.h"
#include "absl/strings/str_split.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/cli_fixture.h"
#include "tests/org_scenario.h"

namespace mdhub::tests {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;

class CliOrgTest : public OrgScenario<CliTest> {
 protected:
  void SetUp() override {
    CliTest::SetUp();
    SubmitScenario();
  }

  // The line of `out` that holds all of `parts`; "" when none does.
  static std::string LineWith(const std::string& out, const std::vector<std::string>& parts) {
    for (absl::string_view line : absl::StrSplit(out, '\n')) {
      bool all = true;
      for (const std::string& p : parts) all = all && absl::StrContains(line, p);
      if (all) return std::string(line);
    }
    return "";
  }
};

TEST_F(CliOrgTest, LookupAndGetShowTheGoldenRecord) {
  CliRun r = As("aic", {"org", "lookup", kHeadCode});
  ASSERT_EQ(r.exit_code, 0) << Describe(r);
  EXPECT_THAT(r.out, HasSubstr("legal entity " + head_)) << r.out;
  EXPECT_THAT(LineWith(r.out, {"name", "南宁市某某科技有限公司", "aic.registration/A1"}),
              Not(::testing::IsEmpty()))
      << r.out;
  EXPECT_THAT(LineWith(r.out, {"credit_code", kHeadCode}), Not(::testing::IsEmpty())) << r.out;

  r = As("aic", {"org", "get", branch_, "--members", "--json"});
  ASSERT_EQ(r.exit_code, 0) << Describe(r);
  v1::Entity e = ParseJson<v1::Entity>(r.out);
  EXPECT_EQ(e.id(), branch_);
  ASSERT_EQ(e.members_size(), 1);
  EXPECT_EQ(e.members(0).record_key(), "A3");

  // The organisation code embedded in the trading company's credit code finds it too.
  r = As("aic", {"org", "lookup", "MA5L0002-1", "--json"});
  ASSERT_EQ(r.exit_code, 0) << Describe(r);
  EXPECT_EQ(ParseJson<v1::Entity>(r.out).id(), trade_);

  r = As("aic", {"org", "status", trade_});
  ASSERT_EQ(r.exit_code, 0) << Describe(r);
  EXPECT_THAT(LineWith(r.out, {"current", "DEREGISTERED", "注销", "aic.change/A2-1"}),
              Not(::testing::IsEmpty()))
      << r.out;

  r = As("aic", {"org", "lookup", "91450100MA5L00056M"});  // valid, but nobody holds it
  EXPECT_EQ(r.exit_code, 3) << Describe(r);
  EXPECT_THAT(r.err, HasSubstr("NOT_FOUND")) << r.err;
}

TEST_F(CliOrgTest, RelationsListBothDirectionsAndMaskPersonsTheAgencyMayNotRead) {
  CliRun r = As("aic", {"org", "relations", head_, "--incoming", "--related"});
  ASSERT_EQ(r.exit_code, 0) << Describe(r);
  EXPECT_THAT(LineWith(r.out, {"outgoing", "legal_representative", wei_, "(not granted)"}),
              Not(::testing::IsEmpty()))
      << r.out;
  EXPECT_THAT(LineWith(r.out, {"outgoing", "registered_in_division", "division:450102"}),
              Not(::testing::IsEmpty()))
      << r.out;
  EXPECT_THAT(
      LineWith(r.out, {"incoming", "branch_of", branch_, "青秀分公司", "aic.registration/A3"}),
      Not(::testing::IsEmpty()))
      << r.out;
  EXPECT_THAT(LineWith(r.out, {"incoming", "sponsored_by", school_, "职业培训学校"}),
              Not(::testing::IsEmpty()))
      << r.out;

  r = As("hrss", {"org", "relations", head_, "--type", "legal_representative", "--related"});
  ASSERT_EQ(r.exit_code, 0) << Describe(r);
  EXPECT_THAT(LineWith(r.out, {"legal_representative", wei_, "韦国强"}), Not(::testing::IsEmpty()))
      << r.out;
  EXPECT_THAT(r.out, Not(HasSubstr("branch_of"))) << r.out;

  r = As("aic", {"org", "relations", head_, "--type", "owns"});
  EXPECT_EQ(r.exit_code, 1) << Describe(r);
  EXPECT_THAT(r.err, HasSubstr("INVALID_ARGUMENT: --type[0]: unknown relationship type")) << r.err;
}

TEST_F(CliOrgTest, RepresentedByAndInsured) {
  CliRun r = As("aic", {"org", "represented-by", wei_, "--former"});
  ASSERT_EQ(r.exit_code, 0) << Describe(r);
  EXPECT_THAT(LineWith(r.out, {"current", head_, kHeadCode, "aic.registration/A1"}),
              Not(::testing::IsEmpty()))
      << r.out;
  EXPECT_THAT(LineWith(r.out, {"former", trade_, "广西某某贸易有限公司"}),
              Not(::testing::IsEmpty()))
      << r.out;
  r = As("aic", {"org", "represented-by", wang_});
  ASSERT_EQ(r.exit_code, 0) << Describe(r);
  EXPECT_THAT(r.out, HasSubstr("the person represents no legal entity now")) << r.out;

  r = As("hrss", {"org", "insured", head_});
  ASSERT_EQ(r.exit_code, 0) << Describe(r);
  EXPECT_THAT(LineWith(r.out, {wang_, "王芳", "hrss.insured/S1"}), Not(::testing::IsEmpty()))
      << r.out;
  EXPECT_THAT(LineWith(r.out, {lu_, "陆建国", "hrss.insured/S2"}), Not(::testing::IsEmpty()))
      << r.out;
  EXPECT_THAT(r.out, Not(HasSubstr("赵四"))) << r.out;

  r = As("aic", {"org", "insured", head_});
  EXPECT_EQ(r.exit_code, 1) << Describe(r);
  EXPECT_THAT(r.err, HasSubstr("PERMISSION_DENIED")) << r.err;
  EXPECT_THAT(r.err, HasSubstr("PopulationService/GetPerson")) << r.err;
}

TEST_F(CliOrgTest, StewardCommandsWorkOnLegalEntities) {
  const std::string a =
      SubmitLegalEntity("aic", "aic.registration", "X1", {{"name", "南宁市某某餐饮店"}})
          .entity_id();
  // Another trade name: too little for the model to link the two, so a steward does.
  const std::string b =
      SubmitLegalEntity("aic", "aic.registration", "X2", {{"name", "某某小吃店"}}).entity_id();
  ASSERT_NE(a, b);
  CliRun r = As("aic", {"org", "merge", a, b, "--reason", "the same shop"});
  ASSERT_EQ(r.exit_code, 0) << Describe(r);
  EXPECT_THAT(r.out, HasSubstr("merged " + b + " into " + a)) << r.out;
  EXPECT_THAT(LineWith(r.out, {"surviving", a, "南宁市某某餐饮店"}), Not(::testing::IsEmpty()))
      << r.out;

  r = As("aic", {"org", "explain", a});
  ASSERT_EQ(r.exit_code, 0) << Describe(r);
  EXPECT_THAT(r.out, HasSubstr("legal entity " + a)) << r.out;
  // "by aic", or "by aic/<end user>" when the environment names one ($USER).
  EXPECT_THAT(r.out, ::testing::ContainsRegex("aic.registration/X2: steward merge by aic(/[^:]+)?: "
                                              "the same shop"))
      << r.out;

  r = As("aic", {"org", "split", a, "aic.registration/X2", "--reason", "two shops"});
  ASSERT_EQ(r.exit_code, 0) << Describe(r);
  EXPECT_THAT(r.out, HasSubstr("1 record moved to the new legal entity ")) << r.out;

  r = As("aic", {"org", "decide", "aic.registration/X1", "aic.registration/X2", "--must-link",
                 "--reason", "one shop"});
  ASSERT_EQ(r.exit_code, 0) << Describe(r);
  EXPECT_THAT(r.out,
              HasSubstr("must-link: aic.registration/X1 and aic.registration/X2 are both in "))
      << r.out;

  r = As("aic", {"org", "review"});
  ASSERT_EQ(r.exit_code, 0) << Describe(r);
  EXPECT_THAT(r.out, HasSubstr("no pairs await review")) << r.out;

  // Persons are not the legal-entity service's to decide on.
  r = As("aic", {"org", "decide", "ps.hukou/h1", "ps.hukou/h2", "--cannot-link", "--reason", "x"});
  EXPECT_EQ(r.exit_code, 3) << Describe(r);
}

}  // namespace
}  // namespace mdhub::tests
