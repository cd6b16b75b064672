#include "resolver/standardize/location.h"

#include <algorithm>
#include <cmath>

#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/strings/str_split.h"
#include "absl/strings/strip.h"

namespace mdhub::resolver {
namespace {

// ASCII, with full-width forms (U+FF01..U+FF5E: EF BC 81..EF BD 9E) made half-width and the
// ideographic space and comma (U+3000, U+3001) read as a space and a comma.
std::string HalfWidth(absl::string_view raw) {
  std::string out;
  for (size_t i = 0; i < raw.size(); ++i) {
    const unsigned char c = raw[i];
    if (c == 0xEF && i + 2 < raw.size()) {
      const unsigned char c1 = raw[i + 1], c2 = raw[i + 2];
      if ((c1 == 0xBC && c2 >= 0x81) || (c1 == 0xBD && c2 <= 0x9E)) {
        out.push_back(static_cast<char>((c1 == 0xBC ? c2 - 0x80 : c2 - 0x40) + 0x20));
        i += 2;
        continue;
      }
    }
    if (c == 0xE3 && i + 2 < raw.size() && raw[i + 1] == '\x80' &&
        (raw[i + 2] == '\x80' || raw[i + 2] == '\x81')) {
      out.push_back(raw[i + 2] == '\x80' ? ' ' : ',');
      i += 2;
      continue;
    }
    out.push_back(static_cast<char>(c));
  }
  return out;
}

constexpr char kForm[] = "must be \"longitude,latitude\" in degrees, e.g. \"108.3205,22.8152\"";

}  // namespace

absl::StatusOr<GeoPoint> ParseLocation(absl::string_view raw) {
  std::string text = absl::AsciiStrToLower(absl::StripAsciiWhitespace(HalfWidth(raw)));
  absl::string_view s = text;
  if (absl::ConsumePrefix(&s, "point")) {
    s = absl::StripAsciiWhitespace(s);
    if (!absl::ConsumePrefix(&s, "(") || !absl::ConsumeSuffix(&s, ")")) {
      return absl::InvalidArgumentError(absl::StrCat(kForm, " or \"POINT(lon lat)\""));
    }
  }
  std::vector<absl::string_view> parts =
      absl::StrSplit(s, absl::ByAnyChar(", \t"), absl::SkipEmpty());
  GeoPoint p;
  if (parts.size() != 2 || !absl::SimpleAtod(parts[0], &p.longitude) ||
      !absl::SimpleAtod(parts[1], &p.latitude) || !std::isfinite(p.longitude) ||
      !std::isfinite(p.latitude)) {
    return absl::InvalidArgumentError(absl::StrCat(kForm, "; got \"", raw, "\""));
  }
  if (std::abs(p.longitude) > 180) {
    return absl::InvalidArgumentError(
        absl::StrCat("longitude ", parts[0], " is outside [-180, 180] (", kForm, ")"));
  }
  if (std::abs(p.latitude) > 90) {
    return absl::InvalidArgumentError(absl::StrCat(
        "latitude ", parts[1], " is outside [-90, 90] (longitude comes first: ", kForm, ")"));
  }
  return p;
}

std::string StandardLocation(const GeoPoint& p) {
  auto fixed = [](double v) {
    std::string s = absl::StrFormat("%.7f", v);
    while (s.back() == '0') s.pop_back();
    if (s.back() == '.') s.pop_back();
    return s == "-0" ? std::string("0") : s;
  };
  return absl::StrCat(fixed(p.longitude), ",", fixed(p.latitude));
}

namespace {

// The column or row of a coordinate at `level`, in [0, 2^level).
uint32_t Index(double v, double min, double span, int level) {
  const double n = std::ldexp(1.0, level);
  const double i = std::floor((v - min) / span * n);
  return static_cast<uint32_t>(std::clamp(i, 0.0, n - 1));
}

std::string CellName(uint32_t column, uint32_t row, int level) {
  std::string cell(level, '0');
  for (int i = 0; i < level; ++i) {
    const int bit = level - 1 - i;
    cell[i] = static_cast<char>('0' + ((column >> bit) & 1) + 2 * ((row >> bit) & 1));
  }
  return cell;
}

}  // namespace

std::string LocationCell(const GeoPoint& p, int level) {
  return CellName(Index(p.longitude, -180, 360, level), Index(p.latitude, -90, 180, level), level);
}

std::vector<std::string> CellsCovering(double min_lon, double min_lat, double max_lon,
                                       double max_lat) {
  int level = kLocationLevel;
  uint32_t c0, c1, r0, r1;
  for (;; --level) {
    c0 = Index(min_lon, -180, 360, level);
    c1 = Index(max_lon, -180, 360, level);
    r0 = Index(min_lat, -90, 180, level);
    r1 = Index(max_lat, -90, 180, level);
    if (level == 0 || (uint64_t{c1 - c0 + 1} * (r1 - r0 + 1) <= 16)) break;
  }
  std::vector<std::string> cells;
  for (uint32_t r = r0; r <= r1; ++r) {
    for (uint32_t c = c0; c <= c1; ++c) cells.push_back(CellName(c, r, level));
  }
  std::sort(cells.begin(), cells.end());
  return cells;
}

}  // namespace mdhub::resolver
