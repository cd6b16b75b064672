#include "tools/gen/internal/parcel_geometry.h"

#include <cmath>
#include <cstdint>
#include <cstring>

namespace mdhub::gen {
namespace {

// GRS80, the CGCS2000 ellipsoid.
constexpr double kSemiMajor = 6378137.0;
constexpr double kFlattening = 1 / 298.257222101;
constexpr double kE2 = kFlattening * (2 - kFlattening);
constexpr double kRadians = M_PI / 180;

// The area element per square radian at latitude phi: M(phi) N(phi) cos(phi).
double AreaElement(double phi) {
  const double s = std::sin(phi);
  const double w = 1 - kE2 * s * s;
  return kSemiMajor * kSemiMajor * (1 - kE2) * std::cos(phi) / (w * w);
}

void AppendUint32(uint32_t v, std::string* out) {
  for (int i = 0; i < 4; ++i) out->push_back(static_cast<char>((v >> (8 * i)) & 0xff));
}

void AppendDouble(double d, std::string* out) {
  uint64_t bits;
  std::memcpy(&bits, &d, sizeof bits);
  for (int i = 0; i < 8; ++i) out->push_back(static_cast<char>((bits >> (8 * i)) & 0xff));
}

}  // namespace

void MetresPerDegree(double lat, double* per_lon, double* per_lat) {
  const double phi = lat * kRadians;
  const double s = std::sin(phi);
  const double w = 1 - kE2 * s * s;
  const double n = kSemiMajor / std::sqrt(w);
  const double m = kSemiMajor * (1 - kE2) / (w * std::sqrt(w));
  *per_lon = n * std::cos(phi) * kRadians;
  *per_lat = m * kRadians;
}

double EllipsoidArea(absl::Span<const LonLat> ring) {
  if (ring.size() < 3) return 0;
  // Green's theorem: area = -(closed integral of G(phi) d lambda), G the integral of the area
  // element from the first vertex's latitude (Simpson's rule: exact to ~1e-15 over a parcel).
  // Coordinates relative to the first vertex keep the sums small.
  const double phi0 = ring[0].lat * kRadians;
  const double lambda0 = ring[0].lon * kRadians;
  const double g0 = AreaElement(phi0);
  auto g_integral = [&](const LonLat& p) {
    const double phi = p.lat * kRadians;
    const double d = phi - phi0;
    return (g0 + 4 * AreaElement(phi0 + d / 2) + AreaElement(phi)) / 6 * d;
  };
  double sum = 0;
  double lambda_prev = 0, g_prev = 0;  // the first vertex: 0 and 0
  for (size_t i = 1; i <= ring.size(); ++i) {
    const LonLat& p = ring[i % ring.size()];
    const double lambda = p.lon * kRadians - lambda0;
    const double g = i == ring.size() ? 0 : g_integral(p);
    sum += (lambda - lambda_prev) * (g + g_prev) / 2;
    lambda_prev = lambda;
    g_prev = g;
  }
  return std::fabs(sum);
}

LonLat PlanarCentroid(absl::Span<const LonLat> ring) {
  const LonLat& o = ring[0];
  double twice_area = 0, cx = 0, cy = 0;
  for (size_t i = 0; i < ring.size(); ++i) {
    const LonLat& p = ring[i];
    const LonLat& q = ring[(i + 1) % ring.size()];
    const double x1 = p.lon - o.lon, y1 = p.lat - o.lat, x2 = q.lon - o.lon, y2 = q.lat - o.lat;
    const double cross = x1 * y2 - x2 * y1;
    twice_area += cross;
    cx += (x1 + x2) * cross;
    cy += (y1 + y2) * cross;
  }
  return {o.lon + cx / (3 * twice_area), o.lat + cy / (3 * twice_area)};
}

void PolygonWkb(absl::Span<const LonLat> ring, std::string* wkb) {
  wkb->clear();
  wkb->reserve(13 + 16 * (ring.size() + 1));
  wkb->push_back(1);     // little endian
  AppendUint32(3, wkb);  // Polygon
  AppendUint32(1, wkb);  // one ring
  AppendUint32(static_cast<uint32_t>(ring.size() + 1), wkb);
  for (size_t i = 0; i <= ring.size(); ++i) {
    const LonLat& p = ring[i % ring.size()];
    AppendDouble(p.lon, wkb);
    AppendDouble(p.lat, wkb);
  }
}

}  // namespace mdhub::gen
