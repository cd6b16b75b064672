#include "resolver/relations/org_link_terms.h"

#include <algorithm>
#include <utility>

#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_replace.h"
#include "absl/strings/str_split.h"
#include "absl/strings/strip.h"
#include "resolver/identifiers.h"
#include "resolver/standardize/org_name.h"

namespace mdhub::resolver {
namespace {

constexpr absl::string_view kOwnName = "sn:";
constexpr absl::string_view kHeadOffice = "ho:";
constexpr absl::string_view kSponsor = "sp:";
constexpr absl::string_view kRepresentative = "rep:";
constexpr absl::string_view kEmployer = "emp:";

// Bounds, so that one entity with many records does not flood the index.
constexpr int kMaxOwnNames = 8;
constexpr int kMaxRepresentatives = 8;
constexpr int kMaxEmployers = 4;

const store::GoldenAttribute* GoldenOf(const store::Entity& e, absl::string_view name) {
  for (const store::GoldenAttribute& a : e.attributes()) {
    if (a.name() == name) return &a;
  }
  return nullptr;
}

const std::string* AttributeOf(const store::Record& r, const char* name) {
  auto it = r.attributes().find(name);
  if (it == r.attributes().end() || absl::StripAsciiWhitespace(it->second).empty()) return nullptr;
  return &it->second;
}

// Appends `term` unless it is there already; true when appended.
bool AddUnique(std::string term, std::vector<std::string>& terms) {
  if (std::find(terms.begin(), terms.end(), term) != terms.end()) return false;
  terms.push_back(std::move(term));
  return true;
}

// AddUnique while fewer than `max` terms were added through `count`.
void AddBounded(std::string term, int max, int& count, std::vector<std::string>& terms) {
  if (count < max && AddUnique(std::move(term), terms)) ++count;
}

void AddReference(const OrgReference& ref, absl::string_view prefix,
                  std::vector<std::string>& terms) {
  if (!ref.credit_code.empty()) AddUnique(absl::StrCat(prefix, ref.credit_code), terms);
  if (!ref.standard_name.empty()) AddUnique(absl::StrCat(prefix, ref.standard_name), terms);
}

}  // namespace

OrgReference ReferenceOf(const store::Entity& entity, absl::string_view code_attribute,
                         absl::string_view name_attribute) {
  OrgReference ref;
  if (const store::GoldenAttribute* code = GoldenOf(entity, code_attribute)) {
    ref.credit_code = IdentifierKey(kCreditCode, code->value());
    ref.code_from = code->from();
  }
  if (const store::GoldenAttribute* name = GoldenOf(entity, name_attribute)) {
    ref.standard_name = StandardOrgName(name->value());
    ref.name_from = name->from();
  }
  return ref;
}

std::vector<std::string> OrgLinkTerms(const store::Entity& entity,
                                      const std::vector<store::Record>& members) {
  std::vector<std::string> terms;
  int names = 0;
  for (const store::Record& r : members) {
    if (r.deleted()) continue;
    if (const std::string* name = AttributeOf(r, "name")) {
      const std::string standard = StandardOrgName(*name);
      if (!standard.empty()) AddBounded(OwnNameTerm(standard), kMaxOwnNames, names, terms);
    }
    if (const std::string* former = AttributeOf(r, "former_name")) {
      // Full-width semicolons separate too.
      const std::string list = absl::StrReplaceAll(*former, {{"；", ";"}});
      for (absl::string_view f : absl::StrSplit(list, ';')) {
        const std::string standard = StandardOrgName(f);
        if (!standard.empty()) AddBounded(OwnNameTerm(standard), kMaxOwnNames, names, terms);
      }
    }
  }
  AddReference(ReferenceOf(entity, "head_office_credit_code", "head_office_name"), kHeadOffice,
               terms);
  AddReference(ReferenceOf(entity, "sponsor_credit_code", "sponsor_name"), kSponsor, terms);
  int representatives = 0;
  for (const store::Record& r : members) {
    if (r.deleted()) continue;
    if (const std::string* id = AttributeOf(r, "legal_representative_id")) {
      const std::string key = IdentifierKey(kCitizenId, *id);
      if (!key.empty()) {
        AddBounded(RepresentativeTerm(key), kMaxRepresentatives, representatives, terms);
      }
    }
  }
  return terms;
}

std::string EmployerKey(const store::Record& record) {
  if (!absl::StartsWith(record.source(), "hrss.") || record.deleted()) return "";
  if (const std::string* code = AttributeOf(record, "employer_credit_code")) {
    return IdentifierKey(kCreditCode, *code);
  }
  if (const std::string* name = AttributeOf(record, "employer")) return StandardOrgName(*name);
  return "";
}

std::vector<std::string> EmployerTerms(const std::vector<store::Record>& members) {
  std::vector<std::string> terms;
  int count = 0;
  for (const store::Record& r : members) {
    const std::string key = EmployerKey(r);
    if (!key.empty()) AddBounded(EmployerTerm(key), kMaxEmployers, count, terms);
  }
  return terms;
}

std::string OwnNameTerm(absl::string_view standard_name) {
  return absl::StrCat(kOwnName, standard_name);
}
std::string HeadOfficeTerm(absl::string_view key) { return absl::StrCat(kHeadOffice, key); }
std::string SponsorTerm(absl::string_view key) { return absl::StrCat(kSponsor, key); }
std::string RepresentativeTerm(absl::string_view citizen_id_key) {
  return absl::StrCat(kRepresentative, citizen_id_key);
}
std::string EmployerTerm(absl::string_view key) { return absl::StrCat(kEmployer, key); }

std::vector<std::string> OwnNames(const store::Entity& entity) {
  std::vector<std::string> names;
  for (absl::string_view t : entity.search_terms()) {
    if (absl::ConsumePrefix(&t, kOwnName)) names.emplace_back(t);
  }
  return names;
}

}  // namespace mdhub::resolver
