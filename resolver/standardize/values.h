// Standard forms of simple person attributes: dates in mixed formats, gender codes, phone
// numbers. Each returns "" when the input cannot be read, so that it gives no evidence.
#ifndef MDHUB_RESOLVER_STANDARDIZE_VALUES_H_
#define MDHUB_RESOLVER_STANDARDIZE_VALUES_H_

#include <string>

#include "absl/strings/string_view.h"

namespace mdhub::resolver {

// "19900307", "1990-03-07", "1990/3/7", "1990.3.7", "1990年3月7日" -> "1990-03-07";
// year and month only ("199003", "1990-03", "1990年3月") -> "1990-03". Impossible dates -> "".
std::string StandardDate(absl::string_view raw);

// 男 / M / male / 1 -> "M"; 女 / F / female / 2 -> "F" (case-insensitive); else "".
std::string StandardGender(absl::string_view raw);

// Digits only, without a leading +86 / 0086 / 86 country code for 13-digit forms: "+86 138-0077-1234"
// -> "13800771234".
std::string StandardPhone(absl::string_view raw);

}  // namespace mdhub::resolver

#endif  // MDHUB_RESOLVER_STANDARDIZE_VALUES_H_
