// ColumnPlan: how matching settings read one record — the columns a matcher keeps (the fields in
// the settings' order, then columns used only by blocking rules), where each is read from and
// how it is standardised — and the blocking keys and binding values computed from them. Batch
// datasets and incremental resolution share it, so both see the same values and keys.
#ifndef MDHUB_RESOLVER_MATCH_COLUMNS_H_
#define MDHUB_RESOLVER_MATCH_COLUMNS_H_

#include <string>
#include <vector>

#include "absl/strings/string_view.h"
#include "resolver/match/settings.h"

namespace mdhub::resolver {

// Between a name and its pinyin in the values of fields compared as names.
inline constexpr char kNameSeparator = '|';
// Between the values of a field with further values (FieldSettings::also_columns).
inline constexpr char kValueSeparator = ';';
// Between the keys of one blocking rule for a record with several (BlockingKey).
inline constexpr char kKeySeparator = '\x1e';

// A raw value in the settings' standard form (see Standardizer).
std::string StandardiseValue(Standardizer how, absl::string_view raw);

// True when a standardised value of a distinct_fields field binds its record (two records
// binding different values are never one entity): any non-empty value, except that citizen ids,
// credit codes and organisation codes must pass their checks — codes that fail may be typos of
// the right one.
bool IsBindingValue(const FieldSettings& field, absl::string_view value);

// Immutable; thread-safe.
class ColumnPlan {
 public:
  explicit ColumnPlan(const MatchSettings& settings);

  // Stored columns: settings.fields in order (named after the field), then blocking-only columns.
  int size() const { return static_cast<int>(names_.size()); }
  const std::string& name(int c) const { return names_[c]; }
  // The input columns (or record attributes) column c is read from: the first that is not empty
  // for a record gives its value.
  const std::vector<std::string>& source_columns(int c) const { return sources_[c]; }
  // The standard value; for a field compared as a name (Comparison::kName), the standard name,
  // kNameSeparator and its pinyin, so that comparisons need no transliteration.
  std::string Standardise(int c, absl::string_view raw) const;
  // Index of a stored column by name; -1 when there is none.
  int Find(absl::string_view name) const;
  // Columns holding further values of column c (FieldSettings::also_columns).
  const std::vector<std::string>& also_columns(int c) const { return also_[c]; }
  // The stored value of column c from its standard value and the raw further values (each may
  // hold several, ';'-separated): the distinct non-empty standard values, kValueSeparator between.
  std::string WithFurtherValues(int c, std::string value,
                                const std::vector<absl::string_view>& raw_further) const;

  // The key of blocking rule r for a record whose stored values are values[0..size()); empty when
  // a part of it is empty. Parts "col:N" use the first N characters. A record whose part has
  // several values (kValueSeparator) has a key for each: they are joined by kKeySeparator.
  std::string BlockingKey(const absl::string_view* values, int r) const;

 private:
  struct KeyPart {
    int column;
    int prefix;  // characters to keep; -1 for all
  };
  std::vector<std::string> names_;
  std::vector<std::vector<std::string>> sources_;
  std::vector<std::vector<std::string>> also_;
  std::vector<Standardizer> how_;
  std::vector<bool> with_pinyin_;
  std::vector<std::vector<KeyPart>> rules_;
};

}  // namespace mdhub::resolver

#endif  // MDHUB_RESOLVER_MATCH_COLUMNS_H_
