// Who owns generated parcels: adults of a `mdhub gen persons` household register and
// organisations of `mdhub gen orgs` registers when they are given, so that parcel owners link
// to records of those extracts; otherwise people and organisations generated here, with valid
// citizen identity numbers and unified social credit codes.
#ifndef MDHUB_TOOLS_GEN_INTERNAL_PARCEL_OWNERS_H_
#define MDHUB_TOOLS_GEN_INTERNAL_PARCEL_OWNERS_H_

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "absl/time/civil_time.h"
#include "tools/gen/internal/chinese_names.h"
#include "tools/gen/internal/land_use.h"
#include "tools/gen/internal/places.h"
#include "tools/gen/internal/random.h"
#include "tools/gen/internal/representatives.h"

namespace mdhub::gen {

struct OwnerRef {
  absl::string_view id;  // 18-character citizen id or credit code
  absl::string_view name;
};

// Immutable after construction; thread-safe.
class ParcelOwners {
 public:
  struct Options {
    // A hukou.csv of `mdhub gen persons` or its output directory; empty: generate people.
    std::string persons_path;
    // An aic.csv, mca.csv or scopsr.csv of `mdhub gen orgs` or its output directory (all three
    // then); empty: generate organisations.
    std::string orgs_path;
    int64_t parcels = 0;  // sizes the generated populations
    uint64_t seed = 1;
    absl::CivilDay today;
  };

  // Reads or generates the owners. People of a register are up to 200,000 adults aged 22 to 75
  // on `today` drawn from it; organisations of registers are up to 100,000 of each kind
  // (business, public body, rural collective) with a valid credit code and a record that does
  // not show them closed (注销, 吊销, 撤销, 迁出), under the name of their first such record.
  // Generated organisations are registered in `county_codes` (6-digit codes of Guangxi).
  // NOT_FOUND naming the option for a path that does not exist; INVALID_ARGUMENT naming the file
  // for a file without the columns of those extracts (hukou.csv: 姓名, 身份证号, 出生日期; the
  // registers: 统一社会信用代码 and 企业名称, 社会组织名称 or 单位名称), a malformed row, or no
  // usable owner in it.
  static absl::StatusOr<std::unique_ptr<ParcelOwners>> Create(
      const Options& options, const std::vector<std::string>& county_codes);

  // An owner of `kind` for a parcel of county `county` (an index into county_codes) registered
  // on `on`: people were at least 18 then when the pool has such people. Organisations of
  // registers come from the kind's pool, or from another kind's when the registers have none
  // of that kind. REQUIRES: kind != OwnerKind::kState.
  OwnerRef Pick(OwnerKind kind, int county, absl::CivilDay on, Rng& rng) const;

  int64_t persons() const { return static_cast<int64_t>(persons_->size()); }
  int64_t organizations() const;

 private:
  struct Org {
    std::string credit_code;
    std::string name;
  };
  // Pools of organisations: business, public body, rural collective.
  static constexpr int kPoolCount = 3;

  ParcelOwners() = default;
  void GenerateOrgs(const Places& places, const ChineseNames& chinese,
                    const std::vector<std::string>& county_codes, int64_t parcels, uint64_t seed);

  std::optional<RepresentativePool> persons_;
  // pools_[pool][county]; organisations of registers are all under county 0.
  std::vector<std::vector<Org>> pools_[kPoolCount];
};

}  // namespace mdhub::gen

#endif  // MDHUB_TOOLS_GEN_INTERNAL_PARCEL_OWNERS_H_
