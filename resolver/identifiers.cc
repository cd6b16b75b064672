#include "resolver/identifiers.h"

#include <optional>
#include <utility>

#include "absl/strings/ascii.h"
#include "resolver/standardize/citizen_id.h"
#include "resolver/standardize/credit_code.h"
#include "absl/time/time.h"

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

// The identifier an attribute holds, standardised and checked; nullopt when it holds none.
std::optional<store::Identifier> IdentifierOf(const store::Record& record,
                                              absl::string_view attribute,
                                              absl::string_view type) {
  auto it = record.attributes().find(std::string(attribute));
  if (it == record.attributes().end()) return std::nullopt;
  std::string value = IdentifierKey(type, it->second);
  if (value.empty()) return std::nullopt;
  store::Identifier id;
  id.set_type(std::string(type));
  // Validity as of when mdhub received the record (a birth date after that is impossible).
  const absl::CivilDay received =
      record.recorded_at_us() > 0
          ? absl::ToCivilDay(absl::FromUnixMicros(record.recorded_at_us()), absl::UTCTimeZone())
          : absl::CivilDay(2200, 1, 1);
  if (type == kCitizenId) {
    id.set_problem(ParseCitizenId(value, DivisionTable::Builtin(), received).problem);
  } else {
    id.set_problem(ParseCreditCode(value, DivisionTable::Builtin()).problem);
  }
  id.set_value(std::move(value));
  return id;
}

}  // namespace

std::vector<store::Identifier> ExtractIdentifiers(const store::Record& record) {
  // (attribute, identifier type): the current number, and the number it replaced when the
  // record documents a change (an ID-change record links both numbers to one entity).
  std::vector<std::pair<absl::string_view, absl::string_view>> sources;
  switch (record.kind()) {
    case store::PERSON:
      sources = {{kCitizenId, kCitizenId}, {kFormerCitizenId, kCitizenId}};
      break;
    case store::LEGAL_ENTITY:
      sources = {{kCreditCode, kCreditCode}};
      break;
    default:
      return {};
  }
  std::vector<store::Identifier> out;
  for (const auto& [attribute, type] : sources) {
    std::optional<store::Identifier> id = IdentifierOf(record, attribute, type);
    if (id.has_value() && (out.empty() || out.front().value() != id->value())) {
      out.push_back(*std::move(id));
    }
  }
  return out;
}

}  // namespace mdhub::resolver
