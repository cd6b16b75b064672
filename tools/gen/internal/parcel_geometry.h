// Geometry of generated parcels in longitude and latitude on the CGCS2000 (GRS80) ellipsoid: the
// scale of a degree, the true area of a polygon whose edges are straight in longitude/latitude,
// its centroid, and its ISO WKB.
#ifndef MDHUB_TOOLS_GEN_INTERNAL_PARCEL_GEOMETRY_H_
#define MDHUB_TOOLS_GEN_INTERNAL_PARCEL_GEOMETRY_H_

#include <string>

#include "absl/types/span.h"

namespace mdhub::gen {

struct LonLat {
  double lon = 0, lat = 0;  // degrees
};

// Metres per degree of longitude (along the parallel) and of latitude (along the meridian) at
// latitude `lat` (degrees) on GRS80.
void MetresPerDegree(double lat, double* per_lon, double* per_lat);

// The area (m^2) on GRS80 of the polygon with this ring (open or closed, either orientation):
// the integral of the ellipsoid's area element M(lat) N(lat) cos(lat) over the region the ring
// bounds in the longitude/latitude plane, by Green's theorem edge by edge. Edges are the lines
// GIS software draws (straight in lon/lat); for edges of a few hundred metres they differ from
// geodesics by far less than 1e-6 of the area. Rings must not cross the antimeridian.
double EllipsoidArea(absl::Span<const LonLat> ring);

// The centroid of the polygon with this ring in the lon/lat plane (the shoelace formula).
// REQUIRES: a ring of non-zero area.
LonLat PlanarCentroid(absl::Span<const LonLat> ring);

// Replaces *wkb by the ISO WKB (little endian) of the polygon with this one ring, closed.
// REQUIRES: an open ring of at least 3 points.
void PolygonWkb(absl::Span<const LonLat> ring, std::string* wkb);

}  // namespace mdhub::gen

#endif  // MDHUB_TOOLS_GEN_INTERNAL_PARCEL_GEOMETRY_H_
