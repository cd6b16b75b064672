#include "geo/geodesic.h"

#include <geodesic.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <random>
#include <string>

#include "gtest/gtest.h"

namespace mdhub::geo {
namespace {

constexpr double kA = 6378137.0;
constexpr double kF = 1 / 298.257222101;
constexpr double kPi = 3.14159265358979323846;
constexpr double kRad = kPi / 180;

// Vincenty's inverse formula on GRS80 (T. Vincenty, Survey Review 1975), an algorithm
// independent of PROJ's (Karney's); accurate to about 0.5 mm away from antipodal points.
double Vincenty(double lon1, double lat1, double lon2, double lat2) {
  const double b = kA * (1 - kF);
  const double u1 = std::atan((1 - kF) * std::tan(lat1 * kRad));
  const double u2 = std::atan((1 - kF) * std::tan(lat2 * kRad));
  const double l = (lon2 - lon1) * kRad;
  double lambda = l, sin_sigma = 0, cos_sigma = 0, sigma = 0, cos2_alpha = 0, cos_2sm = 0;
  for (int i = 0; i < 200; ++i) {
    const double sl = std::sin(lambda), cl = std::cos(lambda);
    sin_sigma = std::hypot(std::cos(u2) * sl,
                           std::cos(u1) * std::sin(u2) - std::sin(u1) * std::cos(u2) * cl);
    cos_sigma = std::sin(u1) * std::sin(u2) + std::cos(u1) * std::cos(u2) * cl;
    sigma = std::atan2(sin_sigma, cos_sigma);
    const double sin_alpha = std::cos(u1) * std::cos(u2) * sl / sin_sigma;
    cos2_alpha = 1 - sin_alpha * sin_alpha;
    cos_2sm = cos2_alpha == 0 ? 0 : cos_sigma - 2 * std::sin(u1) * std::sin(u2) / cos2_alpha;
    const double c = kF / 16 * cos2_alpha * (4 + kF * (4 - 3 * cos2_alpha));
    const double previous = lambda;
    lambda =
        l + (1 - c) * kF * sin_alpha *
                (sigma + c * sin_sigma * (cos_2sm + c * cos_sigma * (-1 + 2 * cos_2sm * cos_2sm)));
    if (std::fabs(lambda - previous) < 1e-13) break;
  }
  const double u_sq = cos2_alpha * (kA * kA - b * b) / (b * b);
  const double big_a = 1 + u_sq / 16384 * (4096 + u_sq * (-768 + u_sq * (320 - 175 * u_sq)));
  const double big_b = u_sq / 1024 * (256 + u_sq * (-128 + u_sq * (74 - 47 * u_sq)));
  const double delta_sigma =
      big_b * sin_sigma *
      (cos_2sm +
       big_b / 4 *
           (cos_sigma * (-1 + 2 * cos_2sm * cos_2sm) -
            big_b / 6 * cos_2sm * (-3 + 4 * sin_sigma * sin_sigma) * (-3 + 4 * cos_2sm * cos_2sm)));
  return b * big_a * (sigma - delta_sigma);
}

Geometry Wkt(const std::string& wkt) { return std::move(*Geometry::FromWkt(wkt)); }

TEST(GeodesicTest, PointDistancesMatchIndependentValues) {
  // Nanning to Beijing: Vincenty here, 2042593.601 m from `geod +ellps=GRS80 -I`.
  const double d = GeodesicDistance(108.3200, 22.8167, 116.4074, 39.9042);
  EXPECT_NEAR(d, Vincenty(108.3200, 22.8167, 116.4074, 39.9042), 1e-3);
  EXPECT_NEAR(d, 2042593.601, 2e-3);
  // Along the equator the distance is a times the angle.
  EXPECT_NEAR(GeodesicDistance(114, 0, 114.5, 0), kA * 0.5 * kRad, 1e-6);
  // GRS80's meridian quadrant, equator to pole: 10001965.7293 m.
  EXPECT_NEAR(GeodesicDistance(0, 0, 0, 90), 10001965.7293, 1e-3);
  EXPECT_EQ(GeodesicDistance(108.3, 22.8, 108.3, 22.8), 0.0);
  std::mt19937 rng(4490);
  std::uniform_real_distribution<double> lon(73, 135), lat(18, 54);  // China's extent
  for (int i = 0; i < 100; ++i) {
    const double x1 = lon(rng), y1 = lat(rng), x2 = lon(rng), y2 = lat(rng);
    EXPECT_NEAR(GeodesicDistance(x1, y1, x2, y2), Vincenty(x1, y1, x2, y2), 1e-3);
  }
}

TEST(GeodesicTest, GeometryDistances) {
  const Geometry nanning = Geometry::Point(108.3200, 22.8167);
  const Geometry beijing = Geometry::Point(116.4074, 39.9042);
  EXPECT_EQ(GeodesicDistance(nanning, beijing),
            GeodesicDistance(108.3200, 22.8167, 116.4074, 39.9042));
  const Geometry square = Geometry::Rectangle(Box{108, 22, 109, 23});
  EXPECT_EQ(GeodesicDistance(square, nanning), 0.0);
  // Straight south of the square's lower edge, the nearest point is on the same meridian.
  const Geometry south = Geometry::Point(108.5, 21.5);
  EXPECT_NEAR(GeodesicDistance(square, south), GeodesicDistance(108.5, 21.5, 108.5, 22), 1e-6);
  EXPECT_TRUE(std::isinf(GeodesicDistance(square, Geometry())));
}

// The minimum geodesic distance from a point to a segment that is straight in lon/lat, by
// dense sampling and ternary-search refinement.
double BruteForce(double px, double py, double ax, double ay, double bx, double by) {
  auto at = [&](double t) {
    return GeodesicDistance(px, py, ax + t * (bx - ax), ay + t * (by - ay));
  };
  const int n = 2000;
  int best_i = 0;
  for (int i = 1; i <= n; ++i) {
    if (at(double(i) / n) < at(double(best_i) / n)) best_i = i;
  }
  double lo = std::max(0.0, (best_i - 1.0) / n), hi = std::min(1.0, (best_i + 1.0) / n);
  for (int k = 0; k < 100; ++k) {
    const double m1 = lo + (hi - lo) / 3, m2 = hi - (hi - lo) / 3;
    if (at(m1) < at(m2)) {
      hi = m2;
    } else {
      lo = m1;
    }
  }
  return std::min({at(lo), at(0), at(1)});
}

TEST(GeodesicTest, GeometryDistanceErrorBound) {
  // The bounds documented in geodesic.h, by the span of the random points and segments.
  std::mt19937 rng(7);
  std::uniform_real_distribution<double> u(-0.5, 0.5);
  for (const auto& [span, bound] : {std::pair{0.1, 1e-7}, {1.0, 1e-5}, {3.0, 5e-4}, {10.0, 3e-3}}) {
    double worst = 0;
    for (int i = 0; i < 40; ++i) {
      const double lon0 = 300 * u(rng), lat0 = 140 * u(rng);
      const double ax = lon0 + span * u(rng), ay = lat0 + span * u(rng);
      const double bx = lon0 + span * u(rng), by = lat0 + span * u(rng);
      const double px = lon0 + span * u(rng), py = lat0 + span * u(rng);
      char wkt[200];
      std::snprintf(wkt, sizeof wkt, "LINESTRING (%.17g %.17g, %.17g %.17g)", ax, ay, bx, by);
      const double d = GeodesicDistance(Geometry::Point(px, py), Wkt(wkt));
      const double truth = BruteForce(px, py, ax, ay, bx, by);
      ASSERT_GE(d, truth - 1e-6) << wkt;  // a distance between real points: never too small
      worst = std::max(worst, (d - truth) / truth);
    }
    EXPECT_LT(worst, bound) << "span " << span;
  }
}

TEST(GeodesicTest, SearchBoxContainsEveryPointWithinTheDistance) {
  geod_geodesic g;
  geod_init(&g, kA, kF);
  std::mt19937 rng(42);
  std::uniform_real_distribution<double> unit(0, 1);
  int full_width = 0;
  for (int i = 0; i < 20000; ++i) {
    const double lon = -179 + 358 * unit(rng);
    const double lat = -89.9 + 179.8 * unit(rng);
    const double metres = std::pow(10.0, 7 * unit(rng));  // 1 m to 10,000 km
    const Box box = GeographicSearchBox(lon, lat, metres);
    ASSERT_GE(box.min_x, -180);
    ASSERT_LE(box.max_x, 180);
    ASSERT_GE(box.min_y, -90);
    ASSERT_LE(box.max_y, 90);
    full_width += box.min_x == -180 && box.max_x == 180;
    for (int k = 0; k < 8; ++k) {
      const double azimuth = 360 * unit(rng), s = metres * (k == 0 ? 1.0 : unit(rng));
      double lat2, lon2;
      geod_direct(&g, lat, lon, azimuth, s, &lat2, &lon2, nullptr);
      ASSERT_TRUE(box.Contains(Box{lon2, lat2, lon2, lat2}))
          << "centre " << lon << " " << lat << " metres " << metres << " azimuth " << azimuth
          << " point " << lon2 << " " << lat2;
    }
  }
  EXPECT_LT(full_width, 20000 / 2);  // the box is not trivially the world
}

TEST(GeodesicTest, SearchBoxSizesAndEdges) {
  // 1 km around Nanning: about 0.009 degrees of latitude, 0.0098 of longitude.
  const Box box = GeographicSearchBox(108.32, 22.8167, 1000);
  EXPECT_NEAR(box.max_y - 22.8167, 1000 / 110700.0, 0.0001);
  EXPECT_NEAR(box.max_x - 108.32, 1000 / (111320 * std::cos(22.8167 * kRad)), 0.0002);
  EXPECT_NEAR(box.min_x + box.max_x, 2 * 108.32, 1e-9);
  // Near the pole, or across the antimeridian: every longitude.
  const Box polar = GeographicSearchBox(10, 89.99, 5000);
  EXPECT_EQ(polar.min_x, -180);
  EXPECT_EQ(polar.max_x, 180);
  EXPECT_EQ(polar.max_y, 90);
  const Box dateline = GeographicSearchBox(179.99, 0, 5000);
  EXPECT_EQ(dateline.min_x, -180);
  EXPECT_EQ(dateline.max_x, 180);
  // Around a box: the box grown by the distance.
  const Box around = GeographicSearchBox(Box{108, 22, 109, 23}, 1000);
  EXPECT_TRUE(around.Contains(GeographicSearchBox(108, 23, 1000)));
  EXPECT_TRUE(around.Contains(GeographicSearchBox(109, 22, 1000)));
  EXPECT_LT(around.max_x - 109, 0.011);
  EXPECT_TRUE(GeographicSearchBox(Box::Empty(), 1000).empty());
  const Box point = GeographicSearchBox(108, 22, -5);
  EXPECT_NEAR(point.max_x, 108, 1e-8);
}

TEST(GeodesicTest, LowerBoundNeverExceedsTheDistanceAndIsTight) {
  std::mt19937_64 rng(5);
  std::uniform_real_distribution<double> lon(-180, 180), lat(-89.9, 89.9), near(-0.5, 0.5);
  for (int i = 0; i < 20000; ++i) {
    const double x1 = lon(rng), y1 = lat(rng);
    const bool close = i % 2 == 0;
    const double x2 = close ? x1 + near(rng) : lon(rng);
    const double y2 = close ? std::clamp(y1 + near(rng), -89.9, 89.9) : lat(rng);
    const double exact = GeodesicDistance(x1, y1, x2, y2);
    const double bound = GeodesicLowerBound(x1, y1, x2, y2);
    ASSERT_LE(bound, exact * (1 + 1e-12) + 1e-9) << x1 << "," << y1 << " " << x2 << "," << y2;
    ASSERT_GE(bound, exact * 0.985) << x1 << "," << y1 << " " << x2 << "," << y2;
  }
}

}  // namespace
}  // namespace mdhub::geo
