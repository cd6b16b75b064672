#include "resolver/standardize/name.h"

#include <memory>
#include <utility>

#include "absl/container/flat_hash_map.h"
#include "absl/strings/ascii.h"
#include "common/shared_memo.h"
#include "unicode/translit.h"
#include "unicode/uchar.h"
#include "unicode/unistr.h"

namespace mdhub::resolver {
namespace {

// ICU transliterators are not documented as safe for concurrent use: one per thread. They are
// created once per thread and live until it ends.
icu::Transliterator& Get(const char* id) {
  struct Cache {
    std::unique_ptr<icu::Transliterator> written, pinyin;
  };
  thread_local Cache cache;
  std::unique_ptr<icu::Transliterator>& slot =
      id[0] == 'W' ? cache.written : cache.pinyin;
  if (slot == nullptr) {
    UErrorCode status = U_ZERO_ERROR;
    const char* rules = id[0] == 'W' ? "Fullwidth-Halfwidth; Traditional-Simplified"
                                     : "Fullwidth-Halfwidth; Traditional-Simplified; "
                                       "Han-Latin/Names; Latin-ASCII; Lower";
    slot.reset(icu::Transliterator::createInstance(rules, UTRANS_FORWARD, status));
    // The rules are built into ICU: failing to create them is a broken installation.
    if (U_FAILURE(status) || slot == nullptr) std::abort();
  }
  return *slot;
}

bool IsHan(UChar32 c) {
  return u_hasBinaryProperty(c, UCHAR_IDEOGRAPHIC) != 0;
}

// Separators written between the parts of minority names.
bool IsNameDot(UChar32 c) {
  return c == 0x00B7 || c == 0x2022 || c == 0x30FB || c == 0xFF65 || c == 0x2027 || c == 0x2219 ||
         c == 0x22C5 || c == 0xFF0E || c == '.';
}

// Collapses white space: none next to Chinese characters or the name dot, one between Latin
// words; trims both ends.
std::string Tidy(const icu::UnicodeString& s, bool keep_dot) {
  icu::UnicodeString out;
  bool pending_space = false;
  for (int32_t i = 0; i < s.length();) {
    UChar32 c = s.char32At(i);
    i += U16_LENGTH(c);
    if (u_isUWhiteSpace(c)) {
      pending_space = true;
      continue;
    }
    if (IsNameDot(c)) {
      if (keep_dot) out.append(static_cast<UChar32>(0x00B7));
      else pending_space = true;
      if (keep_dot) pending_space = false;
      continue;
    }
    if (pending_space && out.length() > 0) {
      UChar32 last = out.char32At(out.length() - 1);
      if (!IsHan(c) && !IsHan(last) && last != 0x00B7) out.append(static_cast<UChar32>(' '));
    }
    pending_space = false;
    out.append(c);
  }
  std::string utf8;
  out.toUTF8String(utf8);
  return utf8;
}

std::string StandardNameUncached(absl::string_view raw) {
  icu::UnicodeString s = icu::UnicodeString::fromUTF8(icu::StringPiece(raw.data(), raw.size()));
  Get("W").transliterate(s);
  s.toLower();
  return Tidy(s, /*keep_dot=*/true);
}

// Surnames that ICU's name mode still reads with their common-word pronunciation: 覃 is Qín as a
// surname (very common in Guangxi), 缪 Miào, 朴 Piáo.
constexpr std::pair<char32_t, absl::string_view> kSurnameReadings[] = {
    {U'覃', "qin"}, {U'缪', "miao"}, {U'朴', "piao"}};

std::string NamePinyinUncached(absl::string_view raw) {
  icu::UnicodeString s = icu::UnicodeString::fromUTF8(icu::StringPiece(raw.data(), raw.size()));
  Get("W").transliterate(s);
  s.trim();
  // The first character of a Han name of two or more characters is the surname.
  absl::string_view surname;
  if (s.countChar32() >= 2 && IsHan(s.char32At(0)) && IsHan(s.char32At(s.moveIndex32(0, 1)))) {
    for (const auto& [c, reading] : kSurnameReadings) {
      if (static_cast<UChar32>(c) == s.char32At(0)) surname = reading;
    }
  }
  Get("P").transliterate(s);
  std::string out = Tidy(s, /*keep_dot=*/false);
  if (!surname.empty()) {
    const size_t space = out.find(' ');
    out = std::string(surname) + (space == std::string::npos ? "" : out.substr(space));
  }
  return out;
}

// Names repeat (张伟, 王芳 ...) and transliteration is the costly part of standardising a record:
// the results are remembered for all threads (common/shared_memo.h).

std::string HalfWidthSimplifiedUncached(absl::string_view raw) {
  icu::UnicodeString s = icu::UnicodeString::fromUTF8(icu::StringPiece(raw.data(), raw.size()));
  Get("W").transliterate(s);
  std::string utf8;
  s.toUTF8String(utf8);
  return utf8;
}

}  // namespace

std::string StandardName(absl::string_view raw) {
  static SharedMemo* const memo = new SharedMemo;
  return memo->Get(raw, [raw] { return StandardNameUncached(raw); });
}

std::string NamePinyin(absl::string_view raw) {
  static SharedMemo* const memo = new SharedMemo;
  return memo->Get(raw, [raw] { return NamePinyinUncached(raw); });
}

std::string HalfWidthSimplified(absl::string_view raw) {
  static SharedMemo* const memo = new SharedMemo;
  return memo->Get(raw, [raw] { return HalfWidthSimplifiedUncached(raw); });
}



}  // namespace mdhub::resolver
