#include "resolver/standardize/org_name.h"

#include <cstdio>

#include "gtest/gtest.h"

namespace mdhub::resolver {
namespace {

TEST(OrgNameProbe, Print) {
  for (const char* s : {"南宁市某某科技有限公司", "某某科技（南宁）有限公司", "某某科技(南宁)有限公司",
                        "廣西某某科技有限公司南寧分公司", "广西壮族自治区南宁市兴宁区某某商贸有限责任公司",
                        "广西省南宁某某商贸有限责任公司", "兴宁区某某商贸有限责任公司", "兴宁某某商贸有限责任公司",
                        "中国工商银行股份有限公司南宁分行", "中国工商银行南宁分行", "中国工商银行股份有限公司",
                        "某某超市民族大道分店", "某某会计师事务所（特殊普通合伙）", "南宁市兴宁区民生街道办事处",
                        "南宁市公安局", "南宁市人民政府", "广西壮族自治区人民医院", "南宁市第一中学",
                        "武鸣县某某农民专业合作社", "广西某某（集团）有限公司", "某某(中国)投资有限公司",
                        "南宁市", "", "\xff\xfe", "()", "有限公司", "东方电气股份有限公司", "广西红十字基金会",
                        "南宁市兴宁区农业技术推广站", "柳州某某汽车销售服务有限公司柳南分公司", "某某有限公司第一分公司",
                        "广西某某律师事务所南宁分所", "某某 Technology 有限公司", "某某科技有限公司（南宁分公司）",
                        "南宁市餐饮行业协会", "广西壮族自治区教育厅", "某某科技【南宁】有限公司"}) {
    OrgName n = ParseOrgName(s);
    printf("%s => [%s] core=%s form=%s region=%s/%s branch=%d %s/%s/%s\n", s, StandardOrgName(s).c_str(),
           n.core.c_str(), n.legal_form.c_str(), n.region_code.c_str(), n.region_name.c_str(), n.is_branch,
           n.branch.c_str(), n.branch_code.c_str(), n.branch_kind.c_str());
  }
}

}  // namespace
}  // namespace mdhub::resolver
