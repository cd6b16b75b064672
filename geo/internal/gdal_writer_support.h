// Helpers of geo/gdal_writer.cc: schema checks, OGR types for mdhub types, exact WKT, date text,
// and the files around the one GDAL writes (.prj of a CSV, the zip of a Shapefile). GDAL types
// appear only as opaque handles or ints.
#ifndef MDHUB_GEO_INTERNAL_GDAL_WRITER_SUPPORT_H_
#define MDHUB_GEO_INTERNAL_GDAL_WRITER_SUPPORT_H_

#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "geo/gdal_io.h"
#include "store/model.pb.h"

class OGRGeometry;

namespace mdhub::geo::internal {

// InvalidArgument naming the property when a schema cannot be written: an empty or repeated
// name, the name "feature_id" (or "wkt" in a CSV: columns FeatureWriter adds), no type.
absl::Status CheckWritableSchema(const std::vector<store::PropertyDef>& schema, FileFormat format);

// Removes `path` and the files FeatureWriter writes beside it (CSV .csvt/.prj, GeoPackage
// journals, a Shapefile's work directory). Internal when an existing one cannot be removed.
absl::Status RemoveOutputs(const std::string& path, FileFormat format);

// The ESRI WKT of `srs` (an OGRSpatialReferenceH), as a .prj file holds it.
absl::StatusOr<std::string> EsriWkt(void* srs);

// `name` with characters other than [A-Za-z0-9_-] replaced by '_' ("layer" when empty).
std::string SafeFileName(const std::string& name);

// OGRFieldType and OGRFieldSubType for a property of `type` in `format`.
struct OgrFieldType {
  int type;
  int subtype;
};
OgrFieldType OgrFieldTypeOf(store::PropertyDef::Type type, FileFormat format);

// The OGRwkbGeometryType of a layer of `type` (GEOMETRY and unspecified: wkbUnknown).
int OgrGeometryType(store::GeometryType type);

// ISO WKT that reads back to exactly `geometry`: 15 significant digits when they suffice, else 17.
std::string ExactWkt(const OGRGeometry* geometry);

// A date or date-time split into OGR's parts (tz_flag: 0 unknown, 100 UTC, 100 +/- 15-minute
// steps otherwise).
struct DateParts {
  int year = 0, month = 0, day = 0, hour = 0, minute = 0;
  float second = 0;
  int tz_flag = 0;
};
// Parses "YYYY-MM-DD" (date_only) or an RFC 3339 date-time ("YYYY-MM-DDTHH:MM:SS[.s][Z|+HH:MM]";
// without an offset the zone is unknown). False when `text` is not one.
bool ParseDateText(const std::string& text, bool date_only, DateParts* out);

// Writes `text` to `path` (replacing it).
absl::Status WriteTextFile(const std::string& path, const std::string& text);

// Zips <dir>/<base>.shp/.shx/.dbf/.prj/.cpg (those that exist) into zip_path as <base>.*.
absl::Status ZipShapefile(const std::string& dir, const std::string& base,
                          const std::string& zip_path);

}  // namespace mdhub::geo::internal

#endif  // MDHUB_GEO_INTERNAL_GDAL_WRITER_SUPPORT_H_
