// FeatureReader over GDAL/OGR: opens one layer of a file, works out its EPSG code and schema, and
// converts OGR features to SourceFeature one at a time.
#include <cpl_conv.h>
#include <cpl_string.h>
#include <gdal.h>
#include <ogr_api.h>
#include <ogr_geometry.h>
#include <ogr_srs_api.h>

#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "geo/gdal_io.h"
#include "geo/internal/gdal_reader_support.h"
#include "geo/internal/gdal_util.h"

namespace mdhub::geo {
namespace {

using internal::GdalError;
using internal::GdalErrorScope;
using store::PropertyDef;

struct DatasetCloser {
  void operator()(void* dataset) const { GDALClose(dataset); }
};
using DatasetPtr = std::unique_ptr<void, DatasetCloser>;

struct FeatureDeleter {
  void operator()(void* feature) const { OGR_F_Destroy(feature); }
};
using FeaturePtr = std::unique_ptr<void, FeatureDeleter>;

const char* DriverName(FileFormat format) {
  switch (format) {
    case FileFormat::kGeoJson: return "GeoJSON";
    case FileFormat::kShapefileZip: return "ESRI Shapefile";
    case FileFormat::kGeoPackage: return "GPKG";
    case FileFormat::kFlatGeobuf: return "FlatGeobuf";
    case FileFormat::kCsvWkt: return "CSV";
  }
  return "";
}

absl::StatusOr<OGRLayerH> ChooseLayer(GDALDatasetH dataset, const std::string& path,
                                      const std::string& source_layer) {
  const int count = GDALDatasetGetLayerCount(dataset);
  std::vector<std::string> names;
  for (int i = 0; i < count; ++i) {
    OGRLayerH layer = GDALDatasetGetLayer(dataset, i);
    const std::string name = OGR_L_GetName(layer);
    if (source_layer.empty() ? count == 1 : absl::EqualsIgnoreCase(name, source_layer)) {
      return layer;
    }
    names.push_back(name);
  }
  if (count == 0) return absl::InvalidArgumentError(absl::StrCat(path, " holds no layer"));
  return absl::InvalidArgumentError(absl::StrCat(
      path, " holds ", count, " layers (", absl::StrJoin(names, ", "), "): ",
      source_layer.empty() ? "set source_layer to one of them"
                           : absl::StrCat("none is named \"", source_layer, "\"")));
}

PropertyDef::Type PropertyTypeOf(OGRFieldDefnH field) {
  switch (OGR_Fld_GetType(field)) {
    case OFTInteger:
    case OFTInteger64:
      return OGR_Fld_GetSubType(field) == OFSTBoolean ? PropertyDef::BOOLEAN
                                                      : PropertyDef::INTEGER;
    case OFTReal: return PropertyDef::DOUBLE;
    case OFTDate: return PropertyDef::DATE;
    case OFTDateTime: return PropertyDef::DATETIME;
    default: return PropertyDef::STRING;
  }
}

store::GeometryType GeometryTypeOf(OGRwkbGeometryType type) {
  switch (wkbFlatten(OGR_GT_GetLinear(type))) {
    case wkbPoint: return store::POINT;
    case wkbLineString: return store::LINE_STRING;
    case wkbPolygon: return store::POLYGON;
    case wkbMultiPoint: return store::MULTI_POINT;
    case wkbMultiLineString: return store::MULTI_LINE_STRING;
    case wkbMultiPolygon: return store::MULTI_POLYGON;
    default: return store::GEOMETRY;
  }
}

class GdalFeatureReader final : public FeatureReader {
 public:
  GdalFeatureReader(std::string path, FileFormat format, DatasetPtr dataset, OGRLayerH layer)
      : path_(std::move(path)), format_(format), dataset_(std::move(dataset)), layer_(layer) {}

  absl::Status Init(const ReadOptions& options);

  const std::string& crs() const override { return crs_; }
  const std::vector<PropertyDef>& schema() const override { return schema_; }
  store::GeometryType geometry_type() const override { return geometry_type_; }
  int64_t feature_count() const override { return feature_count_; }
  absl::StatusOr<bool> Next(SourceFeature* out) override;

 private:
  // "feature[7]" or, for CSV, "feature[7] (CSV row 8)".
  std::string FeatureName(int64_t index, OGRFeatureH feature) const;
  // A string field as UTF-8 (recoded from encoding_ for CSV); false when not valid UTF-8.
  bool Text(OGRFeatureH feature, int field, std::string* out) const;
  absl::Status ReadGeometry(OGRFeatureH feature, const std::string& name, std::string* wkb);

  // Constant after Init.
  const std::string path_;
  const FileFormat format_;
  const DatasetPtr dataset_;
  const OGRLayerH layer_;
  std::string crs_;
  std::vector<PropertyDef> schema_;
  std::vector<int> fields_;  // OGR field index of each schema_ entry
  int id_field_ = -1;        // OGR field of feature_id_property; -1: the FID
  int wkt_field_ = -1;       // CSV: the geometry column
  std::string csv_encoding_;
  store::GeometryType geometry_type_ = store::GEOMETRY;
  int64_t feature_count_ = -1;

  // Reading state.
  int64_t next_index_ = 0;
  bool done_ = false;
};

absl::Status GdalFeatureReader::Init(const ReadOptions& options) {
  absl::StatusOr<std::string> crs = internal::ResolveCrs(OGR_L_GetSpatialRef(layer_), path_,
                                                         format_, options.source_crs);
  if (!crs.ok()) return crs.status();
  crs_ = *std::move(crs);
  if (format_ == FileFormat::kCsvWkt) csv_encoding_ = options.encoding;

  OGRFeatureDefnH defn = OGR_L_GetLayerDefn(layer_);
  const int field_count = OGR_FD_GetFieldCount(defn);
  std::vector<std::string> file_names;
  for (int i = 0; i < field_count; ++i) {
    std::string name = OGR_Fld_GetNameRef(OGR_FD_GetFieldDefn(defn, i));
    if (!csv_encoding_.empty()) {
      char* recoded = CPLRecode(name.c_str(), csv_encoding_.c_str(), CPL_ENC_UTF8);
      name = recoded;
      CPLFree(recoded);
    }
    file_names.push_back(std::move(name));
  }
  const std::vector<std::string> names = internal::SchemaNames(file_names);
  auto find = [&](const std::string& wanted) {
    for (int i = 0; i < field_count; ++i) {
      if (absl::EqualsIgnoreCase(file_names[i], wanted) || names[i] == wanted) return i;
    }
    return -1;
  };
  if (format_ == FileFormat::kCsvWkt) {
    wkt_field_ = find(options.geometry_column);
    if (wkt_field_ < 0) {
      return absl::InvalidArgumentError(absl::StrCat(
          path_, " has no geometry column \"", options.geometry_column, "\" (columns: ",
          absl::StrJoin(file_names, ", "), "): set geometry_column"));
    }
  }
  if (!options.feature_id_property.empty()) {
    id_field_ = find(options.feature_id_property);
    if (id_field_ < 0 || id_field_ == wkt_field_) {
      return absl::InvalidArgumentError(
          absl::StrCat("feature_id_property \"", options.feature_id_property, "\" is not a field of ",
                       path_, " (fields: ", absl::StrJoin(file_names, ", "), ")"));
    }
  }
  for (int i = 0; i < field_count; ++i) {
    if (i == wkt_field_ || i == id_field_) continue;
    PropertyDef def;
    def.set_name(names[i]);
    def.set_type(PropertyTypeOf(OGR_FD_GetFieldDefn(defn, i)));
    if (file_names[i] != names[i]) def.set_description(file_names[i]);
    schema_.push_back(std::move(def));
    fields_.push_back(i);
  }
  geometry_type_ = format_ == FileFormat::kCsvWkt ? store::GEOMETRY
                                                  : GeometryTypeOf(OGR_L_GetGeomType(layer_));
  feature_count_ = OGR_L_GetFeatureCount(layer_, FALSE);
  return absl::OkStatus();
}

std::string GdalFeatureReader::FeatureName(int64_t index, OGRFeatureH feature) const {
  // GDAL numbers CSV data rows from 1 (the FID); blank lines are skipped, so this is no line.
  if (format_ == FileFormat::kCsvWkt) {
    return absl::StrCat("feature[", index, "] (CSV row ", OGR_F_GetFID(feature), ")");
  }
  return absl::StrCat("feature[", index, "]");
}

bool GdalFeatureReader::Text(OGRFeatureH feature, int field, std::string* out) const {
  const char* raw = OGR_F_GetFieldAsString(feature, field);
  if (csv_encoding_.empty()) {
    *out = raw;
  } else {
    char* recoded = CPLRecode(raw, csv_encoding_.c_str(), CPL_ENC_UTF8);
    *out = recoded;
    CPLFree(recoded);
  }
  return CPLIsUTF8(out->data(), static_cast<int>(out->size())) != 0;
}

absl::Status GdalFeatureReader::ReadGeometry(OGRFeatureH feature, const std::string& name,
                                             std::string* wkb) {
  OGRGeometryH geometry = OGR_F_StealGeometry(feature);
  if (geometry == nullptr) {
    if (wkt_field_ >= 0) {
      const std::string wkt(absl::StripAsciiWhitespace(OGR_F_GetFieldAsString(feature, wkt_field_)));
      if (!wkt.empty()) {
        return absl::InvalidArgumentError(absl::StrCat(
            name, ": column ", OGR_Fld_GetNameRef(OGR_F_GetFieldDefnRef(feature, wkt_field_)),
            " is not valid WKT: \"", wkt.substr(0, 60), wkt.size() > 60 ? "...\"" : "\""));
      }
    }
    return absl::OkStatus();
  }
  if (OGR_GT_IsNonLinear(OGR_G_GetGeometryType(geometry))) {
    OGRGeometryH linear = OGR_G_GetLinearGeometry(geometry, 0, nullptr);
    OGR_G_DestroyGeometry(geometry);
    geometry = linear;
    if (geometry == nullptr) return GdalError(absl::StatusCode::kInvalidArgument, name);
  }
  if (OGR_G_IsMeasured(geometry)) OGR_G_SetMeasured(geometry, FALSE);
  if (format_ == FileFormat::kShapefileZip) internal::OrientRings(OGRGeometry::FromHandle(geometry));
  wkb->resize(OGR_G_WkbSize(geometry));
  const OGRErr err = OGR_G_ExportToIsoWkb(geometry, wkbNDR,
                                          reinterpret_cast<unsigned char*>(wkb->data()));
  OGR_G_DestroyGeometry(geometry);
  if (err != OGRERR_NONE) {
    return GdalError(absl::StatusCode::kInvalidArgument, absl::StrCat(name, ": geometry"));
  }
  return absl::OkStatus();
}

absl::StatusOr<bool> GdalFeatureReader::Next(SourceFeature* out) {
  out->index = 0;
  out->feature_id.clear();
  out->wkb.clear();
  out->properties.clear();
  if (done_) return false;
  GdalErrorScope errors;
  FeaturePtr owned(OGR_L_GetNextFeature(layer_));
  OGRFeatureH feature = owned.get();
  if (feature == nullptr) {
    done_ = true;
    if (errors.Failed()) {
      return GdalError(absl::StatusCode::kInvalidArgument,
                       absl::StrCat(path_, ": reading stopped after feature[", next_index_ - 1,
                                    "]"));
    }
    return false;
  }
  out->index = next_index_++;
  const std::string name = FeatureName(out->index, feature);
  if (id_field_ >= 0) {
    if (!OGR_F_IsFieldSetAndNotNull(feature, id_field_) ||
        *OGR_F_GetFieldAsString(feature, id_field_) == '\0') {
      return absl::InvalidArgumentError(absl::StrCat(
          name, ": no value for the feature id field ",
          OGR_Fld_GetNameRef(OGR_F_GetFieldDefnRef(feature, id_field_))));
    }
    if (!Text(feature, id_field_, &out->feature_id)) {
      return absl::InvalidArgumentError(
          absl::StrCat(name, ": the feature id is not valid UTF-8: set the file's encoding"));
    }
  } else {
    out->feature_id = absl::StrCat(OGR_F_GetFID(feature));
  }
  if (absl::Status s = ReadGeometry(feature, name, &out->wkb); !s.ok()) return s;
  for (size_t i = 0; i < schema_.size(); ++i) {
    const int field = fields_[i];
    if (!OGR_F_IsFieldSetAndNotNull(feature, field)) continue;
    store::PropertyValue value;
    switch (schema_[i].type()) {
      case PropertyDef::INTEGER: value.set_int_value(OGR_F_GetFieldAsInteger64(feature, field)); break;
      case PropertyDef::BOOLEAN: value.set_bool_value(OGR_F_GetFieldAsInteger64(feature, field) != 0); break;
      case PropertyDef::DOUBLE: value.set_double_value(OGR_F_GetFieldAsDouble(feature, field)); break;
      case PropertyDef::DATE:
      case PropertyDef::DATETIME: {
        int y = 0, mo = 0, d = 0, h = 0, mi = 0, tz = 0;
        float sec = 0;
        OGR_F_GetFieldAsDateTimeEx(feature, field, &y, &mo, &d, &h, &mi, &sec, &tz);
        value.set_string_value(schema_[i].type() == PropertyDef::DATE
                                   ? internal::FormatDate(y, mo, d)
                                   : internal::FormatDateTime(y, mo, d, h, mi, sec, tz));
        break;
      }
      default:
        if (!Text(feature, field, value.mutable_string_value())) {
          return absl::InvalidArgumentError(absl::StrCat(
              name, ".", schema_[i].name(), " is not valid UTF-8: set the file's encoding"));
        }
    }
    out->properties[schema_[i].name()] = std::move(value);
  }
  return true;
}

}  // namespace

absl::StatusOr<std::unique_ptr<FeatureReader>> FeatureReader::Open(const std::string& path,
                                                                   FileFormat format,
                                                                   const ReadOptions& options) {
  internal::EnsureGdalRegistered();
  GdalErrorScope errors;
  if (!internal::PathExists(path)) {
    return absl::NotFoundError(absl::StrCat("cannot open ", path, ": no such file"));
  }
  if (absl::Status s = internal::CheckEncoding(options.encoding); !s.ok()) return s;
  absl::StatusOr<std::string> gdal_path = internal::GdalOpenPath(path, format, options.source_layer);
  if (!gdal_path.ok()) return gdal_path.status();

  std::vector<std::string> open_options;
  if (format == FileFormat::kCsvWkt) {
    // The raw WKT column is kept (and left out of the schema) to tell bad WKT from none.
    open_options = {"GEOM_POSSIBLE_NAMES=" + options.geometry_column, "KEEP_GEOM_COLUMNS=YES"};
  } else if (format == FileFormat::kShapefileZip && !options.encoding.empty()) {
    open_options = {"ENCODING=" + options.encoding};
  }
  std::vector<const char*> option_ptrs;
  for (const std::string& o : open_options) option_ptrs.push_back(o.c_str());
  option_ptrs.push_back(nullptr);
  const char* drivers[] = {DriverName(format), nullptr};
  DatasetPtr dataset(GDALOpenEx(gdal_path->c_str(), GDAL_OF_VECTOR | GDAL_OF_READONLY, drivers,
                                option_ptrs.data(), nullptr));
  if (dataset == nullptr) {
    return GdalError(absl::StatusCode::kInvalidArgument,
                     absl::StrCat("cannot open ", path, " as ", DriverName(format)));
  }
  absl::StatusOr<OGRLayerH> layer = ChooseLayer(dataset.get(), path, options.source_layer);
  if (!layer.ok()) return layer.status();
  auto reader = std::make_unique<GdalFeatureReader>(path, format, std::move(dataset), *layer);
  if (absl::Status s = reader->Init(options); !s.ok()) return s;
  return reader;
}

}  // namespace mdhub::geo
