#include "resolver/standardize/internal/place_names.h"

#include <algorithm>
#include <cstring>

#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/strip.h"
#include "resolver/standardize/name.h"

namespace mdhub::resolver::internal {
namespace {

// How a published name ending in `suffix` is shortened: to the stem alone (when bare, and when
// at least two characters are left) and to the stem with each of `endings`. An ethnic suffix
// also drops the peoples named before it (融水苗族自治县 -> 融水). For each level the first
// suffix that fits applies.
struct Suffix {
  Level level;
  absl::string_view suffix;
  bool ethnic;
  bool bare;
  absl::string_view endings[4];
};

constexpr Suffix kSuffixes[] = {
    {kProvince, "特别行政区", false, true, {}},
    {kProvince, "自治区", true, true, {"自治区", "省"}},  // 广西省: a common slip
    {kProvince, "省", false, true, {}},
    {kProvince, "市", false, true, {}},
    {kCity, "自治州", true, true, {"州", "自治州"}},
    {kCity, "地区", false, true, {}},
    {kCity, "盟", false, true, {}},
    {kCity, "市", false, true, {}},
    {kCounty, "自治县", true, true, {"县", "自治县"}},
    {kCounty, "自治旗", true, true, {"旗", "自治旗"}},
    {kCounty, "新区", false, true, {}},
    {kCounty, "林区", false, true, {}},
    {kCounty, "特区", false, true, {}},
    {kCounty, "县", false, true, {}},
    {kCounty, "区", false, true, {}},
    {kCounty, "市", false, true, {}},
    {kCounty, "旗", false, true, {}},
    {kTownship, "街道办事处", false, true, {"街道", "街道办", "街道办事处"}},
    {kTownship, "街道", false, true, {"街道", "街道办", "街道办事处"}},
    {kTownship, "办事处", false, true, {}},
    {kTownship, "乡", true, true, {"乡"}},  // 民族乡: 金秀瑶族乡 -> 金秀乡, 金秀
    {kTownship, "镇", false, true, {}},
    {kTownship, "苏木", false, true, {}},
    // Villages are only ever read with a suffix: bare village names are too common words.
    {kVillage, "社区居民委员会", false, false, {"社区", "社区居委会", "社区居民委员会"}},
    {kVillage, "社区居委会", false, false, {"社区", "社区居委会", "社区居民委员会"}},
    {kVillage, "村民委员会", false, false, {"村", "村委", "村委会", "村民委员会"}},
    {kVillage, "村委会", false, false, {"村", "村委", "村委会", "村民委员会"}},
    {kVillage, "居民委员会", false, false, {"社区", "居委会", "居民委员会"}},
    {kVillage, "居委会", false, false, {"社区", "居委会", "居民委员会"}},
};

// The 55 minority peoples as they appear in division names, and 各 (各族, "all peoples").
constexpr absl::string_view kPeoples[] = {
    "蒙古", "回", "藏", "维吾尔", "苗", "彝", "壮", "布依", "朝鲜", "满", "侗", "瑶", "白",
    "土家", "哈尼", "哈萨克", "傣", "黎", "傈僳", "佤", "畲", "高山", "拉祜", "水", "东乡",
    "纳西", "景颇", "柯尔克孜", "土", "达斡尔", "仫佬", "羌", "布朗", "撒拉", "毛南", "仡佬",
    "锡伯", "阿昌", "普米", "塔吉克", "怒", "乌孜别克", "俄罗斯", "鄂温克", "德昂", "保安",
    "裕固", "京", "塔塔尔", "独龙", "鄂伦春", "赫哲", "门巴", "珞巴", "基诺", "各"};

size_t CodePoints(absl::string_view s) {
  size_t n = 0;
  for (char c : s) n += (static_cast<unsigned char>(c) & 0xC0) != 0x80;
  return n;
}

// Drops trailing peoples: "融水苗族" -> "融水", "海西蒙古族藏族" -> "海西", "新疆维吾尔" -> "新疆".
// Without 族 only when `bare_peoples` and the people has two or more characters (names of
// autonomous areas above the township write 维吾尔, 蒙古, 哈萨克 so); two characters are kept.
absl::string_view StripPeoples(absl::string_view stem, bool bare_peoples) {
  for (bool stripped = true; stripped;) {
    stripped = false;
    for (absl::string_view people : kPeoples) {
      absl::string_view rest = stem;
      if (absl::EndsWith(rest, "族")) rest.remove_suffix(std::strlen("族"));
      else if (!bare_peoples || CodePoints(people) < 2) continue;
      if (!absl::ConsumeSuffix(&rest, people) || CodePoints(rest) < 2) continue;
      stem = rest;
      stripped = true;
      break;
    }
  }
  return stem;
}

// Prefecture rows that stand for no prefecture (a municipality's districts, the counties a
// province governs directly).
bool IsPlaceholder(absl::string_view name) {
  return name == "市辖区" || name == "县" || absl::EndsWith(name, "行政区划");
}

}  // namespace

std::string NormaliseAddressText(absl::string_view raw) {
  const std::string written = HalfWidthSimplified(raw);
  std::string out;
  out.reserve(written.size());
  for (size_t i = 0; i < written.size(); ++i) {
    const char c = written[i];
    if (absl::ascii_isspace(static_cast<unsigned char>(c))) continue;
    // U+00A0 and U+3000, should they survive the half-width transform.
    if (written.compare(i, 2, "\xC2\xA0") == 0) {
      i += 1;
      continue;
    }
    if (written.compare(i, 3, "\xE3\x80\x80") == 0) {
      i += 2;
      continue;
    }
    out.push_back(absl::ascii_tolower(static_cast<unsigned char>(c)));
  }
  return out;
}

PlaceNames::PlaceNames(const DivisionTable& divisions, const LocalDivisionTable& locals) {
  for (Level level : {kProvince, kCity, kCounty}) {
    for (const std::string& code : divisions.CodesUnder("", kCodeLength[level])) {
      const DivisionTable::Division* d = divisions.Find(code);
      if (level == kCity && IsPlaceholder(d->name)) continue;
      // A retired county's old name is still written on old documents: read it as its successor.
      AddName(level, NormaliseAddressText(d->name), divisions.Current(code));
    }
  }
  for (const LocalDivisionTable::Division& d : locals.townships()) {
    AddName(kTownship, NormaliseAddressText(d.name), d.code);
  }
  for (const LocalDivisionTable::Division& d : locals.villages()) {
    AddName(kVillage, NormaliseAddressText(d.name), d.code);
  }
}

const std::vector<PlaceReading>* PlaceNames::Find(Level level, absl::string_view form) const {
  auto it = forms_[level].find(form);
  return it == forms_[level].end() ? nullptr : &it->second;
}

void PlaceNames::AddName(Level level, const std::string& name, const std::string& code) {
  Add(level, name, code, /*bare=*/false);
  for (const Suffix& s : kSuffixes) {
    if (s.level != level || !absl::EndsWith(name, s.suffix) || name.size() == s.suffix.size()) {
      continue;
    }
    absl::string_view stem = absl::string_view(name).substr(0, name.size() - s.suffix.size());
    if (s.ethnic) stem = StripPeoples(stem, /*bare_peoples=*/level < kTownship);
    if (s.bare && CodePoints(stem) >= 2) Add(level, std::string(stem), code, /*bare=*/true);
    // A village called 方村 (方村村委会) is written 方村 as often as 方村村.
    if (level == kVillage && absl::EndsWith(stem, "村")) Add(level, std::string(stem), code, false);
    for (absl::string_view ending : s.endings) {
      if (ending.empty()) break;
      Add(level, absl::StrCat(stem, ending), code, /*bare=*/false);
    }
    break;
  }
}

void PlaceNames::Add(Level level, std::string form, const std::string& code, bool bare) {
  std::vector<PlaceReading>& readings = forms_[level][form];
  for (PlaceReading& r : readings) {
    if (r.code != code) continue;
    r.bare = r.bare && bare;  // written in full somewhere: no run-on check
    return;
  }
  max_bytes_[level] = std::max(max_bytes_[level], form.size());
  readings.push_back(PlaceReading{code, bare});
}

}  // namespace mdhub::resolver::internal
