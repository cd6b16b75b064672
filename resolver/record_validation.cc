#include "resolver/record_validation.h"

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "resolver/standardize/location.h"

namespace mdhub::resolver {
namespace {

constexpr size_t kMaxSource = 64;
constexpr size_t kMaxKey = 256;
constexpr size_t kMaxAttributeName = 64;
constexpr size_t kMaxAttributeValue = 4096;
constexpr int kMaxAttributes = 256;

absl::Status Invalid(absl::string_view field, absl::string_view problem) {
  return absl::InvalidArgumentError(absl::StrCat(field, ": ", problem));
}

bool IsNameChar(char c, bool allow_punct) {
  return absl::ascii_islower(c) || absl::ascii_isdigit(c) || c == '_' ||
         (allow_punct && (c == '.' || c == '-'));
}

}  // namespace

bool IsCleanUtf8(absl::string_view s) {
  size_t i = 0;
  while (i < s.size()) {
    unsigned char c = s[i];
    int extra;
    uint32_t cp;
    if (c == 0) return false;
    if (c < 0x80) {
      ++i;
      continue;
    } else if ((c & 0xE0) == 0xC0) {
      extra = 1;
      cp = c & 0x1F;
    } else if ((c & 0xF0) == 0xE0) {
      extra = 2;
      cp = c & 0x0F;
    } else if ((c & 0xF8) == 0xF0) {
      extra = 3;
      cp = c & 0x07;
    } else {
      return false;
    }
    if (i + extra >= s.size()) return false;
    for (int k = 1; k <= extra; ++k) {
      unsigned char cc = s[i + k];
      if ((cc & 0xC0) != 0x80) return false;
      cp = (cp << 6) | (cc & 0x3F);
    }
    // Overlong forms, surrogates and values past U+10FFFF.
    if ((extra == 1 && cp < 0x80) || (extra == 2 && cp < 0x800) || (extra == 3 && cp < 0x10000) ||
        (cp >= 0xD800 && cp <= 0xDFFF) || cp > 0x10FFFF) {
      return false;
    }
    i += extra + 1;
  }
  return true;
}

absl::Status ValidateSource(absl::string_view source, absl::string_view field) {
  if (source.empty()) return Invalid(field, "is required (e.g. \"ps.hukou\")");
  if (source.size() > kMaxSource) return Invalid(field, "is longer than 64 characters");
  for (char c : source) {
    if (!IsNameChar(c, /*allow_punct=*/true)) {
      return Invalid(field, absl::StrCat("\"", source,
                                         "\" may contain only a-z, 0-9, '.', '_' and '-'"));
    }
  }
  return absl::OkStatus();
}

absl::Status ValidateRecordKey(absl::string_view key, absl::string_view field) {
  if (key.empty()) return Invalid(field, "is required");
  if (key.size() > kMaxKey) return Invalid(field, "is longer than 256 bytes");
  if (!IsCleanUtf8(key)) return Invalid(field, "is not valid UTF-8 (or contains NUL)");
  for (unsigned char c : key) {
    if (c < 0x20 || c == 0x7F) return Invalid(field, "contains a control character");
  }
  return absl::OkStatus();
}

absl::Status ValidateRecord(const store::Record& record, absl::string_view prefix) {
  const std::string dot = prefix.empty() ? "" : absl::StrCat(prefix, ".");
  if (auto s = ValidateSource(record.source(), absl::StrCat(dot, "source")); !s.ok()) return s;
  if (auto s = ValidateRecordKey(record.record_key(), absl::StrCat(dot, "record_key")); !s.ok()) {
    return s;
  }
  if (record.attributes_size() > kMaxAttributes) {
    return Invalid(absl::StrCat(dot, "attributes"), "has more than 256 attributes");
  }
  for (const auto& [name, value] : record.attributes()) {
    const std::string field = absl::StrCat(dot, "attributes[\"", name, "\"]");
    if (name.empty() || name.size() > kMaxAttributeName || !absl::ascii_islower(name[0])) {
      return Invalid(field, "name must start with a-z and be at most 64 characters");
    }
    for (char c : name) {
      if (!IsNameChar(c, /*allow_punct=*/false)) {
        return Invalid(field, "name may contain only a-z, 0-9 and '_'");
      }
    }
    if (value.size() > kMaxAttributeValue) return Invalid(field, "value is longer than 4096 bytes");
    if (!IsCleanUtf8(value)) return Invalid(field, "value is not valid UTF-8 (or contains NUL)");
    if (name == kLocationAttribute) {
      if (auto p = ParseLocation(value); !p.ok()) return Invalid(field, p.status().message());
    }
  }
  for (int i = 0; i < record.labels_size(); ++i) {
    const std::string& label = record.labels(i);
    bool ok = !label.empty() && label.size() <= kMaxSource;
    for (char c : label) ok = ok && IsNameChar(c, /*allow_punct=*/true);
    if (!ok) {
      return Invalid(absl::StrCat(dot, "labels[", i, "]"),
                     "must be 1 to 64 characters of a-z, 0-9, '.', '_' and '-'");
    }
  }
  return absl::OkStatus();
}

}  // namespace mdhub::resolver
