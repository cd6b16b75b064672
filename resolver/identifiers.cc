#include "resolver/identifiers.h"

#include <algorithm>
#include <utility>

#include "absl/strings/ascii.h"
#include "absl/time/time.h"
#include "resolver/standardize/citizen_id.h"
#include "resolver/standardize/credit_code.h"

namespace mdhub::resolver {

std::string NormalizeIdentifier(absl::string_view raw) {
  std::string out;
  out.reserve(raw.size());
  for (size_t i = 0; i < raw.size(); ++i) {
    unsigned char c = raw[i];
    // Full-width forms U+FF01..U+FF5E are EF BC 81..EF BD 9E in UTF-8; U+3000 is E3 80 80.
    if (c == 0xEF && i + 2 < raw.size()) {
      unsigned char c1 = raw[i + 1], c2 = raw[i + 2];
      if ((c1 == 0xBC && c2 >= 0x81) || (c1 == 0xBD && c2 <= 0x9E)) {
        int code = (c1 == 0xBC ? c2 - 0x80 : c2 - 0x40) + 0x20;  // back to ASCII 0x21..0x7E
        out.push_back(absl::ascii_toupper(static_cast<unsigned char>(code)));
        i += 2;
        continue;
      }
    }
    if (c == 0xE3 && i + 2 < raw.size() && raw[i + 1] == '\x80' && raw[i + 2] == '\x80') {
      i += 2;
      continue;
    }
    if (absl::ascii_isspace(c) || c == '-') continue;
    out.push_back(static_cast<char>(absl::ascii_toupper(c)));
  }
  return out;
}

std::string IdentifierKey(absl::string_view type, absl::string_view raw) {
  return type == kCitizenId ? CitizenIdKey(raw) : NormalizeIdentifier(raw);
}

namespace {

// Why a standardised identifier of `type` fails its standard's checks; "" when it passes.
// `received` is when mdhub received the record (a birth date after that is impossible).
std::string ProblemOf(absl::string_view type, absl::string_view value, absl::CivilDay received) {
  if (type == kCitizenId) return ParseCitizenId(value, DivisionTable::Builtin(), received).problem;
  if (type == kCreditCode) return ParseCreditCode(value, DivisionTable::Builtin()).problem;
  if (type == kOrganizationCode) return OrganizationCodeProblem(value);
  if (type == kRegistrationNumber) return RegistrationNumberProblem(value);
  return "";
}

store::Identifier MakeIdentifier(absl::string_view type, std::string value, std::string problem) {
  store::Identifier id;
  id.set_type(std::string(type));
  id.set_value(std::move(value));
  id.set_problem(std::move(problem));
  return id;
}

// Adds an identifier unless the same (type, value) is there already.
void AddUnique(store::Identifier id, std::vector<store::Identifier>& out) {
  for (const store::Identifier& o : out) {
    if (o.type() == id.type() && o.value() == id.value()) return;
  }
  out.push_back(std::move(id));
}

}  // namespace

std::vector<store::Identifier> ExtractIdentifiers(const store::Record& record) {
  // (attribute, identifier type): for persons the current number, and the number it replaced
  // when the record documents a change (an ID-change record links both numbers to one entity).
  std::vector<std::pair<absl::string_view, absl::string_view>> sources;
  switch (record.kind()) {
    case store::PERSON:
      sources = {{kCitizenId, kCitizenId}, {kFormerCitizenId, kCitizenId}};
      break;
    case store::LEGAL_ENTITY:
      sources = {{kCreditCode, kCreditCode},
                 {kOrganizationCode, kOrganizationCode},
                 {kRegistrationNumber, kRegistrationNumber}};
      break;
    default:
      return {};
  }
  const absl::CivilDay received =
      record.recorded_at_us() > 0
          ? absl::ToCivilDay(absl::FromUnixMicros(record.recorded_at_us()), absl::UTCTimeZone())
          : absl::CivilDay(2200, 1, 1);
  std::vector<store::Identifier> out;
  for (const auto& [attribute, type] : sources) {
    auto it = record.attributes().find(std::string(attribute));
    if (it == record.attributes().end()) continue;
    std::string value = IdentifierKey(type, it->second);
    if (value.empty()) continue;
    if (type == kCreditCode) {
      // Parsed once for its problem and the organisation code it embeds (OrganizationCodeOf).
      const CreditCode code = ParseCreditCode(value, DivisionTable::Builtin());
      AddUnique(MakeIdentifier(type, value, code.problem), out);
      if (!code.organization_code.empty()) {
        AddUnique(MakeIdentifier(kOrganizationCode, code.organization_code,
                                 OrganizationCodeProblem(code.organization_code)),
                  out);
      }
      continue;
    }
    std::string problem = ProblemOf(type, value, received);
    AddUnique(MakeIdentifier(type, std::move(value), std::move(problem)), out);
  }
  return out;
}

std::string OrganizationCodeOf(absl::string_view raw) {
  std::string key = NormalizeIdentifier(raw);
  if (key.size() == 9) return key;
  if (key.size() == 18) return ParseCreditCode(key, DivisionTable::Builtin()).organization_code;
  return "";
}

absl::string_view LegacyCodeType(absl::string_view key) {
  const bool digits = std::all_of(key.begin(), key.end(), absl::ascii_isdigit);
  if (digits && (key.size() == 13 || key.size() == 15)) return kRegistrationNumber;
  const bool alphanumeric = std::all_of(key.begin(), key.end(), [](char c) {
    return absl::ascii_isdigit(c) || absl::ascii_isupper(c);
  });
  if (alphanumeric && key.size() == 9) return kOrganizationCode;
  return "";
}

}  // namespace mdhub::resolver
