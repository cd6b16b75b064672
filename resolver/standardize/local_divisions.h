// LocalDivisionTable: the divisions below the county that ship with mdhub (resolver/data, 2023):
// townships (乡级: 镇, 乡, 街道 ..., 9-digit codes, all of China) and villages (村级: 村委会,
// 社区居委会, 12-digit codes, Guangxi only). The county-level table is DivisionTable.
#ifndef MDHUB_RESOLVER_STANDARDIZE_LOCAL_DIVISIONS_H_
#define MDHUB_RESOLVER_STANDARDIZE_LOCAL_DIVISIONS_H_

#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "absl/types/span.h"

namespace mdhub::resolver {

// Immutable after construction; thread-safe. A code's parent is its prefix: a township's first 6
// digits are its county, a village's first 9 its township.
class LocalDivisionTable {
 public:
  struct Division {
    std::string code;
    std::string name;  // as published: "民生街道", "兴宁社区居委会"
  };

  // The tables built into mdhub. Parsed on first use (about 0.05 s), so that programs that never
  // look below the county do not pay for it.
  static const LocalDivisionTable& Builtin();
  // CSV texts in the shipped layouts: code,name,<parent code>,... with a header row.
  struct Tables {
    absl::string_view townships;
    absl::string_view villages;
  };
  // INVALID_ARGUMENT names the table and line of a malformed row: a code of the wrong length or
  // one whose prefix disagrees with its parent column.
  static absl::StatusOr<LocalDivisionTable> Parse(const Tables& tables);

  // The township (9 digits) or village (12 digits) with this code; nullptr when unknown.
  const Division* Find(absl::string_view code) const;
  // The divisions directly under a county (6 digits: its townships) or a township (9 digits: its
  // villages), in ascending code order; empty for other codes.
  absl::Span<const Division> Children(absl::string_view parent) const;
  // The child of `parent` whose published name is exactly `name`; nullptr when there is none.
  const Division* FindChild(absl::string_view parent, absl::string_view name) const;

  // Every township or village, in ascending code order.
  absl::Span<const Division> townships() const { return townships_; }
  absl::Span<const Division> villages() const { return villages_; }

 private:
  // Sorted by code, so that the children of a parent are one contiguous run.
  std::vector<Division> townships_;
  std::vector<Division> villages_;
};

}  // namespace mdhub::resolver

#endif  // MDHUB_RESOLVER_STANDARDIZE_LOCAL_DIVISIONS_H_
