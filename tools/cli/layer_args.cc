#include "tools/cli/layer_args.h"

#include <cstring>

#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "geo/geometry.h"
#include "tools/cli/client.h"

namespace mdhub::cli {

absl::StatusOr<std::vector<double>> Numbers(const std::string& text, size_t count,
                                            const std::string& flag) {
  std::vector<double> out;
  for (absl::string_view part : absl::StrSplit(text, ',')) {
    double v;
    if (!absl::SimpleAtod(absl::StripAsciiWhitespace(part), &v)) out.clear(), out.resize(count + 1);
    else out.push_back(v);
  }
  if (out.size() != count) {
    return absl::InvalidArgumentError(
        absl::StrCat(flag, ": expected ", count, " comma-separated numbers, got \"", text, "\""));
  }
  return out;
}

v1::FileFormat FormatOf(const std::string& name, const std::string& path) {
  std::string f = absl::AsciiStrToLower(name);
  if (f.empty()) {
    const std::string p = absl::AsciiStrToLower(path);
    auto ends = [&](const char* s) { return absl::EndsWith(p, s); };
    if (ends(".geojson") || ends(".json")) return v1::GEOJSON;
    if (ends(".zip") || ends(".shz")) return v1::SHAPEFILE_ZIP;
    if (ends(".gpkg")) return v1::GEOPACKAGE;
    if (ends(".fgb")) return v1::FLATGEOBUF;
    if (ends(".csv")) return v1::CSV_WKT;
    return v1::FILE_FORMAT_UNSPECIFIED;
  }
  if (f == "geojson") return v1::GEOJSON;
  if (f == "shapefile" || f == "shp") return v1::SHAPEFILE_ZIP;
  if (f == "gpkg" || f == "geopackage") return v1::GEOPACKAGE;
  if (f == "fgb" || f == "flatgeobuf") return v1::FLATGEOBUF;
  if (f == "csv") return v1::CSV_WKT;
  return v1::FILE_FORMAT_UNSPECIFIED;
}

absl::Status ParseProperty(const std::string& spec, v1::PropertyDef* def) {
  // name:type, with a trailing '!' for required
  std::vector<std::string> parts = absl::StrSplit(spec, ':');
  std::string type = parts.size() == 2 ? absl::AsciiStrToUpper(parts[1]) : "";
  if (!type.empty() && type.back() == '!') {
    def->set_required(true);
    type.pop_back();
  }
  v1::PropertyDef::Type t;
  if (parts.size() != 2 || !v1::PropertyDef::Type_Parse(type, &t)) {
    return absl::InvalidArgumentError(absl::StrCat(
        "--property: \"", spec, "\" is not NAME:TYPE (TYPE string, integer, double, boolean, date "
        "or datetime; a trailing ! makes it required)"));
  }
  def->set_name(parts[0]);
  def->set_type(t);
  return absl::OkStatus();
}

absl::Status SetBox(const std::string& text, const std::string& crs, v1::BoundingBox* b) {
  auto n = Numbers(text, 4, "--bbox");
  if (!n.ok()) return n.status();
  b->set_min_x((*n)[0]);
  b->set_min_y((*n)[1]);
  b->set_max_x((*n)[2]);
  b->set_max_y((*n)[3]);
  b->set_crs(crs);
  return absl::OkStatus();
}

absl::Status SetTime(const std::string& text, const char* flag, google::protobuf::Timestamp* ts) {
  auto t = ParseTime(text, flag);
  if (!t.ok()) return t.status();
  const int64_t micros = absl::ToUnixMicros(*t);
  ts->set_seconds(micros / 1000000);
  ts->set_nanos(static_cast<int32_t>(micros % 1000000) * 1000);
  return absl::OkStatus();
}

absl::Status ParseWhere(const std::string& text, v1::AttributeFilter* f) {
  static const std::pair<const char*, v1::AttributeFilter::Operator> kOps[] = {
      {"<=", v1::AttributeFilter::LESS_OR_EQUAL}, {">=", v1::AttributeFilter::GREATER_OR_EQUAL},
      {"!=", v1::AttributeFilter::NOT_EQUAL},     {"^=", v1::AttributeFilter::PREFIX},
      {"=", v1::AttributeFilter::EQUAL},          {"<", v1::AttributeFilter::LESS},
      {">", v1::AttributeFilter::GREATER}};
  for (const auto& [op, code] : kOps) {
    const size_t at = text.find(op);
    if (at == std::string::npos || at == 0) continue;
    f->set_property(std::string(absl::StripAsciiWhitespace(text.substr(0, at))));
    const std::string value(absl::StripAsciiWhitespace(text.substr(at + strlen(op))));
    if (value == "null" && (code == v1::AttributeFilter::EQUAL || code == v1::AttributeFilter::NOT_EQUAL)) {
      f->set_op(code == v1::AttributeFilter::EQUAL ? v1::AttributeFilter::IS_NULL
                                                   : v1::AttributeFilter::IS_NOT_NULL);
      return absl::OkStatus();
    }
    f->set_op(code);
    double n;
    if (code != v1::AttributeFilter::PREFIX && absl::SimpleAtod(value, &n)) {
      f->add_values()->set_number_value(n);
    } else {
      f->add_values()->set_string_value(value);
    }
    return absl::OkStatus();
  }
  return absl::InvalidArgumentError(absl::StrCat(
      "--where: \"", text, "\" is not NAME OP VALUE (OP one of = != < <= > >= ^=)"));
}

absl::Status SetGeometry(const std::string& text, const std::string& crs, v1::Geometry* g) {
  g->set_crs(crs);
  if (absl::StartsWith(absl::StripLeadingAsciiWhitespace(text), "{")) {
    g->set_geojson(text);
    return absl::OkStatus();
  }
  if (auto xy = Numbers(text, 2, "point"); xy.ok()) {
    g->set_wkb(geo::Geometry::Point((*xy)[0], (*xy)[1]).ToWkb());
    return absl::OkStatus();
  }
  auto parsed = geo::Geometry::FromWkt(text);
  if (!parsed.ok()) {
    return absl::InvalidArgumentError(absl::StrCat(
        "geometry \"", text, "\": not x,y, WKT or GeoJSON (", parsed.status().message(), ")"));
  }
  g->set_wkb(parsed->ToWkb());
  return absl::OkStatus();
}

}  // namespace mdhub::cli
