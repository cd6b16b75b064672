// The organisation preset's building blocks: organisation-code and branch standardisers, column
// fallbacks, the org_name comparison and which codes bind.
#include <fstream>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "resolver/match/columns.h"
#include "resolver/match/model.h"
#include "resolver/match/profile.h"
#include "store/testing/temp_db.h"

namespace mdhub::resolver {
namespace {

TEST(OrgFields, OrganisationCodeFromEitherForm) {
  // A credit code embeds the organisation code as its characters 9 to 17.
  EXPECT_EQ(StandardiseValue(Standardizer::kOrgCode, "91450100MA5K00012J"), "MA5K00012");
  EXPECT_EQ(StandardiseValue(Standardizer::kOrgCode, "ma5k0001-2"), "MA5K00012");
  EXPECT_EQ(StandardiseValue(Standardizer::kOrgCode, "12345"), "");
}

TEST(OrgFields, BranchKeepsBranchesApartFromTheirHeadOffice) {
  const std::string head = StandardiseValue(Standardizer::kOrgBranch, "南宁市某某科技有限公司");
  const std::string branch =
      StandardiseValue(Standardizer::kOrgBranch, "南宁市某某科技有限公司柳州分公司");
  EXPECT_EQ(head, "-");
  EXPECT_NE(branch, "-");
  EXPECT_FALSE(branch.empty());
  EXPECT_EQ(StandardiseValue(Standardizer::kOrgBranch, ""), "");
}

TEST(OrgFields, OrgNameComparisonLevels) {
  FieldSettings f;
  f.comparison = Comparison::kOrgName;
  f.thresholds = {1.0, 0.9, 0.8};  // as settings.cc sets them: "same core", then the bands
  auto level = [&](const char* a, const char* b) {
    return CompareValues(f, StandardiseValue(Standardizer::kOrgName, a),
                         StandardiseValue(Standardizer::kOrgName, b));
  };
  EXPECT_EQ(level("南宁市某某科技有限公司", "某某科技（南宁）有限公司"), 1);  // one standard form
  EXPECT_EQ(level("南宁市某某科技有限公司", "某某科技有限责任公司"), 2);    // same core
  EXPECT_EQ(level("南宁市某某科技有限公司", "南宁市某某科技有限公司柳州分公司"), 5);  // different
  EXPECT_EQ(level("南宁市某某科技有限公司", "南宁市华盛物流有限公司"), 5);
}

TEST(OrgFields, CodesBindOnlyWhenTheyPassTheirChecks) {
  FieldSettings credit;
  credit.standardize = Standardizer::kCreditCode;
  EXPECT_TRUE(IsBindingValue(credit, "91450100MA5K00012J"));
  // One character mistyped: the check fails, so it may be a typo of the right one.
  EXPECT_FALSE(IsBindingValue(credit, "91450100MA5K00013J"));
  FieldSettings branch;
  branch.standardize = Standardizer::kOrgBranch;
  EXPECT_TRUE(IsBindingValue(branch, "-"));
}

// The shipped organisation preset reads the organisation code from organization_code, else from
// the credit code: a pre-2015 record and a current one meet.
TEST(OrgFields, ShippedPresetReadsTheOrganisationCodeFromEitherColumn) {
  const std::string dir = std::string(MDHUB_SOURCE_DIR) + "/docs/examples/orgs/";
  auto profile = MatchProfile::Load(dir + "settings.toml", dir + "model.toml");
  ASSERT_TRUE(profile.ok()) << profile.status();
  int org_code = -1;
  for (int f = 0; f < (*profile)->fields(); ++f) {
    if ((*profile)->settings().fields[f].name == "org_code") org_code = f;
  }
  ASSERT_GE(org_code, 0);
  store::Record current, legacy;
  (*current.mutable_attributes())["credit_code"] = "91450100MA5K00012J";
  (*legacy.mutable_attributes())["organization_code"] = "MA5K0001-2";
  (*legacy.mutable_attributes())["registration_number"] = "450100000012345";
  EXPECT_EQ((*profile)->Values(current)[org_code], "MA5K00012");
  EXPECT_EQ((*profile)->Values(legacy)[org_code], "MA5K00012");
  // They share the organisation-code blocking key.
  const auto keys = [&](const store::Record& r) {
    return (*profile)->BlockingKeys((*profile)->Values(r));
  };
  EXPECT_THAT(keys(legacy), ::testing::Contains(::testing::HasSubstr("MA5K00012")));
  EXPECT_THAT(keys(current), ::testing::Contains(::testing::HasSubstr("MA5K00012")));
}

// A record that only knows an organisation's old name meets and matches the renamed
// organisation's record, which lists the old name as a former name.
TEST(OrgFields, ShippedPresetLinksAnOldNameThroughTheFormerName) {
  const std::string dir = std::string(MDHUB_SOURCE_DIR) + "/docs/examples/orgs/";
  auto loaded = MatchProfile::Load(dir + "settings.toml", dir + "model.toml");
  ASSERT_TRUE(loaded.ok()) << loaded.status();
  const MatchProfile& profile = **loaded;
  store::Record renamed, old_name, other;
  (*renamed.mutable_attributes())["name"] = "广西华盛智能科技有限公司";
  (*renamed.mutable_attributes())["former_name"] = "南宁市华盛电子有限公司；南宁华盛电器商行";
  (*renamed.mutable_attributes())["credit_code"] = "91450100MA5K00012J";
  (*old_name.mutable_attributes())["name"] = "南宁市华盛电子有限公司";
  (*other.mutable_attributes())["name"] = "柳州市华盛电子有限公司柳南分公司";
  const std::vector<std::string> a = profile.Values(renamed), b = profile.Values(old_name),
                                 c = profile.Values(other);
  // Blocking: the old name's key is among the renamed record's.
  const std::vector<std::string> keys_a = profile.BlockingKeys(a);
  for (const std::string& key : profile.BlockingKeys(b)) {
    EXPECT_THAT(keys_a, ::testing::Contains(key));
  }
  auto views = [](const std::vector<std::string>& v) {
    return std::vector<absl::string_view>(v.begin(), v.end());
  };
  EXPECT_GE(profile.Probability(views(a), views(b)), profile.settings().link_threshold);
  // A branch elsewhere with the old core is still not the organisation.
  EXPECT_LT(profile.Probability(views(a), views(c)), profile.settings().review_threshold);
}

TEST(OrgFields, BlockingKeysOfEveryValue) {
  const std::string dir = store::testing::FreshTempDir("org-fields");
  const std::string path = dir + "/settings.toml";
  std::ofstream(path) << R"(
record_id = "id"
[[field]]
name = "name"
standardize = "org_name"
compare = "org_name"
also = ["former_name"]
[[blocking]]
keys = ["name:2"]
)";
  auto settings = MatchSettings::Load(path);
  ASSERT_TRUE(settings.ok()) << settings.status();
  ColumnPlan plan(*settings);
  const std::string value =
      plan.WithFurtherValues(0, plan.Standardise(0, "某某科技有限公司"), {"华盛商行;某某科技有限公司"});
  EXPECT_EQ(value, plan.Standardise(0, "某某科技有限公司") + ";" + plan.Standardise(0, "华盛商行"));
  const absl::string_view row[] = {value};
  EXPECT_EQ(plan.BlockingKey(row, 0), std::string("某某\x1f") + kKeySeparator + "华盛\x1f");

  std::ofstream(path) << R"(
record_id = "id"
[[field]]
name = "name"
compare = "exact"
also = ["former_name"]
)";
  auto exact = MatchSettings::Load(path);
  ASSERT_FALSE(exact.ok());
  EXPECT_THAT(std::string(exact.status().message()), ::testing::HasSubstr("org_name"));
}

TEST(OrgFields, ColumnAndColumnsTogetherAreRejected) {
  const std::string dir = store::testing::FreshTempDir("org-fields");
  const std::string path = dir + "/settings.toml";
  std::ofstream(path) << R"(
record_id = "id"
[[field]]
name = "org_code"
column = "organization_code"
columns = ["organization_code", "credit_code"]
)";
  auto settings = MatchSettings::Load(path);
  ASSERT_FALSE(settings.ok());
  EXPECT_THAT(std::string(settings.status().message()), ::testing::HasSubstr("not both"));
}

}  // namespace
}  // namespace mdhub::resolver
