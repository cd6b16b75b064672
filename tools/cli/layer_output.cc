#include "tools/cli/layer_output.h"

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/strings/str_join.h"
#include "geo/geometry.h"
#include "google/protobuf/util/json_util.h"
#include "nlohmann/json.hpp"
#include "tools/cli/text_table.h"

namespace mdhub::cli {
namespace {

std::string ValueText(const google::protobuf::Value& v) {
  switch (v.kind_case()) {
    case google::protobuf::Value::kStringValue: return v.string_value();
    case google::protobuf::Value::kNumberValue: return absl::StrCat(v.number_value());
    case google::protobuf::Value::kBoolValue: return v.bool_value() ? "true" : "false";
    default: return "null";
  }
}

nlohmann::json ValueJson(const google::protobuf::Value& v) {
  switch (v.kind_case()) {
    case google::protobuf::Value::kStringValue: return v.string_value();
    case google::protobuf::Value::kNumberValue: return v.number_value();
    case google::protobuf::Value::kBoolValue: return v.bool_value();
    default: return nullptr;
  }
}

std::string BoxText(const v1::BoundingBox& b) {
  return absl::StrCat(b.min_x(), ",", b.min_y(), ",", b.max_x(), ",", b.max_y());
}

}  // namespace

std::string FormatLayers(const v1::ListLayersResponse& layers) {
  TextTable table({"id", "title", "owner", "crs", "type", "features"});
  for (const v1::Layer& l : layers.layers()) {
    table.AddRow({l.id(), l.title(), l.owner_agency(), l.crs(),
                  v1::Layer::GeometryType_Name(l.geometry_type()), absl::StrCat(l.feature_count())});
  }
  return table.Render();
}

std::string FormatLayer(const v1::Layer& l) {
  std::string out = absl::StrCat("layer     ", l.id(), "  ", l.title(), "\n",
                                 "owner     ", l.owner_agency(), "\n",
                                 "crs       ", l.crs(), "\n",
                                 "geometry  ", v1::Layer::GeometryType_Name(l.geometry_type()), "\n",
                                 "features  ", l.feature_count(), "\n");
  if (l.has_extent()) absl::StrAppend(&out, "extent    ", BoxText(l.extent()), "\n");
  if (!l.description().empty()) absl::StrAppend(&out, "about     ", l.description(), "\n");
  if (l.schema_size() > 0) {
    TextTable table({"property", "type", "required", "description"}, "  ");
    for (const v1::PropertyDef& p : l.schema()) {
      table.AddRow({p.name(), v1::PropertyDef::Type_Name(p.type()), p.required() ? "yes" : "",
                    p.description()});
    }
    absl::StrAppend(&out, "schema\n", table.Render());
  }
  return out;
}

std::string FormatHits(const v1::QueryFeaturesResponse& hits) {
  bool distances = false;
  for (const auto& h : hits.hits()) distances = distances || h.distance_metres() > 0;
  std::vector<std::string> header = {"feature", "version"};
  if (distances) header.push_back("metres");
  header.insert(header.end(), {"geometry", "bbox", "properties"});
  TextTable table(header);
  for (const auto& h : hits.hits()) {
    const v1::Feature& f = h.feature();
    std::vector<std::string> row = {f.feature_id(), absl::StrCat(f.version())};
    if (distances) row.push_back(absl::StrFormat("%.1f", h.distance_metres()));
    std::string type, box;
    if (auto g = geo::Geometry::FromWkb(f.geometry().wkb()); g.ok()) {
      type = g->TypeName();
      const geo::Box b = g->Envelope();
      box = absl::StrCat(b.min_x, ",", b.min_y, ",", b.max_x, ",", b.max_y);
    }
    std::vector<std::string> props;
    for (const v1::Properties::Field& p : f.properties().fields()) {
      props.push_back(absl::StrCat(p.key(), "=", ValueText(p.value())));
    }
    std::sort(props.begin(), props.end());
    row.insert(row.end(), {type, box, absl::StrJoin(props, " ")});
    table.AddRow(std::move(row));
  }
  return table.Render();
}

std::string HitsToGeoJson(const v1::QueryFeaturesResponse& hits) {
  nlohmann::json fc = {{"type", "FeatureCollection"}, {"features", nlohmann::json::array()}};
  for (const auto& h : hits.hits()) {
    const v1::Feature& f = h.feature();
    nlohmann::json feature = {{"type", "Feature"}, {"id", f.feature_id()}};
    feature["geometry"] = nullptr;
    if (auto g = geo::Geometry::FromWkb(f.geometry().wkb()); g.ok()) {
      feature["geometry"] = nlohmann::json::parse(g->ToGeoJson());
    }
    nlohmann::json props = nlohmann::json::object();
    for (const v1::Properties::Field& p : f.properties().fields()) props[p.key()] = ValueJson(p.value());
    if (h.distance_metres() > 0) props["_distance_metres"] = h.distance_metres();
    feature["properties"] = props;
    fc["features"].push_back(feature);
  }
  return fc.dump() + "\n";
}

std::string FormatImport(const v1::ImportLayerResponse& r) {
  std::string out = absl::StrCat("read ", r.features_read(), ": ", r.created(), " created, ",
                                 r.updated(), " updated, ", r.unchanged(), " unchanged, ",
                                 r.deleted(), " deleted, ", r.rejected(), " rejected\n");
  for (const v1::MutationError& e : r.rejections()) {
    absl::StrAppend(&out, "  rejected: ", e.message(), "\n");
  }
  if (r.rejected() > r.rejections_size()) {
    absl::StrAppend(&out, "  ... and ", r.rejected() - r.rejections_size(), " more\n");
  }
  absl::StrAppend(&out, "layer ", r.layer().id(), " now holds ", r.layer().feature_count(),
                  " features\n");
  return out;
}

std::string FormatDivisions(
    const google::protobuf::RepeatedPtrField<v1::LocateDivisionsResponse::Division>& divisions) {
  TextTable table({"level", "code", "name", "feature"});
  for (const auto& d : divisions) {
    table.AddRow({absl::AsciiStrToLower(v1::LocateDivisionsResponse::Division::Level_Name(d.level())),
                  d.code(), d.name(),
                  d.feature().layer_id().empty()
                      ? "-"
                      : absl::StrCat(d.feature().layer_id(), "/", d.feature().feature_id())});
  }
  return table.Render();
}

}  // namespace mdhub::cli
