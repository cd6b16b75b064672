#include "resolver/standardize/credit_code.h"

#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace mdhub::resolver {
namespace {

using ::testing::HasSubstr;

CreditCode Parse(absl::string_view raw) { return ParseCreditCode(raw, DivisionTable::Builtin()); }

// Vectors from ../shared/testdata/identifiers.md.
TEST(CreditCodeTest, ValidVectors) {
  for (absl::string_view v : {"91450100MA5K00012J", "92450103MA5L2P3Q68", "93450122MA5N7T8U04",
                              "12450000450000120P", "51450100MJ0A123418", "52450102MJ0B56783H",
                              "91350100M000100Y43"}) {
    CreditCode c = Parse(v);
    EXPECT_TRUE(c.valid) << v << ": " << c.problem;
  }
  CreditCode c = Parse("91450100MA5K00012J");
  EXPECT_EQ(c.department, '9');
  EXPECT_EQ(c.region, "450100");
  EXPECT_EQ(c.organization_code, "MA5K00012");
}

TEST(CreditCodeTest, InvalidVectorsSayWhy) {
  EXPECT_THAT(Parse("91450100MA5K000120").problem, HasSubstr("check character"));
  EXPECT_THAT(Parse("91450100MI5K00012J").problem, HasSubstr("'I' is not in the code alphabet"));
  EXPECT_THAT(Parse("91450100MO5K00012J").problem, HasSubstr("'O'"));
  EXPECT_THAT(Parse("91350100M000100Y4Z").problem, HasSubstr("'Z'"));
  EXPECT_THAT(Parse("91999999MA5K00012T").problem, HasSubstr("region code 999999"));
  EXPECT_THAT(Parse("91450100MA5K00012").problem, HasSubstr("has 17"));
}

TEST(CreditCodeTest, EmbeddedOrganisationCodeFailureIsAWarning) {
  CreditCode c = Parse("91450100MA5K00010C");
  EXPECT_TRUE(c.valid) << c.problem;
  EXPECT_THAT(c.warning, HasSubstr("MA5K00010"));
  EXPECT_EQ(Parse("12450000450000120P").warning, "");
}

TEST(CreditCodeTest, StandardisesWidthCaseAndSpacing) {
  EXPECT_EQ(Parse(" 91450100ma5k00012j ").value, "91450100MA5K00012J");
  EXPECT_TRUE(Parse("９１４５０１００ＭＡ５Ｋ００Ｏ１２Ｊ").value.size() == 18);
}

TEST(OrganizationCodeTest, Vectors) {
  EXPECT_TRUE(IsValidOrganizationCode("D2143569-X"));
  EXPECT_TRUE(IsValidOrganizationCode("12345678-8"));
  EXPECT_TRUE(IsValidOrganizationCode("45000012-0"));
  EXPECT_FALSE(IsValidOrganizationCode("12345678-9"));
  EXPECT_FALSE(IsValidOrganizationCode("1234567-8"));
}

}  // namespace
}  // namespace mdhub::resolver
