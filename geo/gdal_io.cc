// File formats (names, extensions, media types) and the GDAL helpers of geo/internal/gdal_util.h.
// GDAL's errors become absl::Status here and nowhere else in the import/export code.
#include "geo/gdal_io.h"

#include <cpl_conv.h>
#include <cpl_error.h>
#include <cpl_vsi.h>
#include <gdal.h>

#include <mutex>

#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "geo/internal/gdal_util.h"

namespace mdhub::geo {

absl::StatusOr<FileFormat> ParseFileFormat(absl::string_view name) {
  const std::string n = absl::AsciiStrToLower(name);
  if (n == "geojson") return FileFormat::kGeoJson;
  if (n == "shapefile" || n == "shp") return FileFormat::kShapefileZip;
  if (n == "gpkg" || n == "geopackage") return FileFormat::kGeoPackage;
  if (n == "fgb" || n == "flatgeobuf") return FileFormat::kFlatGeobuf;
  if (n == "csv") return FileFormat::kCsvWkt;
  return absl::InvalidArgumentError(
      absl::StrCat("file format \"", name,
                   "\" is not supported; use geojson, shapefile (shp), gpkg (geopackage), "
                   "fgb (flatgeobuf) or csv"));
}

absl::StatusOr<FileFormat> FileFormatOfPath(absl::string_view path) {
  const std::string p = absl::AsciiStrToLower(path);
  if (absl::EndsWith(p, ".geojson") || absl::EndsWith(p, ".json")) return FileFormat::kGeoJson;
  if (absl::EndsWith(p, ".zip") || absl::EndsWith(p, ".shz") || absl::EndsWith(p, ".shp")) {
    return FileFormat::kShapefileZip;
  }
  if (absl::EndsWith(p, ".gpkg")) return FileFormat::kGeoPackage;
  if (absl::EndsWith(p, ".fgb")) return FileFormat::kFlatGeobuf;
  if (absl::EndsWith(p, ".csv")) return FileFormat::kCsvWkt;
  return absl::InvalidArgumentError(
      absl::StrCat("cannot tell the file format of \"", path,
                   "\" from its extension; expected .geojson/.json, .shp.zip/.zip/.shz/.shp, "
                   ".gpkg, .fgb or .csv (or name the format)"));
}

std::string MediaType(FileFormat format) {
  switch (format) {
    case FileFormat::kGeoJson: return "application/geo+json";
    case FileFormat::kShapefileZip: return "application/zip";
    case FileFormat::kGeoPackage: return "application/geopackage+sqlite3";
    case FileFormat::kFlatGeobuf: return "application/flatgeobuf";
    case FileFormat::kCsvWkt: return "text/csv";
  }
  return "application/octet-stream";
}

std::string FileExtension(FileFormat format) {
  switch (format) {
    case FileFormat::kGeoJson: return ".geojson";
    case FileFormat::kShapefileZip: return ".shp.zip";
    case FileFormat::kGeoPackage: return ".gpkg";
    case FileFormat::kFlatGeobuf: return ".fgb";
    case FileFormat::kCsvWkt: return ".csv";
  }
  return "";
}

namespace internal {

void EnsureGdalRegistered() {
  static std::once_flag once;
  std::call_once(once, [] { GDALAllRegister(); });
}

GdalErrorScope::GdalErrorScope() {
  CPLPushErrorHandler(CPLQuietErrorHandler);
  CPLErrorReset();
}

GdalErrorScope::~GdalErrorScope() { CPLPopErrorHandler(); }

bool GdalErrorScope::Failed() const {
  const CPLErr type = CPLGetLastErrorType();
  return type == CE_Failure || type == CE_Fatal;
}

std::string GdalErrorScope::LastMessage() const {
  const char* message = CPLGetLastErrorMsg();
  return message == nullptr ? "" : message;
}

void GdalErrorScope::Reset() { CPLErrorReset(); }

absl::Status GdalError(absl::StatusCode code, absl::string_view what) {
  const char* message = CPLGetLastErrorMsg();
  if (message == nullptr || *message == '\0') return absl::Status(code, what);
  return absl::Status(code, absl::StrCat(what, ": ", message));
}

absl::StatusOr<int> ParseEpsg(absl::string_view crs, absl::string_view what) {
  int code = 0;
  if (crs.size() > 5 && absl::EqualsIgnoreCase(crs.substr(0, 5), "EPSG:") &&
      absl::SimpleAtoi(crs.substr(5), &code) && code > 0) {
    return code;
  }
  return absl::InvalidArgumentError(
      absl::StrCat(what, " \"", crs, "\" is not of the form EPSG:<code>, e.g. EPSG:4490"));
}

std::string EpsgName(int code) { return absl::StrCat("EPSG:", code); }

bool PathExists(const std::string& path) {
  VSIStatBufL stat;
  return VSIStatL(path.c_str(), &stat) == 0;
}

}  // namespace internal
}  // namespace mdhub::geo
