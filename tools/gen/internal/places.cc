#include "tools/gen/internal/places.h"

#include <cstdint>

#include "absl/container/flat_hash_map.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"

namespace mdhub::gen {
namespace {

constexpr absl::string_view kRoads[] = {
    "民族大道", "人民路", "解放路", "中山路", "新华路", "建设路", "朝阳路", "友爱路",
    "东葛路",   "桃源路", "星光大道", "北京路", "长湖路", "江南路", "五一路", "团结路",
    "和平路",   "文化路", "环城路", "城东路", "城西路", "南环路", "北环路", "滨江路",
    "迎宾路",   "沿江路", "园湖路", "金湖路", "大学路", "明秀路", "友谊路", "工业路",
    "育才路",   "公园路", "振兴路", "新民路", "青年路", "胜利路", "红星路", "府前路",
    "桂花路",   "榕树路", "龙腾路", "广场路", "体育路", "站前路", "凤凰路", "金桂路",
};
// Syllables of Zhuang place names (那 field, 板 village, 弄 valley, 百 mouth ...).
constexpr absl::string_view kPlaceFirst[] = {
    "那", "板", "弄", "百", "六", "古", "都", "龙", "平", "岜", "陇", "坡", "上", "下",
    "新", "大", "小", "东", "西", "南", "北", "江", "排", "立", "伏", "定", "敢", "渠"};
constexpr absl::string_view kPlaceSecond[] = {
    "马", "利", "良", "洪", "孟", "烈", "敏", "林", "桥", "塘", "江", "安", "坡", "岭", "龙",
    "蒙", "怀", "伦", "务", "立", "排", "降", "宁", "兴", "和", "福", "旺", "盛", "明", "岸"};
constexpr absl::string_view kBrands[] = {
    "兴旺", "宏达", "桂通", "鑫源", "金穗", "恒达", "永安", "南方", "壮乡", "绿城", "八桂",
    "红水河", "邕江", "凯丰", "联发", "华强", "福满", "盛世", "东盟", "北部湾", "漓江", "西江",
    "铭泰", "荣和", "新桂", "广信", "中恒", "博远", "天泽", "锦华"};
constexpr absl::string_view kTrades[] = {
    "建筑工程", "物流", "商贸", "食品", "机械制造", "电子科技", "农业开发", "房地产开发",
    "医药", "汽车销售服务", "餐饮管理", "物业服务", "糖业", "林业", "建材", "投资",
    "电力工程", "劳务派遣", "网络科技", "水产养殖"};
constexpr absl::string_view kCompanyForms[] = {"有限公司", "有限责任公司", "股份有限公司"};
constexpr absl::string_view kPublicBodies[] = {
    "人民医院", "中医医院", "妇幼保健院", "第一中学", "第二中学", "实验小学", "人民政府",
    "公安局", "教育局", "自然资源局", "供电局", "住房和城乡建设局"};

std::string PlaceName(Rng& rng) {
  return absl::StrCat(rng.Pick(absl::MakeConstSpan(kPlaceFirst)),
                      rng.Pick(absl::MakeConstSpan(kPlaceSecond)));
}

uint64_t CodeNumber(absl::string_view code) {
  uint64_t n = 0;
  for (char c : code) n = n * 10 + static_cast<uint64_t>(c - '0');
  return n;
}

}  // namespace

absl::StatusOr<Places> Places::Create(const resolver::DivisionTable& divisions,
                                      absl::string_view province_code) {
  Places p;
  const resolver::DivisionTable::Division* province = divisions.Find(province_code);
  if (province == nullptr || province_code.size() != 2) {
    return absl::NotFoundError(absl::StrCat("no province with code \"", province_code, "\""));
  }
  p.province_name_ = province->name;
  // Retired codes by their successor.
  absl::flat_hash_map<std::string, const resolver::DivisionTable::Division*> retired;
  absl::flat_hash_map<std::string, std::string> retired_code;
  for (const std::string& code : divisions.CodesUnder(province_code, 6)) {
    const resolver::DivisionTable::Division* d = divisions.Find(code);
    if (!d->successor.empty()) {
      retired[d->successor] = d;
      retired_code[d->successor] = code;
    }
  }
  for (const std::string& code : divisions.CodesUnder(province_code, 6)) {
    const resolver::DivisionTable::Division* d = divisions.Find(code);
    const resolver::DivisionTable::Division* prefecture = divisions.Find(code.substr(0, 4));
    if (!d->successor.empty() || prefecture == nullptr) continue;
    County c{code, d->name, prefecture->name, absl::EndsWith(d->name, "区"), "", 0};
    if (auto it = retired.find(code); it != retired.end() && it->second->retired_in > 0) {
      c.former_code = retired_code[code];
      c.former_code_until = it->second->retired_in;
    }
    p.counties_.push_back(std::move(c));
  }
  if (p.counties_.empty()) {
    return absl::NotFoundError(absl::StrCat("no county-level divisions under ", province_code));
  }
  return p;
}

std::string Places::Locality(const County& county, Rng& rng) const {
  if (county.district || rng.Chance(0.4)) {
    std::string s = absl::StrCat(rng.Pick(absl::MakeConstSpan(kRoads)), rng.Between(1, 399), "号");
    if (rng.Chance(0.5)) {
      absl::StrAppend(&s, rng.Between(1, 30), "栋", rng.Between(1, 6), "单元", rng.Between(1, 18),
                      "0", rng.Between(1, 4), "室");
    }
    return s;
  }
  return absl::StrCat(PlaceName(rng), rng.Chance(0.8) ? "镇" : "乡", PlaceName(rng), "村",
                      PlaceName(rng), "屯", rng.Between(1, 200), "号");
}

std::string Places::FullAddress(const County& county, absl::string_view locality) const {
  return absl::StrCat(province_name_, county.prefecture, county.name, locality);
}

std::string Places::Employer(const County& county, Rng& rng) const {
  return EmployerName(county, static_cast<int>(rng.Uniform(kEmployersPerPrefecture)));
}

std::string Places::EmployerName(const County& county, int number) const {
  Rng name(CodeNumber(county.code.substr(0, 4)), static_cast<uint64_t>(number));
  if (name.Chance(0.2)) {
    return absl::StrCat(county.prefecture, name.Pick(absl::MakeConstSpan(kPublicBodies)));
  }
  absl::string_view place = name.Chance(0.3) ? "广西" : absl::string_view(county.prefecture);
  return absl::StrCat(place, name.Pick(absl::MakeConstSpan(kBrands)),
                      name.Pick(absl::MakeConstSpan(kTrades)),
                      name.Pick(absl::MakeConstSpan(kCompanyForms)));
}

std::string Places::Township(Rng& rng) const {
  std::string name = PlaceName(rng);
  return absl::StrCat(name, rng.Chance(0.8) ? "镇" : "乡");
}

std::string Places::Road(Rng& rng) const {
  return std::string(rng.Pick(absl::MakeConstSpan(kRoads)));
}

}  // namespace mdhub::gen
