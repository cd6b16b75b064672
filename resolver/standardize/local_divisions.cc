#include "resolver/standardize/local_divisions.h"

#include <algorithm>
#include <cstdio>
#include <cstdlib>

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "resolver/standardize/internal/table_rows.h"

namespace mdhub::embedded {
extern const char kStreetsCsv[];
extern const char kGuangxiVillagesCsv[];
}  // namespace mdhub::embedded

namespace mdhub::resolver {
namespace {

using Division = LocalDivisionTable::Division;

bool AllDigits(absl::string_view s) {
  return std::all_of(s.begin(), s.end(), [](char c) { return absl::ascii_isdigit(c); });
}

// Reads one table: `length`-digit codes whose column 2 (the parent) is their first
// `parent_length` digits. Sorted by code on return.
absl::Status ReadTable(absl::string_view text, const std::string& name, size_t length,
                       size_t parent_length, std::vector<Division>& out) {
  absl::Status s = internal::ForEachRow(
      text, name, [&](const std::vector<std::string>& row, int line) {
        const std::string& code = row[0];
        if (code.size() != length || !AllDigits(code)) {
          return absl::InvalidArgumentError(
              absl::StrCat(name, ":", line, ": code \"", code, "\" is not ", length, " digits"));
        }
        if (row.size() < 3 || absl::string_view(code).substr(0, parent_length) != row[2]) {
          return absl::InvalidArgumentError(absl::StrCat(
              name, ":", line, ": code ", code, " does not start with its parent's code"));
        }
        out.push_back(Division{code, row[1]});
        return absl::OkStatus();
      });
  if (!s.ok()) return s;
  auto by_code = [](const Division& a, const Division& b) { return a.code < b.code; };
  // The shipped tables are sorted already; others are sorted here.
  if (!std::is_sorted(out.begin(), out.end(), by_code)) {
    std::sort(out.begin(), out.end(), by_code);
  }
  return absl::OkStatus();
}

// The run of `divisions` whose codes start with `prefix`.
absl::Span<const Division> Run(const std::vector<Division>& divisions, absl::string_view prefix) {
  auto first = std::lower_bound(
      divisions.begin(), divisions.end(), prefix,
      [](const Division& d, absl::string_view p) { return absl::string_view(d.code) < p; });
  auto last = first;
  while (last != divisions.end() &&
         absl::string_view(last->code).substr(0, prefix.size()) == prefix) {
    ++last;
  }
  return absl::MakeConstSpan(divisions.data() + (first - divisions.begin()),
                            static_cast<size_t>(last - first));
}

}  // namespace

absl::StatusOr<LocalDivisionTable> LocalDivisionTable::Parse(const Tables& tables) {
  LocalDivisionTable t;
  if (auto s = ReadTable(tables.townships, "streets.csv", 9, 6, t.townships_); !s.ok()) return s;
  if (auto s = ReadTable(tables.villages, "villages_45_guangxi.csv", 12, 9, t.villages_);
      !s.ok()) {
    return s;
  }
  return t;
}

const LocalDivisionTable& LocalDivisionTable::Builtin() {
  static const LocalDivisionTable* table = [] {
    auto parsed = Parse({embedded::kStreetsCsv, embedded::kGuangxiVillagesCsv});
    // The shipped tables are part of the program: a parse failure is a build defect.
    if (!parsed.ok()) {
      std::fprintf(stderr, "built-in township tables are broken: %s\n",
                   parsed.status().ToString().c_str());
      std::abort();
    }
    return new LocalDivisionTable(*std::move(parsed));
  }();
  return *table;
}

const Division* LocalDivisionTable::Find(absl::string_view code) const {
  const std::vector<Division>* divisions =
      code.size() == 9 ? &townships_ : code.size() == 12 ? &villages_ : nullptr;
  if (divisions == nullptr) return nullptr;
  absl::Span<const Division> run = Run(*divisions, code);
  return run.empty() ? nullptr : &run.front();
}

absl::Span<const Division> LocalDivisionTable::Children(absl::string_view parent) const {
  if (parent.size() == 6) return Run(townships_, parent);
  if (parent.size() == 9) return Run(villages_, parent);
  return {};
}

const Division* LocalDivisionTable::FindChild(absl::string_view parent,
                                              absl::string_view name) const {
  for (const Division& d : Children(parent)) {
    if (d.name == name) return &d;
  }
  return nullptr;
}

}  // namespace mdhub::resolver
