// Coordinate reference systems, named by EPSG code, and the transforms between them (GDAL OSR
// over PROJ). Coordinates are always (x, y) = (longitude or easting, latitude or northing),
// whatever axis order the authority defines. GDAL stays inside crs.cc.
#ifndef MDHUB_GEO_CRS_H_
#define MDHUB_GEO_CRS_H_

#include <string>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "geo/geometry.h"

namespace mdhub::geo {

// A geographic or projected CRS with an EPSG code (compound, vertical and geocentric CRSs are
// refused). An immutable value: copy it freely, use it from any thread.
class Crs {
 public:
  // Accepts "EPSG:4490" (any case), "urn:ogc:def:crs:EPSG::4490" (a version between the colons
  // is allowed), "http(s)://www.opengis.net/def/crs/EPSG/0/4490", and "OGC:CRS84",
  // "urn:ogc:def:crs:OGC:1.3:CRS84" or "http://www.opengis.net/def/crs/OGC/1.3/CRS84" (EPSG:4326,
  // which is lon/lat here anyway). Surrounding spaces are ignored. INVALID_ARGUMENT, naming the
  // text, for: empty text ("no CRS given: ..."), GCJ-02 or BD-09 (obfuscated offsets of WGS84,
  // not datums: the data must be converted first), an unknown EPSG code, anything else.
  static absl::StatusOr<Crs> Parse(absl::string_view text);
  // The CRS with this EPSG code. INVALID_ARGUMENT for an unknown code or an unsupported kind.
  static absl::StatusOr<Crs> FromEpsg(int code);
  // From a definition: WKT (OGC WKT1, ESRI WKT as in a shapefile's .prj, or WKT2), a PROJ string
  // ("+proj=..."), or any text Parse() accepts. The EPSG code is identified (authority in the
  // definition, then OSRAutoIdentifyEPSG, then OSRFindMatches with confidence >= 90%, else the
  // only EPSG match of confidence >= 70%, which PROJ gives an equivalent definition under another
  // name, as every PROJ string has) and the result is that EPSG CRS. INVALID_ARGUMENT when the
  // text does not parse or no single code fits. A file name is never opened.
  static absl::StatusOr<Crs> FromDefinition(absl::string_view wkt_or_proj);

  // The EPSG code, e.g. 4490.
  int epsg() const { return epsg_; }
  // True for a geographic CRS (degrees of longitude and latitude).
  bool geographic() const { return geographic_; }
  // "EPSG:4490".
  std::string name() const;
  // The EPSG name, e.g. "China Geodetic Coordinate System 2000".
  std::string title() const { return title_; }
  // "http://www.opengis.net/def/crs/EPSG/0/4490".
  std::string uri() const;
  // OGC WKT1 (GDAL's flavour with AUTHORITY nodes, not ESRI's) as written to .prj and other
  // files; WKT2_2019 if WKT1 cannot express the CRS.
  std::string Wkt() const { return wkt_; }
  // The CRS's domain in its own coordinates: [-180, 180] x [-90, 90] when geographic; for a
  // projected CRS its EPSG area of use transformed (densified edges), or [-1e8, 1e8]^2 if EPSG
  // gives no area of use.
  Box world_bounds() const { return world_bounds_; }

  // Same EPSG code.
  bool operator==(const Crs& other) const { return epsg_ == other.epsg_; }
  bool operator!=(const Crs& other) const { return epsg_ != other.epsg_; }

 private:
  // FromEpsg without the cache.
  static absl::StatusOr<Crs> Build(int code);
  Crs() = default;

  int epsg_ = 0;
  bool geographic_ = false;
  std::string title_;
  std::string wkt_;
  Box world_bounds_ = Box::Empty();
};

// Transforms coordinates from one CRS to another, x = longitude/easting, y = latitude/northing
// on both sides (OAMS_TRADITIONAL_GIS_ORDER), with PROJ's best available operation (no grids are
// downloaded). Thread-safe: GDAL's transformation objects are not, so each thread keeps its own
// in a thread_local cache keyed by the pair of EPSG codes, created on first use.
class CrsTransform;

// The transform from the CRS named `from` ("EPSG:3857", a URI...) to `to`, or from `from` to the
// CRS named `to`: the identity when both are the same CRS. INVALID_ARGUMENT saying why the name is
// not a usable CRS or why no transformation exists.
absl::StatusOr<CrsTransform> TransformFrom(absl::string_view from, const Crs& to);
absl::StatusOr<CrsTransform> TransformTo(const Crs& from, absl::string_view to);

class CrsTransform {
 public:
  // INVALID_ARGUMENT when PROJ has no operation between the two, naming both.
  static absl::StatusOr<CrsTransform> Create(const Crs& from, const Crs& to);

  // True when both are the same CRS: the Apply functions then change nothing (and check nothing).
  bool identity() const { return from_ == to_; }
  const Crs& from() const { return from_; }
  const Crs& to() const { return to_; }

  // Transforms one coordinate in place. INVALID_ARGUMENT naming the coordinate and both CRSs when
  // it or its image is outside its CRS's domain, or PROJ cannot transform it; the coordinate is
  // then unchanged. The domain of a geographic CRS is [-180, 180] x [-90, 90]; that of a
  // projected one its world_bounds() grown by their width and height on every side (data a
  // little beyond the area of use is common; far beyond it, e.g. the pole in Web Mercator, a
  // projection yields nonsense).
  absl::Status ApplyPoint(double& x, double& y) const;
  // Transforms every coordinate of g (Z unchanged). On error (as ApplyPoint's, for the first
  // failing coordinate) g is unchanged.
  absl::Status Apply(Geometry& g) const;
  // Replaces box by a box containing the transform of every point of it (edges densified with 21
  // points each, OCTTransformBounds). An empty box stays empty. Errors as ApplyPoint's.
  absl::Status ApplyBox(Box& box) const;

 private:
  CrsTransform(const Crs& from, const Crs& to) : from_(from), to_(to) {}

  Crs from_;
  Crs to_;
};

}  // namespace mdhub::geo

#endif  // MDHUB_GEO_CRS_H_
