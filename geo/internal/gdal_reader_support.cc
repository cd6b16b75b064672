// Helpers of geo/gdal_reader.cc: opening paths, CRS identification, schema names, date text.
#include "geo/internal/gdal_reader_support.h"

#include <cpl_conv.h>
#include <cpl_string.h>
#include <cpl_vsi.h>
#include <ogr_geometry.h>
#include <ogr_srs_api.h>

#include <cmath>
#include <cstdlib>

#include "absl/container/flat_hash_set.h"
#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/strings/str_join.h"
#include "geo/internal/gdal_util.h"

namespace mdhub::geo::internal {
namespace {

// The EPSG code of an authority name and code, or 0. OGC:CRS84 is EPSG:4326 with x = longitude,
// which is how GDAL hands out coordinates anyway.
int EpsgOf(const char* authority, const char* code) {
  if (authority == nullptr || code == nullptr) return 0;
  if (absl::EqualsIgnoreCase(authority, "OGC") && absl::EqualsIgnoreCase(code, "CRS84")) {
    return 4326;
  }
  return absl::EqualsIgnoreCase(authority, "EPSG") ? std::atoi(code) : 0;
}

// The EPSG code that describes `srs` (an EPSG match of confidence >= 90), or 0.
int IdentifyEpsg(OGRSpatialReferenceH srs) {
  if (int code = EpsgOf(OSRGetAuthorityName(srs, nullptr), OSRGetAuthorityCode(srs, nullptr))) {
    return code;
  }
  int count = 0;
  int* confidences = nullptr;
  OGRSpatialReferenceH* matches = OSRFindMatches(srs, nullptr, &count, &confidences);
  int found = 0;
  for (int i = 0; i < count && found == 0; ++i) {  // best matches first
    if (confidences[i] < 90) break;
    found = EpsgOf(OSRGetAuthorityName(matches[i], nullptr), OSRGetAuthorityCode(matches[i], nullptr));
  }
  OSRFreeSRSArray(matches);
  CPLFree(confidences);
  if (found != 0) return found;
  OGRSpatialReferenceH clone = OSRClone(srs);
  if (OSRAutoIdentifyEPSG(clone) == OGRERR_NONE) {
    found = EpsgOf(OSRGetAuthorityName(clone, nullptr), OSRGetAuthorityCode(clone, nullptr));
  }
  OSRDestroySpatialReference(clone);
  return found;
}

}  // namespace

absl::StatusOr<std::string> GdalOpenPath(const std::string& path, FileFormat format,
                                         const std::string& source_layer) {
  if (format != FileFormat::kShapefileZip ||
      !(absl::EndsWithIgnoreCase(path, ".zip") || absl::EndsWithIgnoreCase(path, ".shz"))) {
    return path;
  }
  const std::string zip = "/vsizip/" + path;
  char** entries = VSIReadDirRecursive(zip.c_str());
  std::vector<std::string> shps;
  for (int i = 0; entries != nullptr && entries[i] != nullptr; ++i) {
    const std::string entry = entries[i];
    if (absl::EndsWithIgnoreCase(entry, ".shp") && !absl::StartsWith(entry, "__MACOSX")) {
      shps.push_back(entry);
    }
  }
  CSLDestroy(entries);
  if (shps.empty()) {
    return absl::InvalidArgumentError(absl::StrCat(path, " is not a zip holding a .shp file"));
  }
  std::vector<std::string> names;
  for (const std::string& shp : shps) {
    std::string name = shp.substr(0, shp.size() - 4);
    name = name.substr(name.find_last_of('/') + 1);  // npos + 1 == 0
    if (shps.size() == 1 || absl::EqualsIgnoreCase(name, source_layer)) return zip + "/" + shp;
    names.push_back(name);
  }
  return absl::InvalidArgumentError(absl::StrCat(
      path, " holds ", shps.size(), " shapefiles (", absl::StrJoin(names, ", "), "): ",
      source_layer.empty() ? "set source_layer to one of them"
                           : absl::StrCat("none is named \"", source_layer, "\"")));
}

absl::Status CheckEncoding(const std::string& encoding) {
  if (encoding.empty()) return absl::OkStatus();
  GdalErrorScope errors;
  CPLFree(CPLRecode("a", encoding.c_str(), CPL_ENC_UTF8));
  if (!errors.LastMessage().empty()) {
    return absl::InvalidArgumentError(
        absl::StrCat("encoding \"", encoding, "\" is not known (e.g. GBK, GB18030, UTF-8)"));
  }
  return absl::OkStatus();
}

absl::StatusOr<std::string> ResolveCrs(void* srs, const std::string& path, FileFormat format,
                                       const std::string& source_crs) {
  int source = 0;
  if (!source_crs.empty()) {
    absl::StatusOr<int> code = ParseEpsg(source_crs, "source_crs");
    if (!code.ok()) return code.status();
    OGRSpatialReferenceH check = OSRNewSpatialReference(nullptr);
    const OGRErr err = OSRImportFromEPSG(check, *code);
    OSRDestroySpatialReference(check);
    if (err != OGRERR_NONE) {
      return absl::InvalidArgumentError(
          absl::StrCat("source_crs ", EpsgName(*code), " is not a known EPSG code"));
    }
    source = *code;
  }
  if (srs == nullptr) {
    if (source != 0) return EpsgName(source);
    return absl::InvalidArgumentError(absl::StrCat(
        path, " does not say its coordinate system: pass a source CRS (source_crs, e.g. "
              "EPSG:4490)"));
  }
  const int file = IdentifyEpsg(srs);
  if (file == 0) {
    if (source != 0) return EpsgName(source);
    const char* name = OSRGetName(srs);
    return absl::InvalidArgumentError(absl::StrCat(
        path, ": its coordinate system \"", name == nullptr ? "?" : name,
        "\" matches no EPSG code: pass a source CRS (source_crs, e.g. EPSG:4490)"));
  }
  if (source != 0 && source != file) {
    return absl::InvalidArgumentError(absl::StrCat(
        path, " says its coordinates are in ", EpsgName(file), " but source_crs is ",
        EpsgName(source), ": leave source_crs empty to use the file's CRS, or reproject the file",
        format == FileFormat::kGeoJson
            ? " (a GeoJSON file without a \"crs\" member is EPSG:4326 by RFC 7946)"
            : ""));
  }
  return EpsgName(file);
}

std::vector<std::string> SchemaNames(const std::vector<std::string>& file_names) {
  std::vector<std::string> names;
  absl::flat_hash_set<std::string> used;
  for (size_t i = 0; i < file_names.size(); ++i) {
    std::string name;
    for (char c : file_names[i]) {
      const unsigned char u = static_cast<unsigned char>(c);
      if ((u & 0xC0) == 0x80) continue;  // a UTF-8 continuation byte: one '_' per character
      name += absl::ascii_isalnum(u) || c == '_' ? absl::ascii_tolower(u) : '_';
    }
    if (name.empty()) name = absl::StrCat("field_", i + 1);
    std::string unique = name;
    for (int n = 2; used.contains(unique); ++n) unique = absl::StrCat(name, "_", n);
    used.insert(unique);
    names.push_back(std::move(unique));
  }
  return names;
}

std::string FormatDate(int year, int month, int day) {
  return absl::StrFormat("%04d-%02d-%02d", year, month, day);
}

std::string FormatDateTime(int year, int month, int day, int hour, int minute, float second,
                           int tz_flag) {
  std::string text = absl::StrFormat("%sT%02d:%02d:", FormatDate(year, month, day), hour, minute);
  const double whole = std::floor(second);
  const int millis = static_cast<int>(std::lround((second - whole) * 1000));
  absl::StrAppendFormat(&text, "%02d", static_cast<int>(whole));
  if (millis > 0 && millis < 1000) absl::StrAppendFormat(&text, ".%03d", millis);
  if (tz_flag == 100) {
    text += "Z";
  } else if (tz_flag > 1) {
    const int minutes = (tz_flag - 100) * 15;
    absl::StrAppendFormat(&text, "%c%02d:%02d", minutes < 0 ? '-' : '+', std::abs(minutes) / 60,
                          std::abs(minutes) % 60);
  }
  return text;
}

void OrientRings(OGRGeometry* geometry) {
  const OGRwkbGeometryType type = wkbFlatten(geometry->getGeometryType());
  if (type == wkbPolygon) {
    OGRPolygon* polygon = geometry->toPolygon();
    for (int i = 0; i <= polygon->getNumInteriorRings(); ++i) {
      OGRLinearRing* ring = i == 0 ? polygon->getExteriorRing() : polygon->getInteriorRing(i - 1);
      // Outer rings must not be clockwise, holes must be.
      if (ring != nullptr && ring->getNumPoints() > 3 && (ring->isClockwise() != 0) == (i == 0)) {
        ring->reverseWindingOrder();
      }
    }
  } else if (type == wkbMultiPolygon || type == wkbGeometryCollection) {
    OGRGeometryCollection* collection = geometry->toGeometryCollection();
    for (int i = 0; i < collection->getNumGeometries(); ++i) {
      OrientRings(collection->getGeometryRef(i));
    }
  }
}

}  // namespace mdhub::geo::internal
