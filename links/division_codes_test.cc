#include "links/division_codes.h"

#include "geo/divisions.h"
#include "geo/testing/map_fixture.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "resolver/standardize/local_divisions.h"

namespace mdhub::links {
namespace {

using ::testing::HasSubstr;

class DivisionCodesTest : public geo::testing::MapFixture {};

std::string Changes(const DivisionRecord& r) {
  std::string out;
  for (const DivisionChange& c : r.history) {
    absl::StrAppend(&out, c.year, ":", c.retired.code, c.retired.name, ">", c.successor.code,
                    c.successor.name, " ");
  }
  return out;
}

TEST_F(DivisionCodesTest, ARetiredCountyKeepsItsNameParentsAndSuccessor) {
  auto r = DescribeDivision(*map_, "450122");
  ASSERT_TRUE(r.ok()) << r.status();
  EXPECT_EQ(r->division.name, "武鸣县");
  EXPECT_EQ(r->division.level, 3);
  EXPECT_TRUE(r->retired);
  EXPECT_EQ(r->current.code, "450110");
  EXPECT_EQ(r->current.name, "武鸣区");
  ASSERT_EQ(r->parents.size(), 2u);
  EXPECT_EQ(r->parents[0].code, "450000");
  EXPECT_EQ(r->parents[1].name, "南宁市");
  EXPECT_EQ(Changes(*r), "2015:450122武鸣县>450110武鸣区 ");
  // The successor tells the same change from its side.
  auto now = DescribeDivision(*map_, "450110");
  ASSERT_TRUE(now.ok());
  EXPECT_FALSE(now->retired);
  EXPECT_EQ(now->current.code, "450110");
  EXPECT_EQ(Changes(*now), "2015:450122武鸣县>450110武鸣区 ");
  EXPECT_GT(now->children, 0);  // its townships
}

TEST_F(DivisionCodesTest, ChainsOfChangesAreTold) {
  const std::string both = "1993:440524潮阳县>440582潮阳市 2003:440582潮阳市>440513潮阳区 ";
  for (const char* code : {"440524", "440513"}) {
    auto r = DescribeDivision(*map_, code);
    ASSERT_TRUE(r.ok()) << r.status();
    EXPECT_EQ(Changes(*r), both) << code;
    EXPECT_EQ(r->current.code, "440513");
  }
  EXPECT_EQ(*CanonicalDivisionCode("440524"), "440513");
  EXPECT_EQ(*CanonicalDivisionCode("450100"), "4501");
  EXPECT_EQ(*CanonicalDivisionCode("450000"), "45");
}

TEST_F(DivisionCodesTest, ProvincesTownshipsAndTheirPolygons) {
  auto before = DescribeDivision(*map_, "45");
  ASSERT_TRUE(before.ok());
  EXPECT_EQ(before->division.code, "450000");
  EXPECT_EQ(before->division.name, "广西壮族自治区");
  EXPECT_EQ(before->children, 14);
  EXPECT_TRUE(before->feature_id.empty());  // no province layer yet
  ASSERT_TRUE(geo::EnsureProvinceLayer(*map_).ok());
  auto after = DescribeDivision(*map_, "450000");
  ASSERT_TRUE(after.ok());
  EXPECT_EQ(after->layer_id, "admin.province");
  EXPECT_EQ(after->feature_id, "450000");

  const auto townships = resolver::LocalDivisionTable::Builtin().Children("450103");
  ASSERT_FALSE(townships.empty());
  auto township = DescribeDivision(*map_, townships[0].code);
  ASSERT_TRUE(township.ok());
  EXPECT_EQ(township->division.level, 4);
  EXPECT_EQ(township->division.name, townships[0].name);
  ASSERT_EQ(township->parents.size(), 3u);
  EXPECT_EQ(township->parents[2].name, "青秀区");
}

TEST_F(DivisionCodesTest, UnknownAndMalformedCodesAreRefused) {
  EXPECT_EQ(DescribeDivision(*map_, "990000").status().code(), absl::StatusCode::kNotFound);
  auto bad = DescribeDivision(*map_, "4501x");
  EXPECT_EQ(bad.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_THAT(std::string(bad.status().message()), HasSubstr("\"4501x\" is not a division code"));
}

}  // namespace
}  // namespace mdhub::links
