#include "resolver/standardize/divisions.h"

#include <algorithm>
#include <vector>

#include "absl/strings/match.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "resolver/standardize/internal/table_rows.h"

namespace mdhub::embedded {
extern const char kProvincesCsv[];
extern const char kCitiesCsv[];
extern const char kAreasCsv[];
extern const char kRetiredCountiesCsv[];
extern const char kExtraProvincesCsv[];
}  // namespace mdhub::embedded

namespace mdhub::resolver {

using internal::ForEachRow;

absl::StatusOr<DivisionTable> DivisionTable::Parse(const Tables& tables) {
  DivisionTable t;
  auto add = [&t](const std::vector<std::string>& row, int) {
    t.divisions_[row[0]] = Division{row[1], ""};
    return absl::OkStatus();
  };
  for (auto [text, name] :
       {std::pair{tables.provinces, "provinces.csv"}, {tables.extra_provinces, "extra_provinces.csv"},
        {tables.cities, "cities.csv"}, {tables.counties, "areas.csv"}}) {
    if (auto s = ForEachRow(text, name, add); !s.ok()) return s;
  }
  absl::Status s = ForEachRow(tables.retired_counties, "retired_counties.csv",
                              [&t](const std::vector<std::string>& row, int line) {
                                Division d{row[1], row.size() > 2 ? row[2] : ""};
                                if (row.size() > 3 && !absl::SimpleAtoi(row[3], &d.retired_in)) {
                                  return absl::InvalidArgumentError(absl::StrCat(
                                      "retired_counties.csv:", line, ": year is not a number"));
                                }
                                t.divisions_[row[0]] = std::move(d);
                                return absl::OkStatus();
                              });
  if (!s.ok()) return s;
  return t;
}

const DivisionTable& DivisionTable::Builtin() {
  static const DivisionTable* table = [] {
    auto parsed = Parse({embedded::kProvincesCsv, embedded::kExtraProvincesCsv,
                         embedded::kCitiesCsv, embedded::kAreasCsv,
                         embedded::kRetiredCountiesCsv});
    // The shipped tables are part of the program: a parse failure is a build defect.
    if (!parsed.ok()) {
      std::fprintf(stderr, "built-in division tables are broken: %s\n",
                   parsed.status().ToString().c_str());
      std::abort();
    }
    return new DivisionTable(*std::move(parsed));
  }();
  return *table;
}

const DivisionTable::Division* DivisionTable::Find(absl::string_view code) const {
  auto it = divisions_.find(code);
  return it == divisions_.end() ? nullptr : &it->second;
}

bool DivisionTable::IsRetired(absl::string_view code) const {
  const Division* d = Find(code);
  return d != nullptr && !d->successor.empty();
}

std::string DivisionTable::Current(absl::string_view code) const {
  std::string c(code);
  for (int hops = 0; hops < 16 && IsRetired(c); ++hops) {
    const Division* d = Find(c);
    if (d == nullptr || d->successor.empty()) break;
    c = d->successor;
  }
  return c;
}

std::vector<std::string> DivisionTable::CodesUnder(absl::string_view prefix, size_t length) const {
  std::vector<std::string> codes;
  for (const auto& [code, division] : divisions_) {
    if (code.size() == length && absl::StartsWith(code, prefix)) codes.push_back(code);
  }
  std::sort(codes.begin(), codes.end());
  return codes;
}

}  // namespace mdhub::resolver
