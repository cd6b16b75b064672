// What generated parcels are used for and who holds which right in them: land-use classes of
// GB/T 21010-2017 by distance from the city centre (shops and offices in the core, housing and
// schools around it, industry and villages further out, paddy fields at the fringe), and per
// parcel the right registered (国有建设用地使用权, 宅基地使用权, 土地承包经营权 ...), the kind of
// owner, the GB/T 13923 parcel-type letters and the registration date.
#ifndef MDHUB_TOOLS_GEN_INTERNAL_LAND_USE_H_
#define MDHUB_TOOLS_GEN_INTERNAL_LAND_USE_H_

#include "absl/strings/string_view.h"
#include "absl/time/civil_time.h"
#include "absl/types/span.h"
#include "tools/gen/internal/random.h"

namespace mdhub::gen {

// Who holds a parcel's right.
enum class OwnerKind {
  kPerson,
  kBusiness,    // companies and individual businesses
  kPublicBody,  // government organs, public institutions, social organisations
  kCollective,  // rural collective economic organisations (村股份经济合作社)
  kState,       // the state itself: land not granted or allocated to anyone
};

struct LandUse {
  absl::string_view text;  // code and name, "0701 城镇住宅用地"
  // Parcels per unit of block area, relative: homesteads are small, parks large.
  double density;
  bool fields;  // long narrow lots (farmland)
};

// Every land use the generator assigns, in a fixed order.
absl::Span<const LandUse> LandUses();

// The land use of a block whose centre lies `centre_distance` from the region's centre (0 at the
// centre, 1 at the middle of the region's edges; see BlockGrid::CentreDistance): an index into
// LandUses().
int PickLandUse(double centre_distance, Rng& rng);

struct ParcelRight {
  absl::string_view letters;     // GB/T 13923 ownership and parcel type: "GB", "JC", "JD" ...
  absl::string_view right_type;  // 国有建设用地使用权 ...
  OwnerKind owner = OwnerKind::kPerson;
  absl::CivilDay registered_on;
};

// The right registered in a parcel of land use `land_use` (an index into LandUses()), with its
// registration date: urban land since 1992 (more of it recently), homesteads and contracted
// farmland in the campaigns of 2015-2023, collective ownership in 2011-2014; never after `today`.
ParcelRight PickRight(int land_use, absl::CivilDay today, Rng& rng);

}  // namespace mdhub::gen

#endif  // MDHUB_TOOLS_GEN_INTERNAL_LAND_USE_H_
