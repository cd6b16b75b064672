#include "geo/geometry.h"

#include <geos_c.h>

#include <cmath>
#include <limits>
#include <utility>

#include "absl/strings/str_cat.h"
#include "geo/internal/geos_context.h"

namespace mdhub::geo {
namespace {

using internal::ClearGeosError;
using internal::LastGeosError;

GEOSContextHandle_t H() { return internal::GeosHandle(); }
std::string TakeString(char* s) { return internal::TakeGeosString(s); }

// The value of the top-level "type" member of a JSON object, or "" when there is none. Skims
// the text (strings and nesting only); GEOS's reader does the real parsing.
std::string TopLevelJsonType(absl::string_view json) {
  constexpr absl::string_view kSpace = " \t\r\n";
  int depth = 0;
  for (size_t i = 0; i < json.size(); ++i) {
    if (json[i] == '{' || json[i] == '[') {
      ++depth;
    } else if (json[i] == '}' || json[i] == ']') {
      --depth;
    } else if (json[i] == '"') {
      const size_t start = ++i;
      while (i < json.size() && json[i] != '"') i += json[i] == '\\' ? 2 : 1;
      if (depth != 1 || json.substr(start, i - start) != "type") continue;
      size_t j = json.find_first_not_of(kSpace, i + 1);
      if (j == absl::string_view::npos || json[j] != ':') continue;  // a value, not the key
      j = json.find_first_not_of(kSpace, j + 1);
      if (j == absl::string_view::npos || json[j] != '"') return "";
      const size_t end = json.find('"', j + 1);
      return std::string(json.substr(j + 1, end == absl::string_view::npos ? end : end - j - 1));
    }
  }
  return "";
}

double RoundTo(double v, double scale) { return std::round(v * scale) / scale; }

}  // namespace

Box Box::Empty() {
  constexpr double kInf = std::numeric_limits<double>::infinity();
  return Box{kInf, kInf, -kInf, -kInf};
}

bool Box::empty() const { return !(min_x <= max_x && min_y <= max_y); }

bool Box::Intersects(const Box& o) const {
  return !empty() && !o.empty() && min_x <= o.max_x && o.min_x <= max_x && min_y <= o.max_y &&
         o.min_y <= max_y;
}

bool Box::Contains(const Box& o) const {
  return !empty() && !o.empty() && min_x <= o.min_x && o.max_x <= max_x && min_y <= o.min_y &&
         o.max_y <= max_y;
}

void Box::ExpandToInclude(const Box& o) {
  if (o.empty()) return;
  if (empty()) {
    *this = o;
    return;
  }
  min_x = std::min(min_x, o.min_x);
  min_y = std::min(min_y, o.min_y);
  max_x = std::max(max_x, o.max_x);
  max_y = std::max(max_y, o.max_y);
}

Geometry::Geometry() : geom_(nullptr) {}

Geometry::~Geometry() {
  if (geom_ != nullptr) GEOSGeom_destroy_r(H(), geom_);
}

Geometry::Geometry(Geometry&& other) noexcept : geom_(std::exchange(other.geom_, nullptr)) {}

Geometry::Geometry(const Geometry& other)
    : geom_(other.geom_ == nullptr ? nullptr : GEOSGeom_clone_r(H(), other.geom_)) {}

Geometry& Geometry::operator=(const Geometry& other) {
  if (this != &other) *this = other.Clone();
  return *this;
}

Geometry& Geometry::operator=(Geometry&& other) noexcept {
  if (this != &other) {
    if (geom_ != nullptr) GEOSGeom_destroy_r(H(), geom_);
    geom_ = std::exchange(other.geom_, nullptr);
  }
  return *this;
}

absl::StatusOr<Geometry> Geometry::FromWkb(absl::string_view wkb) {
  ClearGeosError();
  GEOSContextHandle_t h = H();
  GEOSWKBReader* reader = GEOSWKBReader_create_r(h);
  GEOSGeometry* g = GEOSWKBReader_read_r(
      h, reader, reinterpret_cast<const unsigned char*>(wkb.data()), wkb.size());
  GEOSWKBReader_destroy_r(h, reader);
  if (g == nullptr) {
    return absl::InvalidArgumentError(absl::StrCat("not valid WKB: ", LastGeosError()));
  }
  return Geometry(g);
}

absl::StatusOr<Geometry> Geometry::FromWkt(absl::string_view wkt) {
  ClearGeosError();
  GEOSContextHandle_t h = H();
  GEOSWKTReader* reader = GEOSWKTReader_create_r(h);
  GEOSGeometry* g = GEOSWKTReader_read_r(h, reader, std::string(wkt).c_str());
  GEOSWKTReader_destroy_r(h, reader);
  if (g == nullptr) {
    return absl::InvalidArgumentError(absl::StrCat("not valid WKT: ", LastGeosError()));
  }
  return Geometry(g);
}

absl::StatusOr<Geometry> Geometry::FromGeoJson(absl::string_view json) {
  const std::string type = TopLevelJsonType(json);
  if (type == "Feature" || type == "FeatureCollection") {
    return absl::InvalidArgumentError(absl::StrCat(
        "GeoJSON is a ", type, ", not a geometry object: pass a feature's \"geometry\" member"));
  }
  ClearGeosError();
  GEOSContextHandle_t h = H();
  GEOSGeoJSONReader* reader = GEOSGeoJSONReader_create_r(h);
  GEOSGeometry* g = GEOSGeoJSONReader_readGeometry_r(h, reader, std::string(json).c_str());
  GEOSGeoJSONReader_destroy_r(h, reader);
  if (g == nullptr) {
    return absl::InvalidArgumentError(
        absl::StrCat("not a valid GeoJSON geometry: ", LastGeosError()));
  }
  return Geometry(g);
}

Geometry Geometry::Point(double x, double y) {
  return Geometry(GEOSGeom_createPointFromXY_r(H(), x, y));
}

Geometry Geometry::Rectangle(const Box& box) {
  if (box.empty()) return Geometry(GEOSGeom_createEmptyPolygon_r(H()));
  return Geometry(GEOSGeom_createRectangle_r(H(), box.min_x, box.min_y, box.max_x, box.max_y));
}

Geometry Geometry::Clone() const {
  return geom_ == nullptr ? Geometry() : Geometry(GEOSGeom_clone_r(H(), geom_));
}

bool Geometry::is_null() const { return geom_ == nullptr; }

bool Geometry::IsEmpty() const { return geom_ == nullptr || GEOSisEmpty_r(H(), geom_) == 1; }

store::GeometryType Geometry::type() const {
  if (geom_ == nullptr) return store::GEOMETRY_TYPE_UNSPECIFIED;
  switch (GEOSGeomTypeId_r(H(), geom_)) {
    case GEOS_POINT:
      return store::POINT;
    case GEOS_LINESTRING:
    case GEOS_LINEARRING:
      return store::LINE_STRING;
    case GEOS_POLYGON:
      return store::POLYGON;
    case GEOS_MULTIPOINT:
      return store::MULTI_POINT;
    case GEOS_MULTILINESTRING:
      return store::MULTI_LINE_STRING;
    case GEOS_MULTIPOLYGON:
      return store::MULTI_POLYGON;
    default:
      return store::GEOMETRY;
  }
}

std::string Geometry::TypeName() const {
  return geom_ == nullptr ? "" : TakeString(GEOSGeomType_r(H(), geom_));
}

bool Geometry::HasZ() const { return geom_ != nullptr && GEOSHasZ_r(H(), geom_) == 1; }

std::string Geometry::ToWkb() const {
  if (geom_ == nullptr) return "";
  GEOSContextHandle_t h = H();
  GEOSWKBWriter* writer = GEOSWKBWriter_create_r(h);
  GEOSWKBWriter_setFlavor_r(h, writer, GEOS_WKB_ISO);
  GEOSWKBWriter_setByteOrder_r(h, writer, GEOS_WKB_NDR);
  GEOSWKBWriter_setOutputDimension_r(h, writer, HasZ() ? 3 : 2);
  size_t size = 0;
  unsigned char* bytes = GEOSWKBWriter_write_r(h, writer, geom_, &size);
  GEOSWKBWriter_destroy_r(h, writer);
  if (bytes == nullptr) return "";
  std::string result(reinterpret_cast<const char*>(bytes), size);
  GEOSFree_r(h, bytes);
  return result;
}

std::string Geometry::ToWkt(int decimals) const {
  if (geom_ == nullptr) return "";
  GEOSContextHandle_t h = H();
  GEOSWKTWriter* writer = GEOSWKTWriter_create_r(h);
  GEOSWKTWriter_setTrim_r(h, writer, 1);
  GEOSWKTWriter_setOutputDimension_r(h, writer, 3);
  // 17 decimals, trimmed: GEOS 3.11 prints the shortest text that reads back to the same double
  // (its default of 16 prints 0.1 + 0.2 as 0.3).
  GEOSWKTWriter_setRoundingPrecision_r(h, writer, decimals >= 0 ? decimals : 17);
  std::string result = TakeString(GEOSWKTWriter_write_r(h, writer, geom_));
  GEOSWKTWriter_destroy_r(h, writer);
  return result;
}

std::string Geometry::ToGeoJson(int decimals) const {
  if (geom_ == nullptr) return "";
  GEOSContextHandle_t h = H();
  Geometry rounded;
  const GEOSGeometry* g = geom_;
  if (decimals >= 0) {
    // The GeoJSON writer has no precision setting: round the coordinates of a copy.
    const double scale = std::pow(10.0, decimals);
    rounded = Clone();
    (void)rounded.TransformXY([scale](double& x, double& y) {
      x = RoundTo(x, scale);
      y = RoundTo(y, scale);
      return absl::OkStatus();
    });  // cannot fail: the function never does
    g = rounded.geom_;
  }
  GEOSGeoJSONWriter* writer = GEOSGeoJSONWriter_create_r(h);
  std::string result = TakeString(GEOSGeoJSONWriter_writeGeometry_r(h, writer, g, -1));
  GEOSGeoJSONWriter_destroy_r(h, writer);
  return result;
}

double Geometry::Area() const {
  double area = 0;
  if (IsEmpty() || GEOSArea_r(H(), geom_, &area) != 1) return 0;
  return area;
}

Box Geometry::Envelope() const {
  if (IsEmpty()) return Box::Empty();
  GEOSContextHandle_t h = H();
  Box box;
  if (GEOSGeom_getXMin_r(h, geom_, &box.min_x) != 1 ||
      GEOSGeom_getYMin_r(h, geom_, &box.min_y) != 1 ||
      GEOSGeom_getXMax_r(h, geom_, &box.max_x) != 1 ||
      GEOSGeom_getYMax_r(h, geom_, &box.max_y) != 1) {
    return Box::Empty();
  }
  return box;
}

std::string Geometry::InvalidReason() const {
  if (geom_ == nullptr) return "null geometry";
  ClearGeosError();
  GEOSContextHandle_t h = H();
  const char valid = GEOSisValid_r(h, geom_);
  if (valid == 1) return "";
  if (valid == 2) return LastGeosError();
  std::string reason = TakeString(GEOSisValidReason_r(h, geom_));
  return reason.empty() ? LastGeosError() : reason;
}

absl::StatusOr<Geometry> Geometry::MakeValid() const {
  if (geom_ == nullptr) return absl::InvalidArgumentError("MakeValid of a null geometry");
  ClearGeosError();
  GEOSContextHandle_t h = H();
  GEOSGeometry* g = GEOSMakeValid_r(h, geom_);
  if (g == nullptr) {
    return absl::InternalError(absl::StrCat("GEOS MakeValid failed: ", LastGeosError()));
  }
  return Geometry(g);
}

Geometry Geometry::SimplifyPreserveTopology(double tolerance) const {
  if (geom_ == nullptr) return Geometry();
  return Geometry(GEOSTopologyPreserveSimplify_r(H(), geom_, tolerance));
}

bool Geometry::Intersects(const Geometry& o) const {
  return geom_ && o.geom_ && GEOSIntersects_r(H(), geom_, o.geom_) == 1;
}

bool Geometry::Contains(const Geometry& o) const {
  return geom_ && o.geom_ && GEOSContains_r(H(), geom_, o.geom_) == 1;
}

bool Geometry::Within(const Geometry& o) const {
  return geom_ && o.geom_ && GEOSWithin_r(H(), geom_, o.geom_) == 1;
}

bool Geometry::Covers(const Geometry& o) const {
  return geom_ && o.geom_ && GEOSCovers_r(H(), geom_, o.geom_) == 1;
}

bool Geometry::EqualsExact(const Geometry& o) const {
  return geom_ && o.geom_ && GEOSEqualsExact_r(H(), geom_, o.geom_, 0.0) == 1;
}

double Geometry::Distance(const Geometry& o) const {
  double d = std::numeric_limits<double>::infinity();
  if (IsEmpty() || o.IsEmpty() || GEOSDistance_r(H(), geom_, o.geom_, &d) != 1) {
    return std::numeric_limits<double>::infinity();
  }
  return d;
}

std::pair<std::pair<double, double>, std::pair<double, double>> Geometry::NearestPoints(
    const Geometry& o) const {
  constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();
  std::pair<std::pair<double, double>, std::pair<double, double>> result{{kNaN, kNaN},
                                                                         {kNaN, kNaN}};
  if (IsEmpty() || o.IsEmpty()) return result;
  GEOSContextHandle_t h = H();
  GEOSCoordSequence* seq = GEOSNearestPoints_r(h, geom_, o.geom_);
  if (seq == nullptr) return result;
  if (GEOSCoordSeq_getXY_r(h, seq, 0, &result.first.first, &result.first.second) != 1 ||
      GEOSCoordSeq_getXY_r(h, seq, 1, &result.second.first, &result.second.second) != 1) {
    result = {{kNaN, kNaN}, {kNaN, kNaN}};
  }
  GEOSCoordSeq_destroy_r(h, seq);
  return result;
}

absl::Status Geometry::TransformXY(absl::FunctionRef<absl::Status(double& x, double& y)> fn) {
  if (geom_ == nullptr) return absl::OkStatus();
  struct Call {
    absl::FunctionRef<absl::Status(double&, double&)> fn;
    absl::Status status;
  } call{fn, absl::OkStatus()};
  auto callback = [](double* x, double* y, void* data) -> int {
    Call* c = static_cast<Call*>(data);
    c->status = c->fn(*x, *y);
    return c->status.ok() ? 1 : 0;
  };
  ClearGeosError();
  GEOSContextHandle_t h = H();
  GEOSGeometry* g = GEOSGeom_transformXY_r(h, geom_, callback, &call);
  if (!call.status.ok()) {
    if (g != nullptr) GEOSGeom_destroy_r(h, g);
    return call.status;
  }
  if (g == nullptr) {
    return absl::InternalError(absl::StrCat("GEOS coordinate transform failed: ", LastGeosError()));
  }
  GEOSGeom_destroy_r(h, geom_);
  geom_ = g;
  return absl::OkStatus();
}

PreparedGeometry::PreparedGeometry(const Geometry& g)
    : prepared_(g.is_null() ? nullptr : GEOSPrepare_r(H(), g.raw())) {}

PreparedGeometry::~PreparedGeometry() {
  if (prepared_ != nullptr) GEOSPreparedGeom_destroy_r(H(), prepared_);
}

PreparedGeometry::PreparedGeometry(PreparedGeometry&& other) noexcept
    : prepared_(std::exchange(other.prepared_, nullptr)) {}

PreparedGeometry& PreparedGeometry::operator=(PreparedGeometry&& other) noexcept {
  if (this != &other) {
    if (prepared_ != nullptr) GEOSPreparedGeom_destroy_r(H(), prepared_);
    prepared_ = std::exchange(other.prepared_, nullptr);
  }
  return *this;
}

bool PreparedGeometry::Intersects(const Geometry& o) const {
  return prepared_ && !o.is_null() && GEOSPreparedIntersects_r(H(), prepared_, o.raw()) == 1;
}

bool PreparedGeometry::Contains(const Geometry& o) const {
  return prepared_ && !o.is_null() && GEOSPreparedContains_r(H(), prepared_, o.raw()) == 1;
}

bool PreparedGeometry::Covers(const Geometry& o) const {
  return prepared_ && !o.is_null() && GEOSPreparedCovers_r(H(), prepared_, o.raw()) == 1;
}

bool PreparedGeometry::DistanceWithin(const Geometry& o, double distance) const {
  return prepared_ && !o.is_null() &&
         GEOSPreparedDistanceWithin_r(H(), prepared_, o.raw(), distance) == 1;
}

}  // namespace mdhub::geo
