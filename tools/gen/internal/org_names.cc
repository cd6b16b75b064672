#include "tools/gen/internal/org_names.h"

#include <cmath>
#include <utility>
#include <vector>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_replace.h"

namespace mdhub::gen {
namespace {

// Cores by popularity: the first recur all over the province (drawn Zipf-like).
constexpr absl::string_view kPopularCores[] = {
    "兴旺", "华盛", "宏达", "鑫源", "恒达", "永安", "金穗", "盛世", "锦华", "华强",
    "联发", "荣和", "广信", "中恒", "博远", "天泽", "铭泰", "凯丰", "新桂", "福满",
    "顺发", "万家", "东盛", "汇丰", "金鼎", "富民", "隆达", "宏源", "瑞丰", "恒通",
    "嘉和", "鸿运", "正泰", "佳美", "绿源", "众诚", "信达", "宝利", "八桂", "壮乡",
    "邕江", "红水河", "北部湾", "漓江", "西江", "东盟", "绿城", "桂通"};
// Composed cores: one of the first and one of the second.
constexpr absl::string_view kCoreFirst[] = {
    "鑫", "恒", "华", "宏", "金", "永", "盛", "泰", "正", "德", "瑞", "祥", "嘉", "丰",
    "隆", "兴", "利", "源", "达", "通", "昌", "富", "荣", "佳", "诚", "信", "安", "康",
    "和", "鼎", "铭", "博", "创", "汇", "联", "中", "新", "宇", "卓", "凯"};
constexpr absl::string_view kCoreSecond[] = {
    "达", "源", "盛", "华", "通", "丰", "泰", "利", "发", "兴", "鑫", "诚", "信", "安", "和",
    "顺", "昌", "隆", "辉", "悦", "航", "锦", "祥", "瑞", "腾", "远", "越", "恒", "博", "森"};
constexpr absl::string_view kThreeCharacterCores[] = {
    "金三角", "好运来", "大自然", "新世纪", "金太阳", "百事通", "万家福", "桂之源",
    "红太阳", "东方红", "聚宝盆", "满天星"};

struct Trade {
  absl::string_view name;
  absl::string_view scope;
  bool shops;  // branches are 分店
};
constexpr Trade kTrades[] = {
    {"物流", "道路普通货物运输；仓储服务；装卸搬运", false},
    {"商贸", "销售：日用百货、五金交电、建筑材料、农副产品", true},
    {"贸易", "销售：机械设备、电子产品、化工产品（危险化学品除外）；货物进出口", false},
    {"建筑工程", "房屋建筑工程、市政公用工程施工；建筑劳务分包", false},
    {"装饰工程", "室内外装饰装修工程设计与施工", false},
    {"房地产开发", "房地产开发经营；物业管理", false},
    {"物业服务", "物业管理；家政服务；绿化养护", false},
    {"餐饮管理", "餐饮服务；餐饮管理；预包装食品销售", true},
    {"酒店管理", "住宿服务；酒店管理；会议服务", true},
    {"食品", "食品生产；食品销售", true},
    {"农业开发", "农作物种植；农业技术开发；农副产品销售", false},
    {"农业科技", "农业技术推广服务；种子、化肥销售", false},
    {"生态农业", "水果、蔬菜种植及销售；农业观光旅游", false},
    {"林业", "林木种植；木材加工及销售", false},
    {"糖业", "机制糖、酒精生产销售；甘蔗种植", false},
    {"茶业", "茶叶种植、加工及销售", true},
    {"医药", "药品批发、零售；医疗器械销售", true},
    {"医疗器械", "第二类医疗器械销售；医疗设备维修", false},
    {"汽车销售服务", "汽车销售；汽车维修；汽车配件销售", true},
    {"机械设备", "机械设备销售、租赁及维修", false},
    {"机械制造", "通用机械设备制造及销售", false},
    {"电子科技", "电子产品研发、销售；计算机软硬件开发", false},
    {"网络科技", "网络技术开发；软件开发；电子商务", false},
    {"信息技术", "信息系统集成服务；软件开发；数据处理", false},
    {"文化传播", "组织文化艺术交流活动；广告设计、制作、代理、发布", false},
    {"广告", "广告设计、制作、代理、发布", false},
    {"教育咨询", "教育咨询服务（不含教育培训活动）", false},
    {"旅游开发", "旅游资源开发；旅游景区管理", false},
    {"建材", "销售：建筑材料、装饰材料、五金", true},
    {"石材", "石材开采、加工及销售", false},
    {"矿业", "矿产资源勘查；矿产品销售", false},
    {"新能源", "太阳能发电；新能源技术推广服务", false},
    {"环保科技", "环保技术开发；污水处理；固体废物治理", false},
    {"电力工程", "电力工程施工；输变电工程", false},
    {"劳务", "劳务服务（不含劳务派遣）；建筑劳务分包", false},
    {"人力资源", "职业中介活动；劳务派遣服务", false},
    {"投资", "对农业、工业、房地产业的投资", false},
    {"投资管理", "投资管理；资产管理；企业管理咨询", false},
    {"运输", "道路普通货物运输；道路旅客运输", false},
    {"水产养殖", "水产养殖及销售", false},
    {"畜牧", "牲畜饲养；畜禽产品销售", false},
    {"家具", "家具制造及销售", true},
    {"印刷", "包装装潢印刷品印刷；其他印刷品印刷", false},
    {"供应链管理", "供应链管理服务；国内货物运输代理", false},
    {"商业管理", "商业综合体管理服务；市场管理", false},
    {"工程机械", "工程机械租赁、销售及维修", false},
    {"粮油", "粮食收购；食用油销售", true},
};

// Individual businesses: what they sell or do, and the word that ends the name.
constexpr std::pair<absl::string_view, absl::string_view> kShopKinds[] = {
    {"米粉", "店"},   {"老友粉", "店"},   {"螺蛳粉", "店"},     {"便利", "店"},
    {"五金", "店"},   {"建材", "经营部"}, {"农资", "店"},       {"服装", "店"},
    {"理发", "店"},   {"美容美发", "店"}, {"汽车修理", "厂"},   {"摩托车修理", "店"},
    {"烟酒", "商行"}, {"水果", "店"},     {"茶叶", "商行"},     {"饭", "店"},
    {"小吃", "店"},   {"早餐", "店"},     {"手机", "店"},       {"家电", "商行"},
    {"日用品", "商店"}, {"电脑", "经营部"}, {"装饰材料", "门市部"}, {"废品收购", "站"},
    {"养殖", "场"},   {"种植", "场"},     {"打印", "店"},       {"干洗", "店"},
    {"粮油", "店"},   {"肉类", "经营部"}, {"副食", "店"},       {"百货", "商店"},
    {"超市", ""},     {"药", "店"}};
constexpr absl::string_view kShopCores[] = {
    "兴旺", "顺发", "好运", "万家", "惠民", "鑫鑫", "福满多", "佳佳", "美美", "红红",
    "明明", "诚信", "放心", "平价", "好又多", "一品", "家和", "祥和", "金牌", "新概念"};

// Farmers' cooperatives: products (true: grown; false: raised) and cores.
constexpr std::pair<absl::string_view, bool> kProducts[] = {
    {"香蕉", true},   {"甘蔗", true},   {"沃柑", true},   {"砂糖橘", true}, {"百香果", true},
    {"火龙果", true}, {"芒果", true},   {"荔枝", true},   {"龙眼", true},   {"茶叶", true},
    {"蔬菜", true},   {"水稻", true},   {"食用菌", true}, {"中药材", true}, {"八角", true},
    {"肉桂", true},   {"葡萄", true},   {"油茶", true},   {"生猪", false},  {"肉牛", false},
    {"山羊", false},  {"黑山羊", false}, {"三黄鸡", false}, {"土鸡", false}, {"水产", false},
    {"罗非鱼", false}, {"蜜蜂", false}, {"竹鼠", false},  {"桑蚕", false}};
constexpr absl::string_view kCooperativeCores[] = {
    "金穗", "兴旺", "绿源", "丰收", "富民", "惠农", "群富", "致富", "康农",
    "绿野", "山野", "福农", "农兴", "益农", "鑫农", "春华"};

constexpr absl::string_view kOrdinals[] = {"第一", "第二", "第三", "第四", "第五",
                                           "第六", "第七", "第八", "第九", "第十"};

// Traditional forms of the characters of organisation names that person names lack (those are
// in ChineseNames).
constexpr std::pair<absl::string_view, absl::string_view> kTraditional[] = {
    {"广", "廣"}, {"业", "業"}, {"发", "發"}, {"达", "達"}, {"贸", "貿"}, {"电", "電"},
    {"机", "機"}, {"设", "設"}, {"产", "產"}, {"务", "務"}, {"药", "藥"}, {"医", "醫"},
    {"县", "縣"}, {"区", "區"}, {"实", "實"}, {"经", "經"}, {"营", "營"}, {"销", "銷"},
    {"门", "門"}, {"馆", "館"}, {"养", "養"}, {"种", "種"}, {"专", "專"}, {"协", "協"},
    {"会", "會"}, {"团", "團"}, {"体", "體"}, {"乐", "樂"}, {"车", "車"}, {"运", "運"},
    {"输", "輸"}, {"园", "園"}, {"宝", "寶"}, {"万", "萬"}, {"长", "長"}, {"湾", "灣"},
    {"桥", "橋"}, {"钦", "欽"}, {"银", "銀"}, {"锦", "錦"}, {"汇", "匯"}, {"丰", "豐"},
    {"联", "聯"}, {"鸿", "鴻"}, {"顺", "順"}, {"诚", "誠"}, 
    {"网", "網"}, {"络", "絡"}, {"术", "術"}, {"饮", "飲"}, {"饭", "飯"}, {"筑", "築"},
    {"装", "裝"}, {"饰", "飾"}, {"资", "資"}, {"应", "應"}, {"链", "鏈"},
    {"开", "開"}, {"渔", "漁"}, {"岭", "嶺"}, {"乡", "鄉"}, {"镇", "鎮"}, {"农", "農"},
};

const WeightedIndex& PopularCoreDraw() {
  static const WeightedIndex* const kDraw = [] {
    std::vector<double> w;
    for (size_t i = 0; i < std::size(kPopularCores); ++i) w.push_back(1.0 / std::pow(i + 1, 0.8));
    return new WeightedIndex(w);
  }();
  return *kDraw;
}

template <typename T, size_t N>
const T& Pick(Rng& rng, const T (&items)[N]) {
  return items[rng.Uniform(N)];
}

// A shorter way to write a place at the start of a name: 广西 for 广西壮族自治区, 青秀区 for
// 南宁市青秀区, 南宁 for 南宁市; `place` itself when there is none.
std::string ShorterPlace(absl::string_view place, absl::string_view province) {
  if (place == province) return "广西";
  const size_t city = place.find("市");
  if (city != absl::string_view::npos && city + 3 < place.size()) {
    return std::string(place.substr(city + 3));
  }
  return ShortPlace(place);
}

// Whether a company's place may go into brackets: the province or a city, not a county.
bool Bracketable(absl::string_view place, absl::string_view province) {
  return place == "广西" || place == province ||
         (absl::EndsWith(place, "市") && Characters(place).size() <= 4);
}

// The county as a name begins with it: districts with their city (南宁市青秀区), counties alone.
std::string CountyPlace(const County& county) {
  return county.district ? absl::StrCat(county.prefecture, county.name) : county.name;
}

}  // namespace

std::string ShortPlace(absl::string_view division_name) {
  const std::vector<absl::string_view> chars = Characters(division_name);
  // Autonomous regions and counties go by their first two characters: 广西壮族自治区 -> 广西,
  // 融水苗族自治县 -> 融水.
  if (absl::StrContains(division_name, "自治") && chars.size() > 4) {
    return absl::StrCat(chars[0], chars[1]);
  }
  if (chars.size() < 3) return std::string(division_name);
  for (absl::string_view suffix : {"市", "区", "县"}) {
    if (chars.back() == suffix) {
      return std::string(division_name.substr(0, division_name.size() - suffix.size()));
    }
  }
  return std::string(division_name);
}

std::string DivisionName(const Places& places, Level level, const County& county) {
  switch (level) {
    case Level::kProvince:
      return places.province_name();
    case Level::kPrefecture:
      return county.prefecture;
    case Level::kCounty:
      return CountyPlace(county);
  }
  return "";
}

void OrgNames::SetPlace(Level level, const County& county, Rng& rng, NameParts* name) const {
  switch (level) {
    case Level::kProvince:
      name->place = rng.Chance(0.85) ? "广西" : places_.province_name();
      name->bracket = "广西";
      return;
    case Level::kPrefecture:
      name->place = county.prefecture;
      name->bracket = ShortPlace(county.prefecture);
      return;
    case Level::kCounty:
      name->place = CountyPlace(county);
      name->bracket = ShortPlace(county.name);
      return;
  }
}

std::string OrgNames::Core(Rng& rng) const {
  const double kind = rng.Real();
  if (kind < 0.35) return std::string(kPopularCores[PopularCoreDraw().Draw(rng)]);
  if (kind < 0.95) {
    const absl::string_view first = Pick(rng, kCoreFirst);
    absl::string_view second = Pick(rng, kCoreSecond);
    while (second == first) second = Pick(rng, kCoreSecond);
    return absl::StrCat(first, second);
  }
  return std::string(Pick(rng, kThreeCharacterCores));
}

NameParts OrgNames::Company(Level level, const County& county, bool joint_stock, Rng& rng) const {
  NameParts n;
  SetPlace(level, county, rng, &n);
  n.bracketed = level != Level::kCounty && rng.Chance(0.06);
  n.core = Core(rng);
  n.trade = std::string(Pick(rng, kTrades).name);
  n.form = joint_stock ? "股份有限公司" : rng.Chance(0.72) ? "有限公司" : "有限责任公司";
  return n;
}

NameParts OrgNames::Shop(const County& county, const Person& operator_person, Rng& rng) const {
  NameParts n;
  if (rng.Chance(0.02)) {
    n.core = operator_person.name;
    return n;
  }
  const double place = rng.Real();
  if (place < 0.5) {
    n.place = CountyPlace(county);
  } else if (place < 0.8) {
    n.place = county.name;
  }
  const std::vector<absl::string_view> chars = Characters(operator_person.name);
  const absl::string_view surname = chars.empty() ? "" : chars[0];
  const double core = rng.Real();
  if (core < 0.12 && !surname.empty()) {
    n.core = absl::StrCat("老", surname);
  } else if (core < 0.22 && !surname.empty()) {
    n.core = absl::StrCat(surname, "记");
  } else if (core < 0.28 && chars.size() >= 2) {
    n.core = absl::StrCat("阿", chars.back());
  } else if (core < 0.33 && !surname.empty()) {
    n.core = absl::StrCat("小", surname);
  } else if (core < 0.75) {
    n.core = std::string(Pick(rng, kShopCores));
  } else {
    n.core = Core(rng);
  }
  const auto& [trade, form] = Pick(rng, kShopKinds);
  n.trade = std::string(trade);
  n.form = std::string(form);
  return n;
}

NameParts OrgNames::Cooperative(const County& county, Rng& rng) const {
  NameParts n;
  n.place = rng.Chance(0.7) ? CountyPlace(county) : county.name;
  if (rng.Chance(0.5)) absl::StrAppend(&n.place, places_.Township(rng));
  if (rng.Chance(0.6)) n.core = std::string(Pick(rng, kCooperativeCores));
  const auto& [product, grown] = Pick(rng, kProducts);
  const double activity = rng.Real();
  n.trade = absl::StrCat(product, activity < 0.8   ? (grown ? "种植" : "养殖")
                                  : activity < 0.9 ? "产销"
                                                   : "农机服务");
  const double form = rng.Real();
  n.form = form < 0.85 ? "农民专业合作社" : form < 0.97 ? "专业合作社" : "农民专业合作社联合社";
  return n;
}

NameParts OrgNames::Branch(const NameParts& head, const County& head_county,
                           const County& county, int ordinal, Rng& rng) const {
  NameParts n = head;
  const absl::string_view number = kOrdinals[(ordinal - 1) % std::size(kOrdinals)];
  const std::string county_short = ShortPlace(county.name);
  const double style = rng.Real();
  if (&county == &head_county) {
    // Beside the head office: a number or a road tells it apart.
    const bool shop = HasShops(head.trade);
    if (style < 0.6) {
      n.branch = absl::StrCat(number, shop ? "分店" : "分公司");
    } else {
      n.branch = absl::StrCat(places_.Road(rng), shop ? "分店" : "营业部");
    }
    return n;
  }
  if (HasShops(head.trade) && rng.Chance(0.7)) {
    if (style < 0.4) {
      n.branch = absl::StrCat(places_.Road(rng), "分店");
    } else if (style < 0.75) {
      n.branch = absl::StrCat(county_short, "分店");
    } else {
      n.branch = absl::StrCat(number, "分店");
    }
    return n;
  }
  const bool own_prefecture = absl::StartsWith(head.place, county.prefecture);
  if (style < 0.45 && !own_prefecture) {
    n.branch = absl::StrCat(ShortPlace(county.prefecture), "分公司");
  } else if (style < 0.7) {
    n.branch = absl::StrCat(county_short, "分公司");
  } else if (style < 0.8) {
    n.branch = absl::StrCat(county.name, "分公司");
  } else if (style < 0.9) {
    n.branch = absl::StrCat(number, "分公司");
  } else if (style < 0.95) {
    n.branch = absl::StrCat(ShortPlace(county.prefecture), "办事处");
  } else {
    n.branch = absl::StrCat(county_short, "营业部");
  }
  return n;
}

NameParts OrgNames::OtherName(const NameParts& name, OrgKind kind, Rng& rng) const {
  NameParts n = name;
  const double change = rng.Real();
  if (kind == OrgKind::kJointStock && change < 0.3) {
    n.form = "有限公司";  // restructured into a joint-stock company later
  } else if ((kind == OrgKind::kCompany || kind == OrgKind::kJointStock) && change < 0.35 &&
             (n.place == "广西" || n.place == places_.province_name())) {
    // Names of province-level registration are granted to companies that grew.
    const County& c = places_.PickCounty(rng);
    n.place = c.prefecture;
    n.bracket = ShortPlace(c.prefecture);
  } else if (change < 0.65 && !n.trade.empty()) {
    if (kind == OrgKind::kIndividual) {
      n.trade = std::string(Pick(rng, kShopKinds).first);
    } else if (kind == OrgKind::kCooperative) {
      const auto& [product, grown] = Pick(rng, kProducts);
      n.trade = absl::StrCat(product, grown ? "种植" : "养殖");
    } else {
      n.trade = std::string(Pick(rng, kTrades).name);
    }
  } else {
    n.core = kind == OrgKind::kCooperative ? std::string(Pick(rng, kCooperativeCores)) : Core(rng);
  }
  return n;
}

std::string OrgNames::Traditional(absl::string_view text) const {
  const std::string person_characters = names_.Traditional(text);
  std::string out;
  for (absl::string_view ch : Characters(person_characters)) {
    absl::string_view written = ch;
    for (const auto& [simple, traditional] : kTraditional) {
      if (ch == simple) written = traditional;
    }
    absl::StrAppend(&out, written);
  }
  return out;
}

std::string OrgNames::Variant(const NameParts& name, Rng& rng) const {
  // The ways this name can be varied; one is drawn, now and then a second too.
  enum Way { kBracket, kNoPlace, kShortPlace, kForm, kTraditional, kWidth };
  std::vector<Way> ways;
  const bool company = absl::EndsWith(name.form, "公司");
  const absl::string_view province = places_.province_name();
  if (company && !name.bracket.empty() && Bracketable(name.place, province)) {
    ways.push_back(kBracket);
  }
  // Only enterprises go without their place: a school or bureau without it is any county's.
  if ((company || !name.trade.empty()) && !name.place.empty() && !name.core.empty()) {
    ways.push_back(kNoPlace);
  }
  if (!name.bracketed && ShorterPlace(name.place, province) != name.place) {
    ways.push_back(kShortPlace);
  }
  if (name.form == "有限公司" || name.form == "有限责任公司" ||
      name.form == "农民专业合作社") {
    ways.push_back(kForm);
  }
  if (Traditional(name.Text()) != name.Text()) ways.push_back(kTraditional);
  if (name.bracketed) ways.push_back(kWidth);
  if (ways.empty()) return name.Text();

  NameParts n = name;
  bool traditional = false;
  bool half_width = false;
  const int count = rng.Chance(0.2) && ways.size() > 1 ? 2 : 1;
  for (int i = 0; i < count; ++i) {
    const size_t pick = rng.Uniform(ways.size());
    switch (ways[pick]) {
      case kBracket:
        n.bracketed = !n.bracketed;
        half_width = rng.Chance(0.3);
        break;
      case kNoPlace:
        n.place.clear();
        n.bracketed = false;
        break;
      case kShortPlace:
        n.place = ShorterPlace(n.place, province);
        break;
      case kForm:
        n.form = n.form == "有限公司"       ? "有限责任公司"
                 : n.form == "有限责任公司" ? "有限公司"
                                            : "专业合作社";
        break;
      case kTraditional:
        traditional = true;
        break;
      case kWidth:
        half_width = true;
        break;
    }
    ways.erase(ways.begin() + pick);
  }
  std::string text = n.Text();
  if (half_width) text = absl::StrReplaceAll(text, {{"（", "("}, {"）", ")"}});
  return traditional ? Traditional(text) : text;
}

std::string OrgNames::CompanyScope(absl::string_view trade) {
  for (const Trade& t : kTrades) {
    if (t.name == trade) return std::string(t.scope);
  }
  return "企业管理咨询；技术服务、技术开发、技术咨询";
}

bool OrgNames::HasShops(absl::string_view trade) {
  for (const Trade& t : kTrades) {
    if (t.name == trade) return t.shops;
  }
  return false;
}

}  // namespace mdhub::gen
