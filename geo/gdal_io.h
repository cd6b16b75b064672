// Vector files in and out through GDAL/OGR: GeoJSON, zipped Shapefile, GeoPackage, FlatGeobuf and
// CSV with a WKT column. Features stream one at a time as ISO WKB plus typed properties
// (store::PropertyValue); coordinate systems are "EPSG:<code>" strings. No GDAL type appears here.
#ifndef MDHUB_GEO_GDAL_IO_H_
#define MDHUB_GEO_GDAL_IO_H_

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "store/model.pb.h"

namespace mdhub::geo {

// The file formats mdhub imports and exports.
enum class FileFormat { kGeoJson, kShapefileZip, kGeoPackage, kFlatGeobuf, kCsvWkt };

// "geojson", "shapefile"/"shp", "gpkg"/"geopackage", "fgb"/"flatgeobuf", "csv" (case-insensitive).
// InvalidArgument listing the accepted names otherwise.
absl::StatusOr<FileFormat> ParseFileFormat(absl::string_view name);

// The format a path's extension names: .geojson/.json, .zip/.shp.zip/.shz (and .shp, which only
// FeatureReader accepts), .gpkg, .fgb, .csv (case-insensitive). InvalidArgument otherwise.
absl::StatusOr<FileFormat> FileFormatOfPath(absl::string_view path);

// The media type of a file of this format, e.g. "application/geo+json".
std::string MediaType(FileFormat format);

// The extension FeatureWriter's files should get: ".geojson", ".shp.zip", ".gpkg", ".fgb", ".csv".
std::string FileExtension(FileFormat format);

// How FeatureReader::Open interprets a file.
struct ReadOptions {
  // "EPSG:<code>" of coordinates whose file does not name a CRS (CSV without .prj, Shapefile
  // without .prj). When the file names one, this must be empty or the same: a differing value is
  // an InvalidArgument explaining the conflict (reproject the file instead).
  std::string source_crs;
  // CSV only: the column holding the geometry as WKT (matched case-insensitively).
  std::string geometry_column = "WKT";
  // Encoding of text in the file, e.g. "GBK": Shapefile DBF text (default: the .cpg file, else
  // the DBF's language driver) and CSV (default UTF-8). Other formats are UTF-8 by definition.
  std::string encoding;
  // Which layer to read (case-insensitive): required for a file that holds several (a
  // GeoPackage, a zip with several .shp); when set it must name one. Errors list the layers.
  std::string source_layer;
  // The field (file name or schema name) whose value is the feature id; the field then is not a
  // property. Default: the file's FID in decimal.
  std::string feature_id_property;
};

// One feature as read from a file.
struct SourceFeature {
  // 0-based position in the file, for messages such as "feature[17]".
  int64_t index = 0;
  std::string feature_id;
  // ISO WKB (little endian) in the file's CRS, M dropped, curves linearised; empty when the
  // feature has no geometry. Shapefile polygons get counter-clockwise outer rings and clockwise
  // holes (the OGC convention; Shapefile stores the reverse).
  std::string wkb;
  // By schema name; null values are left out.
  google::protobuf::Map<std::string, store::PropertyValue> properties;
};

// Reads the features of one layer of a file, one at a time (never the whole file in memory).
// Not thread-safe: one thread uses a reader at a time.
class FeatureReader {
 public:
  // Opens `path`. NotFound when it does not exist; InvalidArgument when it is not a readable file
  // of `format`, names several layers and options.source_layer does not choose one, has no
  // usable CRS (see crs()), or options conflict with it. A zip (.zip/.shz) is searched for .shp.
  static absl::StatusOr<std::unique_ptr<FeatureReader>> Open(const std::string& path,
                                                             FileFormat format,
                                                             const ReadOptions& options);

  virtual ~FeatureReader() = default;

  // "EPSG:<code>" of the file's CRS, identified from its definition (an EPSG match with
  // confidence >= 90%), else options.source_crs. Open fails, naming the file and asking for a
  // source CRS, when neither gives one.
  virtual const std::string& crs() const = 0;

  // The file's fields as properties: Integer/Integer64 -> INTEGER (Boolean subtype -> BOOLEAN),
  // Real -> DOUBLE, String -> STRING, Date -> DATE, DateTime -> DATETIME, other types -> STRING.
  // Names are lower-cased, each character outside [a-z0-9_] becomes '_', empty names become
  // "field_<n>" and repeats get "_2", "_3"...; `description` keeps the file's name when it
  // changed. Neither the CSV geometry column nor the feature_id_property field is listed.
  virtual const std::vector<store::PropertyDef>& schema() const = 0;

  // The layer's declared geometry type (unknown -> GEOMETRY; CSV is always GEOMETRY). A
  // Shapefile declares POLYGON / LINE_STRING for layers that may also hold multi-part features.
  virtual store::GeometryType geometry_type() const = 0;

  // Number of features, or -1 when the format cannot tell without a full scan (for progress).
  virtual int64_t feature_count() const = 0;

  // Reads the next feature into *out (cleared first): true, or false at the end of the file. A
  // feature that cannot be read (bad WKT in a CSV row, no value for feature_id_property, text
  // that is not valid UTF-8 in the given encoding) is an InvalidArgument naming the feature
  // index (and the CSV row); the next call continues after it. A failure of the file itself
  // (e.g. truncated) is an error after which Next returns false.
  virtual absl::StatusOr<bool> Next(SourceFeature* out) = 0;
};

// Writes features into a new file of one layer. Not thread-safe.
//
// Every format gets a string field "feature_id" (the first field) holding the feature id, so
// that reading the file with feature_id_property = "feature_id" returns the ids and properties
// as written. What formats lose, besides what GDAL documents:
//  - Shapefile: field names are truncated to 10 characters (GDAL keeps them unique); BOOLEAN is
//    written as INTEGER 0/1, DATETIME as STRING, DOUBLE as DBF text with 15 decimals; text is
//    UTF-8 (.cpg) and at most 254 bytes (longer values are an error); all features of a
//    GEOMETRY layer must have the first feature's type.
//  - FlatGeobuf: DATE is written as DATETIME at midnight (the format has no date type).
//  - CSV: geometry is WKT in the first column "WKT"; types go in a .csvt and the CRS in a .prj
//    beside the file (a CSV without them reads as strings, and needs ReadOptions::source_crs).
//  - GeoJSON: has no schema; GDAL infers types on reading (text that looks like a date reads
//    as DATE).
class FeatureWriter {
 public:
  // Creates `path` (replacing an existing file, and for CSV its .csvt/.prj) with one layer named
  // layer_name (for Shapefile: the name of the files in the zip), CRS `crs` ("EPSG:<code>") and
  // fields `schema` in order. InvalidArgument for a bad crs, a schema property named
  // "feature_id" or an unnamed one; Internal when GDAL cannot create the file.
  static absl::StatusOr<std::unique_ptr<FeatureWriter>> Create(
      const std::string& path, FileFormat format, const std::string& layer_name,
      const std::string& crs, store::GeometryType geometry_type,
      const std::vector<store::PropertyDef>& schema);

  // Closes the file if Close() was not called; errors are then lost (and the file may be
  // incomplete): call Close().
  virtual ~FeatureWriter() = default;

  // Writes one feature: `wkb` in the layer's CRS (empty for no geometry), properties by schema
  // name (absent = null). InvalidArgument, naming the feature and property, for unparsable WKB,
  // a property not in the schema or of the wrong type, a DATE that is not "YYYY-MM-DD" or a
  // DATETIME that is not RFC 3339; Internal when GDAL fails to write. GeoPackage writes commit
  // every 10,000 features.
  virtual absl::Status Write(
      absl::string_view feature_id, absl::string_view wkb,
      const google::protobuf::RepeatedPtrField<store::Property>& properties) = 0;

  // Flushes and closes the file; for kShapefileZip, `path` then is a zip holding
  // <layer>.shp/.shx/.dbf/.prj/.cpg. Calling it again does nothing; Write fails after it.
  virtual absl::Status Close() = 0;
};

}  // namespace mdhub::geo

#endif  // MDHUB_GEO_GDAL_IO_H_
