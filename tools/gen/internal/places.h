// Where generated people live and work: the county-level divisions of one province from the
// built-in GB/T 2260 table, street and village addresses in them (Guangxi villages have 屯), and
// employers.
#ifndef MDHUB_TOOLS_GEN_INTERNAL_PLACES_H_
#define MDHUB_TOOLS_GEN_INTERNAL_PLACES_H_

#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "resolver/standardize/divisions.h"
#include "tools/gen/internal/random.h"

namespace mdhub::gen {

struct County {
  std::string code;        // current GB/T 2260 code, e.g. 450110
  std::string name;        // 武鸣区
  std::string prefecture;  // 南宁市
  bool district = false;   // a city district (区): street addresses only
  // The code this county had before `former_code_until` (武鸣县 450122 became 武鸣区 450110 in
  // 2015); identity numbers issued before then carry it. Empty when the code never changed.
  std::string former_code;
  int former_code_until = 0;
};

// Immutable after construction; thread-safe.
class Places {
 public:
  // The current county-level divisions under a 2-digit province code. NOT_FOUND when the table
  // has none.
  static absl::StatusOr<Places> Create(const resolver::DivisionTable& divisions,
                                       absl::string_view province_code);

  const std::string& province_name() const { return province_name_; }
  const std::vector<County>& counties() const { return counties_; }
  const County& PickCounty(Rng& rng) const { return counties_[rng.Uniform(counties_.size())]; }

  // The part of an address below the county: "民族大道118号3栋2单元502室" in a city,
  // "那桐镇板利村弄怀屯12号" in the countryside.
  std::string Locality(const County& county, Rng& rng) const;
  // Province, prefecture, county and locality: "广西壮族自治区南宁市青秀区民族大道118号".
  std::string FullAddress(const County& county, absl::string_view locality) const;
  // One of a few thousand employers of the prefecture (the same name recurs for its staff):
  // EmployerName(county, n) for a random n below kEmployersPerPrefecture.
  std::string Employer(const County& county, Rng& rng) const;
  // Employer number `number` of the county's prefecture; the name depends only on the prefecture
  // and the number. Names recur: those starting with 广西 across prefectures too.
  // REQUIRES: 0 <= number < kEmployersPerPrefecture.
  std::string EmployerName(const County& county, int number) const;
  static constexpr int kEmployersPerPrefecture = 3000;
  // A township: "那桐镇" or "板利乡" (Zhuang syllables).
  std::string Township(Rng& rng) const;
  // A road of a town or city: "民族大道".
  std::string Road(Rng& rng) const;
  // The region code of an identity number issued to someone born in `birth_year` in `county`.
  const std::string& IdRegion(const County& county, int birth_year) const {
    return birth_year < county.former_code_until ? county.former_code : county.code;
  }

 private:
  std::string province_name_;
  std::vector<County> counties_;
};

}  // namespace mdhub::gen

#endif  // MDHUB_TOOLS_GEN_INTERNAL_PLACES_H_
