#include "geo/divisions.h"

#include "geo/testing/map_fixture.h"
#include "gtest/gtest.h"

namespace mdhub::geo {
namespace {

using testing::MapFixture;

class DivisionsTest : public MapFixture {};

TEST_F(DivisionsTest, ProvinceLayerIsLoadedOnceWithCodesAndNames) {
  auto loaded = EnsureProvinceLayer(*map_);
  ASSERT_TRUE(loaded.ok()) << loaded.status();
  EXPECT_EQ(*loaded, 31);  // mainland provinces, regions and municipalities
  auto again = EnsureProvinceLayer(*map_);
  ASSERT_TRUE(again.ok());
  EXPECT_EQ(*again, 0);
  auto guangxi = features_->GetFeature("admin.province", "450000");
  ASSERT_TRUE(guangxi.ok());
  ASSERT_NE(FindValue(guangxi->properties(), "name"), nullptr);
  EXPECT_EQ(FindValue(guangxi->properties(), "name")->string_value(), "广西壮族自治区");
  EXPECT_TRUE(features_->GetFeature("admin.province", "350000").ok());  // Fujian, no ISO code
}

TEST_F(DivisionsTest, PointsLocateTheirProvince) {
  ASSERT_TRUE(EnsureProvinceLayer(*map_).ok());
  struct Case {
    double lon, lat;
    const char* code;
  } cases[] = {{108.3200, 22.8167, "450000"},   // Nanning
               {116.4074, 39.9042, "110000"},   // Beijing
               {113.2644, 23.1291, "440000"},   // Guangzhou
               {110.3294, 20.0311, "460000"},   // Haikou
               {87.6168, 43.8256, "650000"},    // Urumqi
               {121.4737, 31.2304, "310000"}};  // Shanghai
  for (const Case& c : cases) {
    auto chain = LocateDivisions(*map_, c.lon, c.lat, "", std::nullopt);
    ASSERT_TRUE(chain.ok()) << chain.status();
    ASSERT_EQ(chain->size(), 1u) << c.code;  // only province polygons exist
    EXPECT_EQ((*chain)[0].code, c.code);
    EXPECT_EQ((*chain)[0].level, 1);
  }
  // Outside China: an empty chain.
  auto tokyo = LocateDivisions(*map_, 139.69, 35.69, "EPSG:4326", std::nullopt);
  ASSERT_TRUE(tokyo.ok());
  EXPECT_TRUE(tokyo->empty());
}

TEST_F(DivisionsTest, LowerLevelsComeFromTheirLayersAndBoundariesGoToTheLowerCode) {
  ASSERT_TRUE(EnsureProvinceLayer(*map_).ok());
  store::Layer county;
  county.set_id("admin.county");
  county.set_owner_agency("land");
  county.set_geometry_type(store::POLYGON);
  for (const char* name : {"code", "name"}) {
    auto* def = county.add_schema();
    def->set_name(name);
    def->set_type(store::PropertyDef::STRING);
  }
  ASSERT_TRUE(map_->CreateLayer(county).ok());
  // Two test squares sharing the edge x = 108.3.
  for (const auto& [code, name, x] : {std::tuple{"450103", "青秀区", 108.3},
                                      std::tuple{"450102", "兴宁区", 108.2}}) {
    FeatureMutation m = Upsert("admin.county", code, Geometry::Rectangle({x, 22.7, x + 0.1, 22.9}));
    m.properties["code"].set_string_value(code);
    m.properties["name"].set_string_value(name);
    ASSERT_TRUE(WriteOne(std::move(m)).ok());
  }
  auto inside = LocateDivisions(*map_, 108.35, 22.8, "", std::nullopt);
  ASSERT_TRUE(inside.ok());
  ASSERT_EQ(inside->size(), 2u);
  EXPECT_EQ((*inside)[0].code, "450000");
  EXPECT_EQ((*inside)[1].code, "450103");
  EXPECT_EQ((*inside)[1].name, "青秀区");
  EXPECT_EQ((*inside)[1].level, 3);
  auto edge = LocateDivisions(*map_, 108.3, 22.8, "", std::nullopt);
  ASSERT_TRUE(edge.ok());
  EXPECT_EQ(edge->back().code, "450102");
}

}  // namespace
}  // namespace mdhub::geo
