#include "resolver/compare/similarity.h"

#include <algorithm>
#include <random>
#include <string>
#include <vector>

#include "gtest/gtest.h"

namespace mdhub::resolver {
namespace {

// Published values are rounded to three decimals.
constexpr double kRounding = 5e-4;

TEST(SimilarityTest, ToCodePointsDecodesUtf8) {
  EXPECT_EQ(ToCodePoints(""), U"");
  EXPECT_EQ(ToCodePoints("abc"), U"abc");
  EXPECT_EQ(ToCodePoints("张伟"), U"张伟");
  EXPECT_EQ(ToCodePoints("阿卜杜·热合曼"), U"阿卜杜·热合曼");
  EXPECT_EQ(ToCodePoints("\xf0\x9f\x98\x80"), std::u32string(1, 0x1F600));
}

TEST(SimilarityTest, ToCodePointsReplacesInvalidBytes) {
  EXPECT_EQ(ToCodePoints("a\xff" "b"), U"a\uFFFDb");
  EXPECT_EQ(ToCodePoints("\xe4\xb8"), U"\uFFFD");             // truncated: one replacement
  EXPECT_EQ(ToCodePoints("\xe4\xb8" "a"), U"\uFFFDa");        // the 'a' is not swallowed
  EXPECT_EQ(ToCodePoints("\xc0\xaf"), U"\uFFFD\uFFFD");       // overlong '/'
  EXPECT_EQ(ToCodePoints("\xed\xa0\x80"), U"\uFFFD\uFFFD\uFFFD");  // surrogate
  EXPECT_EQ(ToCodePoints("\xf4\x90\x80\x80"), U"\uFFFD\uFFFD\uFFFD\uFFFD");  // past U+10FFFF
  EXPECT_EQ(ToCodePoints("\x80" "伟"), U"\uFFFD伟");
}

TEST(SimilarityTest, JaroKnownValues) {
  EXPECT_NEAR(Jaro("CRATE", "TRACE"), 0.733, kRounding);
  EXPECT_NEAR(Jaro("MARTHA", "MARHTA"), 0.944, kRounding);
  EXPECT_NEAR(Jaro("DWAYNE", "DUANE"), 0.822, kRounding);
  EXPECT_NEAR(Jaro("DIXON", "DICKSONX"), 0.767, kRounding);
  EXPECT_DOUBLE_EQ(Jaro("same", "same"), 1.0);
  EXPECT_DOUBLE_EQ(Jaro("abc", "xyz"), 0.0);
  // Three matches out of order count as one transposition (rounded down, as in strcmp95).
  EXPECT_DOUBLE_EQ(Jaro("abcxyz", "bcaxyz"), (1 + 1 + 5.0 / 6) / 3);
}

TEST(SimilarityTest, JaroWinklerKnownValues) {
  EXPECT_NEAR(JaroWinkler("MARTHA", "MARHTA"), 0.961, kRounding);
  EXPECT_NEAR(JaroWinkler("DWAYNE", "DUANE"), 0.840, kRounding);
  EXPECT_NEAR(JaroWinkler("DIXON", "DICKSONX"), 0.813, kRounding);
  EXPECT_NEAR(JaroWinkler("MARTHA", "MARHTA", 0.0), 0.944, kRounding);
  EXPECT_NEAR(JaroWinkler("MARTHA", "MARHTA", 0.25), 0.986, kRounding);
  // The prefix bonus stops at four code points.
  EXPECT_DOUBLE_EQ(JaroWinkler("ABCDEFGH", "ABCDEFGX"),
                   Jaro("ABCDEFGH", "ABCDEFGX") + 0.4 * (1 - Jaro("ABCDEFGH", "ABCDEFGX")));
}

TEST(SimilarityTest, JaroWinklerPrefixBonusNeedsJaroAbove07) {
  // Jaro("ABxyz", "ABpqr") = (2/5 + 2/5 + 1) / 3 = 0.6: no bonus despite the common prefix.
  EXPECT_DOUBLE_EQ(JaroWinkler("ABxyz", "ABpqr"), 0.6);
}

TEST(SimilarityTest, EmptyStrings) {
  EXPECT_DOUBLE_EQ(Jaro("", ""), 1.0);
  EXPECT_DOUBLE_EQ(JaroWinkler("", ""), 1.0);
  EXPECT_DOUBLE_EQ(Jaro("", "a"), 0.0);
  EXPECT_DOUBLE_EQ(JaroWinkler("a", ""), 0.0);
  EXPECT_EQ(Levenshtein("", "", 0), 0);
  EXPECT_EQ(Levenshtein("", "abc", 5), 3);
  EXPECT_EQ(Levenshtein("abc", "", 2), 3);
  EXPECT_EQ(DamerauLevenshtein("", "张伟", 5), 2);
}

TEST(SimilarityTest, Symmetric) {
  const std::vector<std::string> words = {"",      "MARTHA", "MARHTA", "DWAYNE",  "DUANE",
                                          "DIXON", "CRATE",  "TRACE",  "张伟",    "张玮",
                                          "欧阳娜娜", "欧阳娜", "a\xff", "abcxyz", "bcaxyz"};
  for (const std::string& a : words) {
    for (const std::string& b : words) {
      EXPECT_DOUBLE_EQ(Jaro(a, b), Jaro(b, a)) << a << " / " << b;
      EXPECT_DOUBLE_EQ(JaroWinkler(a, b), JaroWinkler(b, a)) << a << " / " << b;
      EXPECT_EQ(Levenshtein(a, b, 3), Levenshtein(b, a, 3)) << a << " / " << b;
      EXPECT_EQ(DamerauLevenshtein(a, b, 3), DamerauLevenshtein(b, a, 3)) << a << " / " << b;
    }
  }
}

TEST(SimilarityTest, ChineseComparesPerCharacter) {
  // One of two characters in common, in place: Jaro = (1/2 + 1/2 + 1) / 3; below 0.7, no bonus.
  EXPECT_DOUBLE_EQ(Jaro("张伟", "张玮"), 2.0 / 3);
  EXPECT_DOUBLE_EQ(JaroWinkler("张伟", "张玮"), 2.0 / 3);
  EXPECT_EQ(Levenshtein("张伟", "张玮", 5), 1);
  EXPECT_EQ(DamerauLevenshtein("张伟", "伟张", 5), 1);
  // Jaro = (3/4 + 1 + 1) / 3 with a common prefix of three characters.
  const double jaro = (0.75 + 1 + 1) / 3;
  EXPECT_DOUBLE_EQ(JaroWinkler("欧阳娜娜", "欧阳娜"), jaro + 0.3 * (1 - jaro));
  EXPECT_EQ(Levenshtein("欧阳娜娜", "欧阳娜", 1), 1);
}

TEST(SimilarityTest, LevenshteinKnownValues) {
  EXPECT_EQ(Levenshtein("kitten", "sitting", 10), 3);
  EXPECT_EQ(Levenshtein("sitting", "kitten", 3), 3);
  EXPECT_EQ(Levenshtein("flaw", "lawn", 5), 2);
  EXPECT_EQ(Levenshtein("ca", "ac", 5), 2);
  EXPECT_EQ(Levenshtein("same", "same", 0), 0);
}

TEST(SimilarityTest, LevenshteinBound) {
  EXPECT_EQ(Levenshtein("kitten", "sitting", 2), 3);
  EXPECT_EQ(Levenshtein("kitten", "sitting", 1), 2);
  EXPECT_EQ(Levenshtein("kitten", "sitting", 0), 1);
  EXPECT_EQ(Levenshtein("kitten", "sitting", -4), 1);  // counts as 0
  EXPECT_EQ(Levenshtein("a", "abcdefgh", 3), 4);        // length difference alone exceeds it
  EXPECT_EQ(Levenshtein("a", "b", 1 << 30), 1);
  // Long strings far apart: the band keeps this O(bound * length).
  const std::string a(100'000, 'a'), b(100'000, 'b');
  EXPECT_EQ(Levenshtein(a, b, 2), 3);
  EXPECT_EQ(DamerauLevenshtein(a, b, 2), 3);
  std::string c = a;
  c[50'000] = 'x';
  c.insert(70'000, "y");
  EXPECT_EQ(Levenshtein(a, c, 2), 2);
  EXPECT_EQ(Levenshtein(a, c, 1), 2);
}

TEST(SimilarityTest, DamerauLevenshteinKnownValues) {
  EXPECT_EQ(DamerauLevenshtein("ca", "ac", 5), 1);
  EXPECT_EQ(DamerauLevenshtein("ca", "ac", 0), 1);
  EXPECT_EQ(DamerauLevenshtein("CA", "ABC", 5), 3);  // optimal string alignment, not true Damerau
  EXPECT_EQ(DamerauLevenshtein("kitten", "sitting", 10), 3);
  EXPECT_EQ(DamerauLevenshtein("MARTHA", "MARHTA", 10), 1);
  EXPECT_EQ(DamerauLevenshtein("abcdef", "badcfe", 2), 3);
}

// Full-matrix reference, on code points.
int ReferenceDistance(const std::u32string& a, const std::u32string& b, bool transpositions) {
  std::vector<std::vector<int>> d(a.size() + 1, std::vector<int>(b.size() + 1));
  for (size_t i = 0; i <= a.size(); ++i) d[i][0] = static_cast<int>(i);
  for (size_t j = 0; j <= b.size(); ++j) d[0][j] = static_cast<int>(j);
  for (size_t i = 1; i <= a.size(); ++i) {
    for (size_t j = 1; j <= b.size(); ++j) {
      d[i][j] = std::min({d[i - 1][j] + 1, d[i][j - 1] + 1,
                          d[i - 1][j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1)});
      if (transpositions && i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1]) {
        d[i][j] = std::min(d[i][j], d[i - 2][j - 2] + 1);
      }
    }
  }
  return d[a.size()][b.size()];
}

TEST(SimilarityTest, BoundedDistancesAgreeWithFullMatrix) {
  std::mt19937 rng(20240611);
  const std::vector<std::string> alphabet = {"a", "b", "c", "张", "伟"};
  auto random_word = [&] {
    std::string s;
    const int n = std::uniform_int_distribution<int>(0, 9)(rng);
    for (int i = 0; i < n; ++i) {
      s += alphabet[std::uniform_int_distribution<size_t>(0, alphabet.size() - 1)(rng)];
    }
    return s;
  };
  for (int trial = 0; trial < 3000; ++trial) {
    const std::string a = random_word(), b = random_word();
    const std::u32string ca = ToCodePoints(a), cb = ToCodePoints(b);
    const int lev = ReferenceDistance(ca, cb, false);
    const int osa = ReferenceDistance(ca, cb, true);
    for (int bound = 0; bound <= 10; ++bound) {
      ASSERT_EQ(Levenshtein(a, b, bound), std::min(lev, bound + 1)) << a << " / " << b;
      ASSERT_EQ(DamerauLevenshtein(a, b, bound), std::min(osa, bound + 1)) << a << " / " << b;
    }
  }
}

}  // namespace
}  // namespace mdhub::resolver
