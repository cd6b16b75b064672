#include "tools/gen/internal/org_bodies.h"

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"

namespace mdhub::gen {
namespace {

constexpr Bureau kBureaus[] = {
    {"人民政府", "人民政府", "", "", "", ""},
    {"教育厅", "教育局", "", "", "", ""},
    {"民政厅", "民政局", "", "", "", ""},
    {"卫生健康委员会", "卫生健康委员会", "卫生健康局", "卫生和计划生育委员会",
     "卫生和计划生育委员会", "卫生和计划生育局"},
    {"农业农村厅", "农业农村局", "", "农业厅", "农业局", ""},
    {"科学技术厅", "科学技术局", "", "", "", ""},
    {"文化和旅游厅", "文化广电和旅游局", "文化广电体育和旅游局", "文化厅", "文化新闻出版广电局",
     "文化体育广电局"},
    {"体育局", "体育局", "", "", "", ""},
    {"人力资源和社会保障厅", "人力资源和社会保障局", "", "", "", ""},
    {"自然资源厅", "自然资源局", "", "国土资源厅", "国土资源局", ""},
    {"住房和城乡建设厅", "住房和城乡建设局", "", "", "", ""},
    {"公安厅", "公安局", "", "", "", ""},
    {"财政厅", "财政局", "", "", "", ""},
    {"市场监督管理局", "市场监督管理局", "", "工商行政管理局", "工商行政管理局", ""},
    {"商务厅", "商务局", "", "", "", ""},
    {"林业局", "林业局", "", "", "", ""},
    {"水利厅", "水利局", "", "", "", ""},
};

struct Subject {
  absl::string_view text;
  int sponsor;
};

constexpr Subject kIndustries[] = {
    {"餐饮", kCommerce},        {"物流", kCommerce},     {"建筑业", kHousing},
    {"房地产业", kHousing},     {"汽车流通", kCommerce}, {"电子商务", kCommerce},
    {"旅游", kCulture},         {"家具", kNoSponsor},    {"装饰", kHousing},
    {"茶叶", kAgriculture},     {"蔗糖", kAgriculture},  {"水产畜牧", kAgriculture},
    {"中药材", kAgriculture},   {"果业", kAgriculture},  {"物业管理", kHousing},
    {"保安服务", kPublicSecurity}, {"广告", kMarket},    {"酒店", kCulture},
    {"软件", kScience},         {"砂石", kNoSponsor}};
constexpr absl::string_view kHometowns[] = {"福建", "浙江", "湖南", "广东", "江西", "四川",
                                            "河南", "湖北", "江苏", "重庆", "潮汕", "温州",
                                            "莆田", "客家"};
constexpr Subject kSocieties[] = {
    {"医学", kHealth},      {"护理", kHealth},     {"药学", kHealth},     {"中医药", kHealth},
    {"预防医学", kHealth},  {"计算机", kScience},  {"农学", kScience},    {"林学", kForestry},
    {"水产", kScience},     {"土木建筑", kScience}, {"机械工程", kScience}, {"地理", kScience},
    {"心理", kScience},     {"会计", kFinance},    {"统计", kScience},    {"历史", kScience},
    {"教育", kEducation},   {"语言", kEducation}};
constexpr Subject kResearch[] = {{"壮学", kCulture},     {"民俗文化", kCulture},
                                 {"企业文化", kNoSponsor}, {"老年教育", kEducation},
                                 {"地方志", kCulture},   {"诗词", kCulture},
                                 {"红色文化", kCulture}};
constexpr Subject kClubs[] = {
    {"篮球", kSports},       {"足球", kSports},         {"羽毛球", kSports},
    {"乒乓球", kSports},     {"象棋", kSports},         {"太极拳", kSports},
    {"钓鱼", kSports},       {"登山", kSports},         {"自行车", kSports},
    {"围棋", kSports},       {"老年人体育", kSports},   {"龙舟", kSports},
    {"摄影家", kCulture},    {"书法家", kCulture},      {"美术家", kCulture},
    {"作家", kCulture},      {"音乐家", kCulture},      {"舞蹈家", kCulture},
    {"收藏家", kCulture},    {"个体劳动者", kMarket},   {"私营企业", kMarket},
    {"志愿者", kCivilAffairs}, {"老年人", kCivilAffairs}, {"青年企业家", kNoSponsor}};
constexpr Subject kPromotion[] = {{"乡村振兴", kAgriculture}, {"民营经济发展", kNoSponsor},
                                  {"东盟经济文化交流", kCommerce}, {"旅游发展", kCulture}};

struct UnitKind {
  absl::string_view form;
  int sponsor;
  absl::Span<const absl::string_view> cores;
};
constexpr absl::string_view kChildCores[] = {"小天使", "金太阳", "阳光", "启蒙", "蓝天", "童心",
                                             "爱心",   "贝贝",   "育才", "博雅", "小博士",
                                             "七色花", "春蕾",   "彩虹", "新苗", "快乐"};
constexpr absl::string_view kSchoolCores[] = {"博雅", "启航", "卓越", "育英", "明德", "求知",
                                              "英才", "精英", "华文", "文博", "致远", "树人"};
constexpr absl::string_view kCareCores[] = {"仁和", "康乐", "博爱", "仁爱", "济民", "同济",
                                            "民生", "惠民", "安康", "福寿", "颐和", "康宁",
                                            "松鹤", "夕阳红"};
constexpr absl::string_view kSocialWorkCores[] = {"阳光", "同心", "益友", "心连心", "启明",
                                                  "助人", "和美", "善行"};
constexpr UnitKind kUnitKinds[] = {
    {"幼儿园", kEducation, kChildCores},        {"培训学校", kEducation, kSchoolCores},
    {"职业培训学校", kHumanResources, kSchoolCores}, {"实验学校", kEducation, kSchoolCores},
    {"医院", kHealth, kCareCores},              {"中医诊所", kHealth, kCareCores},
    {"口腔医院", kHealth, kCareCores},          {"养老院", kCivilAffairs, kCareCores},
    {"颐养中心", kCivilAffairs, kCareCores},    {"社会工作服务中心", kCivilAffairs, kSocialWorkCores},
};
constexpr double kUnitKindWeights[] = {0.3, 0.15, 0.08, 0.05, 0.08, 0.06, 0.04, 0.1, 0.04, 0.1};

constexpr absl::string_view kFoundationSubjects[] = {
    "教育", "扶贫", "慈善", "青少年发展", "见义勇为", "助学", "文化发展", "生态环境保护",
    "体育", "老年事业", "残疾人福利"};

// Public institutions: the name after the place, its form, the sponsoring bureau, and the name
// its kind had before a reform (and the years of the reform).
struct InstitutionKind {
  absl::string_view core, form;
  int sponsor;
  absl::string_view former_core, former_form;
  int reform_from, reform_to;
};
constexpr InstitutionKind kCountyInstitutions[] = {
    {"疾病预防控制", "中心", kHealth, "卫生防疫", "站", 2002, 2004},
    {"人民", "医院", kHealth, "", "", 0, 0},
    {"中医", "医院", kHealth, "", "", 0, 0},
    {"妇幼保健", "院", kHealth, "妇幼保健", "所", 1995, 2005},
    {"第一", "中学", kEducation, "", "", 0, 0},
    {"第二", "中学", kEducation, "", "", 0, 0},
    {"第三", "中学", kEducation, "", "", 0, 0},
    {"实验", "小学", kEducation, "", "", 0, 0},
    {"职业技术", "学校", kEducation, "职业", "中学", 2000, 2010},
    {"", "图书馆", kCulture, "", "", 0, 0},
    {"", "文化馆", kCulture, "", "", 0, 0},
    {"", "博物馆", kCulture, "", "", 0, 0},
    {"农业技术推广", "中心", kAgriculture, "农业技术推广", "站", 2005, 2012},
    {"动物疫病预防控制", "中心", kAgriculture, "畜牧兽医", "站", 2005, 2010},
    {"农业机械化服务", "中心", kAgriculture, "农机管理", "站", 2006, 2012},
    {"不动产登记", "中心", kNaturalResources, "", "", 0, 0},
    {"公共资源交易", "中心", kGovernment, "", "", 0, 0},
    {"社会保险事业管理", "中心", kHumanResources, "社会保险事业", "局", 2008, 2012},
    {"就业服务", "中心", kHumanResources, "劳动就业服务", "局", 2008, 2012},
    {"林业技术推广", "站", kForestry, "", "", 0, 0},
    {"水利工程管理", "站", kWater, "", "", 0, 0},
    {"广播电视", "台", kCulture, "", "", 0, 0},
    {"体育运动", "学校", kSports, "", "", 0, 0},
    {"机关事务服务", "中心", kGovernment, "", "", 0, 0},
    {"", "档案馆", kGovernment, "", "", 0, 0},
};
constexpr InstitutionKind kTownshipInstitutions[] = {
    {"", "卫生院", kHealth, "", "", 0, 0},
    {"中心", "学校", kEducation, "", "", 0, 0},
    {"中心", "小学", kEducation, "", "", 0, 0},
    {"农业服务", "中心", kAgriculture, "农业技术推广", "站", 2008, 2014},
    {"林业", "站", kForestry, "", "", 0, 0},
    {"水利", "站", kWater, "", "", 0, 0},
    {"文化", "站", kCulture, "", "", 0, 0},
    {"社会保障服务", "中心", kHumanResources, "劳动保障事务", "所", 2008, 2014},
};
constexpr absl::string_view kProvincialFields[] = {"农业科学", "林业科学", "水产科学", "社会科学",
                                                   "建筑科学", "中医药", "亚热带作物"};
constexpr absl::string_view kColleges[] = {"农业", "工业", "交通", "建设", "电力", "水利电力",
                                           "机电", "卫生", "经贸"};

template <typename T, size_t N>
const T& Pick(Rng& rng, const T (&items)[N]) {
  return items[rng.Uniform(N)];
}

}  // namespace

absl::Span<const Bureau> Bureaus() { return kBureaus; }

std::string OrganName(const Places& places, int bureau, Level level, const County& county,
                      bool former) {
  const Bureau& b = kBureaus[bureau];
  absl::string_view word;
  switch (level) {
    case Level::kProvince:
      word = former ? b.former_provincial : b.provincial;
      break;
    case Level::kPrefecture:
      word = former ? b.former_local : b.local;
      break;
    case Level::kCounty:
      word = former ? (b.former_county.empty() ? b.former_local : b.former_county)
                    : (b.county.empty() ? b.local : b.county);
      break;
  }
  return word.empty() ? "" : absl::StrCat(DivisionName(places, level, county), word);
}

absl::CivilDay ReformDay(Level level) {
  switch (level) {
    case Level::kProvince:
      return absl::CivilDay(2018, 10, 19);
    case Level::kPrefecture:
      return absl::CivilDay(2019, 1, 16);
    case Level::kCounty:
      return absl::CivilDay(2019, 3, 20);
  }
  return absl::CivilDay(2019, 3, 20);
}

NameParts BodyNames::SocialGroup(Level level, const County& county, Rng& rng,
                                 int* sponsor) const {
  NameParts n;
  names_.SetPlace(level, county, rng, &n);
  const double kind = rng.Real();
  if (kind < 0.3) {
    const Subject& s = Pick(rng, kIndustries);
    n.core = absl::StrCat(s.text, rng.Chance(0.5) ? "行业" : "");
    n.form = "协会";
    *sponsor = rng.Chance(0.5) ? s.sponsor : kNoSponsor;  // direct registration since 2016
  } else if (kind < 0.42) {
    if (level == Level::kCounty) {
      // A chamber of people from another county of the province.
      n.core = ShortPlace(places_.PickCounty(rng).name);
    } else {
      n.core = std::string(Pick(rng, kHometowns));
    }
    n.form = "商会";
    *sponsor = kNoSponsor;
  } else if (kind < 0.6) {
    const Subject& s = Pick(rng, kSocieties);
    n.core = std::string(s.text);
    n.form = "学会";
    *sponsor = s.sponsor;
  } else if (kind < 0.67) {
    const Subject& s = Pick(rng, kResearch);
    n.core = std::string(s.text);
    n.form = "研究会";
    *sponsor = s.sponsor;
  } else if (kind < 0.95) {
    const Subject& s = Pick(rng, kClubs);
    n.core = std::string(s.text);
    n.form = "协会";
    *sponsor = s.sponsor;
  } else {
    const Subject& s = Pick(rng, kPromotion);
    n.core = std::string(s.text);
    n.form = "促进会";
    *sponsor = s.sponsor;
  }
  return n;
}

NameParts BodyNames::NonEnterprise(Level level, const County& county, Rng& rng,
                                   int* sponsor) const {
  static const WeightedIndex* const kDraw = new WeightedIndex(kUnitKindWeights);
  NameParts n;
  names_.SetPlace(level, county, rng, &n);
  const UnitKind& kind = kUnitKinds[kDraw->Draw(rng)];
  n.core = std::string(kind.cores[rng.Uniform(kind.cores.size())]);
  n.form = std::string(kind.form);
  *sponsor = kind.sponsor;
  return n;
}

NameParts BodyNames::Foundation(Level level, const County& county, Rng& rng,
                                int* sponsor) const {
  NameParts n;
  names_.SetPlace(level, county, rng, &n);
  const absl::string_view subject = Pick(rng, kFoundationSubjects);
  if (rng.Chance(0.4)) {
    // Founded by a company, after its name.
    n.core = names_.Company(level, county, false, rng).core;
    n.trade = std::string(subject);
  } else {
    n.core = std::string(subject);
  }
  n.form = "基金会";
  const double s = rng.Real();
  *sponsor = s < 0.5 ? kCivilAffairs : s < 0.7 ? kEducation : kNoSponsor;
  return n;
}

NameParts BodyNames::Institution(Level level, const County& county, Rng& rng, int* sponsor,
                                 NameParts* former, absl::CivilDay* reformed) const {
  NameParts n;
  names_.SetPlace(level, county, rng, &n);
  n.bracket.clear();  // institutions do not bracket their place
  if (level == Level::kProvince) {
    n.place = places_.province_name();
    const double kind = rng.Real();
    if (kind < 0.4) {
      n.place = "广西";
      n.core = std::string(Pick(rng, kProvincialFields));
      n.form = "研究院";
      *sponsor = kScience;
    } else if (kind < 0.7) {
      n.place = "广西";
      n.core = absl::StrCat(Pick(rng, kColleges), "职业技术");
      n.form = "学院";
      *sponsor = kEducation;
    } else {
      const InstitutionKind& k = Pick(rng, kCountyInstitutions);
      n.core = std::string(k.core);
      n.form = std::string(k.form);
      *sponsor = k.sponsor;
    }
    return n;
  }
  const bool township = level == Level::kCounty && rng.Chance(0.6);
  const InstitutionKind& k =
      township ? Pick(rng, kTownshipInstitutions) : Pick(rng, kCountyInstitutions);
  const std::string town = township ? places_.Township(rng) : "";
  n.core = absl::StrCat(town, k.core);
  n.form = std::string(k.form);
  if (level == Level::kPrefecture && (k.form == "医院" || k.form == "中学") && rng.Chance(0.7)) {
    // Cities number their hospitals and schools further.
    const int number = rng.Between(2, k.form == "医院" ? 9 : 40);
    static constexpr absl::string_view kDigits[] = {"", "一", "二", "三", "四",
                                                    "五", "六", "七", "八", "九"};
    n.core = absl::StrCat("第", number >= 20 ? kDigits[number / 10] : "", number >= 10 ? "十" : "",
                          kDigits[number % 10], k.form == "医院" ? "人民" : "");
  }
  *sponsor = k.sponsor;
  if (!k.former_form.empty()) {
    *former = n;
    former->core = absl::StrCat(town, k.former_core);
    former->form = std::string(k.former_form);
    const int year = rng.Between(k.reform_from, k.reform_to);
    *reformed = absl::CivilDay(year, rng.Between(1, 12), rng.Between(1, 28));
  }
  return n;
}

NameParts BodyNames::OtherName(const NameParts& name, OrgKind kind, Rng& rng) const {
  int sponsor = kNoSponsor;
  const County& anywhere = places_.PickCounty(rng);
  NameParts other = kind == OrgKind::kSocialGroup ? SocialGroup(Level::kCounty, anywhere, rng, &sponsor)
                    : kind == OrgKind::kFoundation ? Foundation(Level::kCounty, anywhere, rng, &sponsor)
                                                   : NonEnterprise(Level::kCounty, anywhere, rng, &sponsor);
  NameParts n = name;
  if (other.form == n.form) {
    n.core = other.core;
    n.trade = other.trade;
  } else {
    // Another core of the same kind of unit: only the form is kept.
    n.core = absl::StrCat(other.core, other.trade);
  }
  return n;
}

std::string BodyNames::Scope(const NameParts& name) {
  const absl::string_view form = name.form;
  if (form == "协会" || form == "商会" || form == "促进会") {
    return "行业自律；业务培训；交流合作；咨询服务；承办委托事项";
  }
  if (form == "学会" || form == "研究会") return "学术交流；科学普及；业务培训；咨询服务";
  if (form == "基金会") return absl::StrCat("资助", name.trade.empty() ? name.core : name.trade,
                                           "事业；开展公益活动");
  if (absl::StrContains(form, "幼儿园")) return "学前教育";
  if (absl::StrContains(form, "学校") || absl::StrContains(form, "学") ||
      absl::StrContains(form, "学院")) {
    return "实施全日制教育，促进基础教育发展";
  }
  if (absl::StrContains(form, "医") || absl::StrContains(form, "诊") || form == "卫生院") {
    return "医疗与护理；预防保健；健康教育";
  }
  if (absl::StrContains(form, "养") || absl::StrContains(form, "颐")) return "养老服务；日间照料";
  return absl::StrCat("承担", name.core, "相关公共服务与技术支持");
}

}  // namespace mdhub::gen
