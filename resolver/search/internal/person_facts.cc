#include "resolver/search/internal/person_facts.h"

#include <algorithm>

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_replace.h"
#include "absl/strings/strip.h"
#include "resolver/identifiers.h"
#include "resolver/standardize/address.h"
#include "resolver/standardize/citizen_id.h"
#include "resolver/standardize/divisions.h"
#include "resolver/standardize/name.h"
#include "resolver/standardize/values.h"

namespace mdhub::resolver::internal {
namespace {

constexpr int kMinDeletionLength = 3;
constexpr int kMaxDeletionLength = 6;

constexpr absl::string_view kName = "n:";
constexpr absl::string_view kPinyin = "p:";
constexpr absl::string_view kDeletion = "d:";
constexpr absl::string_view kBirth = "b:";
constexpr absl::string_view kHousehold = "hh:";

// The standard citizen id the person is known by: the golden one, else the first valid one held.
std::string CitizenIdOf(const store::Entity& e) {
  if (const std::string* raw = Golden(e, kCitizenId); raw != nullptr) {
    std::string key = CitizenIdKey(*raw);
    if (!key.empty()) return key;
  }
  for (const store::Identifier& id : e.identifiers()) {
    if (id.type() == kCitizenId && id.problem().empty()) return id.value();
  }
  return "";
}

bool Digits(absl::string_view s) {
  return std::all_of(s.begin(), s.end(), [](char c) { return absl::ascii_isdigit(c); });
}

// Gender and regions from the attributes and the citizen id (cheap), and the birth date from the
// citizen id when f has none.
void ReadAttributeFacts(const store::Entity& e, bool with_regions, PersonFacts& f) {
  if (const std::string* raw = Golden(e, "gender"); raw != nullptr) {
    f.gender = StandardGender(*raw);
  }
  // An 18-character id: region (6 digits), birth date (8), sequence (3, odd for men), check.
  const std::string id = CitizenIdOf(e);
  if (id.size() == 18 && Digits(absl::string_view(id).substr(0, 17))) {
    if (with_regions) f.regions.push_back(CurrentCounty(id.substr(0, 6)));
    if (f.birth_date.empty()) f.birth_date = StandardDate(id.substr(6, 8));
    if (f.gender.empty()) f.gender = (id[16] - '0') % 2 == 1 ? "M" : "F";
  }
  if (const std::string* raw = Golden(e, "address"); raw != nullptr && with_regions) {
    const std::string code = AddressCode(*raw);
    if (!code.empty()) f.regions.push_back(code.substr(0, 6));
  }
}

}  // namespace

const std::string* Golden(const store::Entity& e, absl::string_view name) {
  for (const store::GoldenAttribute& a : e.attributes()) {
    if (a.name() == name) return &a.value();
  }
  return nullptr;
}

std::vector<size_t> CodePointStarts(absl::string_view s) {
  std::vector<size_t> starts;
  for (size_t i = 0; i < s.size(); ++i) {
    if ((static_cast<unsigned char>(s[i]) & 0xC0) != 0x80) starts.push_back(i);
  }
  starts.push_back(s.size());
  return starts;
}

std::string CurrentCounty(std::string code) {
  return code.size() == 6 ? DivisionTable::Builtin().Current(code) : code;
}

PersonName ReadName(absl::string_view raw) {
  PersonName n;
  n.written = StandardName(raw);
  n.pinyin = absl::StrReplaceAll(NamePinyin(raw), {{" ", ""}});
  return n;
}

std::string StandardHouseholdNo(absl::string_view raw) { return NormalizeIdentifier(raw); }

PersonFacts FactsOf(const store::Entity& e, bool with_regions) {
  PersonFacts f;
  for (absl::string_view attribute : {"name", "former_name"}) {
    const std::string* raw = Golden(e, attribute);
    if (raw == nullptr) continue;
    PersonName n = ReadName(*raw);
    if (n.written.empty()) continue;
    n.former = attribute != "name";
    f.names.push_back(std::move(n));
  }
  if (const std::string* raw = Golden(e, "household_no"); raw != nullptr) {
    f.household_no = StandardHouseholdNo(*raw);
  }
  if (const std::string* raw = Golden(e, "birth_date"); raw != nullptr) {
    f.birth_date = StandardDate(*raw);
  }
  ReadAttributeFacts(e, with_regions, f);
  return f;
}

// The order is what IndexedFactsOf reads back: each name's term, then its pinyin term; the
// current name first. Duplicates are left out.
std::vector<std::string> TermsOf(const PersonFacts& facts) {
  std::vector<std::string> terms;
  auto add = [&terms](std::string t) {
    if (std::find(terms.begin(), terms.end(), t) == terms.end()) terms.push_back(std::move(t));
  };
  for (const PersonName& n : facts.names) {
    add(NameTerm(n.written));
    if (!n.pinyin.empty()) add(PinyinTerm(n.pinyin));
    if (n.former) continue;  // one-character variants of the current name only
    for (const std::string& v : DeletionVariants(n.written)) add(DeletionTerm(v));
  }
  if (!facts.birth_date.empty()) add(BirthTerm(facts.birth_date));
  if (!facts.household_no.empty()) add(HouseholdTerm(facts.household_no));
  return terms;
}

PersonFacts IndexedFactsOf(const store::Entity& e, bool with_regions) {
  PersonFacts f;
  // The first name term is the current name when the person has one (a former name that reads
  // the same as the current one has no terms of its own).
  const std::string* current = Golden(e, "name");
  bool next_is_current = current != nullptr && !absl::StripAsciiWhitespace(*current).empty();
  for (absl::string_view t : e.search_terms()) {
    if (absl::ConsumePrefix(&t, kName)) {
      PersonName& n = f.names.emplace_back();
      n.written = std::string(t);
      n.former = !next_is_current;
      next_is_current = false;
    } else if (absl::ConsumePrefix(&t, kPinyin)) {
      if (!f.names.empty() && f.names.back().pinyin.empty()) f.names.back().pinyin = std::string(t);
    } else if (absl::ConsumePrefix(&t, kBirth)) {
      f.birth_date = std::string(t);
    } else if (absl::ConsumePrefix(&t, kHousehold)) {
      f.household_no = std::string(t);
    }
  }
  ReadAttributeFacts(e, with_regions, f);
  return f;
}

std::vector<std::string> DeletionVariants(absl::string_view written) {
  std::vector<std::string> out;
  if (std::any_of(written.begin(), written.end(),
                  [](char c) { return static_cast<unsigned char>(c) < 0x80; })) {
    return out;
  }
  const std::vector<size_t> starts = CodePointStarts(written);
  const int length = static_cast<int>(starts.size()) - 1;
  if (length < kMinDeletionLength || length > kMaxDeletionLength) return out;
  for (int i = 0; i < length; ++i) {
    std::string v = absl::StrCat(written.substr(0, starts[i]), written.substr(starts[i + 1]));
    if (std::find(out.begin(), out.end(), v) == out.end()) out.push_back(std::move(v));
  }
  return out;
}

std::string NameTerm(absl::string_view written) { return absl::StrCat(kName, written); }
std::string PinyinTerm(absl::string_view pinyin) { return absl::StrCat(kPinyin, pinyin); }
std::string DeletionTerm(absl::string_view variant) { return absl::StrCat(kDeletion, variant); }
std::string BirthTerm(absl::string_view date) { return absl::StrCat(kBirth, date); }
std::string HouseholdTerm(absl::string_view household_no) {
  return absl::StrCat(kHousehold, household_no);
}

}  // namespace mdhub::resolver::internal
