// Organisations that every generated legal-entity register has whatever the seed: the government
// organs of the province, its cities and counties (the sponsors of social organisations and
// institutions), and, with a persons register, the employers its hrss.csv names.
#ifndef MDHUB_TOOLS_GEN_INTERNAL_ORG_FIXED_H_
#define MDHUB_TOOLS_GEN_INTERNAL_ORG_FIXED_H_

#include <cstdint>
#include <string>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "tools/gen/internal/org_bodies.h"
#include "tools/gen/internal/org_codes.h"
#include "tools/gen/internal/org_model.h"
#include "tools/gen/internal/places.h"

namespace mdhub::gen {

struct FixedOrg {
  OrgKind kind = OrgKind::kOrgan;
  Level level = Level::kCounty;
  const County* county = nullptr;  // a city's or the province's organs: a district of the seat
  NameParts name;
  NameParts former_name;  // before the 2018-19 reform, for organs it renamed
  absl::CivilDay renamed_on = kNoChange;
  int sponsor = kNoSponsor;  // bureau of an employer institution (人民医院: health)
  bool employer = false;
  // Organs only (issued up front, so that sponsors can name them).
  std::string organization_code, credit_code;
};

// Immutable after construction.
class FixedOrgs {
 public:
  // Builds every organ (17 bureaus of the province, each city and each county) and issues their
  // codes from `codes`; the first `organ_budget` of them (the province's, the cities', then the
  // counties' bureau by bureau) are organisations of the register. With `employers`, so is every
  // name Places::Employer gives (organs among them whatever the budget).
  FixedOrgs(const Places& places, OrgCodeIssuer& codes, int64_t organ_budget, bool employers);

  // The organisations of the register: included organs first, then the employers that are not
  // organs.
  const std::vector<FixedOrg>& organisations() const { return list_; }
  // The number of organisations the register would have with another organ budget.
  int64_t CountWith(int64_t organ_budget) const;
  // The organ of `bureau` that sponsors an organisation registered at `level` in `county`: the
  // one of that division if it is in the register, else the nearest above that is, else that
  // division's even though it is not.
  const FixedOrg& Sponsor(int bureau, Level level, const County& county) const;

 private:
  const FixedOrg* Find(int bureau, Level level, const County& county, bool included) const;

  const Places& places_;
  std::vector<FixedOrg> organs_;
  std::vector<bool> included_;
  absl::flat_hash_map<std::string, size_t> organ_index_;  // DivisionCode/bureau -> organs_
  std::vector<FixedOrg> list_;
  std::vector<size_t> employer_organs_;  // indexes into organs_
  int64_t other_employers_ = 0;
};

}  // namespace mdhub::gen

#endif  // MDHUB_TOOLS_GEN_INTERNAL_ORG_FIXED_H_
