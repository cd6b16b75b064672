#include "geo/geometry.h"

#include <cmath>
#include <cstdio>
#include <string>

#include "absl/status/status.h"
#include "absl/strings/escaping.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace mdhub::geo {
namespace {

using ::testing::HasSubstr;

Geometry Wkt(const std::string& wkt) {
  absl::StatusOr<Geometry> g = Geometry::FromWkt(wkt);
  EXPECT_TRUE(g.ok()) << wkt << ": " << g.status();
  return g.ok() ? std::move(*g) : Geometry();
}

constexpr char kSquareWithHole[] =
    "POLYGON ((0 0, 10 0, 10 10, 0 10, 0 0), (2 2, 2 4, 4 4, 4 2, 2 2))";

TEST(BoxTest, EmptyIntersectsContainsExpand) {
  const Box empty = Box::Empty();
  EXPECT_TRUE(empty.empty());
  const Box a{0, 0, 10, 10};
  EXPECT_FALSE(a.empty());
  EXPECT_TRUE(a.Intersects(Box{10, 10, 20, 20}));  // touching corners
  EXPECT_FALSE(a.Intersects(Box{10.5, 0, 20, 10}));
  EXPECT_FALSE(a.Intersects(empty));
  EXPECT_TRUE(a.Contains(Box{0, 0, 10, 5}));
  EXPECT_FALSE(a.Contains(Box{-1, 0, 5, 5}));
  EXPECT_FALSE(a.Contains(empty));
  Box grown = Box::Empty();
  grown.ExpandToInclude(Box{1, 2, 3, 4});
  grown.ExpandToInclude(empty);
  grown.ExpandToInclude(Box{-1, 3, 2, 8});
  EXPECT_EQ(grown.min_x, -1);
  EXPECT_EQ(grown.min_y, 2);
  EXPECT_EQ(grown.max_x, 3);
  EXPECT_EQ(grown.max_y, 8);
}

TEST(GeometryTest, WkbIsIsoLittleEndian) {
  // POINT (1 2): byte order 1, type 1, then the doubles 1.0 and 2.0 little-endian.
  EXPECT_EQ(absl::BytesToHexString(Geometry::Point(1, 2).ToWkb()),
            "0101000000000000000000f03f0000000000000040");
  // ISO type code 1001 for Point Z (EWKB would set the 0x80000000 flag instead).
  EXPECT_EQ(absl::BytesToHexString(Wkt("POINT Z (1 2 3)").ToWkb()).substr(0, 10), "01e9030000");
}

TEST(GeometryTest, WkbRoundTrip) {
  const Geometry polygon = Wkt(kSquareWithHole);
  absl::StatusOr<Geometry> back = Geometry::FromWkb(polygon.ToWkb());
  ASSERT_TRUE(back.ok()) << back.status();
  EXPECT_TRUE(back->EqualsExact(polygon));
  const Geometry z = Wkt("LINESTRING Z (1 2 3, 4 5 6)");
  absl::StatusOr<Geometry> z_back = Geometry::FromWkb(z.ToWkb());
  ASSERT_TRUE(z_back.ok());
  EXPECT_TRUE(z_back->HasZ());
  EXPECT_EQ(z_back->ToWkt(), "LINESTRING Z (1 2 3, 4 5 6)");
}

TEST(GeometryTest, BadWkbIsInvalidArgument) {
  absl::StatusOr<Geometry> g = Geometry::FromWkb(std::string("\x01\x01\x00", 3));
  EXPECT_EQ(g.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_THAT(g.status().message(), HasSubstr("not valid WKB: "));
  EXPECT_THAT(g.status().message(), HasSubstr("EOF"));
}

TEST(GeometryTest, WktRoundTripKeepsEveryBit) {
  EXPECT_EQ(Wkt(kSquareWithHole).ToWkt(), kSquareWithHole);
  const Geometry p = Geometry::Point(0.1 + 0.2, 1.0 / 3);
  const Geometry back = Wkt(p.ToWkt());
  EXPECT_TRUE(back.EqualsExact(p)) << p.ToWkt();
  EXPECT_EQ(Geometry::Point(108.3, 22.8).ToWkt(), "POINT (108.3 22.8)");
  EXPECT_EQ(p.ToWkt(3), "POINT (0.3 0.333)");
  EXPECT_THAT(Geometry::FromWkt("POLYGON ((0 0, 1 1").status().message(),
              HasSubstr("not valid WKT"));
}

TEST(GeometryTest, GeoJsonRoundTrip) {
  absl::StatusOr<Geometry> g = Geometry::FromGeoJson(
      R"({"type": "Polygon", "coordinates": [[[0, 0], [10, 0], [10, 10], [0, 10], [0, 0]],
          [[2, 2], [2, 4], [4, 4], [4, 2], [2, 2]]]})");
  ASSERT_TRUE(g.ok()) << g.status();
  EXPECT_TRUE(g->EqualsExact(Wkt(kSquareWithHole)));
  absl::StatusOr<Geometry> back = Geometry::FromGeoJson(g->ToGeoJson());
  ASSERT_TRUE(back.ok()) << back.status();
  EXPECT_TRUE(back->EqualsExact(*g));
  const Geometry p = Geometry::Point(0.1 + 0.2, 108.123456789);
  EXPECT_TRUE(Geometry::FromGeoJson(p.ToGeoJson())->EqualsExact(p)) << p.ToGeoJson();
  EXPECT_EQ(p.ToGeoJson(3), R"({"type":"Point","coordinates":[0.3,108.123]})");
}

TEST(GeometryTest, GeoJsonFeatureIsRejectedSayingSo) {
  absl::StatusOr<Geometry> feature = Geometry::FromGeoJson(
      R"({"properties": {"type": "x"}, "type": "Feature",
          "geometry": {"type": "Point", "coordinates": [1, 2]}})");
  EXPECT_EQ(feature.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_THAT(feature.status().message(), HasSubstr("is a Feature, not a geometry"));
  EXPECT_THAT(
      Geometry::FromGeoJson(R"({"type":"FeatureCollection","features":[]})").status().message(),
      HasSubstr("FeatureCollection"));
  EXPECT_THAT(Geometry::FromGeoJson(R"({"type":"Pointy","coordinates":[1,2]})").status().message(),
              HasSubstr("not a valid GeoJSON geometry"));
  EXPECT_FALSE(Geometry::FromGeoJson("[1, 2").ok());
}

TEST(GeometryTest, TypesAndEnvelope) {
  EXPECT_EQ(Geometry::Point(1, 2).type(), store::POINT);
  EXPECT_EQ(Wkt(kSquareWithHole).type(), store::POLYGON);
  EXPECT_EQ(Wkt("MULTILINESTRING ((0 0, 1 1))").type(), store::MULTI_LINE_STRING);
  EXPECT_EQ(Wkt("GEOMETRYCOLLECTION (POINT (1 1))").type(), store::GEOMETRY);
  EXPECT_EQ(Wkt("MULTIPOLYGON (((0 0, 1 0, 1 1, 0 0)))").TypeName(), "MultiPolygon");
  EXPECT_EQ(Geometry().type(), store::GEOMETRY_TYPE_UNSPECIFIED);
  EXPECT_FALSE(Geometry::Point(1, 2).HasZ());
  const Box box = Wkt("LINESTRING (3 -1, -2 7, 5 4)").Envelope();
  EXPECT_EQ(box.min_x, -2);
  EXPECT_EQ(box.min_y, -1);
  EXPECT_EQ(box.max_x, 5);
  EXPECT_EQ(box.max_y, 7);
  EXPECT_TRUE(Wkt("POLYGON EMPTY").Envelope().empty());
  EXPECT_TRUE(Geometry::Rectangle(Box::Empty()).IsEmpty());
  EXPECT_EQ(Geometry::Rectangle(Box{1, 2, 4, 6}).Area(), 12);
}

TEST(GeometryTest, NullAndMovedFrom) {
  Geometry a = Geometry::Point(1, 2);
  Geometry b = std::move(a);
  EXPECT_TRUE(a.is_null());  // NOLINT(bugprone-use-after-move): documented state
  EXPECT_FALSE(b.is_null());
  EXPECT_EQ(a.ToWkb(), "");
  EXPECT_FALSE(a.Intersects(b));
  EXPECT_TRUE(a.Clone().is_null());
  EXPECT_TRUE(b.Clone().EqualsExact(b));
}

TEST(GeometryTest, BowTieIsInvalidAndMakeValidSplitsIt) {
  const Geometry bow_tie = Wkt("POLYGON ((0 0, 2 2, 2 0, 0 2, 0 0))");
  EXPECT_THAT(bow_tie.InvalidReason(), HasSubstr("Self-intersection"));
  EXPECT_THAT(bow_tie.InvalidReason(), HasSubstr("[1 1]"));
  absl::StatusOr<Geometry> fixed = bow_tie.MakeValid();
  ASSERT_TRUE(fixed.ok()) << fixed.status();
  EXPECT_EQ(fixed->InvalidReason(), "");
  EXPECT_EQ(fixed->type(), store::MULTI_POLYGON);
  EXPECT_DOUBLE_EQ(fixed->Area(), 2.0);
  EXPECT_EQ(Wkt(kSquareWithHole).InvalidReason(), "");
}

TEST(GeometryTest, SimplifyPreserveTopologyDropsSmallWiggles) {
  const Geometry line = Wkt("LINESTRING (0 0, 1 0.01, 2 -0.01, 3 0.01, 4 0)");
  const Geometry simple = line.SimplifyPreserveTopology(0.1);
  EXPECT_TRUE(simple.EqualsExact(Wkt("LINESTRING (0 0, 4 0)"))) << simple.ToWkt();
  EXPECT_TRUE(line.SimplifyPreserveTopology(0.001).EqualsExact(line));
}

TEST(GeometryTest, Predicates) {
  const Geometry square = Wkt(kSquareWithHole);
  const Geometry inside = Geometry::Point(5, 5);
  const Geometry in_hole = Geometry::Point(3, 3);
  const Geometry on_edge = Geometry::Point(10, 5);
  EXPECT_TRUE(square.Contains(inside));
  EXPECT_TRUE(inside.Within(square));
  EXPECT_FALSE(square.Contains(in_hole));
  EXPECT_FALSE(square.Intersects(in_hole));
  EXPECT_FALSE(square.Contains(on_edge));  // the boundary is not the interior
  EXPECT_TRUE(square.Covers(on_edge));
  EXPECT_TRUE(square.Intersects(on_edge));
  EXPECT_TRUE(square.Intersects(Wkt("LINESTRING (-5 5, 5 15)")));
  EXPECT_FALSE(square.Intersects(Wkt("LINESTRING (-5 5, -1 15)")));
  EXPECT_FALSE(Wkt("LINESTRING (0 0, 1 1)").EqualsExact(Wkt("LINESTRING (1 1, 0 0)")));
}

TEST(GeometryTest, DistanceAndNearestPoints) {
  EXPECT_DOUBLE_EQ(Geometry::Point(0, 0).Distance(Geometry::Point(3, 4)), 5.0);
  const Geometry square = Wkt(kSquareWithHole);
  EXPECT_DOUBLE_EQ(square.Distance(Geometry::Point(5, 20)), 10.0);
  EXPECT_DOUBLE_EQ(square.Distance(Geometry::Point(3, 3)), 1.0);  // to the hole's edge
  EXPECT_EQ(square.Distance(Geometry::Point(5, 5)), 0.0);
  const auto nearest = square.NearestPoints(Geometry::Point(5, 20));
  EXPECT_EQ(nearest.first, std::make_pair(5.0, 10.0));
  EXPECT_EQ(nearest.second, std::make_pair(5.0, 20.0));
  EXPECT_TRUE(std::isinf(square.Distance(Wkt("POINT EMPTY"))));
}

TEST(GeometryTest, TransformXYAppliesToEveryCoordinateOrNone) {
  Geometry g = Wkt("POLYGON Z ((0 0 7, 1 0 7, 1 1 7, 0 0 7))");
  ASSERT_TRUE(g.TransformXY([](double& x, double& y) {
                 x += 100;
                 y *= 2;
                 return absl::OkStatus();
               }).ok());
  EXPECT_EQ(g.ToWkt(), "POLYGON Z ((100 0 7, 101 0 7, 101 2 7, 100 0 7))");
  int calls = 0;
  absl::Status status = g.TransformXY([&calls](double& x, double& y) {
    x = -1;
    return ++calls == 3 ? absl::OutOfRangeError("third coordinate") : absl::OkStatus();
  });
  EXPECT_EQ(status, absl::OutOfRangeError("third coordinate"));
  EXPECT_EQ(g.ToWkt(), "POLYGON Z ((100 0 7, 101 0 7, 101 2 7, 100 0 7))");
}

TEST(PreparedGeometryTest, AgreesWithUnpreparedOnAGrid) {
  // An L-shaped polygon with a hole: concave, with inner and outer boundaries.
  const Geometry shape =
      Wkt("POLYGON ((0 0, 10 0, 10 4, 4 4, 4 10, 0 10, 0 0), (1 1, 3 1, 3 3, 1 3, 1 1))");
  const PreparedGeometry prepared(shape);
  int intersects = 0, contains = 0, covers = 0, near = 0, points = 0;
  for (double x = -1; x <= 11; x += 0.5) {
    for (double y = -1; y <= 11; y += 0.5) {
      const Geometry p = Geometry::Point(x, y);
      SCOPED_TRACE(p.ToWkt());
      ASSERT_EQ(prepared.Intersects(p), shape.Intersects(p));
      ASSERT_EQ(prepared.Contains(p), shape.Contains(p));
      ASSERT_EQ(prepared.Covers(p), shape.Covers(p));
      ASSERT_EQ(prepared.DistanceWithin(p, 0.7), shape.Distance(p) <= 0.7);
      intersects += prepared.Intersects(p);
      contains += prepared.Contains(p);
      covers += prepared.Covers(p);
      near += prepared.DistanceWithin(p, 0.7);
      ++points;
    }
  }
  // Every kind of point occurs: outside, inside, in the hole, on a boundary.
  EXPECT_GT(contains, 0);
  EXPECT_GT(covers, contains);
  EXPECT_EQ(intersects, covers);
  EXPECT_GT(near, covers);
  EXPECT_LT(near, points);
  const Geometry crossing = Wkt("LINESTRING (5 5, 9 9)");  // passes the L's notch only
  EXPECT_FALSE(prepared.Intersects(crossing));
  EXPECT_TRUE(prepared.DistanceWithin(crossing, 1.5));
  EXPECT_FALSE(prepared.Intersects(Geometry()));
}

}  // namespace
}  // namespace mdhub::geo
