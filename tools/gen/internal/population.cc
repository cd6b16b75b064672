#include "tools/gen/internal/population.h"

#include <algorithm>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "resolver/standardize/citizen_id.h"

namespace mdhub::gen {
namespace {

constexpr int kFirstYear = 1930;
constexpr int kLastYear = 2020;

enum HouseholdType { kSingle, kCouple, kNuclear, kThreeGenerations, kSingleParent };
constexpr double kHouseholdTypeWeights[] = {0.17, 0.15, 0.45, 0.13, 0.10};
constexpr double kChildrenWeights[] = {0.35, 0.45, 0.15, 0.05};  // 1, 2, 3 or 4 children
// Second digit of mobile numbers 13x .. 19x, roughly by how many numbers each range holds.
constexpr double kMobileWeights[] = {0.30, 0.02, 0.25, 0.03, 0.08, 0.25, 0.07};

int DaysIn(int year) {
  return static_cast<int>(absl::CivilDay(year + 1, 1, 1) - absl::CivilDay(year, 1, 1));
}

}  // namespace

int AgeOn(absl::CivilDay birth, absl::CivilDay day) {
  int age = static_cast<int>(day.year() - birth.year());
  if (day.month() < birth.month() || (day.month() == birth.month() && day.day() < birth.day())) {
    --age;
  }
  return age;
}

Population::Population(const Places& places, const ChineseNames& names,
                       const PersonGeneratorOptions& options)
    : places_(places),
      names_(names),
      options_(options),
      household_types_(kHouseholdTypeWeights),
      children_(kChildrenWeights),
      mobile_prefixes_(kMobileWeights) {}

absl::CivilDay Population::BirthDay(const Household& h, Rng& rng, int year) const {
  for (;;) {
    absl::CivilDay day = absl::CivilDay(year, 1, 1) + static_cast<int>(rng.Uniform(DaysIn(year)));
    // Only twins share a birthday within a household, so that tests can tell twins apart.
    bool taken = false;
    for (const TruePerson& p : h.members) taken |= p.birth == day;
    if (!taken) return day;
  }
}

std::string Population::IssueCitizenId(const County& county, absl::CivilDay birth, bool male,
                                       Rng& rng) {
  const std::string& region = places_.IdRegion(county, static_cast<int>(birth.year()));
  const uint64_t date = birth.year() * 10000 + birth.month() * 100 + birth.day();
  const uint64_t base = std::stoull(region) * 100000000000ULL + date * 1000;
  // The sequence number's last digit is odd for men; on a clash take the next free one.
  uint64_t sequence = rng.Uniform(500) * 2 + (male ? 1 : 0);
  while (!issued_.insert(base + sequence).second) sequence = (sequence + 2) % 1000;
  std::string first17 = absl::StrFormat("%s%08d%03d", region, date, sequence);
  return first17 + resolver::CitizenIdCheckCharacter(first17);
}

std::string Population::Phone(Rng& rng) const {
  return absl::StrFormat("1%d%09d", 3 + mobile_prefixes_.Draw(rng), rng.Uniform(1000000000));
}

TruePerson& Population::Add(Household& h, Rng& rng, absl::string_view surname, bool male, int year,
                            const TruePerson* twin_of) {
  TruePerson p;
  p.number = next_person_++;
  p.surname = std::string(surname);
  p.male = male;
  p.birth = twin_of != nullptr ? twin_of->birth : BirthDay(h, rng, year);
  p.given_name = names_.GivenName(male, year, rng);
  if (twin_of != nullptr) {
    p.twin_of = twin_of->number;
    while (p.given_name == twin_of->given_name) p.given_name = names_.GivenName(male, year, rng);
  }
  p.citizen_id = IssueCitizenId(*h.county, p.birth, male, rng);
  const int age = AgeOn(p.birth, options_.reference_date);
  if (age >= 18 && rng.Chance(options_.rates.name_change)) {
    while (p.former_given_name.empty() || p.former_given_name == p.given_name) {
      p.former_given_name = names_.GivenName(male, year, rng);
    }
  }
  if (age >= 14 && rng.Chance(options_.rates.phone_owner)) p.phone = Phone(rng);
  if (age >= 18 && age <= 60 && rng.Chance(options_.rates.employed)) {
    p.employer = places_.Employer(*h.county, rng);
  }
  h.members.push_back(std::move(p));
  return h.members.back();
}

void Population::AddChildren(Household& h, Rng& rng, int mother_year, absl::string_view surname,
                             int parent) {
  const int children = 1 + static_cast<int>(children_.Draw(rng));
  int year = mother_year + rng.Between(21, 30);
  for (int i = 0; i < children && year <= kLastYear; ++i) {
    const size_t first = h.members.size();
    Add(h, rng, surname, rng.Chance(0.52), year, nullptr).parent = parent;
    if (rng.Chance(options_.rates.twin_birth)) {
      // Copy: adding may move the first twin.
      const TruePerson twin = h.members[first];
      Add(h, rng, surname, rng.Chance(0.5), year, &twin).parent = parent;
      h.members[first].twin_of = h.members.back().number;
    }
    year += rng.Between(1, 5);
  }
}

void Population::Next(int max_members, Household* household) {
  Household& h = *household;
  h.members.clear();
  h.number = next_household_++;
  Rng rng(options_.seed, static_cast<uint64_t>(h.number));
  h.county = &places_.PickCounty(rng);
  h.household_no = absl::StrFormat("%s%08d", h.county->code, h.number % 100000000);
  h.address = places_.FullAddress(*h.county, places_.Locality(*h.county, rng));

  const auto type = static_cast<HouseholdType>(household_types_.Draw(rng));
  const bool couple = type == kCouple || type == kNuclear || type == kThreeGenerations;
  const bool head_male = couple ? rng.Chance(0.85) : rng.Chance(0.5);
  // Parents with children at home are younger than couples whose children have left.
  const int head_year = type == kSingle             ? rng.Between(1935, 2002)
                        : type == kCouple           ? rng.Between(1938, 1998)
                        : type == kThreeGenerations ? rng.Between(1966, 1994)
                                                    : rng.Between(1962, 1996);
  const std::string head_surname(names_.Surname(rng));
  Add(h, rng, head_surname, head_male, head_year, nullptr);
  int mother_year = head_year;
  std::string father_surname = head_surname;
  if (couple) {
    const int spouse_year = std::clamp(
        head_year + (head_male ? rng.Between(-2, 5) : rng.Between(-5, 2)), kFirstYear, 2002);
    Add(h, rng, names_.Surname(rng), !head_male, spouse_year, nullptr);
    if (head_male) mother_year = spouse_year;
    if (!head_male) father_surname = h.members.back().surname;
  } else if (!head_male) {
    // A mother on her own: the children mostly carry their absent father's surname.
    if (rng.Chance(0.6)) father_surname = std::string(names_.Surname(rng));
  }
  if (type == kThreeGenerations) {
    const int father_year = head_year - rng.Between(22, 35);
    const int mother_of_head_year = father_year + rng.Between(-2, 5);
    // The head's parents: the grandfather passed his surname on to the head.
    if (father_year >= kFirstYear && rng.Chance(0.7)) {
      Add(h, rng, head_surname, true, father_year, nullptr);
    }
    if (mother_of_head_year >= kFirstYear) {
      Add(h, rng, names_.Surname(rng), false, mother_of_head_year, nullptr);
    }
  }
  if (type == kNuclear || type == kThreeGenerations || type == kSingleParent) {
    const int parent = couple && head_male ? 1 : 0;  // the mother when she lives there
    // A few couples give their children the mother's surname.
    const std::string children_surname =
        rng.Chance(0.05) && couple ? h.members[parent].surname : father_surname;
    AddChildren(h, rng, mother_year, children_surname, parent);
  }
  if (static_cast<int>(h.members.size()) > max_members) {
    next_person_ -= h.members.size() - max_members;
    h.members.resize(max_members);
    for (TruePerson& p : h.members) {
      if (p.twin_of >= next_person_) p.twin_of = -1;
    }
  }
}

}  // namespace mdhub::gen
