// Synthetic cadastral parcel layers of any size, for tests and benchmarks of the spatial
// registries: a tessellation of street blocks into parcels (neighbours share edges exactly, no
// two parcels overlap, streets are gaps between blocks) around Nanning, in CGCS2000 lon/lat
// (EPSG:4490), with the attributes of a land register and owners that can be people and
// organisations of `mdhub gen persons` / `mdhub gen orgs` output, so that links can be tested.
//
// Fields (besides the writer's feature_id, which is the parcel code):
//   parcel_code    宗地代码, 19 characters (GB/T 13923): county, township (地籍区), sub-district
//                  (地籍子区), ownership and parcel type (GB, JC, JD, JA, GW) and a sequence:
//                  450103004012GB00042
//   land_use       GB/T 21010 class, code and name: "0701 城镇住宅用地", "0101 水田"
//   area_m2        the parcel's area on the GRS80 ellipsoid, m^2 rounded to 0.01
//   owner_type     "person", "organisation" or "state"
//   owner_id       18-character citizen identity number or unified social credit code; null for
//                  the state
//   owner_name     the person's or organisation's name; "国家" for the state
//   right_type     国有建设用地使用权, 宅基地使用权, 土地承包经营权, 集体土地所有权, 国家土地所有权
//   registered_on  DATE of registration, never after the reference date
//   county_code    GB/T 2260 code of the district whose longitude band holds the parcel's centroid
//   county_name    兴宁区 ...
//   township       the name of the township (乡镇街道) whose code is in the parcel code
#ifndef MDHUB_TOOLS_GEN_PARCEL_GENERATOR_H_
#define MDHUB_TOOLS_GEN_PARCEL_GENERATOR_H_

#include <cstdint>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/time/civil_time.h"
#include "geo/gdal_io.h"
#include "geo/geometry.h"
#include "store/model.pb.h"

namespace mdhub::gen {

// The CRS of generated parcel layers: CGCS2000 geographic.
inline constexpr char kParcelCrs[] = "EPSG:4490";
// The largest layer GenerateParcels makes.
inline constexpr int64_t kMaxParcels = 100'000'000;

struct ParcelGeneratorOptions {
  int64_t parcels = 1000;
  uint64_t seed = 1;
  // Longitude/latitude (CGCS2000 degrees) of the region to fill; unset: DefaultParcelRegion
  // (parcels). Parcels get the region's area, less streets, divided by the count: give a
  // region of about 2,500 m^2 per parcel for parcels 20 to 200 m across.
  std::optional<geo::Box> region;
  // The file written (replaced if it exists) and its format.
  std::string out_path;
  geo::FileFormat format = geo::FileFormat::kFlatGeobuf;
  // Owners: hukou.csv of `mdhub gen persons` (or its output directory) for the people, and
  // aic.csv / mca.csv / scopsr.csv of `mdhub gen orgs` (or its output directory, all three)
  // for the organisations. Empty: people and organisations are generated (valid citizen ids and
  // credit codes, organisations registered in the parcel's district).
  std::string persons_path;
  std::string orgs_path;
  // "Today": no registration is later.
  absl::CivilDay reference_date = absl::CivilDay(2024, 6, 30);
  // Called with the number of parcels written so far, every 10,000 parcels and at the end.
  std::function<void(int64_t)> progress;
};

// What was generated.
struct ParcelGenerationSummary {
  int64_t parcels = 0;
  int64_t blocks = 0;
  geo::Box region = geo::Box::Empty();
  double area_m2 = 0;  // of all parcels
  int64_t person_owned = 0;
  int64_t organisation_owned = 0;
  int64_t state_owned = 0;
  // The people and organisations owners were drawn from.
  int64_t owner_pool_persons = 0;
  int64_t owner_pool_organizations = 0;
  // Parcels by land use ("0701 城镇住宅用地" -> count).
  std::map<std::string, int64_t> land_uses;
};

// The default region for `parcels` parcels: centred on Nanning's urban area (108.35 E, 22.825 N)
// with the shape of the box 108.2-108.5 E, 22.7-22.95 N, scaled so that each parcel gets
// 2,500 m^2 of it, streets included (that box itself at about 340,000 parcels).
geo::Box DefaultParcelRegion(int64_t parcels);

// The fields of a generated layer, in order (see the top of this file).
std::vector<store::PropertyDef> ParcelSchema();

// Writes options.parcels parcels (exactly) to options.out_path as one polygon layer "parcels" in
// EPSG:4490. The region is cut into a jittered grid of street blocks (about 8 parcels each on
// average), and each block into rows of lots that tile it; land use follows the distance from
// the region's centre (commerce and offices in the core, housing and public services around it,
// industry and villages further out, fields and ponds at the fringe) and sets the parcel's size,
// right, owner kind and registration date. Parcels stream to the file block by block: memory
// holds the owner pools (at most 200,000 people and 300,000 organisations) and a sequence counter
// per sub-district (one per ~1,000 parcels), not the parcels.
// The same options (and owner files) give the same features.
// INVALID_ARGUMENT for a count outside [0, kMaxParcels], an empty out_path, or a region that is
// not a lon/lat box with min < max within [-180, 180] x [-85, 85]; NOT_FOUND naming the option
// for an owner path that does not exist; INVALID_ARGUMENT naming the file for an owner file
// without the columns of those extracts (hukou.csv: 姓名, 身份证号, 出生日期; the registers:
// 统一社会信用代码 and 企业名称, 社会组织名称 or 单位名称), a malformed row, or no usable owner
// (adults aged 22 to 75; organisations with a valid credit code, not closed); the writer's
// errors (INTERNAL when GDAL cannot write).
absl::StatusOr<ParcelGenerationSummary> GenerateParcels(const ParcelGeneratorOptions& options);

}  // namespace mdhub::gen

#endif  // MDHUB_TOOLS_GEN_PARCEL_GENERATOR_H_
