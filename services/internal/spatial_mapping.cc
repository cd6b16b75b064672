#include "services/internal/spatial_mapping.h"

#include <utility>

#include "absl/strings/str_cat.h"
#include "google/protobuf/struct.pb.h"
#include "services/internal/mapping.h"

namespace mdhub::services::internal {
namespace {

absl::Status Bad(absl::string_view field, absl::string_view problem) {
  return absl::InvalidArgumentError(absl::StrCat(field, ": ", problem));
}

void ToApi(const store::Box& in, const std::string& crs, v1::BoundingBox* out) {
  out->set_min_x(in.min_x());
  out->set_min_y(in.min_y());
  out->set_max_x(in.max_x());
  out->set_max_y(in.max_y());
  out->set_crs(crs);
}

std::string CrsName(int epsg) { return absl::StrCat("EPSG:", epsg); }

absl::StatusOr<geo::InputValue> ToInput(const google::protobuf::Value& v, absl::string_view field) {
  geo::InputValue out;
  switch (v.kind_case()) {
    case google::protobuf::Value::kNullValue:
    case google::protobuf::Value::KIND_NOT_SET:
      return out;
    case google::protobuf::Value::kNumberValue:
      out.kind = geo::InputValue::kNumber;
      out.number_value = v.number_value();
      return out;
    case google::protobuf::Value::kStringValue:
      out.kind = geo::InputValue::kString;
      out.string_value = v.string_value();
      return out;
    case google::protobuf::Value::kBoolValue:
      out.kind = geo::InputValue::kBool;
      out.bool_value = v.bool_value();
      return out;
    default:
      return Bad(field, "objects and lists are not property values (a string, number or bool is)");
  }
}

store::PropertyValue ToLoose(const geo::InputValue& v) {
  store::PropertyValue out;
  switch (v.kind) {
    case geo::InputValue::kNumber: out.set_double_value(v.number_value); break;
    case geo::InputValue::kString: out.set_string_value(v.string_value); break;
    case geo::InputValue::kBool: out.set_bool_value(v.bool_value); break;
    default: break;
  }
  return out;
}

}  // namespace

absl::StatusOr<store::Layer> ToStoreLayer(const v1::Layer& in) {
  store::Layer out;
  out.set_id(in.id());
  out.set_title(in.title());
  out.set_description(in.description());
  out.set_owner_agency(in.owner_agency());
  if (!in.crs().empty()) {
    absl::StatusOr<geo::Crs> crs = geo::Crs::Parse(in.crs());
    if (!crs.ok()) return Bad("layer.crs", crs.status().message());
    out.set_epsg(crs->epsg());
  }
  out.set_geometry_type(static_cast<store::GeometryType>(in.geometry_type()));
  for (const v1::PropertyDef& def : in.schema()) {
    store::PropertyDef* d = out.add_schema();
    d->set_name(def.name());
    d->set_type(static_cast<store::PropertyDef::Type>(def.type()));
    d->set_required(def.required());
    d->set_description(def.description());
    for (const std::string& l : def.labels()) d->add_labels(l);
  }
  for (const std::string& l : in.labels()) out.add_labels(l);
  out.set_update_cycle(in.update_cycle());
  return out;
}

void ToApi(const store::Layer& in, v1::Layer* out) {
  out->set_id(in.id());
  out->set_title(in.title());
  out->set_description(in.description());
  out->set_owner_agency(in.owner_agency());
  out->set_crs(CrsName(in.epsg()));
  out->set_geometry_type(static_cast<v1::Layer::GeometryType>(in.geometry_type()));
  for (const store::PropertyDef& def : in.schema()) {
    v1::PropertyDef* d = out->add_schema();
    d->set_name(def.name());
    d->set_type(static_cast<v1::PropertyDef::Type>(def.type()));
    d->set_required(def.required());
    d->set_description(def.description());
    for (const std::string& l : def.labels()) d->add_labels(l);
  }
  for (const std::string& l : in.labels()) out->add_labels(l);
  out->set_update_cycle(static_cast<v1::Layer::UpdateCycle>(in.update_cycle()));
  out->set_feature_count(in.stats().feature_count());
  if (in.stats().has_extent()) ToApi(in.stats().extent(), out->crs(), out->mutable_extent());
  SetTimestamp(in.created_at_us(), out->mutable_created_at());
  SetTimestamp(std::max(in.created_at_us(), in.stats().updated_at_us()), out->mutable_updated_at());
  out->set_change_sequence(std::max(in.change_sequence(), in.stats().change_sequence()));
}

absl::StatusOr<geo::Geometry> ToGeometry(const v1::Geometry& in, absl::string_view field,
                                         std::string* crs) {
  *crs = in.crs();
  absl::StatusOr<geo::Geometry> g;
  switch (in.encoding_case()) {
    case v1::Geometry::kWkb:
      g = geo::Geometry::FromWkb(in.wkb());
      break;
    case v1::Geometry::kGeojson:
      g = geo::Geometry::FromGeoJson(in.geojson());
      break;
    default:
      return Bad(field, "required: a geometry as wkb or geojson");
  }
  if (!g.ok()) {
    return Bad(absl::StrCat(field, in.encoding_case() == v1::Geometry::kWkb ? ".wkb" : ".geojson"),
               g.status().message());
  }
  return g;
}

absl::StatusOr<geo::FeatureMutation> ToMutation(const v1::UpsertFeatureRequest& request,
                                                absl::string_view field) {
  const v1::Feature& in = request.feature();
  geo::FeatureMutation m;
  m.repair_invalid = request.repair_invalid();
  if (absl::Status s = Required(in.layer_id(), absl::StrCat(field, ".layer_id")); !s.ok()) return s;
  m.layer_id = in.layer_id();
  m.feature_id = in.feature_id();
  if (!in.has_geometry()) return Bad(absl::StrCat(field, ".geometry"), "required");
  absl::StatusOr<geo::Geometry> g = ToGeometry(in.geometry(), absl::StrCat(field, ".geometry"), &m.crs);
  if (!g.ok()) return g.status();
  m.geometry = *std::move(g);
  for (const v1::Properties::Field& p : in.properties().fields()) {
    const std::string path = absl::StrCat(field, ".properties.", p.key());
    absl::StatusOr<geo::InputValue> v = ToInput(p.value(), path);
    if (!v.ok()) return v.status();
    if (!m.properties.insert({p.key(), ToLoose(*v)}).second) return Bad(path, "given twice");
  }
  if (in.has_source_time()) m.source_time = absl::FromUnixSeconds(in.source_time().seconds()) + absl::Nanoseconds(in.source_time().nanos());
  if (in.has_valid_from()) m.valid_from = absl::FromUnixSeconds(in.valid_from().seconds()) + absl::Nanoseconds(in.valid_from().nanos());
  return m;
}

geo::FeatureMutation ToMutation(const v1::DeleteFeatureRequest& in) {
  geo::FeatureMutation m;
  m.is_delete = true;
  m.layer_id = in.layer_id();
  m.feature_id = in.feature_id();
  if (in.has_source_time()) m.source_time = absl::FromUnixSeconds(in.source_time().seconds()) + absl::Nanoseconds(in.source_time().nanos());
  return m;
}

void ToApi(const geo::FeatureWriteResult& in, const std::string& layer_id,
           const std::string& feature_id, v1::FeatureWriteResult* out) {
  out->mutable_feature()->set_layer_id(layer_id);
  out->mutable_feature()->set_feature_id(feature_id);
  switch (in.outcome) {
    case geo::FeatureWriteResult::kCreated: out->set_outcome(v1::SubmitResult::CREATED); break;
    case geo::FeatureWriteResult::kUpdated: out->set_outcome(v1::SubmitResult::UPDATED); break;
    case geo::FeatureWriteResult::kDeleted: out->set_outcome(v1::SubmitResult::DELETED); break;
    default: out->set_outcome(v1::SubmitResult::UNCHANGED); break;
  }
  out->set_entity_id(in.entity_id);
  out->set_feature_version(in.version);
  out->set_change_sequence(in.change_sequence);
}

void ToApi(const store::Feature& in, const std::string& crs, v1::Feature* out) {
  out->set_layer_id(in.layer_id());
  out->set_feature_id(in.feature_id());
  if (!in.wkb().empty()) {
    out->mutable_geometry()->set_wkb(in.wkb());
    out->mutable_geometry()->set_crs(crs);
  }
  auto& fields = *out->mutable_properties()->mutable_fields();
  fields.Reserve(in.properties_size());
  for (const store::Property& p : in.properties()) {
    const store::PropertyValue& value = p.value();
    v1::Properties::Field* field = fields.Add();
    field->set_key(p.name());
    google::protobuf::Value& v = *field->mutable_value();
    switch (value.value_case()) {
      case store::PropertyValue::kStringValue: v.set_string_value(value.string_value()); break;
      case store::PropertyValue::kIntValue: v.set_number_value(static_cast<double>(value.int_value())); break;
      case store::PropertyValue::kDoubleValue: v.set_number_value(value.double_value()); break;
      case store::PropertyValue::kBoolValue: v.set_bool_value(value.bool_value()); break;
      default: v.set_null_value(google::protobuf::NULL_VALUE); break;
    }
  }
  SetTimestamp(in.source_time_us(), out->mutable_source_time());
  SetTimestamp(in.valid_from_us(), out->mutable_valid_from());
  out->set_entity_id(in.entity_id());
  out->set_version(in.version());
  SetTimestamp(in.recorded_at_us(), out->mutable_recorded_at());
  out->set_deleted(in.deleted());
  out->set_change_sequence(in.change_sequence());
  if (in.source_time_us() == 0) out->clear_source_time();
}

std::vector<geo::AttributeFilter> ToFilters(
    const google::protobuf::RepeatedPtrField<v1::AttributeFilter>& in) {
  std::vector<geo::AttributeFilter> out;
  for (const v1::AttributeFilter& f : in) {
    geo::AttributeFilter g;
    g.property = f.property();
    g.op = static_cast<geo::AttributeFilter::Op>(std::max(0, static_cast<int>(f.op()) - 1));
    for (const google::protobuf::Value& v : f.values()) {
      absl::StatusOr<geo::InputValue> iv = ToInput(v, "");
      g.values.push_back(iv.ok() ? *iv : geo::InputValue());
    }
    out.push_back(std::move(g));
  }
  return out;
}

absl::StatusOr<geo::SpatialQuery> ToQuery(const v1::QueryFeaturesRequest& in) {
  geo::SpatialQuery q;
  if (absl::Status s = Required(in.layer_id(), "layer_id"); !s.ok()) return s;
  q.layer_id = in.layer_id();
  for (int i = 0; i < in.attribute_filters_size(); ++i) {
    if (in.attribute_filters(i).op() == v1::AttributeFilter::OPERATOR_UNSPECIFIED) {
      return Bad(absl::StrCat("attribute_filters[", i, "].op"), "required");
    }
  }
  q.filters = ToFilters(in.attribute_filters());
  auto geometry = [&](const v1::Geometry& g, const char* field) -> absl::Status {
    absl::StatusOr<geo::Geometry> parsed = ToGeometry(g, field, &q.crs);
    if (!parsed.ok()) return parsed.status();
    q.geometry = *std::move(parsed);
    return absl::OkStatus();
  };
  absl::Status s;
  switch (in.spatial_filter_case()) {
    case v1::QueryFeaturesRequest::kBbox:
      q.op = geo::SpatialQuery::Op::kBbox;
      q.bbox = {in.bbox().min_x(), in.bbox().min_y(), in.bbox().max_x(), in.bbox().max_y()};
      q.crs = in.bbox().crs();
      break;
    case v1::QueryFeaturesRequest::kIntersects:
      q.op = geo::SpatialQuery::Op::kIntersects;
      s = geometry(in.intersects(), "intersects");
      break;
    case v1::QueryFeaturesRequest::kWithin:
      q.op = geo::SpatialQuery::Op::kWithin;
      s = geometry(in.within(), "within");
      break;
    case v1::QueryFeaturesRequest::kContains:
      q.op = geo::SpatialQuery::Op::kContains;
      s = geometry(in.contains(), "contains");
      break;
    case v1::QueryFeaturesRequest::kDistanceWithin:
      q.op = geo::SpatialQuery::Op::kDistanceWithin;
      s = geometry(in.distance_within().geometry(), "distance_within.geometry");
      q.distance_metres = in.distance_within().distance_metres();
      break;
    case v1::QueryFeaturesRequest::kNearest:
      q.op = geo::SpatialQuery::Op::kNearest;
      s = geometry(in.nearest().geometry(), "nearest.geometry");
      q.k = in.nearest().k();
      q.distance_metres = in.nearest().max_distance_metres();
      break;
    default:
      break;
  }
  if (!s.ok()) return s;
  absl::StatusOr<std::optional<absl::Time>> as_of = AsOf(in.has_as_of(), in.as_of(), "as_of");
  if (!as_of.ok()) return as_of.status();
  q.as_of = *as_of;
  q.page_size = in.page_size();
  q.page_token = in.page_token();
  return q;
}

}  // namespace mdhub::services::internal
