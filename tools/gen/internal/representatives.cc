#include "tools/gen/internal/representatives.h"

#include <algorithm>
#include <string>

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "common/csv_reader.h"
#include "resolver/standardize/citizen_id.h"
#include "tools/gen/internal/population.h"
#include "tools/gen/person_generator.h"

namespace mdhub::gen {
namespace {

constexpr int kYoungest = 22;
constexpr int kOldest = 75;

bool Adult(absl::CivilDay birth, absl::CivilDay today) {
  const int age = AgeOn(birth, today);
  return age >= kYoungest && age <= kOldest;
}

bool ParseIsoDay(absl::string_view text, absl::CivilDay* day) {
  int y = 0, m = 0, d = 0;
  if (text.size() != 10 || text[4] != '-' || text[7] != '-' ||
      !absl::SimpleAtoi(text.substr(0, 4), &y) || !absl::SimpleAtoi(text.substr(5, 2), &m) ||
      !absl::SimpleAtoi(text.substr(8, 2), &d)) {
    return false;
  }
  *day = absl::CivilDay(y, m, d);
  return day->year() == y && day->month() == m && day->day() == d;
}

}  // namespace

absl::StatusOr<RepresentativePool> RepresentativePool::FromHukou(std::istream& in,
                                                                 absl::string_view name,
                                                                 size_t size,
                                                                 absl::CivilDay today,
                                                                 uint64_t seed) {
  CsvReader reader(in, std::string(name), {});
  std::vector<std::string> row;
  absl::StatusOr<bool> more = reader.Next(&row);
  if (!more.ok()) return more.status();
  if (!*more) return absl::InvalidArgumentError(absl::StrCat(name, ": empty, no header row"));
  int columns[3] = {-1, -1, -1};
  const absl::string_view kColumns[3] = {"姓名", "身份证号", "出生日期"};
  for (size_t i = 0; i < row.size(); ++i) {
    for (int c = 0; c < 3; ++c) {
      if (row[i] == kColumns[c]) columns[c] = static_cast<int>(i);
    }
  }
  for (int c = 0; c < 3; ++c) {
    if (columns[c] < 0) {
      return absl::InvalidArgumentError(
          absl::StrCat(name, ":1: no column \"", kColumns[c], "\" (a hukou.csv of mdhub gen "
                       "persons has 姓名, 身份证号 and 出生日期)"));
    }
  }
  RepresentativePool pool;
  Rng rng(seed, 0);
  int64_t adults = 0;
  while (true) {
    more = reader.Next(&row);
    if (!more.ok()) return more.status();
    if (!*more) break;
    Person p;
    const size_t width = std::max({columns[0], columns[1], columns[2]}) + 1;
    if (row.size() < width || !ParseIsoDay(row[columns[2]], &p.birth)) {
      return absl::InvalidArgumentError(absl::StrCat(name, ":", reader.row_line(),
                                                     ": no birth date (YYYY-MM-DD) in 出生日期"));
    }
    if (!Adult(p.birth, today) || row[columns[0]].empty()) continue;
    p.citizen_id = resolver::CitizenIdKey(row[columns[1]]);
    if (p.citizen_id.size() != 18) continue;
    p.name = std::move(row[columns[0]]);
    ++adults;
    if (pool.people_.size() < size) {
      pool.people_.push_back(std::move(p));
    } else if (const uint64_t j = rng.Uniform(adults); j < size) {
      pool.people_[j] = std::move(p);
    }
  }
  if (pool.people_.empty()) {
    return absl::InvalidArgumentError(absl::StrCat(
        name, ": no adults aged ", kYoungest, " to ", kOldest, " to be legal representatives"));
  }
  return pool;
}

RepresentativePool RepresentativePool::Fresh(const Places& places, const ChineseNames& names,
                                             size_t size, absl::CivilDay today, uint64_t seed) {
  PersonGeneratorOptions options;
  options.seed = seed;
  options.reference_date = today;
  Population population(places, names, options);
  RepresentativePool pool;
  Household household;
  while (pool.people_.size() < size) {
    population.Next(8, &household);
    for (const TruePerson& p : household.members) {
      if (Adult(p.birth, today) && pool.people_.size() < size) {
        pool.people_.push_back({p.name(), p.citizen_id, p.birth});
      }
    }
  }
  return pool;
}

const Person& RepresentativePool::Pick(Rng& rng, absl::CivilDay adult_on) const {
  const absl::CivilDay born_by(adult_on.year() - 18, adult_on.month(), adult_on.day());
  for (int attempt = 0;; ++attempt) {
    const Person& p = people_[rng.Uniform(people_.size())];
    if (p.birth <= born_by || attempt == 16) return p;
  }
}

}  // namespace mdhub::gen
