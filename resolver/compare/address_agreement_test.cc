#include "resolver/compare/address_agreement.h"

#include <filesystem>
#include <fstream>
#include <string>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "resolver/match/model.h"
#include "resolver/match/settings.h"
#include "resolver/standardize/address.h"

namespace mdhub::resolver {
namespace {

AddressAgreement Compare(absl::string_view a, absl::string_view b) {
  return CompareAddresses(StandardAddress(a), StandardAddress(b));
}

TEST(AddressAgreementTest, LevelsFromTheSameAddressToDifferentPrefectures) {
  const char* home = "广西南宁市兴宁区民生街道兴宁社区民生路12号";
  EXPECT_EQ(Compare(home, ""), AddressAgreement::kMissing);
  // Written differently, standardised the same.
  EXPECT_EQ(Compare(home, "兴宁区民生街道兴宁社区居委会民生路１２号"), AddressAgreement::kExact);
  // The same community, the detail mistyped.
  EXPECT_EQ(Compare(home, "南宁市兴宁区民生街道兴宁社区民生路121号"), AddressAgreement::kSimilar);
  // Another community of the same township; the same community, another road.
  EXPECT_EQ(Compare(home, "南宁市兴宁区民生街道北宁社区民生路12号"),
            AddressAgreement::kSameTownship);
  EXPECT_EQ(Compare(home, "南宁市兴宁区民生街道兴宁社区中山路88号"),
            AddressAgreement::kSameTownship);
  // The same county: another township, or no township on one side.
  EXPECT_EQ(Compare(home, "南宁市兴宁区三塘镇三塘村"), AddressAgreement::kSameCounty);
  EXPECT_EQ(Compare(home, "兴宁区民族大道118号"), AddressAgreement::kSameCounty);
  EXPECT_EQ(Compare(home, "南宁市青秀区民族大道118号"), AddressAgreement::kSameCity);
  EXPECT_EQ(Compare(home, "柳州市城中区民生路12号"), AddressAgreement::kDifferent);
}

TEST(AddressAgreementTest, SimilarDetailNeedsTheSameDivisionAtCountyLevelOrBelow) {
  // A street address in the same county, one digit apart.
  EXPECT_EQ(Compare("南宁市兴宁区民族大道118号3栋2单元502室", "兴宁区民族大道118号3栋2单元503室"),
            AddressAgreement::kSimilar);
  // Prefecture only: a similar street address is no stronger than the same prefecture.
  EXPECT_EQ(Compare("南宁市民族大道118号3栋2单元502室", "南宁市民族大道118号3栋2单元503室"),
            AddressAgreement::kSameCity);
  // No division at all: only exact agreement counts.
  EXPECT_EQ(Compare("民族大道118号", "民族大道118号"), AddressAgreement::kExact);
  EXPECT_EQ(Compare("民族大道118号", "民族大道119号"), AddressAgreement::kDifferent);
  // An ambiguous county name is not evidence of the same county.
  EXPECT_EQ(Compare("城区人民路1号", "城区人民路2号"), AddressAgreement::kDifferent);
}

TEST(AddressAgreementTest, IsSymmetricAndReadsValuesWithoutCode) {
  EXPECT_EQ(CompareAddresses("450102|a", "450103|a"), AddressAgreement::kSameCity);
  EXPECT_EQ(CompareAddresses("450103|a", "450102|a"), AddressAgreement::kSameCity);
  EXPECT_EQ(CompareAddresses("plain text", "450102|plain text"), AddressAgreement::kDifferent);
  EXPECT_EQ(AddressAgreementName(AddressAgreement::kSameTownship), "same_township");
}

class AddressFieldTest : public ::testing::Test {
 protected:
  absl::StatusOr<MatchSettings> Load(const std::string& field) {
    const std::string path =
        (std::filesystem::path(::testing::TempDir()) / "address_settings.toml").string();
    std::ofstream(path) << "record_id = \"id\"\n[[field]]\nname = \"address\"\n" << field
                        << "[[blocking]]\nkeys = [\"address:6\"]\n";
    return MatchSettings::Load(path);
  }
};

TEST_F(AddressFieldTest, SettingsGiveTheAddressComparisonItsFixedLevels) {
  auto settings = Load("standardize = \"address\"\ncompare = \"address\"\n");
  ASSERT_TRUE(settings.ok()) << settings.status();
  const FieldSettings& f = settings->fields[0];
  EXPECT_EQ(f.standardize, Standardizer::kAddress);
  EXPECT_EQ(f.comparison, Comparison::kAddress);
  EXPECT_EQ(LevelCount(f), kAddressAgreementLevels);
  const std::string home = StandardAddress("广西南宁市兴宁区民生街道兴宁社区民生路12号");
  EXPECT_EQ(CompareValues(f, home, ""), 0);
  EXPECT_EQ(CompareValues(f, home, home), 1);
  EXPECT_EQ(CompareValues(f, home, StandardAddress("兴宁区三塘镇")), 4);
  EXPECT_EQ(CompareValues(f, home, StandardAddress("柳州市城中区")), LevelCount(f) - 1);
}

TEST_F(AddressFieldTest, MisconfiguredAddressFieldsAreRefused) {
  auto no_standardizer = Load("compare = \"address\"\n");
  EXPECT_THAT(std::string(no_standardizer.status().message()),
              ::testing::HasSubstr("needs standardize = \"address\""));
  auto levels = Load("standardize = \"address\"\ncompare = \"address\"\nlevels = [0.9]\n");
  EXPECT_THAT(std::string(levels.status().message()), ::testing::HasSubstr("fixed levels"));
}

}  // namespace
}  // namespace mdhub::resolver
