// Geometries for the spatial registries: a move-only value over a GEOS geometry (WKB, WKT and
// GeoJSON in and out, validity, predicates, planar distance) and its prepared form for repeated
// predicates. GEOS itself stays inside geometry.cc.
#ifndef MDHUB_GEO_GEOMETRY_H_
#define MDHUB_GEO_GEOMETRY_H_

#include <string>
#include <utility>

#include "absl/functional/function_ref.h"
#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "store/model.pb.h"

struct GEOSGeom_t;
struct GEOSPrepGeom_t;

namespace mdhub::geo {

// An axis-aligned box in the coordinates of some CRS, bounds inclusive. The empty box has
// min > max (Empty()); every predicate is false for an empty box.
struct Box {
  double min_x, min_y, max_x, max_y;

  // The box that contains nothing: ExpandToInclude() of it yields the other box.
  static Box Empty();
  // True when the box contains no point (min > max on either axis, or NaN).
  bool empty() const;
  // True when the boxes share at least one point (touching edges count). False if either is empty.
  bool Intersects(const Box& other) const;
  // True when every point of `other` lies in this box. False if either is empty.
  bool Contains(const Box& other) const;
  // Grows this box to the union of both; an empty `other` changes nothing.
  void ExpandToInclude(const Box& other);
};

// A geometry (Point, LineString, Polygon, Multi*, GeometryCollection; 2D or with Z) owning its
// GEOS object; move-only, Clone() copies. A default-constructed or moved-from Geometry is null:
// is_null() is true, predicates are false and writers return "".
//
// All GEOS calls go through one GEOS context per thread, created on first use and freed when the
// thread ends; GEOS errors are captured there and returned in Status messages. Predicates return
// false when GEOS fails (it fails only on corrupt input, e.g. NaN coordinates).
//
// Not thread-safe, not even for const use: GEOS 3.11 computes envelopes lazily inside const
// calls (fixed in GEOS 3.12, libgeos/geos#824). Give each thread its own Clone().
class Geometry {
 public:
  // A null geometry.
  Geometry();
  ~Geometry();
  Geometry(Geometry&& other) noexcept;
  Geometry& operator=(Geometry&& other) noexcept;
  // Copies are deep (a GEOS clone).
  Geometry(const Geometry& other);
  Geometry& operator=(const Geometry& other);

  // Parses WKB (ISO or extended, any byte order). INVALID_ARGUMENT "not valid WKB: <reason>".
  static absl::StatusOr<Geometry> FromWkb(absl::string_view wkb);
  // Parses WKT. INVALID_ARGUMENT "not valid WKT: <reason>".
  static absl::StatusOr<Geometry> FromWkt(absl::string_view wkt);
  // Parses one GeoJSON geometry object ({"type": "Polygon", "coordinates": ...}), 2D only: GEOS
  // 3.11's reader rejects positions with a third value ("Expected two coordinates").
  // INVALID_ARGUMENT for a Feature or FeatureCollection (naming it: pass its "geometry" member)
  // and for text that is not a GeoJSON geometry.
  static absl::StatusOr<Geometry> FromGeoJson(absl::string_view json);
  // A 2D point.
  static Geometry Point(double x, double y);
  // The polygon of a box (counter-clockwise shell); an empty Polygon for an empty box.
  static Geometry Rectangle(const Box& box);

  // A deep copy (null for null).
  Geometry Clone() const;

  // True for a null (default-constructed or moved-from) geometry.
  bool is_null() const;
  // True for a null geometry and for an empty one ("POLYGON EMPTY").
  bool IsEmpty() const;
  // The model's geometry type: a LinearRing is a LINE_STRING, a GeometryCollection is GEOMETRY,
  // null is GEOMETRY_TYPE_UNSPECIFIED.
  store::GeometryType type() const;
  // GEOS's type name: "Point", "LineString", "Polygon", "MultiPolygon", ...; "" for null.
  std::string TypeName() const;
  // True when the coordinates have Z.
  bool HasZ() const;

  // ISO WKB, little-endian, 2D unless the geometry has Z. "" for null.
  std::string ToWkb() const;
  // WKT ("POINT Z (...)" when it has Z) with trailing zeros trimmed; decimals >= 0 rounds to
  // that many decimals, -1 writes the shortest text that reads back to the same doubles (down to
  // 1e-17: smaller magnitudes print as 0). "" for null.
  std::string ToWkt(int decimals = -1) const;
  // The GeoJSON geometry object (no Feature wrapper), compact, shortest round-trip numbers;
  // decimals >= 0 rounds the coordinates first. 2D: GEOS 3.11's writer drops Z. "" for null.
  std::string ToGeoJson(int decimals = -1) const;

  // Planar area in squared coordinate units (0 for points, lines, null and empty).
  double Area() const;
  // The bounding box; Box::Empty() for a null or empty geometry.
  Box Envelope() const;
  // "" when the geometry is valid (OGC rules), else GEOS's reason with its location, e.g.
  // "Self-intersection[1 1]". "null geometry" for null.
  std::string InvalidReason() const;
  // A valid geometry covering the same points (GEOS MakeValid, "linework" method: a bow-tie
  // polygon becomes a MultiPolygon of two triangles). INTERNAL if GEOS fails, with its reason.
  absl::StatusOr<Geometry> MakeValid() const;
  // Douglas-Peucker simplification that keeps the topology valid (tolerance in coordinate
  // units). Null when this is null or GEOS fails.
  Geometry SimplifyPreserveTopology(double tolerance) const;

  // OGC predicates (DE-9IM); false when either side is null.
  bool Intersects(const Geometry& other) const;
  bool Contains(const Geometry& other) const;
  bool Within(const Geometry& other) const;
  // Like Contains, but also true for `other` lying in the boundary (a polygon covers its edge).
  bool Covers(const Geometry& other) const;
  // True for the same structure with exactly equal coordinates, in the same order.
  bool EqualsExact(const Geometry& other) const;
  // Planar (Cartesian) distance in coordinate units; 0 when they intersect. Infinity when either
  // side is null or empty. For metres on lon/lat data use GeodesicDistance (geo/geodesic.h).
  double Distance(const Geometry& other) const;
  // The two nearest points (this side, other side), planar; both (NaN, NaN) when either side is
  // null or empty.
  std::pair<std::pair<double, double>, std::pair<double, double>> NearestPoints(
      const Geometry& other) const;

  // Replaces every coordinate's (x, y) by fn's result in place (Z is kept). Stops at and returns
  // the first error from fn, leaving the geometry unchanged. OK and nothing done for null.
  absl::Status TransformXY(absl::FunctionRef<absl::Status(double& x, double& y)> fn);

  // The GEOS geometry, owned by this object; nullptr for null. For code in geo/ only.
  const GEOSGeom_t* raw() const { return geom_; }

 private:
  explicit Geometry(GEOSGeom_t* geom) : geom_(geom) {}

  GEOSGeom_t* geom_;  // owned; nullptr for null
};

// A GEOS prepared geometry: indexes the geometry's edges (on first use) so that testing many
// other geometries against it is fast. Holds a reference to the Geometry, which must outlive it
// and not be modified meanwhile. Move-only.
//
// Not thread-safe, not even for const use: GEOS builds the indexes lazily inside the predicates
// (libgeos/geos#825). Use one per thread.
class PreparedGeometry {
 public:
  // REQUIRES: g outlives this object. A null g gives predicates that are always false.
  explicit PreparedGeometry(const Geometry& g);
  ~PreparedGeometry();
  PreparedGeometry(PreparedGeometry&& other) noexcept;
  PreparedGeometry& operator=(PreparedGeometry&& other) noexcept;
  PreparedGeometry(const PreparedGeometry&) = delete;
  PreparedGeometry& operator=(const PreparedGeometry&) = delete;

  // Same results as the Geometry predicates of the same name; false when other is null.
  bool Intersects(const Geometry& other) const;
  bool Contains(const Geometry& other) const;
  bool Covers(const Geometry& other) const;
  // True when the planar distance to other is <= distance (coordinate units).
  bool DistanceWithin(const Geometry& other, double distance) const;

 private:
  const GEOSPrepGeom_t* prepared_;  // owned; nullptr for a null geometry
};

}  // namespace mdhub::geo

#endif  // MDHUB_GEO_GEOMETRY_H_
