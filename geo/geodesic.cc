#include "geo/geodesic.h"

#include <geodesic.h>

#include <algorithm>
#include <cmath>
#include <limits>

namespace mdhub::geo {
namespace {

constexpr double kA = 6378137.0;                           // GRS80 semi-major axis, metres
constexpr double kF = 1.0 / 298.257222101;                 // GRS80 flattening
constexpr double kE2 = kF * (2.0 - kF);                    // first eccentricity squared
constexpr double kMinMeridionalRadius = kA * (1.0 - kE2);  // M at the equator, the smallest
constexpr double kPi = 3.14159265358979323846;
constexpr double kDegree = kPi / 180.0;

const geod_geodesic& Grs80() {
  static const geod_geodesic* const g = [] {
    auto* geodesic = new geod_geodesic;
    geod_init(geodesic, kA, kF);
    return geodesic;
  }();
  return *g;
}

// A local frame around (lon0, lat0): metres east along the parallel and north along the
// meridian, linear in lon/lat so that straight lon/lat edges stay straight.
struct LocalFrame {
  LocalFrame(double lon0, double lat0) : lon0(lon0), lat0(lat0) {
    const double phi = lat0 * kDegree;
    const double w = std::sqrt(1.0 - kE2 * std::sin(phi) * std::sin(phi));
    metres_per_degree_x = kA / w * std::cos(phi) * kDegree;          // N(phi) cos(phi)
    metres_per_degree_y = kA * (1.0 - kE2) / (w * w * w) * kDegree;  // M(phi)
    // Near the poles a degree of longitude shrinks to nothing; keep the transform invertible.
    metres_per_degree_x = std::max(metres_per_degree_x, 1e-3);
  }
  double lon0, lat0;
  double metres_per_degree_x, metres_per_degree_y;
};

// Nearest points of a and b found in `frame`, in lon/lat; false when GEOS finds none.
bool NearestInFrame(const Geometry& a, const Geometry& b, const LocalFrame& frame, double& lon1,
                    double& lat1, double& lon2, double& lat2) {
  auto to_frame = [&frame](double& x, double& y) {
    x = (x - frame.lon0) * frame.metres_per_degree_x;
    y = (y - frame.lat0) * frame.metres_per_degree_y;
    return absl::OkStatus();
  };
  Geometry local_a = a.Clone();
  Geometry local_b = b.Clone();
  if (!local_a.TransformXY(to_frame).ok() || !local_b.TransformXY(to_frame).ok()) return false;
  const auto nearest = local_a.NearestPoints(local_b);
  if (std::isnan(nearest.first.first) || std::isnan(nearest.second.first)) return false;
  lon1 = frame.lon0 + nearest.first.first / frame.metres_per_degree_x;
  lat1 = frame.lat0 + nearest.first.second / frame.metres_per_degree_y;
  lon2 = frame.lon0 + nearest.second.first / frame.metres_per_degree_x;
  lat2 = frame.lat0 + nearest.second.second / frame.metres_per_degree_y;
  return true;
}

// Half-width in degrees of longitude of a box containing every point within `metres` of any
// point at latitudes up to |max_abs_lat|; infinity when no such bound exists (a pole is near).
double LongitudeHalfWidth(double max_abs_lat, double metres) {
  // The spherical bound with the smallest radius of curvature, widened by 0.1%: the property
  // test (geodesic_test) finds the ellipsoid's true extent always inside.
  const double angle = metres / kMinMeridionalRadius;
  if (angle >= kPi / 2) return std::numeric_limits<double>::infinity();
  const double s = std::sin(angle) / std::cos(max_abs_lat * kDegree);
  if (!(s < 1.0)) return std::numeric_limits<double>::infinity();
  return std::asin(s) / kDegree * 1.001 + 1e-9;
}

Box SearchBox(double min_lon, double min_lat, double max_lon, double max_lat, double metres) {
  metres = std::max(metres, 0.0);
  const double dlat = metres / kMinMeridionalRadius / kDegree * 1.000001 + 1e-9;
  Box box{min_lon, std::max(min_lat - dlat, -90.0), max_lon, std::min(max_lat + dlat, 90.0)};
  const bool reaches_pole = box.min_y <= -90.0 || box.max_y >= 90.0;
  const double dlon =
      reaches_pole ? std::numeric_limits<double>::infinity()
                   : LongitudeHalfWidth(std::max(std::fabs(min_lat), std::fabs(max_lat)), metres);
  box.min_x = min_lon - dlon;
  box.max_x = max_lon + dlon;
  if (box.min_x < -180.0 || box.max_x > 180.0) {  // would wrap: take every longitude
    box.min_x = -180.0;
    box.max_x = 180.0;
  }
  return box;
}

}  // namespace

double GeodesicDistance(double lon1, double lat1, double lon2, double lat2) {
  double s12 = 0;
  geod_inverse(&Grs80(), lat1, lon1, lat2, lon2, &s12, nullptr, nullptr);
  return s12;
}

double GeodesicDistance(const Geometry& a, const Geometry& b) {
  if (a.IsEmpty() || b.IsEmpty()) return std::numeric_limits<double>::infinity();
  if (a.type() == store::POINT && b.type() == store::POINT) {
    const Box pa = a.Envelope();
    const Box pb = b.Envelope();
    return GeodesicDistance(pa.min_x, pa.min_y, pb.min_x, pb.min_y);
  }
  if (a.Intersects(b)) return 0.0;
  const Box ea = a.Envelope();
  const Box eb = b.Envelope();
  LocalFrame frame((ea.min_x + ea.max_x + eb.min_x + eb.max_x) / 4,
                   (ea.min_y + ea.max_y + eb.min_y + eb.max_y) / 4);
  double best = std::numeric_limits<double>::infinity();
  // Pass 1 in a frame around both geometries; pass 2 in one centred on the pair pass 1 found,
  // where the frame's scale is right for the distance that matters.
  for (int pass = 0; pass < 2; ++pass) {
    double lon1, lat1, lon2, lat2;
    if (!NearestInFrame(a, b, frame, lon1, lat1, lon2, lat2)) break;
    best = std::min(best, GeodesicDistance(lon1, lat1, lon2, lat2));
    frame = LocalFrame((lon1 + lon2) / 2, (lat1 + lat2) / 2);
  }
  return best;
}

Box GeographicSearchBox(double lon, double lat, double metres) {
  return SearchBox(lon, lat, lon, lat, metres);
}

Box GeographicSearchBox(const Box& box, double metres) {
  if (box.empty()) return Box::Empty();
  return SearchBox(box.min_x, box.min_y, box.max_x, box.max_y, metres);
}

double GeodesicLowerBound(double lon1, double lat1, double lon2, double lat2) {
  constexpr double kRad = M_PI / 180;
  constexpr double kMinRadius = 6378137.0 * (1 - 0.00669438002290);  // GRS80: a(1 - e^2)
  const double s1 = std::sin((lat2 - lat1) * kRad / 2);
  const double s2 = std::sin((lon2 - lon1) * kRad / 2);
  const double h = s1 * s1 + std::cos(lat1 * kRad) * std::cos(lat2 * kRad) * s2 * s2;
  return kMinRadius * 2 * std::asin(std::min(1.0, std::sqrt(h)));
}

}  // namespace mdhub::geo
