#include "resolver/standardize/values.h"

#include <vector>

#include "absl/strings/ascii.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_format.h"
#include "absl/time/civil_time.h"
#include "resolver/identifiers.h"

namespace mdhub::resolver {
namespace {

bool RealDate(int y, int m, int d) {
  absl::CivilDay day(y, m, d);
  return y >= 1800 && y <= 2200 && day.year() == y && day.month() == m && day.day() == d;
}

}  // namespace

std::string StandardDate(absl::string_view raw) {
  // Runs of digits (full-width ones too, U+FF10..U+FF19 = EF BC 90..99); anything else separates.
  std::vector<std::string> parts;
  std::string run;
  for (size_t i = 0; i < raw.size(); ++i) {
    char digit = 0;
    if (absl::ascii_isdigit(raw[i])) {
      digit = raw[i];
    } else if (i + 2 < raw.size() && raw[i] == '\xEF' && raw[i + 1] == '\xBC' &&
               static_cast<unsigned char>(raw[i + 2]) >= 0x90 &&
               static_cast<unsigned char>(raw[i + 2]) <= 0x99) {
      digit = static_cast<char>('0' + static_cast<unsigned char>(raw[i + 2]) - 0x90);
      i += 2;
    }
    if (digit != 0) {
      run.push_back(digit);
    } else if (!run.empty()) {
      parts.push_back(std::move(run));
      run.clear();
    }
  }
  if (!run.empty()) parts.push_back(std::move(run));
  int y = 0, m = 0, d = 0;
  if (parts.size() == 1 && parts[0].size() == 8) {
    (void)absl::SimpleAtoi(parts[0].substr(0, 4), &y);
    (void)absl::SimpleAtoi(parts[0].substr(4, 2), &m);
    (void)absl::SimpleAtoi(parts[0].substr(6, 2), &d);
  } else if (parts.size() == 1 && parts[0].size() == 6) {
    (void)absl::SimpleAtoi(parts[0].substr(0, 4), &y);
    (void)absl::SimpleAtoi(parts[0].substr(4, 2), &m);
  } else if ((parts.size() == 2 || parts.size() == 3) && parts[0].size() == 4 &&
             parts[1].size() <= 2 && (parts.size() == 2 || parts[2].size() <= 2)) {
    (void)absl::SimpleAtoi(parts[0], &y);
    (void)absl::SimpleAtoi(parts[1], &m);
    if (parts.size() == 3) (void)absl::SimpleAtoi(parts[2], &d);
  } else {
    return "";
  }
  if (d == 0) {
    return RealDate(y, m, 1) ? absl::StrFormat("%04d-%02d", y, m) : "";
  }
  return RealDate(y, m, d) ? absl::StrFormat("%04d-%02d-%02d", y, m, d) : "";
}

std::string StandardGender(absl::string_view raw) {
  std::string s(absl::StripAsciiWhitespace(raw));
  absl::AsciiStrToLower(&s);
  if (s == "男" || s == "m" || s == "male" || s == "1" || s == "男性") return "M";
  if (s == "女" || s == "f" || s == "female" || s == "2" || s == "女性") return "F";
  return "";
}

std::string StandardPhone(absl::string_view raw) {
  std::string digits;
  for (char c : NormalizeIdentifier(raw)) {
    if (absl::ascii_isdigit(c)) digits.push_back(c);
  }
  if (digits.size() == 15 && digits.rfind("0086", 0) == 0) digits.erase(0, 4);
  if (digits.size() == 13 && digits.rfind("86", 0) == 0) digits.erase(0, 2);
  return digits;
}

}  // namespace mdhub::resolver
