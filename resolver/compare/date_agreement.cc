#include "resolver/compare/date_agreement.h"

#include <cstdlib>
#include <optional>

#include "absl/strings/numbers.h"
#include "absl/time/civil_time.h"
#include "resolver/compare/similarity.h"

namespace mdhub::resolver {
namespace {

struct Parts {
  int year = 0, month = 0, day = 0;  // day 0: unknown
};

// "YYYY-MM" or "YYYY-MM-DD".
std::optional<Parts> Parse(absl::string_view v) {
  if ((v.size() != 7 && v.size() != 10) || v[4] != '-' || (v.size() == 10 && v[7] != '-')) {
    return std::nullopt;
  }
  Parts p;
  if (!absl::SimpleAtoi(v.substr(0, 4), &p.year) || !absl::SimpleAtoi(v.substr(5, 2), &p.month)) {
    return std::nullopt;
  }
  if (v.size() == 10 && !absl::SimpleAtoi(v.substr(8, 2), &p.day)) return std::nullopt;
  return p;
}

}  // namespace

DateAgreement CompareDates(absl::string_view a, absl::string_view b) {
  if (a.empty() || b.empty()) return DateAgreement::kMissing;
  if (a == b) return DateAgreement::kExact;
  const std::optional<Parts> x = Parse(a), y = Parse(b);
  if (!x || !y) return DateAgreement::kDifferent;
  if (x->day == 0 || y->day == 0) {
    const bool same_month = x->year == y->year && x->month == y->month;
    return same_month ? DateAgreement::kSameMonth : DateAgreement::kDifferent;
  }
  if (DamerauLevenshtein(a, b, 1) <= 1) return DateAgreement::kTypo;
  if (x->year == y->year && x->month == y->day && x->day == y->month) return DateAgreement::kTypo;
  const absl::CivilDay dx(x->year, x->month, x->day), dy(y->year, y->month, y->day);
  if (std::abs(dx - dy) <= 31) return DateAgreement::kClose;
  return DateAgreement::kDifferent;
}

absl::string_view DateAgreementName(DateAgreement level) {
  switch (level) {
    case DateAgreement::kMissing:
      return "missing";
    case DateAgreement::kExact:
      return "exact";
    case DateAgreement::kTypo:
      return "typo";
    case DateAgreement::kSameMonth:
      return "same_month";
    case DateAgreement::kClose:
      return "close";
    case DateAgreement::kDifferent:
      break;
  }
  return "different";
}

}  // namespace mdhub::resolver
