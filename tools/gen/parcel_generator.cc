#include "tools/gen/parcel_generator.h"

#include <cmath>
#include <memory>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "tools/gen/internal/block_grid.h"
#include "tools/gen/internal/block_lots.h"
#include "tools/gen/internal/cadastral_zones.h"
#include "tools/gen/internal/land_use.h"
#include "tools/gen/internal/parcel_geometry.h"
#include "tools/gen/internal/parcel_owners.h"
#include "tools/gen/internal/random.h"

namespace mdhub::gen {
namespace {

using store::PropertyDef;

// Nanning's urban area: 108.2-108.5 E, 22.7-22.95 N.
constexpr double kCentreLon = 108.35;
constexpr double kCentreLat = 22.825;
constexpr double kNanningWidth = 0.3;  // degrees
constexpr double kNanningHeight = 0.25;
constexpr double kAreaPerParcel = 2500;  // m^2, streets included
constexpr double kParcelsPerBlock = 8;
constexpr int64_t kProgressEvery = 10000;
// Random streams per block (plus the block's number); BlockGrid's lie below 2^41.
constexpr uint64_t kPlanStream = uint64_t{1} << 50;
constexpr uint64_t kLotStream = uint64_t{2} << 50;
constexpr uint64_t kRightStream = uint64_t{3} << 50;

// What a block is: decided alike in both passes over the blocks.
struct BlockPlan {
  Quad quad;
  int land_use = 0;
  double weight = 0;  // the block's share of the parcels, relative
};

BlockPlan PlanBlock(const BlockGrid& grid, int64_t i, int64_t j, uint64_t seed) {
  BlockPlan plan;
  plan.quad = grid.Block(i, j);
  Rng rng(seed, kPlanStream + static_cast<uint64_t>(j * grid.columns() + i));
  Xy centre;
  for (const Xy& p : plan.quad) centre = {centre.x + p.x / 4, centre.y + p.y / 4};
  plan.land_use = PickLandUse(grid.CentreDistance(centre), rng);
  const double area = TwiceSignedArea(plan.quad.data(), 4) / 2;
  plan.weight = LandUses()[plan.land_use].density * area * (0.75 + 0.5 * rng.Real());
  return plan;
}

absl::Status CheckOptions(const ParcelGeneratorOptions& options) {
  if (options.parcels < 0 || options.parcels > kMaxParcels) {
    return absl::InvalidArgumentError(absl::StrCat("the number of parcels must be between 0 and ",
                                                   kMaxParcels, ", got ", options.parcels));
  }
  if (options.out_path.empty()) return absl::InvalidArgumentError("out_path is empty");
  if (options.region.has_value()) {
    const geo::Box& r = *options.region;
    if (!(r.min_x < r.max_x && r.min_y < r.max_y && r.min_x >= -180 && r.max_x <= 180 &&
          r.min_y >= -85 && r.max_y <= 85)) {
      return absl::InvalidArgumentError(absl::StrFormat(
          "region %g,%g,%g,%g is not a lon/lat box (min_lon,min_lat,max_lon,max_lat with "
          "min < max, longitudes within [-180, 180], latitudes within [-85, 85])",
          r.min_x, r.min_y, r.max_x, r.max_y));
    }
  }
  return absl::OkStatus();
}

// Writes the parcels of one block after another, with their attributes. Not thread-safe.
class ParcelSink {
 public:
  ParcelSink(const BlockGrid& grid, CadastralZones& zones, const ParcelOwners& owners,
             geo::FeatureWriter& writer, absl::CivilDay today, ParcelGenerationSummary& summary)
      : grid_(grid),
        zones_(zones),
        owners_(owners),
        writer_(writer),
        today_(today),
        summary_(summary),
        by_land_use_(LandUses().size()) {}

  // Writes the lots of a block of land use `land_use`, drawing their attributes from rng.
  absl::Status WriteBlock(const std::vector<Ring>& lots, int land_use, Rng& rng) {
    for (const Ring& ring : lots) {
      lonlat_.resize(ring.size());
      for (size_t k = 0; k < ring.size(); ++k) {
        grid_.ToLonLat(ring[k], &lonlat_[k].lon, &lonlat_[k].lat);
      }
      if (absl::Status s = WriteParcel(land_use, rng); !s.ok()) return s;
    }
    return absl::OkStatus();
  }

  // Parcels by land use, into the summary.
  void Finish() {
    for (size_t u = 0; u < by_land_use_.size(); ++u) {
      if (by_land_use_[u] > 0)
        summary_.land_uses[std::string(LandUses()[u].text)] = by_land_use_[u];
    }
  }

 private:
  absl::Status WriteParcel(int land_use, Rng& rng) {
    const double area = std::round(EllipsoidArea(lonlat_) * 100) / 100;
    const CadastralZones::Place place = zones_.Locate(PlanarCentroid(lonlat_));
    const CadastralZones::County& county = zones_.counties()[place.county];
    const ParcelRight right = PickRight(land_use, today_, rng);
    absl::StatusOr<std::string> code = zones_.NextCode(place, right.letters);
    if (!code.ok()) return code.status();
    properties_.Clear();
    auto add = [this](const char* name) {
      store::Property* p = properties_.Add();
      p->set_name(name);
      return p->mutable_value();
    };
    auto set = [&](const char* name, absl::string_view text) {
      add(name)->set_string_value(std::string(text));
    };
    set("parcel_code", *code);
    set("land_use", LandUses()[land_use].text);
    add("area_m2")->set_double_value(area);
    set("right_type", right.right_type);
    set("registered_on", absl::FormatCivilTime(right.registered_on));
    set("county_code", county.code);
    set("county_name", county.name);
    set("township", county.townships[place.township].name);
    if (right.owner == OwnerKind::kState) {
      set("owner_type", "state");
      add("owner_id");  // null
      set("owner_name", "国家");
      ++summary_.state_owned;
    } else {
      const OwnerRef owner = owners_.Pick(right.owner, place.county, right.registered_on, rng);
      const bool person = right.owner == OwnerKind::kPerson;
      set("owner_type", person ? "person" : "organisation");
      set("owner_id", owner.id);
      set("owner_name", owner.name);
      ++(person ? summary_.person_owned : summary_.organisation_owned);
    }
    PolygonWkb(lonlat_, &wkb_);
    if (absl::Status s = writer_.Write(*code, wkb_, properties_); !s.ok()) return s;
    summary_.area_m2 += area;
    ++by_land_use_[land_use];
    ++summary_.parcels;
    return absl::OkStatus();
  }

  const BlockGrid& grid_;
  CadastralZones& zones_;
  const ParcelOwners& owners_;
  geo::FeatureWriter& writer_;
  const absl::CivilDay today_;
  ParcelGenerationSummary& summary_;
  std::vector<int64_t> by_land_use_;
  // Scratch space reused from parcel to parcel.
  std::vector<LonLat> lonlat_;
  std::string wkb_;
  google::protobuf::RepeatedPtrField<store::Property> properties_;  // reused: cleared per parcel
};

}  // namespace

geo::Box DefaultParcelRegion(int64_t parcels) {
  double per_lon = 0, per_lat = 0;
  MetresPerDegree(kCentreLat, &per_lon, &per_lat);
  const double nanning = kNanningWidth * per_lon * kNanningHeight * per_lat;
  const double scale =
      std::sqrt(static_cast<double>(std::max<int64_t>(parcels, 1)) * kAreaPerParcel / nanning);
  const double half_width = kNanningWidth * scale / 2, half_height = kNanningHeight * scale / 2;
  return {kCentreLon - half_width, kCentreLat - half_height, kCentreLon + half_width,
          kCentreLat + half_height};
}

std::vector<store::PropertyDef> ParcelSchema() {
  const std::pair<const char*, PropertyDef::Type> kFields[] = {
      {"parcel_code", PropertyDef::STRING}, {"land_use", PropertyDef::STRING},
      {"area_m2", PropertyDef::DOUBLE},     {"owner_type", PropertyDef::STRING},
      {"owner_id", PropertyDef::STRING},    {"owner_name", PropertyDef::STRING},
      {"right_type", PropertyDef::STRING},  {"registered_on", PropertyDef::DATE},
      {"county_code", PropertyDef::STRING}, {"county_name", PropertyDef::STRING},
      {"township", PropertyDef::STRING}};
  std::vector<PropertyDef> schema;
  for (const auto& [name, type] : kFields) {
    PropertyDef& def = schema.emplace_back();
    def.set_name(name);
    def.set_type(type);
    def.set_required(std::string(name) != "owner_id");
  }
  return schema;
}

absl::StatusOr<ParcelGenerationSummary> GenerateParcels(const ParcelGeneratorOptions& options) {
  if (absl::Status s = CheckOptions(options); !s.ok()) return s;
  ParcelGenerationSummary summary;
  summary.region = options.region.value_or(DefaultParcelRegion(options.parcels));
  absl::StatusOr<CadastralZones> zones = CadastralZones::Create(summary.region, options.parcels);
  if (!zones.ok()) return zones.status();
  std::vector<std::string> county_codes;
  for (const auto& county : zones->counties()) county_codes.push_back(county.code);
  absl::StatusOr<std::unique_ptr<ParcelOwners>> owners =
      ParcelOwners::Create({options.persons_path, options.orgs_path, options.parcels, options.seed,
                            options.reference_date},
                           county_codes);
  if (!owners.ok()) return owners.status();
  summary.owner_pool_persons = (*owners)->persons();
  summary.owner_pool_organizations = (*owners)->organizations();
  absl::StatusOr<std::unique_ptr<geo::FeatureWriter>> writer = geo::FeatureWriter::Create(
      options.out_path, options.format, "parcels", kParcelCrs, store::POLYGON, ParcelSchema());
  if (!writer.ok()) return writer.status();
  if (options.parcels == 0) {
    if (absl::Status s = (*writer)->Close(); !s.ok()) return s;
    if (options.progress) options.progress(0);
    return summary;
  }

  const int64_t target_blocks =
      std::max<int64_t>(1, std::llround(static_cast<double>(options.parcels) / kParcelsPerBlock));
  const BlockGrid grid(summary.region, target_blocks, options.parcels, options.seed);
  summary.blocks = grid.blocks();
  // Pass 1: the blocks' weights, which share out the parcels (one each at least).
  double total_weight = 0;
  for (int64_t j = 0; j < grid.rows(); ++j) {
    for (int64_t i = 0; i < grid.columns(); ++i) {
      total_weight += PlanBlock(grid, i, j, options.seed).weight;
    }
  }
  // Pass 2: each block's parcels, written as they are made.
  ParcelSink sink(grid, *zones, **owners, **writer, options.reference_date, summary);
  const int64_t extra = options.parcels - grid.blocks();
  double cumulative = 0;
  int64_t shared_out = 0;
  std::vector<Ring> lots;
  int64_t next_progress = kProgressEvery;
  for (int64_t j = 0; j < grid.rows(); ++j) {
    for (int64_t i = 0; i < grid.columns(); ++i) {
      const uint64_t block = static_cast<uint64_t>(j * grid.columns() + i);
      const BlockPlan plan = PlanBlock(grid, i, j, options.seed);
      cumulative += plan.weight;
      const bool last = block + 1 == static_cast<uint64_t>(grid.blocks());
      const int64_t upto = last ? extra : std::llround(extra * (cumulative / total_weight));
      Rng lot_rng(options.seed, kLotStream + block);
      SplitBlock(plan.quad, static_cast<int>(1 + upto - shared_out),
                 LandUses()[plan.land_use].fields, lot_rng, &lots);
      shared_out = upto;
      Rng rng(options.seed, kRightStream + block);
      if (absl::Status s = sink.WriteBlock(lots, plan.land_use, rng); !s.ok()) return s;
      if (options.progress && summary.parcels >= next_progress) {
        options.progress(summary.parcels);
        next_progress = (summary.parcels / kProgressEvery + 1) * kProgressEvery;
      }
    }
  }
  if (absl::Status s = (*writer)->Close(); !s.ok()) return s;
  sink.Finish();
  if (options.progress) options.progress(summary.parcels);
  return summary;
}

}  // namespace mdhub::gen
