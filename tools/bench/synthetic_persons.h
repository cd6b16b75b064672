// Synthetic person records for benchmarks: distinct, check-valid citizen identity numbers
// (GB 11643 check character) in Guangxi region codes, with plausible names and birth dates.
// These are generated numbers for load testing, not a model of real data quality.
#ifndef MDHUB_TOOLS_BENCH_SYNTHETIC_PERSONS_H_
#define MDHUB_TOOLS_BENCH_SYNTHETIC_PERSONS_H_

#include <cstdint>
#include <string>

namespace mdhub::bench {

struct SyntheticPerson {
  std::string key;
  std::string name;
  std::string citizen_id;
  std::string birth_date;  // YYYY-MM-DD
  std::string gender;      // 男 / 女
};

// The i-th person (deterministic; distinct citizen ids for i < 10^8).
SyntheticPerson MakePerson(uint64_t i);

}  // namespace mdhub::bench

#endif  // MDHUB_TOOLS_BENCH_SYNTHETIC_PERSONS_H_
