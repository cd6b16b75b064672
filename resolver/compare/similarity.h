// String similarity measures for record comparison: Jaro, Jaro-Winkler, Levenshtein and
// Damerau-Levenshtein (optimal string alignment), all on Unicode code points of UTF-8 text.
// They are called tens of millions of times in batch matching, so they reuse per-thread buffers
// instead of allocating.
#ifndef MDHUB_RESOLVER_COMPARE_SIMILARITY_H_
#define MDHUB_RESOLVER_COMPARE_SIMILARITY_H_

#include <string>

#include "absl/strings/string_view.h"

namespace mdhub::resolver {

// All functions below are thread-safe (each thread has its own scratch buffers) and take UTF-8
// input; bytes that are not valid UTF-8 count as U+FFFD, as in ToCodePoints. Nothing is
// normalised: case, width and spacing matter, so standardise values before comparing them.

// Decodes UTF-8. Each maximal ill-formed subsequence (Unicode 15 §3.9, as in the WHATWG decoder)
// becomes one U+FFFD; overlong forms, surrogates and values past U+10FFFF are ill-formed.
std::u32string ToCodePoints(absl::string_view utf8);

// Jaro similarity in [0, 1]: 1.0 for two empty strings, 0.0 when exactly one is empty or no
// code points match. Code points match when equal and at most max(|a|, |b|) / 2 - 1 apart; with
// m matches and t transpositions (half the matches out of order, rounded down as in Winkler's
// strcmp95), Jaro = (m / |a| + m / |b| + (m - t) / m) / 3. Symmetric.
double Jaro(absl::string_view a, absl::string_view b);

// Jaro-Winkler similarity in [0, 1]: Jaro plus prefix_scale * l * (1 - Jaro), where l is the
// length of the common prefix, at most 4 code points. As in Winkler's strcmp95 (and jellyfish,
// rapidfuzz, Apache Commons Text) the prefix bonus applies only when Jaro exceeds 0.7.
// REQUIRES: 0 <= prefix_scale <= 0.25 (beyond, the result can exceed 1).
double JaroWinkler(absl::string_view a, absl::string_view b, double prefix_scale = 0.1);

// Levenshtein distance (insertions, deletions, substitutions of code points) when it is at most
// max_distance; otherwise max_distance + 1, returned as soon as that is known. Runs in
// O(max_distance * min(|a|, |b|)) time after stripping the common prefix and suffix.
// A negative max_distance counts as 0.
int Levenshtein(absl::string_view a, absl::string_view b, int max_distance);

// Damerau-Levenshtein distance, optimal string alignment variant (adjacent transpositions cost
// 1, but no substring is edited twice: OSA("CA", "ABC") = 3), with the same bound contract and
// cost as Levenshtein.
int DamerauLevenshtein(absl::string_view a, absl::string_view b, int max_distance);

}  // namespace mdhub::resolver

#endif  // MDHUB_RESOLVER_COMPARE_SIMILARITY_H_
