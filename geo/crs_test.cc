#include "geo/crs.h"

#include <cmath>
#include <string>
#include <thread>
#include <vector>

#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace mdhub::geo {
namespace {

using ::testing::HasSubstr;

constexpr double kPi = 3.14159265358979323846;

Crs Epsg(int code) {
  absl::StatusOr<Crs> crs = Crs::FromEpsg(code);
  EXPECT_TRUE(crs.ok()) << crs.status();
  return *crs;
}

CrsTransform Transform(int from, int to) {
  absl::StatusOr<CrsTransform> t = CrsTransform::Create(Epsg(from), Epsg(to));
  EXPECT_TRUE(t.ok()) << t.status();
  return *t;
}

// Web Mercator (EPSG:3857) from its definition: a sphere of radius a, x = a * lon,
// y = a * ln(tan(pi/4 + lat/2)).
std::pair<double, double> WebMercator(double lon, double lat) {
  return {lon * 20037508.342789244 / 180,
          std::log(std::tan(kPi / 4 + lat * kPi / 360)) * 6378137.0};
}

TEST(CrsTest, ParseAcceptsTheUsualSpellings) {
  for (const char* text :
       {"EPSG:4490", "epsg:4490", " EPSG:4490 ", "urn:ogc:def:crs:EPSG::4490",
        "urn:ogc:def:crs:EPSG:9.8.15:4490", "http://www.opengis.net/def/crs/EPSG/0/4490",
        "https://www.opengis.net/def/crs/EPSG/0/4490"}) {
    absl::StatusOr<Crs> crs = Crs::Parse(text);
    ASSERT_TRUE(crs.ok()) << text << ": " << crs.status();
    EXPECT_EQ(crs->epsg(), 4490) << text;
  }
  const Crs cgcs2000 = *Crs::Parse("EPSG:4490");
  EXPECT_TRUE(cgcs2000.geographic());
  EXPECT_EQ(cgcs2000.name(), "EPSG:4490");
  EXPECT_EQ(cgcs2000.title(), "China Geodetic Coordinate System 2000");
  EXPECT_EQ(cgcs2000.uri(), "http://www.opengis.net/def/crs/EPSG/0/4490");
  EXPECT_THAT(cgcs2000.Wkt(), HasSubstr("AUTHORITY[\"EPSG\",\"4490\"]"));
  for (const char* text : {"OGC:CRS84", "http://www.opengis.net/def/crs/OGC/1.3/CRS84",
                           "urn:ogc:def:crs:OGC:1.3:CRS84"}) {
    absl::StatusOr<Crs> crs = Crs::Parse(text);
    ASSERT_TRUE(crs.ok()) << text << ": " << crs.status();
    EXPECT_EQ(crs->epsg(), 4326) << text;
  }
}

TEST(CrsTest, ParseRejectsWithReasons) {
  EXPECT_THAT(Crs::Parse("").status().message(), HasSubstr("no CRS given"));
  EXPECT_THAT(Crs::Parse("  ").status().message(), HasSubstr("EPSG:4490"));
  for (const char* text : {"GCJ-02", "gcj02", "GCJ_02"}) {
    absl::Status status = Crs::Parse(text).status();
    EXPECT_EQ(status.code(), absl::StatusCode::kInvalidArgument);
    EXPECT_THAT(status.message(),
                HasSubstr("GCJ-02 is an obfuscated offset of WGS84, not a datum"));
    EXPECT_THAT(status.message(), HasSubstr(text));
  }
  for (const char* text : {"BD-09", "bd09"}) {
    EXPECT_THAT(Crs::Parse(text).status().message(), HasSubstr("not a datum")) << text;
  }
  absl::Status unknown = Crs::Parse("EPSG:999999").status();
  EXPECT_EQ(unknown.code(), absl::StatusCode::kInvalidArgument);
  EXPECT_THAT(unknown.message(), HasSubstr("EPSG:999999"));
  for (const char* text : {"WGS84", "EPSG:", "EPSG:abc", "EPSG:-4326", "urn:ogc:def:crs:EPSG"}) {
    absl::Status status = Crs::Parse(text).status();
    EXPECT_EQ(status.code(), absl::StatusCode::kInvalidArgument) << text;
    EXPECT_THAT(status.message(), HasSubstr(text));
  }
  EXPECT_THAT(Crs::FromEpsg(5773).status().message(),  // EGM96 height: vertical
              HasSubstr("neither a geographic nor a projected"));
}

TEST(CrsTest, FromDefinitionIdentifiesTheEpsgCode) {
  absl::StatusOr<Crs> from_wkt = Crs::FromDefinition(Epsg(4490).Wkt());
  ASSERT_TRUE(from_wkt.ok()) << from_wkt.status();
  EXPECT_EQ(from_wkt->epsg(), 4490);
  // A shapefile .prj (ESRI WKT, no authority).
  absl::StatusOr<Crs> prj = Crs::FromDefinition(
      R"(PROJCS["WGS_1984_UTM_Zone_49N",GEOGCS["GCS_WGS_1984",DATUM["D_WGS_1984",)"
      R"(SPHEROID["WGS_1984",6378137.0,298.257223563]],PRIMEM["Greenwich",0.0],)"
      R"(UNIT["Degree",0.0174532925199433]],PROJECTION["Transverse_Mercator"],)"
      R"(PARAMETER["False_Easting",500000.0],PARAMETER["False_Northing",0.0],)"
      R"(PARAMETER["Central_Meridian",111.0],PARAMETER["Scale_Factor",0.9996],)"
      R"(PARAMETER["Latitude_Of_Origin",0.0],UNIT["Meter",1.0]])");
  ASSERT_TRUE(prj.ok()) << prj.status();
  EXPECT_EQ(prj->epsg(), 32649);
  absl::StatusOr<Crs> proj = Crs::FromDefinition("+proj=utm +zone=49 +datum=WGS84 +units=m");
  ASSERT_TRUE(proj.ok()) << proj.status();
  EXPECT_EQ(proj->epsg(), 32649);
  EXPECT_EQ(Crs::FromDefinition("+proj=longlat +datum=WGS84 +no_defs")->epsg(), 4326);
  // Many EPSG datums use GRS80 with no shift from WGS84: no single code fits.
  EXPECT_FALSE(Crs::FromDefinition("+proj=longlat +ellps=GRS80 +no_defs").ok());
  EXPECT_EQ(Crs::FromDefinition("EPSG:3857")->epsg(), 3857);
  EXPECT_THAT(Crs::FromDefinition("PROJCS[\"broken").status().message(),
              HasSubstr("does not parse"));
  // A projection EPSG does not have.
  EXPECT_THAT(Crs::FromDefinition("+proj=tmerc +lon_0=108.3 +ellps=GRS80 +x_0=12345 +units=m")
                  .status()
                  .message(),
              HasSubstr("matches no EPSG code"));
}

TEST(CrsTest, WorldBounds) {
  const Box geographic = Epsg(4490).world_bounds();
  EXPECT_EQ(geographic.min_x, -180);
  EXPECT_EQ(geographic.max_y, 90);
  const Crs mercator = Epsg(3857);
  EXPECT_FALSE(mercator.geographic());
  const Box box = mercator.world_bounds();
  EXPECT_NEAR(box.min_x, -20037508.34, 1);
  EXPECT_NEAR(box.max_x, 20037508.34, 1);
  EXPECT_NEAR(box.max_y, WebMercator(0, 85.06).second, 1000);
  // CGCS2000 / 3-degree Gauss-Kruger CM 114E: an area of use around 112.5E-115.5E.
  const Box gk = Epsg(4547).world_bounds();
  EXPECT_GT(gk.min_x, 300000);
  EXPECT_LT(gk.max_x, 700000);
}

TEST(CrsTransformTest, Cgcs2000ToWebMercatorIsLonLatOrdered) {
  const CrsTransform t = Transform(4490, 3857);
  EXPECT_FALSE(t.identity());
  double x = 108.3, y = 22.8;
  ASSERT_TRUE(t.ApplyPoint(x, y).ok());
  const auto [ex, ey] = WebMercator(108.3, 22.8);
  EXPECT_NEAR(x, ex, 1e-4);  // 12055900.8529
  EXPECT_NEAR(y, ey, 1e-4);  // 2607849.8727
  const CrsTransform back = Transform(3857, 4490);
  ASSERT_TRUE(back.ApplyPoint(x, y).ok());
  EXPECT_NEAR(x, 108.3, 1e-9);
  EXPECT_NEAR(y, 22.8, 1e-9);
}

TEST(CrsTransformTest, GaussKrugerCentralMeridian) {
  // On the central meridian of EPSG:4547 (scale 1, false easting 500 km) the easting is
  // 500000 and the northing the GRS80 meridian arc, integrated here with Simpson's rule.
  const double a = 6378137, f = 1 / 298.257222101, e2 = f * (2 - f);
  const int n = 1000;
  const double h = 30 * kPi / 180 / n;
  double arc = 0;
  for (int i = 0; i <= n; ++i) {
    const double s = std::sin(i * h);
    const double m = a * (1 - e2) / std::pow(1 - e2 * s * s, 1.5);
    arc += m * (i == 0 || i == n ? 1 : (i % 2 ? 4 : 2));
  }
  arc *= h / 3;
  double x = 114, y = 30;
  ASSERT_TRUE(Transform(4490, 4547).ApplyPoint(x, y).ok());
  EXPECT_NEAR(x, 500000, 1e-6);
  EXPECT_NEAR(y, arc, 1e-3);  // 3320113.398
}

TEST(CrsTransformTest, Wgs84AndCgcs2000AreTheSameWithinMillimetres) {
  const CrsTransform t = Transform(4326, 4490);
  double x = 108.3, y = 22.8;
  ASSERT_TRUE(t.ApplyPoint(x, y).ok());
  EXPECT_NEAR(x, 108.3, 1e-8);
  EXPECT_NEAR(y, 22.8, 1e-8);
  const CrsTransform same = Transform(4490, 4490);
  EXPECT_TRUE(same.identity());
}

TEST(CrsTransformTest, OutsideTheDomainIsAnErrorNamingTheCoordinate) {
  const CrsTransform t = Transform(4490, 3857);
  double x = 200, y = 10;
  absl::Status status = t.ApplyPoint(x, y);
  EXPECT_EQ(status.code(), absl::StatusCode::kInvalidArgument);
  EXPECT_THAT(status.message(), HasSubstr("(200, 10)"));
  EXPECT_THAT(status.message(), HasSubstr("EPSG:4490"));
  EXPECT_EQ(x, 200);
  x = 108, y = 90;  // the pole is at infinity in Mercator
  status = t.ApplyPoint(x, y);
  EXPECT_THAT(status.message(), HasSubstr("(108, 90)"));
  EXPECT_THAT(status.message(), HasSubstr("outside the domain of EPSG:3857"));
  EXPECT_EQ(y, 90);
  x = 108, y = 85;  // beyond the area of use (85.06) is still fine
  EXPECT_TRUE(t.ApplyPoint(x, y).ok());
  // The corners of Web Mercator's square are the antimeridian, within rounding.
  x = -20037508.342789244, y = 20037508.342789244;
  ASSERT_TRUE(Transform(3857, 4490).ApplyPoint(x, y).ok());
  EXPECT_NEAR(x, -180, 1e-9);
  EXPECT_NEAR(y, 85.0511287798, 1e-9);
}

TEST(CrsTransformTest, GeometryAndBox) {
  const CrsTransform t = Transform(4490, 3857);
  Geometry g = Geometry::Rectangle(Box{108, 22, 109, 23});
  ASSERT_TRUE(t.Apply(g).ok());
  const Box e = g.Envelope();
  EXPECT_NEAR(e.min_x, WebMercator(108, 22).first, 1e-4);
  EXPECT_NEAR(e.max_y, WebMercator(109, 23).second, 1e-4);
  Geometry bad = Geometry::Rectangle(Box{108, 22, 181, 23});
  EXPECT_THAT(t.Apply(bad).message(), HasSubstr("(181, 22)"));
  EXPECT_EQ(bad.Envelope().max_x, 181);  // unchanged
  // A projected box back to lon/lat: the top edge, a straight line of constant northing, reaches
  // its highest latitude at the central meridian, above the corners.
  Box box{300000, 2000000, 700000, 4000000};
  ASSERT_TRUE(Transform(4547, 4490).ApplyBox(box).ok());
  double cx = 300000, cy = 4000000;
  ASSERT_TRUE(Transform(4547, 4490).ApplyPoint(cx, cy).ok());
  EXPECT_LE(box.min_x, cx);
  EXPECT_GT(box.max_y, cy + 0.01);
  EXPECT_LT(box.max_y, cy + 1);
  Box empty = Box::Empty();
  EXPECT_TRUE(t.ApplyBox(empty).ok());
  EXPECT_TRUE(empty.empty());
}

TEST(CrsTransformTest, ThreadsGetTheSameResults) {
  const CrsTransform t = Transform(4490, 3857);
  std::vector<std::thread> threads;
  std::vector<int> wrong(4, 0);
  for (int i = 0; i < 4; ++i) {
    threads.emplace_back([&t, &wrong, i] {
      for (int k = 0; k < 2000; ++k) {
        double x = 100 + k * 0.01, y = 20 + i;
        const auto [ex, ey] = WebMercator(x, y);
        if (!t.ApplyPoint(x, y).ok() || std::fabs(x - ex) > 1e-4 || std::fabs(y - ey) > 1e-4) {
          ++wrong[i];
        }
      }
    });
  }
  for (std::thread& thread : threads) thread.join();
  EXPECT_EQ(wrong, std::vector<int>(4, 0));
}

}  // namespace
}  // namespace mdhub::geo
