// FeatureWriter over GDAL/OGR: creates a one-layer file and converts features to OGR features.
// A Shapefile is written into a directory beside `path` and zipped on Close.
#include <cpl_conv.h>
#include <cpl_string.h>
#include <cpl_vsi.h>
#include <gdal.h>
#include <ogr_api.h>
#include <ogr_geometry.h>
#include <ogr_srs_api.h>

#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "geo/gdal_io.h"
#include "geo/internal/gdal_util.h"
#include "geo/internal/gdal_writer_support.h"

namespace mdhub::geo {
namespace {

using internal::GdalError;
using internal::GdalErrorScope;
using store::PropertyDef;
using store::PropertyValue;

constexpr int kFeaturesPerTransaction = 10000;
constexpr size_t kMaxDbfText = 254;

struct FeatureDeleter {
  void operator()(void* feature) const { OGR_F_Destroy(feature); }
};

class GdalFeatureWriter final : public FeatureWriter {
 public:
  GdalFeatureWriter(std::string path, FileFormat format) : path_(std::move(path)), format_(format) {}
  ~GdalFeatureWriter() override { Close().IgnoreError(); }  // documented: call Close()

  absl::Status Init(const std::string& layer_name, const std::string& crs,
                    store::GeometryType geometry_type, const std::vector<PropertyDef>& schema);
  absl::Status Write(absl::string_view feature_id, absl::string_view wkb,
                     const google::protobuf::RepeatedPtrField<store::Property>& properties) override;
  absl::Status Close() override;
  // After a failed Init: closes and removes what was created.
  void Discard();

 private:
  absl::Status SetGeometry(OGRFeatureH feature, absl::string_view wkb, const std::string& name);
  absl::Status SetProperty(OGRFeatureH feature, const std::string& name, size_t property,
                           const PropertyValue& value);

  // Constant after Init.
  const std::string path_;
  const FileFormat format_;
  std::string parts_dir_;   // Shapefile: the directory zipped into path_ on Close
  std::string layer_file_;  // Shapefile: base name of the files in the zip
  std::string csv_prj_;     // CSV: the .prj text written on Close
  GDALDatasetH dataset_ = nullptr;  // owned until Close
  OGRLayerH layer_ = nullptr;
  std::vector<PropertyDef> schema_;
  std::vector<int> fields_;  // OGR field of each schema_ entry
  absl::flat_hash_map<std::string, size_t> property_index_;
  int id_field_ = -1;
  int wkt_field_ = -1;  // CSV

  // Writing state.
  int64_t written_ = 0;
  bool in_transaction_ = false;
  bool closed_ = false;
};

absl::Status GdalFeatureWriter::Init(const std::string& layer_name, const std::string& crs,
                                     store::GeometryType geometry_type,
                                     const std::vector<PropertyDef>& schema) {
  absl::StatusOr<int> epsg = internal::ParseEpsg(crs, "crs");
  if (!epsg.ok()) return epsg.status();
  if (absl::Status s = internal::CheckWritableSchema(schema, format_); !s.ok()) return s;
  std::unique_ptr<void, void (*)(void*)> srs(OSRNewSpatialReference(nullptr),
                                              [](void* p) { OSRDestroySpatialReference(p); });
  if (OSRImportFromEPSG(srs.get(), *epsg) != OGRERR_NONE) {
    return absl::InvalidArgumentError(absl::StrCat("crs ", crs, " is not a known EPSG code"));
  }
  OSRSetAxisMappingStrategy(srs.get(), OAMS_TRADITIONAL_GIS_ORDER);
  if (absl::Status s = internal::RemoveOutputs(path_, format_); !s.ok()) return s;

  std::string gdal_path = path_;
  std::vector<std::string> layer_options;
  const char* driver_name = "";
  switch (format_) {
    case FileFormat::kGeoJson: driver_name = "GeoJSON"; break;
    case FileFormat::kGeoPackage: driver_name = "GPKG"; break;
    case FileFormat::kFlatGeobuf: driver_name = "FlatGeobuf"; break;
    case FileFormat::kCsvWkt:
      driver_name = "CSV";
      layer_options = {"CREATE_CSVT=YES"};
      if (absl::StatusOr<std::string> prj = internal::EsriWkt(srs.get()); prj.ok()) {
        csv_prj_ = *std::move(prj);
      } else {
        return prj.status();
      }
      break;
    case FileFormat::kShapefileZip:
      driver_name = "ESRI Shapefile";
      layer_options = {"ENCODING=UTF-8"};
      parts_dir_ = path_ + ".parts";
      if (VSIMkdir(parts_dir_.c_str(), 0755) != 0) {
        return absl::InternalError(absl::StrCat("cannot create directory ", parts_dir_));
      }
      layer_file_ = internal::SafeFileName(layer_name);
      gdal_path = absl::StrCat(parts_dir_, "/", layer_file_, ".shp");
      break;
  }
  GDALDriverH driver = GDALGetDriverByName(driver_name);
  if (driver == nullptr) {
    return absl::InternalError(absl::StrCat("GDAL has no ", driver_name, " driver"));
  }
  dataset_ = GDALCreate(driver, gdal_path.c_str(), 0, 0, 0, GDT_Unknown, nullptr);
  if (dataset_ == nullptr) {
    return GdalError(absl::StatusCode::kInternal, absl::StrCat("cannot create ", path_));
  }
  std::vector<const char*> options;
  for (const std::string& o : layer_options) options.push_back(o.c_str());
  options.push_back(nullptr);
  // CSV: the layer has no OGR geometry; WKT goes into the first column (see SetGeometry).
  const bool csv = format_ == FileFormat::kCsvWkt;
  layer_ = GDALDatasetCreateLayer(
      dataset_, layer_name.empty() ? "layer" : layer_name.c_str(), csv ? nullptr : srs.get(),
      csv ? wkbNone : static_cast<OGRwkbGeometryType>(internal::OgrGeometryType(geometry_type)),
      const_cast<char**>(options.data()));
  if (layer_ == nullptr) {
    return GdalError(absl::StatusCode::kInternal, absl::StrCat("cannot create layer in ", path_));
  }
  auto add_field = [&](const std::string& name, OGRFieldType type,
                       OGRFieldSubType subtype) -> absl::StatusOr<int> {
    OGRFieldDefnH field = OGR_Fld_Create(name.c_str(), type);
    OGR_Fld_SetSubType(field, subtype);
    const OGRErr err = OGR_L_CreateField(layer_, field, TRUE);
    OGR_Fld_Destroy(field);
    if (err != OGRERR_NONE) {
      return GdalError(absl::StatusCode::kInternal,
                       absl::StrCat("cannot create field ", name, " in ", path_));
    }
    return OGR_FD_GetFieldCount(OGR_L_GetLayerDefn(layer_)) - 1;
  };
  absl::StatusOr<int> field = 0;
  if (csv) {
    if (field = add_field("WKT", OFTString, OFSTNone); !field.ok()) return field.status();
    wkt_field_ = *field;
  }
  if (field = add_field("feature_id", OFTString, OFSTNone); !field.ok()) return field.status();
  id_field_ = *field;
  for (const PropertyDef& def : schema) {
    const internal::OgrFieldType type = internal::OgrFieldTypeOf(def.type(), format_);
    field = add_field(def.name(), static_cast<OGRFieldType>(type.type),
                      static_cast<OGRFieldSubType>(type.subtype));
    if (!field.ok()) return field.status();
    property_index_[def.name()] = schema_.size();
    schema_.push_back(def);
    fields_.push_back(*field);
  }
  if (format_ == FileFormat::kGeoPackage) {
    if (GDALDatasetStartTransaction(dataset_, FALSE) != OGRERR_NONE) {
      return GdalError(absl::StatusCode::kInternal, absl::StrCat("cannot write ", path_));
    }
    in_transaction_ = true;
  }
  return absl::OkStatus();
}

absl::Status GdalFeatureWriter::SetGeometry(OGRFeatureH feature, absl::string_view wkb,
                                            const std::string& name) {
  if (wkb.empty()) return absl::OkStatus();
  OGRGeometryH geometry = nullptr;
  if (OGR_G_CreateFromWkbEx(wkb.data(), nullptr, &geometry, wkb.size()) !=
      OGRERR_NONE) {
    return absl::InvalidArgumentError(absl::StrCat(name, ": the geometry is not valid WKB"));
  }
  if (wkt_field_ >= 0) {
    OGR_F_SetFieldString(feature, wkt_field_,
                         internal::ExactWkt(OGRGeometry::FromHandle(geometry)).c_str());
    OGR_G_DestroyGeometry(geometry);
  } else {
    OGR_F_SetGeometryDirectly(feature, geometry);
  }
  return absl::OkStatus();
}

absl::Status GdalFeatureWriter::SetProperty(OGRFeatureH feature, const std::string& name,
                                            size_t property, const PropertyValue& value) {
  const PropertyDef& def = schema_[property];
  const int field = fields_[property];
  auto wrong = [&](absl::string_view expected) {
    return absl::InvalidArgumentError(absl::StrCat(name, ".", def.name(), ": expected ", expected));
  };
  switch (def.type()) {
    case PropertyDef::STRING:
      if (value.value_case() != PropertyValue::kStringValue) return wrong("a string");
      if (format_ == FileFormat::kShapefileZip && value.string_value().size() > kMaxDbfText) {
        return absl::InvalidArgumentError(
            absl::StrCat(name, ".", def.name(), ": ", value.string_value().size(),
                         " bytes of text; a Shapefile holds at most 254"));
      }
      OGR_F_SetFieldString(feature, field, value.string_value().c_str());
      return absl::OkStatus();
    case PropertyDef::INTEGER:
      if (value.value_case() != PropertyValue::kIntValue) return wrong("an integer");
      OGR_F_SetFieldInteger64(feature, field, value.int_value());
      return absl::OkStatus();
    case PropertyDef::DOUBLE:
      if (value.value_case() == PropertyValue::kIntValue) {
        OGR_F_SetFieldDouble(feature, field, static_cast<double>(value.int_value()));
        return absl::OkStatus();
      }
      if (value.value_case() != PropertyValue::kDoubleValue) return wrong("a number");
      OGR_F_SetFieldDouble(feature, field, value.double_value());
      return absl::OkStatus();
    case PropertyDef::BOOLEAN:
      if (value.value_case() != PropertyValue::kBoolValue) return wrong("a boolean");
      OGR_F_SetFieldInteger(feature, field, value.bool_value() ? 1 : 0);
      return absl::OkStatus();
    case PropertyDef::DATE:
    case PropertyDef::DATETIME: {
      const bool date = def.type() == PropertyDef::DATE;
      internal::DateParts parsed;
      if (value.value_case() != PropertyValue::kStringValue ||
          !internal::ParseDateText(value.string_value(), date, &parsed)) {
        return wrong(date ? "a date YYYY-MM-DD" : "an RFC 3339 date-time");
      }
      if (OGR_Fld_GetType(OGR_F_GetFieldDefnRef(feature, field)) == OFTString) {
        OGR_F_SetFieldString(feature, field, value.string_value().c_str());
      } else {
        OGR_F_SetFieldDateTimeEx(feature, field, parsed.year, parsed.month, parsed.day,
                                 parsed.hour, parsed.minute, parsed.second, parsed.tz_flag);
      }
      return absl::OkStatus();
    }
    default:
      return absl::InternalError(absl::StrCat(def.name(), " has no type"));
  }
}

absl::Status GdalFeatureWriter::Write(
    absl::string_view feature_id, absl::string_view wkb,
    const google::protobuf::RepeatedPtrField<store::Property>& properties) {
  if (closed_) return absl::FailedPreconditionError(absl::StrCat(path_, " is closed"));
  const std::string name = absl::StrCat("feature ", feature_id);
  if (feature_id.empty()) return absl::InvalidArgumentError("a feature id is empty");
  GdalErrorScope errors;
  std::unique_ptr<void, FeatureDeleter> owned(OGR_F_Create(OGR_L_GetLayerDefn(layer_)));
  OGRFeatureH feature = owned.get();
  OGR_F_SetFieldString(feature, id_field_, std::string(feature_id).c_str());
  if (absl::Status s = SetGeometry(feature, wkb, name); !s.ok()) return s;
  for (const store::Property& p : properties) {
    const PropertyValue& value = p.value();
    auto it = property_index_.find(p.name());
    if (it == property_index_.end()) {
      return absl::InvalidArgumentError(
          absl::StrCat(name, ": property ", p.name(), " is not in the schema"));
    }
    if (value.value_case() == PropertyValue::VALUE_NOT_SET) continue;  // null
    if (absl::Status s = SetProperty(feature, name, it->second, value); !s.ok()) return s;
  }
  if (OGR_L_CreateFeature(layer_, feature) != OGRERR_NONE) {
    return GdalError(absl::StatusCode::kInternal, absl::StrCat("writing ", name, " to ", path_));
  }
  ++written_;
  if (in_transaction_ && written_ % kFeaturesPerTransaction == 0) {
    if (GDALDatasetCommitTransaction(dataset_) != OGRERR_NONE ||
        GDALDatasetStartTransaction(dataset_, FALSE) != OGRERR_NONE) {
      in_transaction_ = false;
      return GdalError(absl::StatusCode::kInternal, absl::StrCat("writing ", path_));
    }
  }
  return absl::OkStatus();
}

absl::Status GdalFeatureWriter::Close() {
  if (closed_) return absl::OkStatus();
  closed_ = true;
  GdalErrorScope errors;
  absl::Status status;
  if (in_transaction_ && GDALDatasetCommitTransaction(dataset_) != OGRERR_NONE) {
    status = GdalError(absl::StatusCode::kInternal, absl::StrCat("writing ", path_));
  }
  if (dataset_ != nullptr) {
    errors.Reset();
    GDALClose(dataset_);
    dataset_ = nullptr;
    if (errors.Failed() && status.ok()) {
      status = GdalError(absl::StatusCode::kInternal, absl::StrCat("closing ", path_));
    }
  }
  if (status.ok() && !csv_prj_.empty()) {
    status = internal::WriteTextFile(CPLResetExtension(path_.c_str(), "prj"), csv_prj_);
  }
  if (status.ok() && !parts_dir_.empty()) {
    status = internal::ZipShapefile(parts_dir_, layer_file_, path_);
  }
  if (!parts_dir_.empty()) VSIRmdirRecursive(parts_dir_.c_str());
  return status;
}

void GdalFeatureWriter::Discard() {
  closed_ = true;
  if (dataset_ != nullptr) GDALClose(dataset_);
  dataset_ = nullptr;
  if (!parts_dir_.empty()) VSIRmdirRecursive(parts_dir_.c_str());
  internal::RemoveOutputs(path_, format_).IgnoreError();  // best effort: Init's error is returned
}

}  // namespace

absl::StatusOr<std::unique_ptr<FeatureWriter>> FeatureWriter::Create(
    const std::string& path, FileFormat format, const std::string& layer_name,
    const std::string& crs, store::GeometryType geometry_type,
    const std::vector<store::PropertyDef>& schema) {
  internal::EnsureGdalRegistered();
  GdalErrorScope errors;
  auto writer = std::make_unique<GdalFeatureWriter>(path, format);
  if (absl::Status s = writer->Init(layer_name, crs, geometry_type, schema); !s.ok()) {
    writer->Discard();
    return s;
  }
  return writer;
}

}  // namespace mdhub::geo
