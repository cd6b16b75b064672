#include "resolver/search/internal/person_query.h"

#include <algorithm>

#include "absl/strings/ascii.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/time/civil_time.h"
#include "resolver/compare/similarity.h"
#include "resolver/record_validation.h"
#include "resolver/standardize/divisions.h"
#include "resolver/standardize/values.h"

namespace mdhub::resolver::internal {
namespace {

constexpr size_t kMaxNameLength = 64;  // code points

// Name agreement levels (as comparison levels in record linkage: explainable, and stable under
// small changes of the data).
constexpr double kSameName = 1.0;
constexpr double kSamePinyin = 0.95;   // homophone, or pinyin input
constexpr double kOneCharApart = 0.85;  // one character typed wrong, missing or extra
constexpr double kPinyinOneApart = 0.8;  // pinyin input with one letter wrong or swapped
constexpr double kFormerName = 0.95;     // factor when the agreeing name is a former name
constexpr double kNameWeight = 0.7;
constexpr double kBirthWeight = 0.3;
constexpr double kMinBirthOnly = 0.8;  // birth-date agreement a birth-date-only hit needs

int Length(absl::string_view s) { return static_cast<int>(ToCodePoints(s).size()); }

double NameLevel(const PersonName& q, const PersonName& n) {
  if (n.written == q.written) return kSameName;
  if (!q.pinyin.empty() && n.pinyin == q.pinyin) return kSamePinyin;
  if (Levenshtein(n.written, q.written, 1) <= 1 &&
      std::max(Length(n.written), Length(q.written)) >= 3) {
    return kOneCharApart;
  }
  if (q.pinyin.size() >= 6 && DamerauLevenshtein(n.pinyin, q.pinyin, 1) <= 1) {
    return kPinyinOneApart;
  }
  return 0;
}

double NameAgreement(const PersonName& q, const PersonFacts& person) {
  double best = 0;
  for (const PersonName& n : person.names) {
    best = std::max(best, NameLevel(q, n) * (n.former ? kFormerName : 1.0));
  }
  return best;
}

// 1 for agreement as far as both dates go, down to 0 for different years; 0.5 when the person's
// birth date is unknown (no evidence either way).
double BirthAgreement(absl::string_view q, absl::string_view person) {
  if (person.empty()) return 0.5;
  if (person == q) return 1.0;
  const bool same_month = person.substr(0, 7) == q.substr(0, 7);
  const bool same_year = person.substr(0, 4) == q.substr(0, 4);
  if (q.size() == 7) return same_month ? 1.0 : same_year ? 0.2 : 0;  // a month was asked
  if (person.size() == 7 && same_month) return 0.8;  // the person is known to the month only
  return same_month ? 0.4 : same_year ? 0.2 : 0;
}

}  // namespace

absl::StatusOr<ParsedQuery> ParseQuery(const PersonQuery& query) {
  ParsedQuery q;
  if (!absl::StripAsciiWhitespace(query.name).empty()) {
    if (!IsCleanUtf8(query.name)) {
      return absl::InvalidArgumentError("name: must be UTF-8 text without NUL characters");
    }
    PersonName name = ReadName(query.name);
    if (name.written.empty()) return absl::InvalidArgumentError("name: has no characters");
    if (ToCodePoints(name.written).size() > kMaxNameLength) {
      return absl::InvalidArgumentError(
          absl::StrCat("name: must be at most ", kMaxNameLength, " characters"));
    }
    q.name = std::move(name);
  }
  if (!query.birth_date.empty()) {
    q.birth_date = StandardDate(query.birth_date);
    if (q.birth_date.empty()) {
      return absl::InvalidArgumentError(
          "birth_date: must be a real date, YYYY-MM-DD or YYYY-MM");
    }
  }
  if (!query.gender.empty()) {
    q.gender = StandardGender(query.gender);
    if (q.gender.empty()) return absl::InvalidArgumentError("gender: must be M or F");
  }
  if (!query.region_code.empty()) {
    const std::string& code = query.region_code;
    const bool digits = std::all_of(code.begin(), code.end(),
                                    [](char c) { return absl::ascii_isdigit(c); });
    if (!digits || (code.size() != 2 && code.size() != 4 && code.size() != 6)) {
      return absl::InvalidArgumentError(
          "region_code: must be a GB/T 2260 code of 2, 4 or 6 digits (province, prefecture, "
          "county)");
    }
    if (DivisionTable::Builtin().Find(code) == nullptr) {
      return absl::InvalidArgumentError(
          absl::StrCat("region_code: ", code, " is not a GB/T 2260 division"));
    }
    q.region_code = CurrentCounty(code);
  }
  if (!q.name.has_value() && q.birth_date.empty()) {
    return absl::InvalidArgumentError("name: a name or a birth_date is required");
  }
  return q;
}

std::vector<std::string> CandidateTerms(const ParsedQuery& q) {
  // A day's births (a few thousand in a province) come first: with a common name (tens of
  // thousands of 张伟) the name's candidates would fill the cap before the right one is read.
  std::vector<std::string> terms;
  if (q.birth_date.size() == 10) {
    terms.push_back(BirthTerm(q.birth_date));
    terms.push_back(BirthTerm(q.birth_date.substr(0, 7)));
  } else if (!q.birth_date.empty() && !q.name.has_value()) {
    // A month without a name: every day of it, and the persons known to the month only.
    int year = 0, month = 0;
    (void)absl::SimpleAtoi(q.birth_date.substr(0, 4), &year);
    (void)absl::SimpleAtoi(q.birth_date.substr(5, 2), &month);
    for (absl::CivilDay d(year, month, 1); d.month() == month; ++d) {
      terms.push_back(BirthTerm(absl::StrFormat("%04d-%02d-%02d", year, month, d.day())));
    }
    terms.push_back(BirthTerm(q.birth_date));
  }
  if (q.name.has_value()) {
    terms.push_back(NameTerm(q.name->written));
    for (const std::string& v : DeletionVariants(q.name->written)) {
      terms.push_back(NameTerm(v));      // the person's name lacks a character of the query
      terms.push_back(DeletionTerm(v));  // one character differs
    }
    terms.push_back(DeletionTerm(q.name->written));  // the person's name has one more
    if (!q.name->pinyin.empty()) terms.push_back(PinyinTerm(q.name->pinyin));
  }
  return terms;
}

bool PassesFilters(const ParsedQuery& q, const PersonFacts& person) {
  if (!q.gender.empty() && person.gender != q.gender) return false;
  if (q.region_code.empty()) return true;
  return std::any_of(person.regions.begin(), person.regions.end(), [&q](const std::string& r) {
    return absl::string_view(r).substr(0, q.region_code.size()) == q.region_code;
  });
}

std::optional<double> Score(const ParsedQuery& q, const PersonFacts& person) {
  if (!q.name.has_value()) {
    const double birth = BirthAgreement(q.birth_date, person.birth_date);
    if (person.birth_date.empty() || birth < kMinBirthOnly) return std::nullopt;
    return birth;
  }
  const double name = NameAgreement(*q.name, person);
  if (name <= 0) return std::nullopt;
  if (q.birth_date.empty()) return name;
  return kNameWeight * name + kBirthWeight * BirthAgreement(q.birth_date, person.birth_date);
}

}  // namespace mdhub::resolver::internal
