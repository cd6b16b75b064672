#include "resolver/standardize/citizen_id.h"

#include <algorithm>

#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace mdhub::resolver {
namespace {

using ::testing::HasSubstr;

const absl::CivilDay kToday(2026, 11, 27);

CitizenId Parse(absl::string_view raw) {
  return ParseCitizenId(raw, DivisionTable::Builtin(), kToday);
}

// Vectors from ../shared/testdata/identifiers.md.
TEST(CitizenIdTest, ValidVectors) {
  for (absl::string_view v :
       {"450102199003071238", "45010319851112246X", "45010319880808007X", "450107199912310138",
        "450122197801010014", "810000199001011230", "11010519491231002X", "440524188001010014"}) {
    CitizenId id = Parse(v);
    EXPECT_TRUE(id.valid) << v << ": " << id.problem;
    EXPECT_EQ(id.value, v);
  }
}

TEST(CitizenIdTest, ReadsBirthDateSexAndRegion) {
  CitizenId id = Parse("450102199003071238");
  EXPECT_EQ(id.birth_date, absl::CivilDay(1990, 3, 7));
  EXPECT_EQ(id.sex, 'M');
  EXPECT_EQ(id.region, "450102");
  EXPECT_EQ(Parse("45010319851112246X").sex, 'F');
}

TEST(CitizenIdTest, RetiredRegionStillValidates) {
  CitizenId id = Parse("450122197801010014");
  EXPECT_TRUE(id.valid) << id.problem;
  EXPECT_TRUE(id.region_retired);
  EXPECT_EQ(DivisionTable::Builtin().Find("450122")->successor, "450110");
}

TEST(DivisionTableTest, ListsCodesUnderAPrefixInOrder) {
  const DivisionTable& t = DivisionTable::Builtin();
  std::vector<std::string> counties = t.CodesUnder("45", 6);
  // Guangxi's 111 county-level divisions and the 9 counties retired since 2013.
  ASSERT_EQ(counties.size(), 120u);
  EXPECT_EQ(counties.front(), "450102");
  EXPECT_TRUE(std::is_sorted(counties.begin(), counties.end()));
  EXPECT_EQ(t.Find("450122")->retired_in, 2015);
  EXPECT_EQ(t.CodesUnder("45", 4).size(), 14u);
  EXPECT_THAT(t.CodesUnder("4501", 6), ::testing::Contains("450110"));
  EXPECT_TRUE(t.CodesUnder("99", 6).empty());
}

// Every retired code leads, through its successors, to a code of the current table within a few
// steps, each change later than the one before.
TEST(DivisionTableTest, RetiredCodesLeadToCurrentOnes) {
  const DivisionTable& t = DivisionTable::Builtin();
  int retired = 0;
  for (const std::string& code : t.CodesUnder("", 6)) {
    if (!t.IsRetired(code)) continue;
    ++retired;
    std::string c = code;
    int year = 0;
    for (int hops = 0; t.IsRetired(c); ++hops) {
      ASSERT_LT(hops, 4) << code;
      const DivisionTable::Division* d = t.Find(c);
      EXPECT_GT(d->retired_in, year) << c;
      year = d->retired_in;
      ASSERT_NE(t.Find(d->successor), nullptr) << c << " -> " << d->successor;
      c = d->successor;
    }
  }
  EXPECT_EQ(retired, 11);
  EXPECT_EQ(t.Find("440524")->successor, "440582");
  EXPECT_EQ(t.Find("440582")->successor, "440513");
}

TEST(CitizenIdTest, UpgradesLegacyNumbers) {
  CitizenId id = Parse("450103800101123");
  EXPECT_TRUE(id.valid) << id.problem;
  EXPECT_TRUE(id.upgraded);
  EXPECT_EQ(id.value, "450103198001011233");
  EXPECT_EQ(Parse("450102650315042").value, "450102196503150422");
  EXPECT_EQ(CitizenIdKey("450102650315042"), "450102196503150422");
}

TEST(CitizenIdTest, StandardisesWidthCaseAndSpacing) {
  EXPECT_EQ(CitizenIdKey("４５０１０３１９８５１１１２２４６ｘ"), "45010319851112246X");
  EXPECT_EQ(CitizenIdKey(" 450103 19851112 246x "), "45010319851112246X");
  EXPECT_TRUE(Parse("45010319851112246x").valid);
}

TEST(CitizenIdTest, InvalidVectorsSayWhy) {
  EXPECT_THAT(Parse("450102199003071230").problem, HasSubstr("check character"));
  EXPECT_THAT(Parse("450102199002301230").problem, HasSubstr("not a real date"));
  EXPECT_THAT(Parse("450102199013011239").problem, HasSubstr("not a real date"));
  EXPECT_FALSE(Parse("450012199003071238").valid);
  EXPECT_THAT(Parse("990101199001011230").problem, HasSubstr("region code 990101"));
  EXPECT_THAT(Parse("450102209912311231").problem, HasSubstr("in the future"));
  EXPECT_THAT(Parse("45010219900307123").problem, HasSubstr("has 17"));
  EXPECT_FALSE(Parse("45010219900307123A").valid);
}

}  // namespace
}  // namespace mdhub::resolver
