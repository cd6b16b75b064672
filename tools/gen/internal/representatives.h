// Legal representatives of generated organisations: adults of a `mdhub gen persons` household
// register, so that the representative of an organisation is a person of the person extracts,
// or adults of a fresh population when there is no register.
#ifndef MDHUB_TOOLS_GEN_INTERNAL_REPRESENTATIVES_H_
#define MDHUB_TOOLS_GEN_INTERNAL_REPRESENTATIVES_H_

#include <cstdint>
#include <istream>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/time/civil_time.h"
#include "tools/gen/internal/chinese_names.h"
#include "tools/gen/internal/org_model.h"
#include "tools/gen/internal/places.h"
#include "tools/gen/internal/random.h"

namespace mdhub::gen {

// A fixed set of people aged 22 to 75 on the reference day. Immutable after construction.
class RepresentativePool {
 public:
  // Up to `size` adults drawn uniformly (reservoir sampling with `seed`) from a household
  // register in the layout of `mdhub gen persons` hukou.csv: columns 姓名, 身份证号 (18 or 15
  // characters; kept as the 18-character standard form) and 出生日期 (YYYY-MM-DD).
  // INVALID_ARGUMENT, naming `name`, for a missing column, a bad row, or no adults.
  static absl::StatusOr<RepresentativePool> FromHukou(std::istream& in, absl::string_view name,
                                                      size_t size, absl::CivilDay today,
                                                      uint64_t seed);
  // `size` adults of a population generated with `seed` (valid citizen ids of the province).
  static RepresentativePool Fresh(const Places& places, const ChineseNames& names, size_t size,
                                  absl::CivilDay today, uint64_t seed);

  // A random person; when possible one who was at least 18 on `adult_on`.
  const Person& Pick(Rng& rng, absl::CivilDay adult_on) const;
  size_t size() const { return people_.size(); }

 private:
  std::vector<Person> people_;
};

}  // namespace mdhub::gen

#endif  // MDHUB_TOOLS_GEN_INTERNAL_REPRESENTATIVES_H_
