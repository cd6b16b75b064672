#include "tools/gen/internal/chinese_names.h"

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <utility>

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"

namespace mdhub::gen {
namespace {

struct Weighted {
  absl::string_view text;
  double weight;
};

// Surnames with weights in per cent, shaped after Guangxi (黄 first, Zhuang surnames high) with
// the national top ten present.
constexpr Weighted kSurnames[] = {
    {"黄", 8.0}, {"李", 6.5}, {"陈", 5.0}, {"韦", 4.5}, {"梁", 3.8}, {"刘", 3.2}, {"莫", 2.8},
    {"覃", 2.6}, {"杨", 2.6}, {"罗", 2.4}, {"张", 2.4}, {"王", 2.2}, {"蒙", 1.6}, {"廖", 1.5},
    {"周", 1.5}, {"吴", 1.4}, {"唐", 1.4}, {"林", 1.3}, {"何", 1.3}, {"陆", 1.2}, {"蓝", 1.1},
    {"邓", 1.1}, {"谢", 1.0}, {"潘", 1.0}, {"农", 1.0}, {"卢", 0.9}, {"曾", 0.8}, {"钟", 0.8},
    {"冯", 0.7}, {"赵", 0.7}, {"苏", 0.6}, {"朱", 0.6}, {"徐", 0.5}, {"胡", 0.5}, {"郑", 0.5},
    {"谭", 0.4}, {"孙", 0.4}, {"马", 0.4}, {"高", 0.4}, {"郭", 0.4}, {"宋", 0.4}, {"甘", 0.4},
    {"秦", 0.3}, {"许", 0.3}, {"庞", 0.3}, {"滕", 0.3}, {"雷", 0.3}, {"凌", 0.3}, {"岑", 0.3},
    {"邱", 0.3}, {"石", 0.3}, {"黎", 0.3}, {"龙", 0.3}, {"陶", 0.25}, {"叶", 0.25}, {"余", 0.25},
    {"劳", 0.2}, {"麦", 0.2}, {"邹", 0.2}, {"姚", 0.2}, {"班", 0.15}, {"阮", 0.15}, {"骆", 0.15},
    {"欧阳", 0.05},
};

// Common given names by rank (Zipf-like weights come from the rank), with the generation they
// belong to: 0 any, 1 born before 1970, 2 born 2000 or later.
struct CommonName {
  absl::string_view text;
  int era;
};
constexpr CommonName kMaleNames[] = {
    {"伟", 0},   {"强", 0},   {"磊", 0},   {"军", 0},   {"勇", 0},   {"杰", 0},   {"涛", 0},
    {"斌", 0},   {"明", 0},   {"超", 0},   {"刚", 0},   {"平", 0},   {"辉", 0},   {"鹏", 0},
    {"华", 0},   {"飞", 0},   {"波", 0},   {"建华", 1}, {"建国", 1}, {"志强", 0}, {"国强", 1},
    {"建军", 1}, {"海涛", 0}, {"俊杰", 2}, {"浩然", 2}, {"子轩", 2}, {"宇轩", 2}, {"文杰", 0},
    {"家豪", 2}, {"志明", 0}, {"永强", 0}, {"德华", 1}, {"金福", 1}, {"进财", 1}, {"文斌", 0},
    {"海波", 0}, {"晓东", 0}, {"小龙", 0}, {"春生", 1}, {"立新", 1}, {"振华", 1}, {"国庆", 1},
    {"卫东", 1}, {"红军", 1}, {"宇", 0},   {"浩", 0},   {"凯", 0},   {"健", 0},   {"俊", 0},
    {"龙", 0},   {"林", 0},   {"阳", 0},   {"帅", 2},   {"鑫", 2},   {"锋", 0},   {"亮", 0},
    {"东", 0},   {"新", 0},   {"文", 0},   {"宁", 0},   {"梓豪", 2}, {"俊熙", 2}, {"一鸣", 2},
    {"天佑", 2}, {"明辉", 0}, {"德明", 1}, {"桂生", 1}, {"福生", 1}, {"有才", 1}, {"世荣", 1},
};
constexpr CommonName kFemaleNames[] = {
    {"芳", 0},   {"娜", 0},   {"敏", 0},   {"静", 0},   {"丽", 0},   {"艳", 0},   {"娟", 0},
    {"霞", 0},   {"燕", 0},   {"玲", 0},   {"秀英", 1}, {"桂英", 1}, {"丹", 0},   {"萍", 0},
    {"红", 0},   {"玉兰", 1}, {"桂兰", 1}, {"秀兰", 1}, {"婷", 0},   {"雪", 0},   {"琳", 0},
    {"倩", 0},   {"慧", 0},   {"莉", 0},   {"梅", 0},   {"兰", 0},   {"英", 0},   {"凤", 0},
    {"洁", 0},   {"颖", 0},   {"晶", 0},   {"欣怡", 2}, {"诗涵", 2}, {"梓涵", 2}, {"雨涵", 2},
    {"子涵", 2}, {"思琪", 2}, {"佳怡", 2}, {"美玲", 0}, {"丽华", 0}, {"海燕", 0}, {"小红", 0},
    {"春梅", 1}, {"金凤", 1}, {"月娥", 1}, {"秋菊", 1}, {"桂香", 1}, {"秀珍", 1}, {"凤英", 1},
    {"丽娟", 0}, {"艳玲", 0}, {"小燕", 0}, {"雪梅", 0}, {"晓燕", 0}, {"婷婷", 0}, {"欣", 2},
    {"悦", 2},   {"可馨", 2}, {"雨桐", 2}, {"紫涵", 2}, {"玉梅", 1}, {"春燕", 0}, {"秀梅", 1},
    {"凤娇", 1}, {"美华", 0},
};
// Characters for composed two-character given names (the long tail).
constexpr absl::string_view kMaleFirst[] = {
    "志", "建", "国", "海", "文", "明", "永", "俊", "家", "德", "宏", "振", "世", "金", "春",
    "晓", "子", "浩", "宇", "天", "嘉", "立", "庆", "有", "光", "学", "荣", "昌", "贵", "祖",
    "兴", "东", "成"};
constexpr absl::string_view kMaleSecond[] = {
    "军", "华", "伟", "杰", "平", "林", "雄", "福", "江", "生", "胜", "亮", "刚", "彬", "锋",
    "辉", "鹏", "飞", "涛", "勇", "强", "龙", "波", "新", "超", "斌", "鸿", "铭", "明", "宁"};
constexpr absl::string_view kFemaleFirst[] = {
    "秀", "桂", "玉", "丽", "美", "春", "金", "海", "晓", "小", "雪", "月", "艳", "凤", "红",
    "丹", "佳", "欣", "思", "雨", "梓", "诗", "静", "慧"};
constexpr absl::string_view kFemaleSecond[] = {
    "婷", "芳", "兰", "英", "梅", "霞", "燕", "玲", "娟", "萍", "琳", "莉", "洁", "颖", "莹",
    "珍", "华", "琴", "敏", "娜", "倩", "怡", "涵", "琪", "丽", "凤", "香", "菊"};

// Readings without tones; 覃 is read qin, as its Guangxi bearers say it.
constexpr std::pair<absl::string_view, absl::string_view> kPinyin[] = {
    {"黄", "huang"}, {"李", "li"},     {"陈", "chen"},   {"韦", "wei"},    {"梁", "liang"},
    {"刘", "liu"},   {"莫", "mo"},     {"覃", "qin"},    {"杨", "yang"},   {"罗", "luo"},
    {"张", "zhang"}, {"王", "wang"},   {"蒙", "meng"},   {"廖", "liao"},   {"周", "zhou"},
    {"吴", "wu"},    {"唐", "tang"},   {"林", "lin"},    {"何", "he"},     {"陆", "lu"},
    {"蓝", "lan"},   {"邓", "deng"},   {"谢", "xie"},    {"潘", "pan"},    {"农", "nong"},
    {"卢", "lu"},    {"曾", "zeng"},   {"钟", "zhong"},  {"冯", "feng"},   {"赵", "zhao"},
    {"苏", "su"},    {"朱", "zhu"},    {"徐", "xu"},     {"胡", "hu"},     {"郑", "zheng"},
    {"谭", "tan"},   {"孙", "sun"},    {"马", "ma"},     {"高", "gao"},    {"郭", "guo"},
    {"宋", "song"},  {"甘", "gan"},    {"秦", "qin"},    {"许", "xu"},     {"庞", "pang"},
    {"滕", "teng"},  {"雷", "lei"},    {"凌", "ling"},   {"岑", "cen"},    {"邱", "qiu"},
    {"石", "shi"},   {"黎", "li"},     {"龙", "long"},   {"陶", "tao"},    {"叶", "ye"},
    {"余", "yu"},    {"劳", "lao"},    {"麦", "mai"},    {"邹", "zou"},    {"姚", "yao"},
    {"班", "ban"},   {"阮", "ruan"},   {"骆", "luo"},    {"欧", "ou"},     {"阳", "yang"},
    {"伟", "wei"},   {"强", "qiang"},  {"磊", "lei"},    {"军", "jun"},    {"勇", "yong"},
    {"杰", "jie"},   {"涛", "tao"},    {"斌", "bin"},    {"明", "ming"},   {"超", "chao"},
    {"刚", "gang"},  {"平", "ping"},   {"辉", "hui"},    {"鹏", "peng"},   {"华", "hua"},
    {"飞", "fei"},   {"波", "bo"},     {"建", "jian"},   {"国", "guo"},    {"志", "zhi"},
    {"海", "hai"},   {"俊", "jun"},    {"浩", "hao"},    {"然", "ran"},    {"子", "zi"},
    {"轩", "xuan"},  {"宇", "yu"},     {"文", "wen"},    {"家", "jia"},    {"豪", "hao"},
    {"永", "yong"},  {"德", "de"},     {"金", "jin"},    {"福", "fu"},     {"进", "jin"},
    {"财", "cai"},   {"晓", "xiao"},   {"东", "dong"},   {"小", "xiao"},   {"春", "chun"},
    {"生", "sheng"}, {"立", "li"},     {"新", "xin"},    {"振", "zhen"},   {"庆", "qing"},
    {"卫", "wei"},   {"红", "hong"},   {"凯", "kai"},    {"健", "jian"},   {"帅", "shuai"},
    {"鑫", "xin"},   {"锋", "feng"},   {"亮", "liang"},  {"宁", "ning"},   {"梓", "zi"},
    {"熙", "xi"},    {"一", "yi"},     {"鸣", "ming"},   {"天", "tian"},   {"佑", "you"},
    {"桂", "gui"},   {"有", "you"},    {"才", "cai"},    {"世", "shi"},    {"荣", "rong"},
    {"宏", "hong"},  {"嘉", "jia"},    {"光", "guang"},  {"学", "xue"},    {"昌", "chang"},
    {"贵", "gui"},   {"祖", "zu"},     {"兴", "xing"},   {"成", "cheng"},  {"雄", "xiong"},
    {"江", "jiang"}, {"胜", "sheng"},  {"彬", "bin"},    {"鸿", "hong"},   {"铭", "ming"},
    {"芳", "fang"},  {"娜", "na"},     {"敏", "min"},    {"静", "jing"},   {"丽", "li"},
    {"艳", "yan"},   {"娟", "juan"},   {"霞", "xia"},    {"燕", "yan"},    {"玲", "ling"},
    {"秀", "xiu"},   {"英", "ying"},   {"丹", "dan"},    {"萍", "ping"},   {"玉", "yu"},
    {"兰", "lan"},   {"婷", "ting"},   {"雪", "xue"},    {"琳", "lin"},    {"倩", "qian"},
    {"慧", "hui"},   {"莉", "li"},     {"梅", "mei"},    {"凤", "feng"},   {"洁", "jie"},
    {"颖", "ying"},  {"晶", "jing"},   {"欣", "xin"},    {"怡", "yi"},     {"诗", "shi"},
    {"涵", "han"},   {"雨", "yu"},     {"思", "si"},     {"琪", "qi"},     {"佳", "jia"},
    {"美", "mei"},   {"月", "yue"},    {"娥", "e"},      {"秋", "qiu"},    {"菊", "ju"},
    {"香", "xiang"}, {"珍", "zhen"},   {"悦", "yue"},    {"可", "ke"},     {"馨", "xin"},
    {"桐", "tong"},  {"紫", "zi"},     {"娇", "jiao"},   {"莹", "ying"},   {"琴", "qin"},
};

// Groups of characters with the same reading (tones aside) that clerks write for one another.
constexpr absl::string_view kSameSounding[] = {
    "伟玮炜",   "芳方舫",   "丽莉俐利", "娜纳",     "静婧靖",   "敏民珉",   "军君钧",
    "俊峻骏",   "杰洁捷婕", "明铭鸣",   "华桦骅",   "玲灵伶",   "琳霖淋",   "婷亭庭",
    "燕艳雁",   "红宏鸿虹", "斌彬宾",   "涛滔韬",   "磊蕾",     "勇永咏",   "辉晖徽",
    "慧惠蕙",   "霞侠",     "建健剑",   "志智治",   "强蔷",     "鹏朋",     "宇雨语羽",
    "梅玫",     "兰岚",     "英莹瑛",   "凤峰锋枫", "萍苹屏",   "娟鹃涓",   "东冬",
    "佳家嘉",   "浩昊皓",   "轩宣萱",   "涵含晗",   "琪琦祺淇", "怡宜仪",   "欣鑫馨",
    "思斯丝",   "文雯",     "金锦",     "福富",     "桂贵",     "秀绣",     "雪学",
    "飞菲",     "龙隆",     "振震",     "晓筱",     "超潮",     "刚钢",     "春椿",
    "珍真",     "琴勤",     "颖影",     "洁婕",     "倩茜",     "月悦",
};

// Surnames that a clerk mishears for another (Guangxi speech merges 黄 and 王).
constexpr absl::string_view kMisheardSurnames[] = {
    "黄王", "覃谭", "陆卢", "刘柳", "李黎", "张章", "杨阳", "吴伍", "周邹", "徐许", "蓝兰",
    "蒙孟", "钟仲", "韦魏", "林凌",
};

constexpr std::pair<absl::string_view, absl::string_view> kTraditional[] = {
    {"华", "華"}, {"国", "國"}, {"丽", "麗"}, {"伟", "偉"}, {"红", "紅"}, {"军", "軍"},
    {"兰", "蘭"}, {"凤", "鳳"}, {"龙", "龍"}, {"东", "東"}, {"杰", "傑"}, {"贵", "貴"},
    {"刘", "劉"}, {"陈", "陳"}, {"张", "張"}, {"杨", "楊"}, {"赵", "趙"}, {"吴", "吳"},
    {"郑", "鄭"}, {"罗", "羅"}, {"邓", "鄧"}, {"谢", "謝"}, {"冯", "馮"}, {"韦", "韋"},
    {"陆", "陸"}, {"蓝", "藍"}, {"钟", "鍾"}, {"卢", "盧"}, {"苏", "蘇"}, {"孙", "孫"},
    {"马", "馬"}, {"许", "許"}, {"庞", "龐"}, {"叶", "葉"}, {"艳", "艷"}, {"强", "強"},
    {"刚", "剛"}, {"涛", "濤"}, {"鹏", "鵬"}, {"飞", "飛"}, {"辉", "輝"}, {"宁", "寧"},
    {"阳", "陽"}, {"荣", "榮"}, {"凯", "凱"}, {"帅", "帥"}, {"进", "進"}, {"财", "財"},
    {"庆", "慶"}, {"兴", "興"}, {"学", "學"}, {"锋", "鋒"}, {"铭", "銘"}, {"鸿", "鴻"},
    {"娇", "嬌"}, {"诗", "詩"}, {"晓", "曉"}, {"卫", "衛"}, {"颖", "穎"}, {"莹", "瑩"},
    {"轩", "軒"}, {"鸣", "鳴"}, {"骆", "駱"}, {"劳", "勞"}, {"麦", "麥"}, {"谭", "譚"},
    {"邹", "鄒"}, {"农", "農"}, {"欧", "歐"}, {"桦", "樺"}, {"骅", "驊"}, {"玮", "瑋"},
};

void Abort(absl::string_view what) {
  std::fprintf(stderr, "chinese_names: %.*s\n", static_cast<int>(what.size()), what.data());
  std::abort();
}

}  // namespace

std::vector<absl::string_view> Characters(absl::string_view s) {
  std::vector<absl::string_view> out;
  size_t i = 0;
  while (i < s.size()) {
    const unsigned char c = s[i];
    size_t n = c < 0x80 ? 1 : c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4;
    n = std::min(n, s.size() - i);
    out.push_back(s.substr(i, n));
    i += n;
  }
  return out;
}

ChineseNames::GivenNameTable ChineseNames::MakeGivenNames(bool male) {
  absl::Span<const CommonName> common = male ? absl::MakeConstSpan(kMaleNames)
                                             : absl::MakeConstSpan(kFemaleNames);
  GivenNameTable t;
  std::vector<double> weights[2];
  for (const CommonName& n : common) {
    const int length = static_cast<int>(Characters(n.text).size());
    CommonNames& list = length == 1 ? t.one_character : t.two_characters;
    list.names.push_back(n.text);
    list.era.push_back(n.era);
    // Zipf-like by rank within the list: steep for one-character names (伟, 芳 and 娜 lead), flat
    // for two-character ones, which vary more.
    weights[length - 1].push_back(1.0 / (list.names.size() + (length == 1 ? 2 : 30)));
  }
  t.one_character.draw = WeightedIndex(weights[0]);
  t.two_characters.draw = WeightedIndex(weights[1]);
  if (male) {
    t.first_chars.assign(std::begin(kMaleFirst), std::end(kMaleFirst));
    t.second_chars.assign(std::begin(kMaleSecond), std::end(kMaleSecond));
  } else {
    t.first_chars.assign(std::begin(kFemaleFirst), std::end(kFemaleFirst));
    t.second_chars.assign(std::begin(kFemaleSecond), std::end(kFemaleSecond));
  }
  return t;
}

ChineseNames::ChineseNames()
    : surname_draw_({1.0}), male_(MakeGivenNames(true)), female_(MakeGivenNames(false)) {
  std::vector<double> weights;
  for (const Weighted& s : kSurnames) {
    surnames_.push_back(s.text);
    weights.push_back(s.weight);
  }
  surname_draw_ = WeightedIndex(weights);
  for (const auto& [ch, reading] : kPinyin) pinyin_[ch] = reading;
  for (absl::string_view group : kSameSounding) {
    for (absl::string_view ch : Characters(group)) same_sounding_[ch] = group;
  }
  for (absl::string_view group : kMisheardSurnames) {
    for (absl::string_view ch : Characters(group)) misheard_surname_[ch] = group;
  }
  for (const auto& [simple, traditional] : kTraditional) {
    traditional_[simple] = traditional;
    simplified_[traditional] = simple;
  }
  for (absl::string_view s : surnames_) CheckReadings(s);
  for (const GivenNameTable* t : {&male_, &female_}) {
    for (absl::string_view n : t->one_character.names) CheckReadings(n);
    for (absl::string_view n : t->two_characters.names) CheckReadings(n);
    for (absl::string_view c : t->first_chars) CheckReadings(c);
    for (absl::string_view c : t->second_chars) CheckReadings(c);
  }
}

void ChineseNames::CheckReadings(absl::string_view text) const {
  for (absl::string_view ch : Characters(text)) {
    if (!pinyin_.contains(ch)) Abort(absl::StrCat("no pinyin for ", ch));
  }
}

absl::string_view ChineseNames::Surname(Rng& rng) const {
  return surnames_[surname_draw_.Draw(rng)];
}

absl::string_view ChineseNames::DrawCommon(const CommonNames& names, int era, Rng& rng) {
  // A few tries for a name that suits the generation.
  for (int attempt = 0; attempt < 4; ++attempt) {
    const size_t i = names.draw.Draw(rng);
    if (names.era[i] == 0 || names.era[i] == era) return names.names[i];
  }
  return "";
}

std::string ChineseNames::GivenName(bool male, int birth_year, Rng& rng) const {
  const GivenNameTable& t = male ? male_ : female_;
  const int era = birth_year < 1970 ? 1 : birth_year >= 2000 ? 2 : 0;
  // One-character names peaked among people born from the 1960s to the 1990s.
  const double one_character = birth_year >= 1960 && birth_year < 2000 ? 0.35 : 0.18;
  if (rng.Chance(one_character)) {
    absl::string_view name = DrawCommon(t.one_character, era, rng);
    if (!name.empty()) return std::string(name);
  }
  if (rng.Chance(0.55)) {
    absl::string_view name = DrawCommon(t.two_characters, era, rng);
    if (!name.empty()) return std::string(name);
  }
  absl::string_view first = rng.Pick(absl::MakeConstSpan(t.first_chars));
  absl::string_view second = first;
  while (second == first) second = rng.Pick(absl::MakeConstSpan(t.second_chars));
  return absl::StrCat(first, second);
}

std::string ChineseNames::Pinyin(absl::string_view surname, absl::string_view given,
                                 bool upper_case_surname) const {
  std::string family, personal;
  for (absl::string_view ch : Characters(surname)) absl::StrAppend(&family, pinyin_.at(ch));
  for (absl::string_view ch : Characters(given)) absl::StrAppend(&personal, pinyin_.at(ch));
  if (upper_case_surname) {
    absl::AsciiStrToUpper(&family);
  } else if (!family.empty()) {
    family[0] = absl::ascii_toupper(family[0]);
  }
  if (!personal.empty()) personal[0] = absl::ascii_toupper(personal[0]);
  return absl::StrCat(family, " ", personal);
}

std::string ChineseNames::SameSounding(absl::string_view text, Rng& rng) const {
  std::vector<absl::string_view> chars = Characters(text);
  std::vector<size_t> candidates;
  for (size_t i = 0; i < chars.size(); ++i) {
    if (same_sounding_.contains(chars[i])) candidates.push_back(i);
  }
  if (candidates.empty()) return std::string(text);
  const size_t i = candidates[rng.Uniform(candidates.size())];
  std::vector<absl::string_view> group = Characters(same_sounding_.at(chars[i]));
  absl::string_view replacement = chars[i];
  while (replacement == chars[i]) replacement = group[rng.Uniform(group.size())];
  chars[i] = replacement;
  std::string out;
  for (absl::string_view c : chars) absl::StrAppend(&out, c);
  return out;
}

std::string ChineseNames::MisheardSurname(absl::string_view surname, Rng& rng) const {
  auto it = misheard_surname_.find(surname);
  if (it == misheard_surname_.end()) return std::string(surname);
  std::vector<absl::string_view> group = Characters(it->second);
  absl::string_view replacement = surname;
  while (replacement == surname) replacement = group[rng.Uniform(group.size())];
  return std::string(replacement);
}

std::string ChineseNames::Traditional(absl::string_view text) const {
  std::string out;
  for (absl::string_view ch : Characters(text)) {
    auto it = traditional_.find(ch);
    absl::StrAppend(&out, it == traditional_.end() ? ch : it->second);
  }
  return out;
}

bool ChineseNames::HasTraditional(absl::string_view text) const {
  for (absl::string_view ch : Characters(text)) {
    if (simplified_.contains(ch)) return true;
  }
  return false;
}

}  // namespace mdhub::gen
