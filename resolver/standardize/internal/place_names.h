// PlaceNames: every way an address may write a division's name — the published name and its
// usual short forms (广西壮族自治区 / 广西, 南宁市 / 南宁, 融水苗族自治县 / 融水县 / 融水, 民生街道 /
// 民生, 兴宁社区居委会 / 兴宁社区) — mapped to the divisions they name, per level.
#ifndef MDHUB_RESOLVER_STANDARDIZE_INTERNAL_PLACE_NAMES_H_
#define MDHUB_RESOLVER_STANDARDIZE_INTERNAL_PLACE_NAMES_H_

#include <cstddef>
#include <string>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "absl/strings/string_view.h"
#include "resolver/standardize/divisions.h"
#include "resolver/standardize/local_divisions.h"

namespace mdhub::resolver::internal {

// Division levels, and the length of their codes.
enum Level { kProvince = 0, kCity, kCounty, kTownship, kVillage, kLevels };
constexpr size_t kCodeLength[kLevels] = {2, 4, 6, 9, 12};

// Address text in the one form that names are looked up in: half-width, simplified characters,
// no white space, ASCII lower-cased. Input that is not UTF-8 is read as U+FFFD. Thread-safe.
std::string NormaliseAddressText(absl::string_view raw);

// One reading of a written form.
struct PlaceReading {
  std::string code;  // the division it names (a retired county: its successor)
  // The name without its suffix (南宁 for 南宁市): it only counts as the division when the text
  // does not run on into a longer name (南宁路 is a road).
  bool bare = false;
};

// Immutable after construction; thread-safe.
class PlaceNames {
 public:
  // Indexes current and retired names. Takes about 0.2 s for the built-in tables.
  PlaceNames(const DivisionTable& divisions, const LocalDivisionTable& locals);

  // The divisions of `level` that `form` (normalised text) writes; nullptr when none.
  const std::vector<PlaceReading>* Find(Level level, absl::string_view form) const;
  // The longest form of a level, in bytes: no longer prefix of a text can match.
  size_t max_form_bytes(Level level) const { return max_bytes_[level]; }

 private:
  // Adds the forms of one published name (normalised).
  void AddName(Level level, const std::string& name, const std::string& code);
  void Add(Level level, std::string form, const std::string& code, bool bare);

  absl::flat_hash_map<std::string, std::vector<PlaceReading>> forms_[kLevels];
  size_t max_bytes_[kLevels] = {};
};

}  // namespace mdhub::resolver::internal

#endif  // MDHUB_RESOLVER_STANDARDIZE_INTERNAL_PLACE_NAMES_H_
