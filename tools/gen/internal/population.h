// The true population behind the generated extracts: households of related people (couples,
// children, grandparents, twins) sharing an address, each person with a check-valid citizen
// identity number that agrees with their birth date, sex and county.
#ifndef MDHUB_TOOLS_GEN_INTERNAL_POPULATION_H_
#define MDHUB_TOOLS_GEN_INTERNAL_POPULATION_H_

#include <cstdint>
#include <string>
#include <vector>

#include "absl/container/flat_hash_set.h"
#include "absl/time/civil_time.h"
#include "tools/gen/internal/chinese_names.h"
#include "tools/gen/internal/places.h"
#include "tools/gen/internal/random.h"
#include "tools/gen/person_generator.h"

namespace mdhub::gen {

struct TruePerson {
  int64_t number = 0;  // from 0, in generation order
  std::string surname;
  std::string given_name;
  // The given name before a change of name (the surname stays); empty when never changed.
  std::string former_given_name;
  bool male = false;
  absl::CivilDay birth;
  std::string citizen_id;  // 18 characters, check-valid
  std::string phone;       // own mobile number; empty when none
  std::string employer;    // empty when not employed
  int64_t twin_of = -1;    // the twin's number; -1 when none
  int parent = -1;         // a parent's index within the household; -1 when none lives there

  std::string name() const { return surname + given_name; }
  std::string former_name() const {
    return former_given_name.empty() ? "" : surname + former_given_name;
  }
};

struct Household {
  int64_t number = 0;
  std::string household_no;  // 户号: county code and a serial number
  const County* county = nullptr;
  std::string address;  // the full address all members share
  std::vector<TruePerson> members;
};

// Generates households one at a time; deterministic given the seed. Not thread-safe. Memory grows
// only by the set of issued identity numbers (about 16 bytes per person), which keeps them unique.
class Population {
 public:
  // `places` and `names` must outlive the population.
  Population(const Places& places, const ChineseNames& names,
             const PersonGeneratorOptions& options);

  // Replaces *household with the next household, of at most `max_members` people (>= 1), whose
  // members are numbered after the previous household's.
  void Next(int max_members, Household* household);

  int64_t persons() const { return next_person_; }

 private:
  // Adds a person born in `year` (on a day no other member has, unless `twin_of` is given).
  TruePerson& Add(Household& h, Rng& rng, absl::string_view surname, bool male, int year,
                  const TruePerson* twin_of);
  absl::CivilDay BirthDay(const Household& h, Rng& rng, int year) const;
  std::string IssueCitizenId(const County& county, absl::CivilDay birth, bool male, Rng& rng);
  std::string Phone(Rng& rng) const;
  void AddChildren(Household& h, Rng& rng, int mother_year, absl::string_view surname, int parent);

  const Places& places_;
  const ChineseNames& names_;
  const PersonGeneratorOptions options_;
  const WeightedIndex household_types_;
  const WeightedIndex children_;
  const WeightedIndex mobile_prefixes_;
  int64_t next_person_ = 0;
  int64_t next_household_ = 0;
  absl::flat_hash_set<uint64_t> issued_;  // region * 10^11 + yyyymmdd * 1000 + sequence
};

// Age in whole years on `day`.
int AgeOn(absl::CivilDay birth, absl::CivilDay day);

}  // namespace mdhub::gen

#endif  // MDHUB_TOOLS_GEN_INTERNAL_POPULATION_H_
