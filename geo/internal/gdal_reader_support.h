// What FeatureReader works out about a file besides its features: the path GDAL opens, the
// EPSG code of the layer's CRS, schema names, and the text form of dates. GDAL types appear only
// as opaque handles.
#ifndef MDHUB_GEO_INTERNAL_GDAL_READER_SUPPORT_H_
#define MDHUB_GEO_INTERNAL_GDAL_READER_SUPPORT_H_

#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "geo/gdal_io.h"

class OGRGeometry;

namespace mdhub::geo::internal {

// The path to hand GDAL: `path` itself, or for a zipped Shapefile (.zip/.shz) "/vsizip/<path>/<the
// .shp>": the only one, or the one whose name is source_layer. InvalidArgument listing the
// shapefiles when that does not choose one.
absl::StatusOr<std::string> GdalOpenPath(const std::string& path, FileFormat format,
                                         const std::string& source_layer);

// OK for "" and for encodings the recoder knows (e.g. "GBK", "CP936"); InvalidArgument otherwise.
absl::Status CheckEncoding(const std::string& encoding);

// "EPSG:<code>" for a layer whose CRS is `srs` (an OGRSpatialReferenceH; null when the file
// names none), given ReadOptions::source_crs; see FeatureReader::crs() for the rules.
absl::StatusOr<std::string> ResolveCrs(void* srs, const std::string& path, FileFormat format,
                                       const std::string& source_crs);

// Schema names for the file's field names, in order (see FeatureReader::schema()).
std::vector<std::string> SchemaNames(const std::vector<std::string>& file_names);

// "YYYY-MM-DD".
std::string FormatDate(int year, int month, int day);
// RFC 3339 from OGR's parts: "YYYY-MM-DDTHH:MM:SS[.sss]" + "Z" (tz_flag 100), "+HH:MM" (other
// flags > 1, 15-minute steps from 100), nothing when the file does not say (0 or 1: local).
std::string FormatDateTime(int year, int month, int day, int hour, int minute, float second,
                           int tz_flag);

// Gives polygons counter-clockwise outer rings and clockwise holes, in place (also inside
// multi-polygons and collections).
void OrientRings(OGRGeometry* geometry);

}  // namespace mdhub::geo::internal

#endif  // MDHUB_GEO_INTERNAL_GDAL_READER_SUPPORT_H_
