// Person and organisation names: one written form (half-width, simplified characters, the
// minority-name separator unified, no spaces between Chinese characters, Latin lower-cased) and
// the pinyin reading used for phonetic comparison. ICU's transliterators do the work.
#ifndef MDHUB_RESOLVER_STANDARDIZE_NAME_H_
#define MDHUB_RESOLVER_STANDARDIZE_NAME_H_

#include <string>

#include "absl/strings/string_view.h"

namespace mdhub::resolver {

// "張 偉" -> "张伟", "阿卜杜•热合曼" -> "阿卜杜·热合曼", "WANG  Fang" -> "wang fang". Thread-safe.
std::string StandardName(absl::string_view raw);

// Chinese text in one written form and nothing more: half-width, simplified characters
// ("廣西　南寧市" -> "广西 南宁市"); case, spacing and punctuation otherwise kept. Thread-safe.
std::string HalfWidthSimplified(absl::string_view raw);

// The pinyin reading without tones, syllables separated by single spaces and the minority-name
// separator dropped: "張偉" -> "zhang wei", "WANG Fang" -> "wang fang". Thread-safe.
std::string NamePinyin(absl::string_view raw);

}  // namespace mdhub::resolver

#endif  // MDHUB_RESOLVER_STANDARDIZE_NAME_H_
