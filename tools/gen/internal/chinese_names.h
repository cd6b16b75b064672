// Chinese person names for the generators: a surname distribution skewed like Guangxi's (黄 李 陈
// 韦 梁 ... with the Zhuang surnames 韦 覃 蒙 农 莫 蓝 陆), Zipf-like given names that depend on
// sex and generation, and what record keepers do to names: same-sounding characters, traditional
// characters, pinyin.
#ifndef MDHUB_TOOLS_GEN_INTERNAL_CHINESE_NAMES_H_
#define MDHUB_TOOLS_GEN_INTERNAL_CHINESE_NAMES_H_

#include <string>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "absl/strings/string_view.h"
#include "tools/gen/internal/random.h"

namespace mdhub::gen {

// The characters (code points, as UTF-8 slices of `s`) of a UTF-8 string.
std::vector<absl::string_view> Characters(absl::string_view s);

// Immutable after construction; thread-safe. Construction checks that every character the tables
// can produce has a pinyin reading (a defect in the tables aborts).
class ChineseNames {
 public:
  ChineseNames();

  // A surname (one character, rarely two: 欧阳).
  absl::string_view Surname(Rng& rng) const;
  // A given name of one or two characters for someone born in `birth_year`: mostly a common name
  // (Zipf-like: 伟, 芳 and 娜 are frequent; 秀英 belongs to grandmothers, 子轩 to children),
  // sometimes two characters composed from a pool.
  std::string GivenName(bool male, int birth_year, Rng& rng) const;

  // The name in pinyin as the social security office keys it: "WANG Xiuying" or "Wang Xiuying".
  // REQUIRES: every character of both parts is one the tables produce.
  std::string Pinyin(absl::string_view surname, absl::string_view given,
                     bool upper_case_surname) const;

  // `text` with one character that has a same-sounding alternative (伟/玮/炜, 芳/方, 丽/莉,
  // 娜/纳 ...) replaced by one; unchanged when no character has one.
  std::string SameSounding(absl::string_view text, Rng& rng) const;
  // The surname as a clerk may mishear it (黄/王 in Guangxi speech, 覃/谭, 陆/卢 ...); unchanged
  // when it has no such neighbour.
  std::string MisheardSurname(absl::string_view surname, Rng& rng) const;
  // `text` with every character that has a traditional form written in it (华 -> 華, 丽 -> 麗).
  std::string Traditional(absl::string_view text) const;
  // Whether `text` contains a character that Traditional() writes.
  bool HasTraditional(absl::string_view text) const;

 private:
  // Common names of one length, drawn by rank (Zipf-like).
  struct CommonNames {
    std::vector<absl::string_view> names;
    std::vector<int> era;  // per name: 0 any generation, 1 born before 1970, 2 born 2000 or later
    WeightedIndex draw{std::vector<double>{1.0}};
  };
  struct GivenNameTable {
    CommonNames one_character, two_characters;
    std::vector<absl::string_view> first_chars, second_chars;  // for composed names
  };
  static GivenNameTable MakeGivenNames(bool male);
  static absl::string_view DrawCommon(const CommonNames& names, int era, Rng& rng);
  void CheckReadings(absl::string_view text) const;

  std::vector<absl::string_view> surnames_;
  WeightedIndex surname_draw_;
  GivenNameTable male_, female_;
  absl::flat_hash_map<absl::string_view, absl::string_view> pinyin_;
  // Character -> the group of characters that sound alike (the string holds the whole group).
  absl::flat_hash_map<absl::string_view, absl::string_view> same_sounding_;
  absl::flat_hash_map<absl::string_view, absl::string_view> misheard_surname_;
  absl::flat_hash_map<absl::string_view, absl::string_view> traditional_;
  absl::flat_hash_map<absl::string_view, absl::string_view> simplified_;
};

}  // namespace mdhub::gen

#endif  // MDHUB_TOOLS_GEN_INTERNAL_CHINESE_NAMES_H_
