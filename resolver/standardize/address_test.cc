#include "resolver/standardize/address.h"

#include <random>
#include <string>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "resolver/standardize/local_divisions.h"

namespace mdhub::resolver {
namespace {

using ::testing::HasSubstr;

TEST(LocalDivisionTableTest, FindsTownshipsAndVillagesByCodeAndUnderTheirParent) {
  const LocalDivisionTable& t = LocalDivisionTable::Builtin();
  EXPECT_EQ(t.townships().size(), 41352u);
  EXPECT_EQ(t.villages().size(), 16681u);
  ASSERT_NE(t.Find("450102001"), nullptr);
  EXPECT_EQ(t.Find("450102001")->name, "民生街道");
  ASSERT_NE(t.Find("450102001003"), nullptr);
  EXPECT_EQ(t.Find("450102001003")->name, "兴宁社区居委会");
  EXPECT_EQ(t.Find("450102"), nullptr);
  EXPECT_EQ(t.Find("45010200"), nullptr);
  EXPECT_EQ(t.Find(""), nullptr);

  absl::Span<const LocalDivisionTable::Division> xingning = t.Children("450102");
  ASSERT_EQ(xingning.size(), 6u);  // three 街道 and three 镇
  EXPECT_EQ(xingning.front().code, "450102001");
  EXPECT_EQ(xingning.back().name, "昆仑镇");
  EXPECT_EQ(t.Children("450123103").size(), 12u);  // 那桐镇's community and villages
  EXPECT_TRUE(t.Children("45").empty());
  EXPECT_TRUE(t.Children("999999").empty());

  // 方村村委会 exists in four Guangxi townships; under 那桐镇 it is one.
  ASSERT_NE(t.FindChild("450123103", "方村村委会"), nullptr);
  EXPECT_EQ(t.FindChild("450123103", "方村村委会")->code, "450123103201");
  EXPECT_EQ(t.FindChild("450123103", "方村"), nullptr);  // published names only
}

TEST(LocalDivisionTableTest, MalformedRowsNameTableAndLine) {
  const char* kVillages = "code,name,streetCode\n";
  auto bad_length = LocalDivisionTable::Parse({"code,name,areaCode\n4501020,x,450102\n", kVillages});
  EXPECT_THAT(std::string(bad_length.status().message()), HasSubstr("streets.csv:2"));
  auto bad_parent =
      LocalDivisionTable::Parse({"code,name,areaCode\n450102001,x,450103\n", kVillages});
  EXPECT_THAT(std::string(bad_parent.status().message()), HasSubstr("parent"));
  auto unsorted = LocalDivisionTable::Parse(
      {"code,name,areaCode\n450102002,b,450102\n450102001,a,450102\n", kVillages});
  ASSERT_TRUE(unsorted.ok()) << unsorted.status();
  EXPECT_EQ(unsorted->Children("450102").front().name, "a");
}

TEST(AddressTest, FullGuangxiAddressDownToTheCommunity) {
  ParsedAddress a = ParseAddress("广西壮族自治区南宁市兴宁区民生街道兴宁社区居委会民生路12号");
  EXPECT_EQ(a.province_code, "45");
  EXPECT_EQ(a.city_code, "4501");
  EXPECT_EQ(a.county_code, "450102");
  EXPECT_EQ(a.township_code, "450102001");
  EXPECT_EQ(a.village_code, "450102001003");
  EXPECT_EQ(a.province, "广西壮族自治区");
  EXPECT_EQ(a.city, "南宁市");
  EXPECT_EQ(a.county, "兴宁区");
  EXPECT_EQ(a.township, "民生街道");
  EXPECT_EQ(a.village, "兴宁社区居委会");
  EXPECT_EQ(a.detail, "民生路12号");
  EXPECT_EQ(a.code(), "450102001003");
}

TEST(AddressTest, LeftOutLevelsAreFilledInFromTheFinestName) {
  // No province: the county gives it.
  ParsedAddress a = ParseAddress("南宁市兴宁区民族大道118号3栋2单元502室");
  EXPECT_EQ(a.province, "广西壮族自治区");
  EXPECT_EQ(a.county_code, "450102");
  EXPECT_EQ(a.township_code, "");
  EXPECT_EQ(a.detail, "民族大道118号3栋2单元502室");
  // No province, no prefecture: 兴宁区 is the only 兴宁区.
  EXPECT_EQ(ParseAddress("兴宁区民生街道民生路12号").township_code, "450102001");
  // No county: 朝阳街道 is the only one in Nanning.
  a = ParseAddress("南宁市朝阳街道朝阳路1号");
  EXPECT_EQ(a.county, "兴宁区");
  EXPECT_EQ(a.township_code, "450102002");
  EXPECT_EQ(a.detail, "朝阳路1号");
  // Only a township and its community: 那桐镇 is in Longan County.
  a = ParseAddress("那桐镇那桐社区12号");
  EXPECT_EQ(a.county, "隆安县");
  EXPECT_EQ(a.village_code, "450123103001");
  EXPECT_EQ(a.detail, "12号");
  // The prefecture alone.
  EXPECT_EQ(ParseAddress("广西南宁").code(), "4501");
}

TEST(AddressTest, ShortNames) {
  for (const char* raw : {"广西南宁兴宁民生街道12号", "广西省南宁市兴宁区民生12号",
                          "广西自治区南宁兴宁区民生街道办事处12号"}) {
    ParsedAddress a = ParseAddress(raw);
    EXPECT_EQ(a.township_code, "450102001") << raw;
    EXPECT_EQ(a.detail, "12号") << raw;
  }
  // Autonomous counties and ethnic townships.
  EXPECT_EQ(ParseAddress("融水苗族自治县融水镇").township_code, "450225100");
  EXPECT_EQ(ParseAddress("柳州融水县融水镇").township_code, "450225100");
  EXPECT_EQ(ParseAddress("广西融水").county_code, "450225");
  EXPECT_EQ(ParseAddress("马山县古寨乡").township, "古寨瑶族乡");
  EXPECT_EQ(ParseAddress("新疆乌鲁木齐市").city, "乌鲁木齐市");
}

TEST(AddressTest, FullWidthTraditionalAndSpaces) {
  const std::string plain = StandardAddress("广西南宁市兴宁区民生路12号");
  EXPECT_EQ(plain, "450102|民生路12号");
  EXPECT_EQ(StandardAddress("廣西壯族自治區南寧市興寧區民生路１２號"), plain);
  EXPECT_EQ(StandardAddress(" 广西　南宁市 兴宁区  民生路 12 号 "), plain);
  EXPECT_EQ(StandardAddress("中国广西南宁市兴宁区民生路12号"), plain);
  EXPECT_EQ(StandardAddress("广西,南宁市,兴宁区,民生路12号"), plain);
  EXPECT_EQ(ParseAddress("广西南宁市兴宁区ＡＢＣ大厦Ｂ座").detail, "abc大厦b座");
}

TEST(AddressTest, AVillage) {
  ParsedAddress a = ParseAddress("广西壮族自治区南宁市隆安县那桐镇方村村委会弄怀屯12号");
  EXPECT_EQ(a.village_code, "450123103201");
  EXPECT_EQ(a.village, "方村村委会");
  EXPECT_EQ(a.detail, "弄怀屯12号");
  // Written 方村, and with the township left out (隆安县 has one 方村).
  EXPECT_EQ(ParseAddress("隆安县那桐镇方村弄怀屯12号").village_code, "450123103201");
  EXPECT_EQ(ParseAddress("隆安县方村弄怀屯12号").village_code, "450123103201");
  // Four Guangxi townships have a 方村: without a county none is guessed.
  a = ParseAddress("方村弄怀屯12号");
  EXPECT_EQ(a.code(), "");
  EXPECT_EQ(a.detail, "方村弄怀屯12号");
  // A village the table does not know stays in the detail, under what is known.
  a = ParseAddress("隆安县那桐镇板利村弄怀屯12号");
  EXPECT_EQ(a.code(), "450123103");
  EXPECT_EQ(a.detail, "板利村弄怀屯12号");
}

TEST(AddressTest, AmbiguousCountyNamesAreNotGuessed) {
  // 城区 is a district of 阳泉, 晋城 and 汕尾; 新城区 of 呼和浩特 and 西安; 朝阳区 of Beijing and
  // Changchun.
  for (const char* raw : {"城区人民路1号", "新城区人民路1号", "朝阳区建国路1号", "城中区人民路1号"}) {
    ParsedAddress a = ParseAddress(raw);
    EXPECT_EQ(a.code(), "") << raw;
    EXPECT_EQ(a.detail, raw);  // all of it
  }
  // What was written before an ambiguous name is kept; the name stays in the detail.
  ParsedAddress a = ParseAddress("山西城区人民路1号");
  EXPECT_EQ(a.province_code, "14");
  EXPECT_EQ(a.county_code, "");
  EXPECT_EQ(a.detail, "城区人民路1号");
  // A higher level settles it.
  EXPECT_EQ(ParseAddress("阳泉市城区人民路1号").county_code, "140302");
  EXPECT_EQ(ParseAddress("柳州市城中区人民路1号").county_code, "450202");
  EXPECT_EQ(ParseAddress("北京市朝阳区建国路1号").county_code, "110105");
  // A name that does not fit the level above is not taken.
  a = ParseAddress("广西城区人民路1号");
  EXPECT_EQ(a.code(), "45");
  EXPECT_EQ(a.detail, "城区人民路1号");
}

TEST(AddressTest, RoadsNamedAfterPlacesStayInTheDetail) {
  EXPECT_EQ(StandardAddress("南宁市北京路1号"), "4501|北京路1号");
  EXPECT_EQ(StandardAddress("桂林路12号"), "|桂林路12号");
  EXPECT_EQ(StandardAddress("兴宁区兴宁路12号"), "450102|兴宁路12号");
}

TEST(AddressTest, PrefectureAndCountyOfTheSameNameAndRetiredCounties) {
  // 东莞市 is a prefecture without counties: its county-level row has the same name.
  ParsedAddress a = ParseAddress("广东省东莞市东城街道");
  EXPECT_EQ(a.township_code, "441900003");
  EXPECT_EQ(ParseAddress("东莞市").county_code, "441900");
  // 武鸣县 became 武鸣区 in 2015; old addresses still say 县.
  a = ParseAddress("南宁市武鸣县城厢镇");
  EXPECT_EQ(a.county_code, "450110");
  EXPECT_EQ(a.county, "武鸣区");
  EXPECT_EQ(a.township, "城厢镇");
}

TEST(AddressTest, AnyInputIsAccepted) {
  EXPECT_EQ(StandardAddress(""), "");
  EXPECT_EQ(StandardAddress("   "), "");
  EXPECT_EQ(StandardAddress("Room 5, Block B"), "|room5,blockb");
  EXPECT_EQ(StandardAddress("!!!"), "|!!!");
  EXPECT_EQ(StandardAddress("广西"), "45|");
  // Bytes that are not UTF-8 become U+FFFD.
  EXPECT_EQ(ParseAddress("\xff\xfe").detail, "\xEF\xBF\xBD\xEF\xBF\xBD");
  EXPECT_EQ(ParseAddress("广西\x80南宁").detail, "\xEF\xBF\xBD南宁");
  // Very long input.
  std::string long_text = "广西南宁市兴宁区";
  for (int i = 0; i < 100000; ++i) long_text += "民生路";
  ParsedAddress a = ParseAddress(long_text);
  EXPECT_EQ(a.county_code, "450102");
  EXPECT_EQ(a.detail.size(), 100000u * std::string("民生路").size());
  // Random bytes, and random runs of division-name characters.
  std::mt19937 rng(7);
  const std::string pieces[] = {"广西", "南宁", "市", "区", "县", "镇", "城", "街道", "村",
                                "社区", "\xE5", "\x80", "|", ",", " ", "1", "号"};
  for (int i = 0; i < 2000; ++i) {
    std::string raw;
    const int n = static_cast<int>(rng() % 20);
    for (int j = 0; j < n; ++j) {
      if (i % 2 == 0) raw.push_back(static_cast<char>(rng() % 256));
      else raw += pieces[rng() % (sizeof(pieces) / sizeof(pieces[0]))];
    }
    a = ParseAddress(raw);
    const std::string& code = a.code();
    EXPECT_TRUE(code.empty() || code.size() == 2 || code.size() == 4 || code.size() == 6 ||
                code.size() == 9 || code.size() == 12)
        << raw;
  }
}

}  // namespace
}  // namespace mdhub::resolver
