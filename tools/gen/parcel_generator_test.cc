#include "tools/gen/parcel_generator.h"

#include <geodesic.h>
#include <geos_c.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <map>
#include <set>
#include <sstream>

#include "absl/strings/str_cat.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tools/gen/testing/parcel_layer.h"

namespace mdhub::gen {
namespace {

using testing::Generate;
using testing::Options;
using testing::Parcel;
using testing::ReadBack;
using ::testing::SizeIs;

// Nanning's urban area, split by the generator into six longitude bands.
const geo::Box kNanning = {108.2, 22.7, 108.5, 22.95};
constexpr const char* kBandCounties[] = {"450107", "450105", "450102",
                                         "450108", "450103", "450109"};

// GEOS directly (its C API), so that the checks do not rest on the code they check.
class Geos {
 public:
  Geos() : context_(GEOS_init_r()), reader_(GEOSWKBReader_create_r(context_)) {}
  ~Geos() {
    for (GEOSGeometry* g : owned_) GEOSGeom_destroy_r(context_, g);
    GEOSWKBReader_destroy_r(context_, reader_);
    GEOS_finish_r(context_);
  }
  GEOSGeometry* Read(const std::string& wkb) {
    GEOSGeometry* g = GEOSWKBReader_read_r(
        context_, reader_, reinterpret_cast<const unsigned char*>(wkb.data()), wkb.size());
    if (g != nullptr) owned_.push_back(g);
    return g;
  }
  GEOSContextHandle_t context() const { return context_; }

 private:
  GEOSContextHandle_t context_;
  GEOSWKBReader* reader_;
  std::vector<GEOSGeometry*> owned_;
};

using Coordinate = std::pair<double, double>;  // lon, lat

// Appends the coordinates of a geometry (of a polygon: its shell, closed), parts in order.
void AppendCoordinates(Geos& geos, const GEOSGeometry* g, std::vector<Coordinate>* out) {
  const GEOSContextHandle_t context = geos.context();
  switch (GEOSGeomTypeId_r(context, g)) {
    case GEOS_POLYGON:
      return AppendCoordinates(geos, GEOSGetExteriorRing_r(context, g), out);
    case GEOS_POINT:
    case GEOS_LINESTRING:
    case GEOS_LINEARRING: {
      const GEOSCoordSequence* seq = GEOSGeom_getCoordSeq_r(context, g);
      unsigned int n = 0;
      GEOSCoordSeq_getSize_r(context, seq, &n);
      for (unsigned int i = 0; i < n; ++i) {
        Coordinate& c = out->emplace_back();
        GEOSCoordSeq_getXY_r(context, seq, i, &c.first, &c.second);
      }
      return;
    }
    default:
      for (int i = 0; i < GEOSGetNumGeometries_r(context, g); ++i) {
        AppendCoordinates(geos, GEOSGetGeometryN_r(context, g, i), out);
      }
  }
}

std::vector<Coordinate> Ring(Geos& geos, const GEOSGeometry* polygon) {
  std::vector<Coordinate> ring;
  AppendCoordinates(geos, polygon, &ring);
  return ring;
}

TEST(ParcelGeneratorTest, WritesExactlyTheCountInCgcs2000) {
  for (int64_t count : {0, 1, 7, 100, 2345}) {
    ParcelGeneratorOptions options = Options(count, "count.fgb");
    absl::StatusOr<ParcelGenerationSummary> summary = GenerateParcels(options);
    ASSERT_TRUE(summary.ok()) << summary.status();
    EXPECT_EQ(summary->parcels, count);
    EXPECT_EQ(summary->person_owned + summary->organisation_owned + summary->state_owned, count);
    EXPECT_THAT(ReadBack(options), SizeIs(count)) << count;
  }
}

TEST(ParcelGeneratorTest, SameSeedSameFileOtherSeedOtherParcels) {
  auto bytes = [](uint64_t seed, const std::string& file) {
    ParcelGeneratorOptions options = Options(500, file);
    options.seed = seed;
    EXPECT_TRUE(GenerateParcels(options).ok());
    std::ifstream in(options.out_path, std::ios::binary);
    std::ostringstream out;
    out << in.rdbuf();
    return out.str();
  };
  const std::string first = bytes(7, "seed_a.geojson");
  EXPECT_GT(first.size(), 100000u);
  EXPECT_EQ(bytes(7, "seed_b.geojson"), first);
  EXPECT_NE(bytes(8, "seed_c.geojson"), first);
}

TEST(ParcelGeneratorTest, ParcelsAreValidTileBlocksAndNeverOverlap) {
  ParcelGeneratorOptions options = Options(3000, "tiles.fgb");
  const std::vector<Parcel> parcels = Generate(options);
  ASSERT_THAT(parcels, SizeIs(3000));
  Geos geos;
  std::vector<GEOSGeometry*> geometries;
  std::vector<std::set<Coordinate>> vertices;
  std::vector<geo::Box> boxes;
  std::vector<std::pair<double, size_t>> by_min_x;  // for a sweep over the envelopes
  for (const Parcel& p : parcels) {
    absl::StatusOr<geo::Geometry> g = geo::Geometry::FromWkb(p.wkb);
    ASSERT_TRUE(g.ok()) << p.id;
    EXPECT_EQ(g->InvalidReason(), "") << p.id;
    EXPECT_EQ(g->TypeName(), "Polygon");
    geometries.push_back(geos.Read(p.wkb));
    const std::vector<Coordinate> ring = Ring(geos, geometries.back());
    vertices.emplace_back(ring.begin(), ring.end());
    boxes.push_back(g->Envelope());
    by_min_x.emplace_back(boxes.back().min_x, boxes.size() - 1);
  }
  std::sort(by_min_x.begin(), by_min_x.end());
  int64_t candidates = 0, touching = 0, sharing_edges = 0;
  for (size_t a = 0; a < by_min_x.size(); ++a) {
    const size_t i = by_min_x[a].second;
    for (size_t b = a + 1; b < by_min_x.size() && by_min_x[b].first <= boxes[i].max_x; ++b) {
      const size_t j = by_min_x[b].second;
      if (!boxes[i].Intersects(boxes[j])) continue;
      ++candidates;
      // Interiors disjoint: the DE-9IM interior/interior cell is empty.
      ASSERT_EQ(GEOSRelatePattern_r(geos.context(), geometries[i], geometries[j], "F********"), 1)
          << parcels[i].id << " overlaps " << parcels[j].id;
      if (GEOSIntersects_r(geos.context(), geometries[i], geometries[j]) != 1) continue;
      ++touching;
      GEOSGeometry* common = GEOSIntersection_r(geos.context(), geometries[i], geometries[j]);
      double area = -1, length = 0;
      GEOSArea_r(geos.context(), common, &area);
      EXPECT_EQ(area, 0) << parcels[i].id << " and " << parcels[j].id;
      GEOSLength_r(geos.context(), common, &length);
      sharing_edges += length > 0;
      // Neighbours share their boundary vertex for vertex: no point of one lies inside an edge
      // of the other.
      std::vector<Coordinate> shared;
      AppendCoordinates(geos, common, &shared);
      for (const Coordinate& c : shared) {
        EXPECT_TRUE(vertices[i].count(c) == 1 && vertices[j].count(c) == 1)
            << parcels[i].id << " and " << parcels[j].id << " meet at " << c.first << " "
            << c.second << ", not a vertex of both";
      }
      GEOSGeom_destroy_r(geos.context(), common);
    }
  }
  EXPECT_GT(candidates, 3000);
  // A tessellation: parcels have neighbours along whole edges, not just corners.
  EXPECT_GT(touching, 3000);
  EXPECT_GT(sharing_edges, touching * 8 / 10);
}

TEST(ParcelGeneratorTest, StreetsLeaveGapsBetweenBlocks) {
  ParcelGeneratorOptions options = Options(2000, "gaps.fgb");
  options.region = kNanning;
  absl::StatusOr<ParcelGenerationSummary> summary = GenerateParcels(options);
  ASSERT_TRUE(summary.ok()) << summary.status();
  double region = 0;
  geod_geodesic g;
  geod_init(&g, 6378137, 1 / 298.257222101);
  double lats[] = {22.7, 22.7, 22.95, 22.95}, lons[] = {108.2, 108.5, 108.5, 108.2};
  geod_polygonarea(&g, lats, lons, 4, &region, nullptr);
  // Streets take 15-30% of a city; the parcels cover the rest.
  EXPECT_GT(summary->area_m2, 0.70 * region);
  EXPECT_LT(summary->area_m2, 0.85 * region);
}

TEST(ParcelGeneratorTest, AreaIsTheGeodesicArea) {
  const std::vector<Parcel> parcels = Generate(Options(2000, "areas.gpkg"));
  ASSERT_THAT(parcels, SizeIs(2000));
  Geos geos;
  geod_geodesic g;
  geod_init(&g, 6378137, 1 / 298.257222101);  // GRS80
  double worst = 0;
  for (const Parcel& p : parcels) {
    std::vector<std::pair<double, double>> ring = Ring(geos, geos.Read(p.wkb));
    std::vector<double> lats, lons;
    for (size_t i = 0; i + 1 < ring.size(); ++i) {
      lons.push_back(ring[i].first);
      lats.push_back(ring[i].second);
    }
    double area = 0;
    geod_polygonarea(&g, lats.data(), lons.data(), static_cast<int>(lats.size()), &area, nullptr);
    area = std::fabs(area);
    ASSERT_GT(area, 0) << p.id;
    worst = std::max(worst, std::fabs(p.area_m2 - area) / area);
  }
  EXPECT_LT(worst, 1e-4);  // the requirement is 0.5%
}

TEST(ParcelGeneratorTest, DefaultRegionGivesParcelsTwentyToTwoHundredMetresAcross) {
  const std::vector<Parcel> parcels = Generate(Options(5000, "sizes.fgb"));
  std::vector<double> across;
  for (const Parcel& p : parcels) across.push_back(std::sqrt(p.area_m2));
  std::sort(across.begin(), across.end());
  ASSERT_THAT(across, SizeIs(5000));
  EXPECT_GE(across[across.size() / 20], 20);  // 95% at least 20 m
  EXPECT_LE(across[across.size() * 19 / 20], 200);
  EXPECT_GT(across.front(), 8);
  EXPECT_LT(across.back(), 400);
}

TEST(ParcelGeneratorTest, CountyIsTheLongitudeBandOfTheParcel) {
  ParcelGeneratorOptions options = Options(3000, "counties.fgb");
  options.region = kNanning;
  const std::vector<Parcel> parcels = Generate(options);
  ASSERT_THAT(parcels, SizeIs(3000));
  const std::map<std::string, std::string> kNames = {{"450102", "兴宁区"}, {"450103", "青秀区"},
                                                     {"450105", "江南区"}, {"450107", "西乡塘区"},
                                                     {"450108", "良庆区"}, {"450109", "邕宁区"}};
  std::set<std::string> seen;
  auto band = [](double lon) { return std::clamp(static_cast<int>((lon - 108.2) / 0.05), 0, 5); };
  for (const Parcel& p : parcels) {
    const geo::Box box = geo::Geometry::FromWkb(p.wkb)->Envelope();
    const std::string& county = p.text.at("county_code");
    seen.insert(county);
    EXPECT_EQ(p.text.at("county_name"), kNames.at(county));
    EXPECT_EQ(p.id.substr(0, 6), county) << p.id;
    const int west = band(box.min_x), east = band(box.max_x);
    if (west == east) {
      EXPECT_EQ(county, kBandCounties[west]) << p.id;
    } else {  // a parcel across a band's edge: one of the bands it spans
      EXPECT_TRUE(county == kBandCounties[west] || county == kBandCounties[east]) << p.id;
    }
  }
  EXPECT_THAT(seen, SizeIs(6));
}

}  // namespace
}  // namespace mdhub::gen
