#include "resolver/standardize/citizen_id.h"

#include "absl/strings/ascii.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "resolver/identifiers.h"
#include "resolver/standardize/region.h"

namespace mdhub::resolver {
namespace {

bool AllDigits(absl::string_view s) {
  for (char c : s) {
    if (!absl::ascii_isdigit(c)) return false;
  }
  return true;
}

int Number(absl::string_view digits) {
  int v = 0;
  (void)absl::SimpleAtoi(digits, &v);
  return v;
}

// A 15-digit legacy number as 18: "19" before the two-digit year and the check appended.
std::string Upgrade(absl::string_view legacy) {
  std::string first17 = absl::StrCat(legacy.substr(0, 6), "19", legacy.substr(6));
  return first17 + CitizenIdCheckCharacter(first17);
}

bool WellFormed18(absl::string_view s) {
  return s.size() == 18 && AllDigits(s.substr(0, 17)) && (absl::ascii_isdigit(s[17]) || s[17] == 'X');
}

}  // namespace

char CitizenIdCheckCharacter(absl::string_view first17) {
  static constexpr int kWeights[] = {7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2};
  int sum = 0;
  for (int i = 0; i < 17; ++i) sum += (first17[i] - '0') * kWeights[i];
  return "10X98765432"[sum % 11];
}

std::string CitizenIdKey(absl::string_view raw) {
  std::string cleaned = NormalizeIdentifier(raw);
  if (cleaned.size() == 15 && AllDigits(cleaned)) return Upgrade(cleaned);
  return cleaned;
}

CitizenId ParseCitizenId(absl::string_view raw, const DivisionTable& divisions,
                         absl::CivilDay today) {
  CitizenId id;
  std::string cleaned = NormalizeIdentifier(raw);
  id.upgraded = cleaned.size() == 15 && AllDigits(cleaned);
  id.value = id.upgraded ? Upgrade(cleaned) : cleaned;
  if (!WellFormed18(id.value)) {
    id.problem = id.value.size() == 18 || id.value.size() == 15
                     ? "only digits are allowed, and X as the last of 18 characters"
                     : absl::StrCat("must have 18 characters (or 15 digits), has ",
                                    id.value.size());
    return id;
  }
  const absl::string_view v = id.value;
  id.region = std::string(v.substr(0, 6));
  id.sex = (v[16] - '0') % 2 == 1 ? 'M' : 'F';
  const int year = Number(v.substr(6, 4)), month = Number(v.substr(10, 2)),
            day = Number(v.substr(12, 2));
  id.birth_date = absl::CivilDay(year, month, day);
  const bool real_date = id.birth_date.year() == year && id.birth_date.month() == month &&
                         id.birth_date.day() == day && year >= 1800;
  id.region_retired = divisions.IsRetired(id.region);
  if (!IsKnownRegion(id.region, divisions)) {
    id.problem = absl::StrCat("region code ", id.region, " is not a GB/T 2260 division");
  } else if (!real_date) {
    id.problem = absl::StrCat("birth date ", v.substr(6, 8), " is not a real date");
  } else if (id.birth_date > today) {
    id.problem = absl::StrCat("birth date ", v.substr(6, 8), " is in the future");
  } else if (CitizenIdCheckCharacter(v.substr(0, 17)) != v[17]) {
    id.problem = absl::StrCat("check character is ", std::string(1, v[17]), ", should be ",
                              std::string(1, CitizenIdCheckCharacter(v.substr(0, 17))));
  } else {
    id.valid = true;
  }
  return id;
}

}  // namespace mdhub::resolver
