// Whether a 6-digit region code in an identifier names a GB/T 2260 division.
#ifndef MDHUB_RESOLVER_STANDARDIZE_REGION_H_
#define MDHUB_RESOLVER_STANDARDIZE_REGION_H_

#include "absl/strings/string_view.h"
#include "resolver/standardize/divisions.h"

namespace mdhub::resolver {

// True when the county code is known (current or retired), or when the code names a whole
// province (PP0000, e.g. 810000 on residence permits) or prefecture (PPCC00) that is known.
// REQUIRES: code has 6 characters.
inline bool IsKnownRegion(absl::string_view code, const DivisionTable& divisions) {
  if (divisions.Find(code) != nullptr) return true;
  if (code.substr(2) == "0000") return divisions.Find(code.substr(0, 2)) != nullptr;
  if (code.substr(4) == "00") return divisions.Find(code.substr(0, 4)) != nullptr;
  return false;
}

}  // namespace mdhub::resolver

#endif  // MDHUB_RESOLVER_STANDARDIZE_REGION_H_
