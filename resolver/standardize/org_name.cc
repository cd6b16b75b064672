#include "resolver/standardize/org_name.h"

#include <algorithm>
#include <string>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "common/shared_memo.h"
#include "resolver/standardize/address.h"
#include "resolver/standardize/divisions.h"
#include "resolver/standardize/local_divisions.h"
#include "resolver/standardize/name.h"

namespace mdhub::resolver {
namespace {

// Legal forms and kinds of organisation, matched at the end of the name, the longest that fits.
// Enterprises and businesses (business registration), social organisations (civil affairs),
// public institutions and government organs (establishment office). Single characters (厂, 店,
// 局, 院 ...) are kinds rather than forms, but two records of one organisation write them alike.
constexpr absl::string_view kForms[] = {
    // Companies (公司法), groups.
    "集团股份有限公司", "集团有限责任公司", "集团有限公司", "股份有限公司", "有限责任公司",
    "有限公司", "集团公司", "总公司", "公司", "集团",
    // Partnerships, sole proprietorships, individual businesses.
    "合伙企业", "个人独资企业", "个体工商户",
    // Cooperatives.
    "农民专业合作社联合社", "农民专业合作社", "专业合作社", "股份经济合作社", "经济合作社",
    "股份合作社", "合作社",
    // Shops and works.
    "经营部", "门市部", "商行", "商店", "厂", "店",
    // Social groups and foundations (社会团体, 基金会).
    "基金会", "研究会", "促进会", "联合会", "商会", "协会", "学会",
    // Private non-enterprise units and public institutions (民办非企业单位, 事业单位).
    "事务所", "中心", "医院", "卫生院", "学校", "幼儿园", "研究院", "研究所", "院", "所", "站",
    "队", "馆",
    // Government organs.
    "人民政府", "街道办事处", "委员会", "办公室", "局", "厅",
};

// Written in brackets after the form of a partnership ("会计师事务所(特殊普通合伙)").
constexpr absl::string_view kPartnershipTags[] = {"特殊普通合伙", "普通合伙", "有限合伙"};

// Branch markers, matched at the end of the name.
constexpr absl::string_view kBranchMarkers[] = {
    "分公司", "分店", "分厂", "分行", "支行", "分理处", "营业部", "营业所", "办事处",
    "分院",   "分局", "分所", "分会", "分社", "分部", "分校"};

// Where a head office's name ends, besides its legal form: "中国工商银行|南宁分行".
constexpr absl::string_view kHeadEnds[] = {"银行", "超市", "证券", "保险", "酒店", "药房"};

// Bracket contents that add nothing: "某某(中国)投资有限公司".
constexpr absl::string_view kCountries[] = {"中国", "中华人民共和国"};

constexpr absl::string_view kOpeners[] = {"(", "[", "【", "〔", "「", "〖"};
constexpr absl::string_view kClosers[] = {")", "]", "】", "〕", "」", "〗"};
// Dropped: quotes, the separator of the standard form, what invalid UTF-8 became.
constexpr absl::string_view kDropped[] = {"|", "\"", "'", "“", "”", "‘", "’", "《", "》",
                                          "\xEF\xBF\xBD"};

size_t CharBytes(unsigned char lead) {
  return lead < 0x80 ? 1 : lead < 0xE0 ? 2 : lead < 0xF0 ? 3 : 4;
}

template <size_t N>
size_t MatchAt(absl::string_view text, size_t pos, const absl::string_view (&set)[N]) {
  for (absl::string_view s : set) {
    if (absl::StartsWith(text.substr(pos), s)) return s.size();
  }
  return 0;
}

// The county-level divisions only: below the county, names (民生, 方村) are common words of
// organisation names.
const AddressParser& Places() {
  static const LocalDivisionTable* const kNoLocals = new LocalDivisionTable();
  static const AddressParser* const kParser =
      new AddressParser(DivisionTable::Builtin(), *kNoLocals);
  return *kParser;
}

// The division `text` names and nothing else; "" when it is not one.
std::string WholePlace(absl::string_view text) {
  if (text.empty()) return "";
  ParsedAddress a = Places().Parse(text);
  return a.detail.empty() ? a.code() : "";
}

// The written form, with bracketed insertions taken out: places into `bracket_region` (the
// finest of them, when they nest), others written inline without their brackets.
std::string Unbracket(absl::string_view raw, std::string* bracket_region) {
  const std::string written = StandardName(raw);
  std::string out, inside;
  int depth = 0;
  auto close_group = [&] {
    if (inside.empty() || MatchAt(inside, 0, kCountries) == inside.size()) {
      // "()", "(中国)": nothing to keep.
    } else if (std::string code = WholePlace(inside); !code.empty()) {
      if (bracket_region->empty() || absl::StartsWith(code, *bracket_region)) {
        *bracket_region = code;
      }
    } else {
      out += inside;
    }
    inside.clear();
  };
  for (size_t i = 0; i < written.size();) {
    if (size_t n = MatchAt(written, i, kDropped)) {
      i += n;
    } else if (size_t n = MatchAt(written, i, kOpeners)) {
      ++depth;
      i += n;
    } else if (size_t n = MatchAt(written, i, kClosers)) {
      if (depth > 0 && --depth == 0) close_group();
      i += n;
    } else {
      const size_t bytes = CharBytes(written[i]);
      const unsigned char lead = written[i];
      if (lead >= 0x20) (depth > 0 ? inside : out).append(written, i, bytes);
      i += bytes;
    }
  }
  if (depth > 0) close_group();  // an unclosed bracket runs to the end
  return out;
}

// The longest of `set` that `text` ends with and that leaves something before it; "" if none.
template <size_t N>
absl::string_view LongestSuffix(absl::string_view text, const absl::string_view (&set)[N]) {
  absl::string_view best;
  for (absl::string_view s : set) {
    if (s.size() > best.size() && text.size() > s.size() && absl::EndsWith(text, s)) best = s;
  }
  return best;
}

// Where the head office's name ends in the name of a branch without its marker: after the last
// legal form or head word, else before the longest division the text ends with; `rest.size()`
// when neither (the branch cannot be told apart).
size_t HeadEnd(absl::string_view rest) {
  size_t end = 0;
  auto consider = [&](absl::string_view word) {
    if (word.size() < 6) return;  // single characters (店, 局) are too common inside names
    const size_t pos = rest.rfind(word);
    if (pos != absl::string_view::npos && pos > 0) end = std::max(end, pos + word.size());
  };
  for (absl::string_view f : kForms) consider(f);
  for (absl::string_view w : kHeadEnds) consider(w);
  if (end > 0 || rest.empty()) return end;
  for (size_t i = CharBytes(rest[0]); i < rest.size(); i += CharBytes(rest[i])) {
    if (!WholePlace(rest.substr(i)).empty()) return i;
  }
  return rest.size();
}

}  // namespace

OrgName ParseOrgName(absl::string_view raw) {
  OrgName name;
  std::string bracket_region;
  const std::string text = Unbracket(raw, &bracket_region);
  absl::string_view head = text;

  if (absl::string_view marker = LongestSuffix(head, kBranchMarkers);
      !marker.empty() && !(marker == "办事处" && absl::EndsWith(head, "街道办事处"))) {
    head.remove_suffix(marker.size());
    const size_t end = HeadEnd(head);
    name.is_branch = true;
    name.branch_kind = std::string(marker);
    name.branch = std::string(head.substr(end));
    name.branch_code = WholePlace(name.branch);
    head = head.substr(0, end);
  }

  // The region written before the name; the text after it read as the parser normalised it.
  std::string rest(head);
  if (ParsedAddress a = Places().Parse(head); !a.code().empty()) {
    name.region_code = a.code();
    rest = a.detail;
  }
  if (!bracket_region.empty() &&
      (name.region_code.empty() || absl::StartsWith(bracket_region, name.region_code))) {
    name.region_code = bracket_region;
  }
  if (const DivisionTable::Division* d = DivisionTable::Builtin().Find(name.region_code)) {
    name.region_name = d->name;
  }

  absl::string_view core = rest;
  // A name that is a form or a branch marker and nothing else ("有限公司", "分公司") keeps it
  // as its core.
  auto is_core = [&](absl::string_view word) { return word == core; };
  const bool only_form = std::any_of(std::begin(kForms), std::end(kForms), is_core) ||
                         std::any_of(std::begin(kBranchMarkers), std::end(kBranchMarkers), is_core);
  if (only_form) {
    // No form is split off.
  } else if (absl::string_view tag = LongestSuffix(core, kPartnershipTags); !tag.empty()) {
    core.remove_suffix(tag.size());
    absl::string_view form = LongestSuffix(core, kForms);
    core.remove_suffix(form.size());
    name.legal_form = absl::StrCat(form, "(", tag, ")");
  } else {
    absl::string_view form = LongestSuffix(core, kForms);
    core.remove_suffix(form.size());
    name.legal_form = std::string(form);
  }
  name.core = core.empty() ? name.region_name : std::string(core);
  return name;
}

std::string StandardOrgName(const OrgName& name) {
  if (name.core.empty() && name.legal_form.empty() && name.region_code.empty() &&
      !name.is_branch) {
    return "";
  }
  return absl::StrCat(name.core, "|", name.legal_form, "|", name.region_code, "|",
                      OrgBranchKey(name));
}

std::string OrgBranchKey(const OrgName& name) {
  return absl::StrCat(name.branch_code.empty() ? name.branch : name.branch_code,
                      name.branch_kind);
}

std::string StandardOrgName(absl::string_view raw) {
  // Employers' names recur on many person records, rebuilt on every change of their entity.
  static SharedMemo* const memo = new SharedMemo;
  return memo->Get(raw, [raw] { return StandardOrgName(ParseOrgName(raw)); });
}

}  // namespace mdhub::resolver
