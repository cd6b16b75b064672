#include "tools/gen/internal/land_use.h"

#include <algorithm>
#include <cmath>

namespace mdhub::gen {
namespace {

enum Use {
  kUrbanHousing,
  kHomestead,
  kRetail,
  kOffices,
  kIndustry,
  kWarehouses,
  kGovernment,
  kSchools,
  kHospitals,
  kParks,
  kPaddy,
  kDryland,
  kOrchards,
  kPonds,
  kUseCount,
};

constexpr LandUse kLandUses[kUseCount] = {
    {"0701 城镇住宅用地", 3, false},
    {"0702 农村宅基地", 14, false},
    {"0501 零售商业用地", 6, false},
    {"0505 商务金融用地", 3, false},
    {"0601 工业用地", 1.5, false},
    {"0604 仓储用地", 2, false},
    {"0801 机关团体用地", 1.5, false},
    {"0803 教育用地", 1, false},
    {"0805 医疗卫生用地", 1.5, false},
    {"0810 公园与绿地", 0.7, false},
    {"0101 水田", 4, true},
    {"0103 旱地", 4, true},
    {"0201 果园", 3, true},
    {"1104 坑塘水面", 2, false},
};

// The mix of land uses of each ring around the centre (weights by Use).
constexpr double kCore[kUseCount] = {.35, 0, .2, .15, 0, 0, .08, .07, .05, .1, 0, 0, 0, 0};
constexpr double kInner[kUseCount] = {.5, 0, .1, .04, .08, .04, .04, .07, .04, .08, 0, 0, 0, 0};
constexpr double kOuter[kUseCount] = {.3, .1, .05, 0, .18, .1, 0, .04, 0, .03, .13, 0, 0, .05};
constexpr double kFringe[kUseCount] = {0, .12, 0, 0, .05, 0, 0, 0, 0, 0, .42, .2, .13, .08};
// Outer limits of the core, inner and outer rings (the fringe is the rest), which blur by up
// to kRingBlur from block to block.
constexpr double kRingLimits[3] = {0.3, 0.65, 1.0};
constexpr double kRingBlur = 0.08;

constexpr absl::string_view kStateUse = "国有建设用地使用权";
constexpr absl::string_view kHomesteadUse = "宅基地使用权";
constexpr absl::string_view kContract = "土地承包经营权";
constexpr absl::string_view kCollectiveOwnership = "集体土地所有权";
constexpr absl::string_view kStateOwnership = "国家土地所有权";

// A day of `year` (a uniform one), not after `today`.
absl::CivilDay DayIn(int year, absl::CivilDay today, Rng& rng) {
  year = std::min<int>(year, static_cast<int>(today.year()));
  const absl::CivilDay first(year, 1, 1);
  const absl::CivilDay day =
      first + static_cast<int>(rng.Uniform(absl::CivilDay(year + 1, 1, 1) - first));
  return day <= today ? day : today - static_cast<int>(rng.Uniform(365));
}

// A year between first and last, later ones more likely when `recent`.
int Year(int first, int last, bool recent, Rng& rng) {
  const double u = recent ? std::sqrt(rng.Real()) : rng.Real();
  return first + std::min(last - first, static_cast<int>(u * (last - first + 1)));
}

}  // namespace

absl::Span<const LandUse> LandUses() { return kLandUses; }

int PickLandUse(double centre_distance, Rng& rng) {
  static const WeightedIndex* const kRings[4] = {
      new WeightedIndex(kCore), new WeightedIndex(kInner), new WeightedIndex(kOuter),
      new WeightedIndex(kFringe)};
  const double r = centre_distance + (2 * rng.Real() - 1) * kRingBlur;
  int ring = 0;
  while (ring < 3 && r >= kRingLimits[ring]) ++ring;
  return static_cast<int>(kRings[ring]->Draw(rng));
}

ParcelRight PickRight(int land_use, absl::CivilDay today, Rng& rng) {
  ParcelRight right;
  // Urban land: granted or allocated since the land reform of the early 1990s.
  auto state_use = [&](OwnerKind owner) {
    right = {"GB", kStateUse, owner, DayIn(Year(1992, 2024, true, rng), today, rng)};
  };
  auto contract = [&] {
    right = {"JD", kContract, OwnerKind::kPerson, DayIn(Year(2015, 2019, false, rng), today, rng)};
  };
  auto collective = [&] {
    right = {"JA", kCollectiveOwnership, OwnerKind::kCollective,
             DayIn(Year(2011, 2014, false, rng), today, rng)};
  };
  switch (land_use) {
    case kUrbanHousing:
      state_use(rng.Chance(0.65) ? OwnerKind::kPerson : OwnerKind::kBusiness);
      break;
    case kRetail:
      state_use(rng.Chance(0.75) ? OwnerKind::kBusiness : OwnerKind::kPerson);
      break;
    case kOffices:
    case kIndustry:
    case kWarehouses:
      state_use(OwnerKind::kBusiness);
      break;
    case kGovernment:
    case kSchools:
    case kHospitals:
      state_use(OwnerKind::kPublicBody);
      break;
    case kHomestead:
      right = {"JC", kHomesteadUse, OwnerKind::kPerson,
               DayIn(Year(2015, 2023, true, rng), today, rng)};
      break;
    case kParks:
      right = {"GW", kStateOwnership, OwnerKind::kState,
               DayIn(Year(2016, 2024, false, rng), today, rng)};
      break;
    case kPaddy:
    case kDryland:
    case kOrchards:
      rng.Chance(0.8) ? contract() : collective();
      break;
    default:  // kPonds
      rng.Chance(0.7) ? collective() : contract();
      break;
  }
  return right;
}

}  // namespace mdhub::gen
