#include "resolver/match/columns.h"

#include <algorithm>

#include "absl/strings/ascii.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/strings/str_replace.h"
#include "absl/strings/str_split.h"
#include "absl/time/civil_time.h"
#include "resolver/identifiers.h"
#include "resolver/standardize/address.h"
#include "resolver/standardize/citizen_id.h"
#include "resolver/standardize/credit_code.h"
#include "resolver/standardize/divisions.h"
#include "resolver/standardize/name.h"
#include "resolver/standardize/org_name.h"
#include "resolver/standardize/values.h"

namespace mdhub::resolver {
namespace {

// "col[:N]" -> ("col", N or -1).
std::pair<std::string, int> ParseKey(const std::string& key) {
  auto colon = key.rfind(':');
  int n = -1;
  if (colon != std::string::npos && absl::SimpleAtoi(key.substr(colon + 1), &n)) {
    return {key.substr(0, colon), n};
  }
  return {key, -1};
}

// The first n code points of a UTF-8 string.
absl::string_view FirstCodePoints(absl::string_view v, int n) {
  size_t bytes = 0;
  for (int i = 0; i < n && bytes < v.size(); ++i) {
    const unsigned char c = v[bytes];
    bytes += c < 0x80 ? 1 : c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4;
  }
  return v.substr(0, std::min(bytes, v.size()));
}

}  // namespace

std::string StandardiseValue(Standardizer how, absl::string_view raw) {
  switch (how) {
    case Standardizer::kName:
      return StandardName(raw);
    case Standardizer::kNamePinyin:
      return NamePinyin(raw);
    case Standardizer::kCitizenId:
      return CitizenIdKey(raw);
    case Standardizer::kCreditCode:
      return NormalizeIdentifier(raw);
    case Standardizer::kDate:
      return StandardDate(raw);
    case Standardizer::kGender:
      return StandardGender(raw);
    case Standardizer::kPhone:
      return StandardPhone(raw);
    case Standardizer::kAddress:
      return StandardAddress(raw);
    case Standardizer::kOrgName:
      return StandardOrgName(raw);
    case Standardizer::kOrgCode:
      return OrganizationCodeOf(raw);
    case Standardizer::kOrgBranch: {
      const OrgName name = ParseOrgName(raw);
      if (name.core.empty()) return "";
      return name.is_branch ? OrgBranchKey(name) : "-";
    }
    case Standardizer::kNone:
      break;
  }
  std::string v(absl::StripAsciiWhitespace(raw));
  absl::AsciiStrToLower(&v);
  return v;
}

bool IsBindingValue(const FieldSettings& field, absl::string_view value) {
  if (value.empty()) return false;
  switch (field.standardize) {
    case Standardizer::kCitizenId:
      // Any birth date up to the far future is plausible here: the check is about the number.
      return ParseCitizenId(value, DivisionTable::Builtin(), absl::CivilDay(2200, 1, 1)).valid;
    case Standardizer::kCreditCode:
      return ParseCreditCode(value, DivisionTable::Builtin()).valid;
    case Standardizer::kOrgCode:
      return IsValidOrganizationCode(value);
    default:
      return true;
  }
}

ColumnPlan::ColumnPlan(const MatchSettings& settings) {
  for (const FieldSettings& f : settings.fields) {
    names_.push_back(f.name);
    std::vector<std::string> sources = {f.column};
    sources.insert(sources.end(), f.fallback_columns.begin(), f.fallback_columns.end());
    sources_.push_back(std::move(sources));
    also_.push_back(f.also_columns);
    how_.push_back(f.standardize);
    with_pinyin_.push_back(f.comparison == Comparison::kName);
  }
  for (const BlockingRule& rule : settings.blocking) {
    std::vector<KeyPart> parts;
    for (const std::string& part : rule.keys) {
      auto [column, prefix] = ParseKey(part);
      int c = Find(column);
      if (c < 0) {
        c = size();
        names_.push_back(column);
        sources_.push_back({column});
        also_.emplace_back();
        how_.push_back(Standardizer::kNone);
        with_pinyin_.push_back(false);
      }
      parts.push_back({c, prefix});
    }
    rules_.push_back(std::move(parts));
  }
}

std::string ColumnPlan::Standardise(int c, absl::string_view raw) const {
  std::string v = StandardiseValue(how_[c], raw);
  if (!with_pinyin_[c] || v.empty()) return v;
  const std::string pinyin = NamePinyin(v);
  v.push_back(kNameSeparator);
  v.append(pinyin);
  return v;
}

int ColumnPlan::Find(absl::string_view name) const {
  auto it = std::find(names_.begin(), names_.end(), name);
  return it == names_.end() ? -1 : static_cast<int>(it - names_.begin());
}

std::string ColumnPlan::WithFurtherValues(int c, std::string value,
                                          const std::vector<absl::string_view>& raw_further) const {
  std::vector<std::string> all;
  if (!value.empty()) all.push_back(std::move(value));
  for (absl::string_view raw : raw_further) {
    const std::string listed = absl::StrReplaceAll(raw, {{"；", ";"}});  // full-width semicolon
    for (absl::string_view piece : absl::StrSplit(listed, ';')) {
      std::string v = Standardise(c, piece);
      if (!v.empty() && std::find(all.begin(), all.end(), v) == all.end()) {
        all.push_back(std::move(v));
      }
    }
  }
  return absl::StrJoin(all, std::string(1, kValueSeparator));
}

std::string ColumnPlan::BlockingKey(const absl::string_view* values, int r) const {
  std::vector<std::string> keys = {""};
  for (const KeyPart& part : rules_[r]) {
    absl::string_view v = values[part.column];
    if (v.empty()) return "";
    std::vector<std::string> next;
    for (absl::string_view one : absl::StrSplit(v, kValueSeparator)) {
      if (part.prefix >= 0) one = FirstCodePoints(one, part.prefix);
      for (const std::string& k : keys) {
        std::string key = absl::StrCat(k, one, "\x1f");
        if (std::find(next.begin(), next.end(), key) == next.end()) next.push_back(std::move(key));
      }
    }
    keys = std::move(next);
  }
  return absl::StrJoin(keys, std::string(1, kKeySeparator));
}

}  // namespace mdhub::resolver
