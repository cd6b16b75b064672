#include "resolver/compare/similarity.h"

#include <algorithm>
#include <cstdint>
#include <cstdlib>
#include <vector>

#include "absl/types/span.h"

namespace mdhub::resolver {
namespace {

constexpr char32_t kReplacement = 0xFFFD;
// Winkler's boost threshold: below it the prefix says little about a match.
constexpr double kWinklerThreshold = 0.7;
constexpr size_t kWinklerMaxPrefix = 4;

void DecodeInto(absl::string_view utf8, std::u32string& out) {
  out.clear();
  out.reserve(utf8.size());  // never more code points than bytes; no-op once the buffer is warm
  const auto* p = reinterpret_cast<const unsigned char*>(utf8.data());
  const size_t n = utf8.size();
  size_t i = 0;
  while (i < n) {
    const unsigned char c = p[i++];
    if (c < 0x80) {
      out.push_back(c);
      continue;
    }
    int extra;
    char32_t cp;
    // The range of the second byte excludes overlong forms, surrogates and values past U+10FFFF.
    unsigned char lo = 0x80, hi = 0xBF;
    if (c >= 0xC2 && c <= 0xDF) {
      extra = 1;
      cp = c & 0x1F;
    } else if (c >= 0xE0 && c <= 0xEF) {
      extra = 2;
      cp = c & 0x0F;
      if (c == 0xE0) lo = 0xA0;
      if (c == 0xED) hi = 0x9F;
    } else if (c >= 0xF0 && c <= 0xF4) {
      extra = 3;
      cp = c & 0x07;
      if (c == 0xF0) lo = 0x90;
      if (c == 0xF4) hi = 0x8F;
    } else {
      out.push_back(kReplacement);
      continue;
    }
    bool ok = true;
    for (int k = 0; k < extra; ++k) {
      // A byte that does not continue the sequence is not consumed: it starts the next one.
      if (i >= n || p[i] < lo || p[i] > hi) {
        ok = false;
        break;
      }
      cp = (cp << 6) | (p[i++] & 0x3F);
      lo = 0x80;
      hi = 0xBF;
    }
    out.push_back(ok ? cp : kReplacement);
  }
}

bool IsAscii(absl::string_view s) {
  for (char c : s) {
    if (static_cast<unsigned char>(c) >= 0x80) return false;
  }
  return true;
}

// Calls fn(x, y) with a and b as spans of code points: the bytes themselves when both are ASCII
// (the common case, no copy), otherwise decoded into per-thread buffers.
template <typename Fn>
auto OnCodePoints(absl::string_view a, absl::string_view b, Fn fn) {
  if (IsAscii(a) && IsAscii(b)) {
    return fn(absl::Span<const char>(a.data(), a.size()),
              absl::Span<const char>(b.data(), b.size()));
  }
  thread_local std::u32string decoded_a, decoded_b;
  DecodeInto(a, decoded_a);
  DecodeInto(b, decoded_b);
  return fn(absl::Span<const char32_t>(decoded_a), absl::Span<const char32_t>(decoded_b));
}

template <typename T>
double JaroOf(absl::Span<const T> a, absl::Span<const T> b) {
  if (a.empty() && b.empty()) return 1.0;
  if (a.empty() || b.empty()) return 0.0;
  const size_t half = std::max(a.size(), b.size()) / 2;
  const size_t window = half > 0 ? half - 1 : 0;
  thread_local std::vector<uint8_t> a_matched, b_matched;
  a_matched.assign(a.size(), 0);
  b_matched.assign(b.size(), 0);
  size_t matches = 0;
  for (size_t i = 0; i < a.size(); ++i) {
    const size_t lo = i > window ? i - window : 0;
    const size_t hi = std::min(i + window + 1, b.size());
    for (size_t j = lo; j < hi; ++j) {
      if (!b_matched[j] && a[i] == b[j]) {
        a_matched[i] = b_matched[j] = 1;
        ++matches;
        break;
      }
    }
  }
  if (matches == 0) return 0.0;
  size_t out_of_order = 0;
  for (size_t i = 0, j = 0; i < a.size(); ++i) {
    if (!a_matched[i]) continue;
    while (!b_matched[j]) ++j;
    if (a[i] != b[j]) ++out_of_order;
    ++j;
  }
  const double m = static_cast<double>(matches);
  const double t = static_cast<double>(out_of_order / 2);
  return (m / a.size() + m / b.size() + (m - t) / m) / 3.0;
}

template <typename T>
double JaroWinklerOf(absl::Span<const T> a, absl::Span<const T> b, double prefix_scale) {
  const double jaro = JaroOf(a, b);
  if (jaro <= kWinklerThreshold) return jaro;
  size_t prefix = 0;
  while (prefix < kWinklerMaxPrefix && prefix < a.size() && prefix < b.size() &&
         a[prefix] == b[prefix]) {
    ++prefix;
  }
  return jaro + prefix * prefix_scale * (1.0 - jaro);
}

// Edit distance by dynamic programming restricted to the diagonal band |i - j| <= k (Ukkonen):
// cells outside it are at least k + 1 anyway, and every value is clamped to k + 1.
template <bool kTranspositions, typename T>
int BoundedEditDistance(absl::Span<const T> a, absl::Span<const T> b, int max_distance) {
  const int limit = std::max(max_distance, 0);
  // A common prefix or suffix never changes the distance.
  size_t prefix = 0;
  while (prefix < a.size() && prefix < b.size() && a[prefix] == b[prefix]) ++prefix;
  a.remove_prefix(prefix);
  b.remove_prefix(prefix);
  while (!a.empty() && !b.empty() && a.back() == b.back()) {
    a.remove_suffix(1);
    b.remove_suffix(1);
  }
  if (a.size() > b.size()) std::swap(a, b);
  const size_t la = a.size(), lb = b.size();
  if (lb - la > static_cast<size_t>(limit)) return limit + 1;
  if (la == 0) return static_cast<int>(lb);

  const size_t k = std::min(static_cast<size_t>(limit), lb);  // the distance is at most lb
  const int inf = static_cast<int>(k) + 1;
  // Three rows (two before the current one, for transpositions), initially all "more than k".
  // Row r only writes columns r - k - 1 .. r + k, so a column right of the previous row's band
  // still holds inf when it is first read.
  thread_local std::vector<int> rows;
  rows.assign(3 * (lb + 1), inf);
  int* before_prev = rows.data();
  int* prev = before_prev + (lb + 1);
  int* cur = prev + (lb + 1);
  for (size_t j = 0; j <= k; ++j) prev[j] = static_cast<int>(j);

  for (size_t i = 1; i <= la; ++i) {
    const size_t lo = i > k ? i - k : 1;
    const size_t hi = std::min(lb, i + k);
    cur[lo - 1] = (lo == 1 && i <= k) ? static_cast<int>(i) : inf;
    // Lower bound on the final distance over all paths through this row: a cell's value plus the
    // length difference still to make up. Transpositions skip a row, but the skipped cell on the
    // same diagonal costs no more, so the bound holds for them too.
    int row_bound = inf;
    for (size_t j = lo; j <= hi; ++j) {
      int v = std::min({prev[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1), prev[j] + 1, cur[j - 1] + 1});
      if (kTranspositions && i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1]) {
        v = std::min(v, before_prev[j - 2] + 1);
      }
      v = std::min(v, inf);
      cur[j] = v;
      const size_t left_a = la - i, left_b = lb - j;
      const size_t gap = left_a > left_b ? left_a - left_b : left_b - left_a;
      row_bound = std::min(row_bound, v + static_cast<int>(std::min(gap, k + 1)));
    }
    if (row_bound > static_cast<int>(k)) return limit + 1;
    int* const recycled = before_prev;
    before_prev = prev;
    prev = cur;
    cur = recycled;
  }
  return prev[lb] <= static_cast<int>(k) ? prev[lb] : limit + 1;
}

}  // namespace

std::u32string ToCodePoints(absl::string_view utf8) {
  std::u32string out;
  DecodeInto(utf8, out);
  out.shrink_to_fit();
  return out;
}

double Jaro(absl::string_view a, absl::string_view b) {
  return OnCodePoints(a, b, [](auto x, auto y) { return JaroOf(x, y); });
}

double JaroWinkler(absl::string_view a, absl::string_view b, double prefix_scale) {
  return OnCodePoints(a, b, [prefix_scale](auto x, auto y) {
    return JaroWinklerOf(x, y, prefix_scale);
  });
}

int Levenshtein(absl::string_view a, absl::string_view b, int max_distance) {
  return OnCodePoints(a, b, [max_distance](auto x, auto y) {
    return BoundedEditDistance</*kTranspositions=*/false>(x, y, max_distance);
  });
}

int DamerauLevenshtein(absl::string_view a, absl::string_view b, int max_distance) {
  return OnCodePoints(a, b, [max_distance](auto x, auto y) {
    return BoundedEditDistance</*kTranspositions=*/true>(x, y, max_distance);
  });
}

}  // namespace mdhub::resolver
