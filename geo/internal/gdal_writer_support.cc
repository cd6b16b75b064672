// Helpers of geo/gdal_writer.cc (see gdal_writer_support.h).
#include "geo/internal/gdal_writer_support.h"

#include <cpl_conv.h>
#include <cpl_string.h>
#include <cpl_vsi.h>
#include <ogr_api.h>
#include <ogr_core.h>
#include <ogr_geometry.h>
#include <ogr_srs_api.h>

#include <memory>
#include <vector>

#include "absl/container/flat_hash_set.h"
#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "geo/internal/gdal_util.h"

namespace mdhub::geo::internal {
namespace {

using store::PropertyDef;

absl::Status RemoveIfExists(const std::string& path) {
  VSIStatBufL stat;
  if (VSIStatL(path.c_str(), &stat) != 0) return absl::OkStatus();
  if (VSI_ISDIR(stat.st_mode) ? VSIRmdirRecursive(path.c_str()) != 0
                              : VSIUnlink(path.c_str()) != 0) {
    return absl::InternalError(absl::StrCat("cannot replace ", path));
  }
  return absl::OkStatus();
}

bool IsLeapYear(int y) { return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0; }

// "YYYY-MM-DD" at the start of `text`, checked against the calendar.
bool ParseDay(const std::string& text, DateParts* out) {
  if (text.size() < 10 || text[4] != '-' || text[7] != '-') return false;
  for (int i : {0, 1, 2, 3, 5, 6, 8, 9}) {
    if (!absl::ascii_isdigit(static_cast<unsigned char>(text[i]))) return false;
  }
  out->year = std::stoi(text.substr(0, 4));
  out->month = std::stoi(text.substr(5, 2));
  out->day = std::stoi(text.substr(8, 2));
  static constexpr int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  if (out->month < 1 || out->month > 12 || out->day < 1) return false;
  const int days = kDays[out->month - 1] + (out->month == 2 && IsLeapYear(out->year) ? 1 : 0);
  return out->day <= days;
}

}  // namespace

absl::Status CheckWritableSchema(const std::vector<PropertyDef>& schema, FileFormat format) {
  absl::flat_hash_set<std::string> names;
  for (size_t i = 0; i < schema.size(); ++i) {
    const PropertyDef& def = schema[i];
    const std::string lower = absl::AsciiStrToLower(def.name());
    const std::string where = absl::StrCat("schema[", i, "] \"", def.name(), "\"");
    if (def.name().empty()) return absl::InvalidArgumentError(absl::StrCat(where, " has no name"));
    if (!names.insert(lower).second) {
      return absl::InvalidArgumentError(absl::StrCat(where, " repeats a property name"));
    }
    if (lower == "feature_id" || (format == FileFormat::kCsvWkt && lower == "wkt")) {
      return absl::InvalidArgumentError(
          absl::StrCat(where, " has the name of the column the writer adds for the ",
                       lower == "wkt" ? "geometry" : "feature id"));
    }
    if (def.type() < PropertyDef::STRING || def.type() > PropertyDef::DATETIME) {
      return absl::InvalidArgumentError(absl::StrCat(where, " has no type"));
    }
  }
  return absl::OkStatus();
}

absl::Status RemoveOutputs(const std::string& path, FileFormat format) {
  std::vector<std::string> paths = {path};
  if (format == FileFormat::kCsvWkt) {
    paths.push_back(CPLResetExtension(path.c_str(), "csvt"));
    paths.push_back(CPLResetExtension(path.c_str(), "prj"));
  } else if (format == FileFormat::kGeoPackage) {
    for (const char* suffix : {"-wal", "-shm", "-journal"}) paths.push_back(path + suffix);
  } else if (format == FileFormat::kShapefileZip) {
    paths.push_back(path + ".parts");
  }
  for (const std::string& p : paths) {
    if (absl::Status s = RemoveIfExists(p); !s.ok()) return s;
  }
  return absl::OkStatus();
}

absl::StatusOr<std::string> EsriWkt(void* srs) {
  char* wkt = nullptr;
  const char* options[] = {"FORMAT=WKT1_ESRI", nullptr};
  if (OSRExportToWktEx(srs, &wkt, options) != OGRERR_NONE) {
    CPLFree(wkt);
    return GdalError(absl::StatusCode::kInvalidArgument, "the CRS has no ESRI WKT");
  }
  std::string text = wkt;
  CPLFree(wkt);
  return text;
}

std::string SafeFileName(const std::string& name) {
  std::string safe;
  for (char c : name) {
    safe += absl::ascii_isalnum(static_cast<unsigned char>(c)) || c == '_' || c == '-' ? c : '_';
  }
  return safe.empty() ? "layer" : safe;
}

OgrFieldType OgrFieldTypeOf(PropertyDef::Type type, FileFormat format) {
  const bool shapefile = format == FileFormat::kShapefileZip;
  switch (type) {
    case PropertyDef::INTEGER: return {OFTInteger64, OFSTNone};
    case PropertyDef::DOUBLE: return {OFTReal, OFSTNone};
    case PropertyDef::BOOLEAN: return {OFTInteger, shapefile ? OFSTNone : OFSTBoolean};
    case PropertyDef::DATE: return {OFTDate, OFSTNone};
    case PropertyDef::DATETIME: return {shapefile ? OFTString : OFTDateTime, OFSTNone};
    default: return {OFTString, OFSTNone};
  }
}

int OgrGeometryType(store::GeometryType type) {
  switch (type) {
    case store::POINT: return wkbPoint;
    case store::LINE_STRING: return wkbLineString;
    case store::POLYGON: return wkbPolygon;
    case store::MULTI_POINT: return wkbMultiPoint;
    case store::MULTI_LINE_STRING: return wkbMultiLineString;
    case store::MULTI_POLYGON: return wkbMultiPolygon;
    default: return wkbUnknown;
  }
}

std::string ExactWkt(const OGRGeometry* geometry) {
  OGRWktOptions options;
  options.variant = wkbVariantIso;
  options.precision = 15;
  options.round = true;
  OGRErr err = OGRERR_NONE;
  std::string wkt = geometry->exportToWkt(options, &err);
  OGRGeometry* back = nullptr;
  OGRGeometryFactory::createFromWkt(wkt.c_str(), nullptr, &back);
  const bool exact = back != nullptr && back->Equals(geometry);
  OGRGeometryFactory::destroyGeometry(back);
  if (exact) return wkt;
  options.precision = 17;
  options.round = false;
  return geometry->exportToWkt(options, &err);
}

bool ParseDateText(const std::string& text, bool date_only, DateParts* out) {
  *out = DateParts();
  if (!ParseDay(text, out)) return false;
  if (date_only) return text.size() == 10;
  if (text.size() < 19 || (text[10] != 'T' && text[10] != 't' && text[10] != ' ')) return false;
  OGRField field;
  if (!OGRParseDate(text.c_str(), &field, 0)) return false;
  out->hour = field.Date.Hour;
  out->minute = field.Date.Minute;
  out->second = field.Date.Second;
  out->tz_flag = field.Date.TZFlag;
  return true;
}

absl::Status WriteTextFile(const std::string& path, const std::string& text) {
  VSILFILE* file = VSIFOpenL(path.c_str(), "wb");
  if (file == nullptr) return absl::InternalError(absl::StrCat("cannot create ", path));
  const bool written = VSIFWriteL(text.data(), 1, text.size(), file) == text.size();
  if (VSIFCloseL(file) != 0 || !written) {
    return absl::InternalError(absl::StrCat("cannot write ", path));
  }
  return absl::OkStatus();
}

absl::Status ZipShapefile(const std::string& dir, const std::string& base,
                          const std::string& zip_path) {
  void* zip = CPLCreateZip(zip_path.c_str(), nullptr);
  if (zip == nullptr) {
    return GdalError(absl::StatusCode::kInternal, absl::StrCat("cannot create ", zip_path));
  }
  absl::Status status;
  std::vector<char> buffer(1 << 20);
  for (const char* ext : {"shp", "shx", "dbf", "prj", "cpg"}) {
    const std::string part = absl::StrCat(dir, "/", base, ".", ext);
    VSILFILE* in = VSIFOpenL(part.c_str(), "rb");
    if (in == nullptr) continue;  // .prj and .cpg are optional; GDAL always writes the others
    bool ok = CPLCreateFileInZip(zip, absl::StrCat(base, ".", ext).c_str(), nullptr) == CE_None;
    for (size_t n; ok && (n = VSIFReadL(buffer.data(), 1, buffer.size(), in)) > 0;) {
      ok = CPLWriteFileInZip(zip, buffer.data(), static_cast<int>(n)) == CE_None;
    }
    ok = CPLCloseFileInZip(zip) == CE_None && ok;
    VSIFCloseL(in);
    if (!ok) {
      status = GdalError(absl::StatusCode::kInternal, absl::StrCat("cannot write ", zip_path));
      break;
    }
  }
  if (CPLCloseZip(zip) != CE_None && status.ok()) {
    status = GdalError(absl::StatusCode::kInternal, absl::StrCat("cannot write ", zip_path));
  }
  return status;
}

}  // namespace mdhub::geo::internal
