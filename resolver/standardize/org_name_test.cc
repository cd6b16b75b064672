#include "resolver/standardize/org_name.h"

#include <filesystem>
#include <fstream>
#include <string>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "resolver/match/columns.h"
#include "resolver/match/settings.h"

namespace mdhub::resolver {
namespace {

TEST(OrgNameTest, BracketsOfEitherWidthAndRegionPrefixesGiveOneStandardForm) {
  const std::string expected = "某某科技|有限公司|4501|";
  EXPECT_EQ(StandardOrgName("南宁市某某科技有限公司"), expected);
  EXPECT_EQ(StandardOrgName("某某科技（南宁）有限公司"), expected);
  EXPECT_EQ(StandardOrgName("某某科技(南宁)有限公司"), expected);
  EXPECT_EQ(StandardOrgName("某某科技【南宁市】有限公司"), expected);
  EXPECT_EQ(StandardOrgName("南宁某某科技有限公司"), expected);
  EXPECT_EQ(StandardOrgName(" 南宁市　某某科技 有限公司 "), expected);

  const OrgName n = ParseOrgName("某某科技（南宁）有限公司");
  EXPECT_EQ(n.core, "某某科技");
  EXPECT_EQ(n.legal_form, "有限公司");
  EXPECT_EQ(n.region_code, "4501");
  EXPECT_EQ(n.region_name, "南宁市");
  EXPECT_FALSE(n.is_branch);
}

TEST(OrgNameTest, RealLookingGuangxiNames) {
  OrgName n = ParseOrgName("广西柳工机械股份有限公司");
  EXPECT_EQ(n.core, "柳工机械");
  EXPECT_EQ(n.legal_form, "股份有限公司");
  EXPECT_EQ(n.region_code, "45");
  EXPECT_EQ(n.region_name, "广西壮族自治区");

  n = ParseOrgName("南宁糖业股份有限公司");
  EXPECT_EQ(n.core, "糖业");
  EXPECT_EQ(n.region_code, "4501");

  n = ParseOrgName("广西北部湾银行股份有限公司");
  EXPECT_EQ(n.core, "北部湾银行");
  EXPECT_EQ(n.legal_form, "股份有限公司");

  EXPECT_EQ(StandardOrgName("武鸣县锦华农民专业合作社"), "锦华|农民专业合作社|450110|");
  EXPECT_EQ(StandardOrgName("横州市六景镇兴旺种养专业合作社"), "六景镇兴旺种养|专业合作社|450181|");
}

TEST(OrgNameTest, TraditionalAndFullWidthCharactersAreOneWrittenForm) {
  EXPECT_EQ(StandardOrgName("廣西南寧市某某科技有限責任公司"),
            StandardOrgName("广西南宁市某某科技有限责任公司"));
  EXPECT_EQ(StandardOrgName("柳州市鴻運貿易有限公司"), "鸿运贸易|有限公司|4502|");
  EXPECT_EQ(StandardOrgName("ＡＢＣ科技（南寧）有限公司"), "abc科技|有限公司|4501|");
}

TEST(OrgNameTest, TheLongestLegalFormIsSplitOff) {
  EXPECT_EQ(ParseOrgName("某某股份有限公司").legal_form, "股份有限公司");
  EXPECT_EQ(ParseOrgName("某某有限责任公司").legal_form, "有限责任公司");
  EXPECT_EQ(ParseOrgName("某某有限公司").legal_form, "有限公司");
  EXPECT_EQ(ParseOrgName("某某集团有限公司").legal_form, "集团有限公司");
  EXPECT_EQ(ParseOrgName("某某（集团）有限公司").legal_form, "集团有限公司");
  EXPECT_EQ(ParseOrgName("某某集团").legal_form, "集团");
  EXPECT_EQ(ParseOrgName("某某农民专业合作社").legal_form, "农民专业合作社");
  EXPECT_EQ(ParseOrgName("某某股份经济合作社").legal_form, "股份经济合作社");
  EXPECT_EQ(ParseOrgName("某某个体工商户").legal_form, "个体工商户");
  EXPECT_EQ(ParseOrgName("某某五金商店").legal_form, "商店");
  // The same core whatever the form: the form tells them apart.
  EXPECT_EQ(ParseOrgName("某某股份有限公司").core, "某某");
  EXPECT_EQ(ParseOrgName("某某有限公司").core, "某某");
  EXPECT_NE(StandardOrgName("某某股份有限公司"), StandardOrgName("某某有限公司"));

  const OrgName firm = ParseOrgName("广西某某会计师事务所（特殊普通合伙）");
  EXPECT_EQ(firm.core, "某某会计师");
  EXPECT_EQ(firm.legal_form, "事务所(特殊普通合伙)");
  EXPECT_EQ(firm.region_code, "45");
  // "(中国)" adds nothing; other insertions are read without their brackets.
  EXPECT_EQ(StandardOrgName("某某(中国)投资有限公司"), StandardOrgName("某某投资有限公司"));
}

TEST(OrgNameTest, RegionPrefixesWithAndWithoutTheirSuffix) {
  for (const char* raw : {"广西壮族自治区某某商贸有限公司", "广西某某商贸有限公司",
                          "广西省某某商贸有限公司", "廣西某某商貿有限公司"}) {
    const OrgName n = ParseOrgName(raw);
    EXPECT_EQ(n.region_code, "45") << raw;
    EXPECT_EQ(n.core, "某某商贸") << raw;
  }
  for (const char* raw : {"南宁市某某商贸有限公司", "南宁某某商贸有限公司",
                          "广西南宁某某商贸有限公司", "广西壮族自治区南宁市某某商贸有限公司"}) {
    EXPECT_EQ(StandardOrgName(raw), "某某商贸|有限公司|4501|") << raw;
  }
  for (const char* raw : {"兴宁区某某商贸有限公司", "南宁市兴宁区某某商贸有限公司",
                          "广西南宁兴宁区某某商贸有限公司"}) {
    const OrgName n = ParseOrgName(raw);
    EXPECT_EQ(n.region_code, "450102") << raw;
    EXPECT_EQ(n.region_name, "兴宁区") << raw;
    EXPECT_EQ(n.core, "某某商贸") << raw;
  }
  // A prefix and a bracketed place: the finer one, when they agree.
  EXPECT_EQ(ParseOrgName("广西某某科技（南宁）有限公司").region_code, "4501");
  // Not a place: a bare short name running on into a road, or one naming several counties
  // (兴宁区 of Nanning, 兴宁市 of Guangdong).
  EXPECT_EQ(StandardOrgName("南宁路某某商店"), "南宁路某某|商店||");
  EXPECT_EQ(ParseOrgName("兴宁某某商贸有限公司").region_code, "");
  EXPECT_EQ(ParseOrgName("兴宁某某商贸有限公司").core, "兴宁某某商贸");
  // 中国 is part of the name unless a division follows.
  EXPECT_EQ(ParseOrgName("中国工商银行股份有限公司").core, "中国工商银行");
}

TEST(OrgNameTest, ABranchIsNeverItsHeadOffice) {
  const OrgName head = ParseOrgName("广西某某科技有限公司");
  const OrgName branch = ParseOrgName("廣西某某科技有限公司南寧分公司");
  EXPECT_FALSE(head.is_branch);
  EXPECT_TRUE(branch.is_branch);
  EXPECT_EQ(branch.core, head.core);
  EXPECT_EQ(branch.legal_form, head.legal_form);
  EXPECT_EQ(branch.region_code, head.region_code);
  EXPECT_EQ(branch.branch, "南宁");
  EXPECT_EQ(branch.branch_code, "4501");
  EXPECT_EQ(branch.branch_kind, "分公司");
  EXPECT_EQ(StandardOrgName(branch), "某某科技|有限公司|45|4501分公司");
  EXPECT_NE(StandardOrgName(branch), StandardOrgName(head));
  // One branch written two ways; two branches of one head office.
  EXPECT_EQ(StandardOrgName("某某科技有限公司南宁市分公司"),
            StandardOrgName("某某科技有限公司（南宁分公司）"));
  EXPECT_NE(StandardOrgName("某某科技有限公司南宁分公司"),
            StandardOrgName("某某科技有限公司柳州分公司"));
  EXPECT_NE(StandardOrgName("某某科技有限公司南宁分公司"),
            StandardOrgName("某某科技有限公司南宁办事处"));
  EXPECT_EQ(StandardOrgName("柳州某某汽车销售服务有限公司柳南分公司"),
            "某某汽车销售服务|有限公司|4502|450204分公司");
  EXPECT_EQ(StandardOrgName("某某有限公司第一分公司"), "某某|有限公司||第一分公司");
}

TEST(OrgNameTest, BranchesWithoutTheHeadOfficesLegalForm) {
  // Banks: written with or without the head office's form.
  const OrgName bank = ParseOrgName("中国工商银行南宁分行");
  EXPECT_TRUE(bank.is_branch);
  EXPECT_EQ(bank.core, "中国工商银行");
  EXPECT_EQ(bank.branch_code, "4501");
  EXPECT_EQ(bank.branch_kind, "分行");
  EXPECT_EQ(ParseOrgName("中国工商银行股份有限公司南宁分行").core, "中国工商银行");
  EXPECT_EQ(StandardOrgName("广西北部湾银行股份有限公司南宁民族大道支行"),
            "北部湾银行|股份有限公司|45|南宁民族大道支行");
  // A branch named after a division at the end of a name without a form.
  const OrgName shop = ParseOrgName("某某科技南宁分公司");
  EXPECT_EQ(shop.core, "某某科技");
  EXPECT_EQ(shop.branch_code, "4501");
  // Nothing tells where the head office's name ends: it keeps the distinguishing part.
  const OrgName unknown = ParseOrgName("某某快餐民族大道分店");
  EXPECT_TRUE(unknown.is_branch);
  EXPECT_EQ(unknown.core, "某某快餐民族大道");
  EXPECT_EQ(unknown.branch, "");
  EXPECT_EQ(StandardOrgName(unknown), "某某快餐民族大道|||分店");
  EXPECT_NE(StandardOrgName(unknown), StandardOrgName("某某快餐"));
  // A sub-district office is a government organ, not a branch.
  const OrgName office = ParseOrgName("南宁市兴宁区民生街道办事处");
  EXPECT_FALSE(office.is_branch);
  EXPECT_EQ(office.core, "民生");
  EXPECT_EQ(office.legal_form, "街道办事处");
  EXPECT_EQ(office.region_code, "450102");
}

TEST(OrgNameTest, SocialOrganisationsAndPublicInstitutions) {
  EXPECT_EQ(StandardOrgName("南宁市餐饮行业协会"), "餐饮行业|协会|4501|");
  EXPECT_EQ(StandardOrgName("广西红十字基金会"), "红十字|基金会|45|");
  EXPECT_EQ(StandardOrgName("广西南宁浙江商会"), "浙江|商会|4501|");
  EXPECT_EQ(StandardOrgName("广西壮族自治区人民医院"), "人民|医院|45|");
  EXPECT_EQ(StandardOrgName("南宁市兴宁区农业技术推广站"), "农业技术推广|站|450102|");
  EXPECT_EQ(StandardOrgName("南宁市公安局"), "公安|局|4501|");
  EXPECT_EQ(StandardOrgName("广西壮族自治区教育厅"), "教育|厅|45|");
  EXPECT_EQ(StandardOrgName("南宁市兴宁区卫生健康委员会"), "卫生健康|委员会|450102|");
  EXPECT_EQ(StandardOrgName("南宁市兴宁区人民政府办公室"), "人民政府|办公室|450102|");
  EXPECT_EQ(StandardOrgName("南宁市第三幼儿园"), "第三|幼儿园|4501|");
  // The organ of a division: the division is its whole name.
  EXPECT_EQ(StandardOrgName("南宁市人民政府"), "人民政府||4501|");
  EXPECT_NE(StandardOrgName("南宁市人民政府"), StandardOrgName("兴宁区人民政府"));
  // A branch of a social group.
  const OrgName chapter = ParseOrgName("广西某某协会南宁分会");
  EXPECT_TRUE(chapter.is_branch);
  EXPECT_EQ(chapter.core, "某某");
  EXPECT_EQ(chapter.legal_form, "协会");
}

TEST(OrgNameTest, EmptyAndGarbageInput) {
  for (const char* raw : {"", "   ", "　", "()", "（）", "\xFF\xFE", "|||", "“”"}) {
    const OrgName n = ParseOrgName(raw);
    EXPECT_EQ(n.core, "") << raw;
    EXPECT_FALSE(n.is_branch) << raw;
    EXPECT_EQ(StandardOrgName(raw), "") << raw;
  }
  // Only a form, only a division, only a marker: kept whole as the core.
  EXPECT_EQ(StandardOrgName("有限公司"), "有限公司|||");
  EXPECT_EQ(StandardOrgName("南宁市"), "南宁市||4501|");
  EXPECT_EQ(StandardOrgName("分公司"), "分公司|||");
  // Separators of the standard form never survive; an unclosed bracket runs to the end.
  EXPECT_EQ(StandardOrgName("某某|科技有限公司"), "某某科技|有限公司||");
  EXPECT_EQ(StandardOrgName("某某科技有限公司（南宁"), "某某科技|有限公司|4501|");
  EXPECT_EQ(StandardOrgName("!!!"), "!!!|||");
}

TEST(OrgNameTest, IsAMatchingStandardiser) {
  const std::string path =
      (std::filesystem::path(::testing::TempDir()) / "org_name_settings.toml").string();
  std::ofstream(path) << "record_id = \"id\"\n[[field]]\nname = \"org\"\n"
                      << "standardize = \"org_name\"\ncompare = \"jaro_winkler\"\n"
                      << "[[blocking]]\nkeys = [\"org:2\"]\n";
  auto settings = MatchSettings::Load(path);
  ASSERT_TRUE(settings.ok()) << settings.status();
  EXPECT_EQ(settings->fields[0].standardize, Standardizer::kOrgName);
  EXPECT_EQ(StandardiseValue(Standardizer::kOrgName, "某某科技（南宁）有限公司"),
            "某某科技|有限公司|4501|");
}

}  // namespace
}  // namespace mdhub::resolver
