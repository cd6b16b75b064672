#include "geo/one_map.h"

#include <atomic>
#include <thread>
#include <utility>

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "common/worker_pool.h"
#include "store/internal/codec.h"

namespace mdhub::geo {
namespace {

constexpr int kMaxAuditTouched = 100;

absl::Status Bad(absl::string_view field, absl::string_view problem) {
  return absl::InvalidArgumentError(absl::StrCat(field, ": ", problem));
}

bool ValidLayerId(absl::string_view id) {
  if (id.empty() || id.size() > 64) return false;
  for (char c : id) {
    if (!(absl::ascii_islower(c) || absl::ascii_isdigit(c) || c == '.' || c == '_' || c == '-')) {
      return false;
    }
  }
  return true;
}

bool ValidPropertyName(absl::string_view name) {
  if (name.empty() || name.size() > 63 || !absl::ascii_islower(name[0])) return false;
  for (char c : name) {
    if (!(absl::ascii_islower(c) || absl::ascii_isdigit(c) || c == '_')) return false;
  }
  return true;
}

// Whether a geometry of type `actual` may be stored in a layer of type `layer`: the same type,
// or the single form of a multi type.
bool Fits(store::GeometryType layer, store::GeometryType actual) {
  if (layer == store::GEOMETRY || layer == actual) return true;
  return (layer == store::MULTI_POINT && actual == store::POINT) ||
         (layer == store::MULTI_LINE_STRING && actual == store::LINE_STRING) ||
         (layer == store::MULTI_POLYGON && actual == store::POLYGON);
}

store::Box ToStoreBox(const Box& b) {
  store::Box out;
  out.set_min_x(b.min_x);
  out.set_min_y(b.min_y);
  out.set_max_x(b.max_x);
  out.set_max_y(b.max_y);
  return out;
}

bool SameContent(const store::Feature& a, const store::Feature& b) {
  if (a.deleted() != b.deleted() || a.wkb() != b.wkb() ||
      a.properties_size() != b.properties_size()) {
    return false;
  }
  for (const store::Property& p : a.properties()) {
    const store::PropertyValue* other = FindValue(b.properties(), p.name());
    if (other == nullptr || other->SerializeAsString() != p.value().SerializeAsString()) {
      return false;
    }
  }
  return true;
}

std::string FieldOf(const WriteOptions& options, size_t i) {
  return options.per_item_index ? absl::StrCat(options.field_prefix, "[", i, "]")
                                : options.field_prefix;
}

}  // namespace

OneMap::OneMap(store::EntityStore& entities, store::FeatureStore& features,
               store::AuditLog* audit_log)
    : entities_(entities), features_(features), audit_log_(audit_log), instance_([] {
        static std::atomic<uint64_t> next{1};
        return next++;
      }()),
      query_pool_(std::make_unique<WorkerPool>(std::thread::hardware_concurrency() > 1 ? 1 : 0)) {}

OneMap::~OneMap() = default;

absl::Status OneMap::Ready() const {
  // The initializer itself uses the map: its calls on this thread pass.
  thread_local const OneMap* initializing = nullptr;
  if (initializing == this) return absl::OkStatus();
  absl::call_once(init_once_, [this] {
    if (!init_) return;
    initializing = this;
    init_status_ = init_(const_cast<OneMap&>(*this));
    initializing = nullptr;
  });
  return init_status_;
}

absl::StatusOr<store::Layer> OneMap::CreateLayer(store::Layer layer, store::AuditEntry* audit) {
  if (absl::Status s = Ready(); !s.ok()) return s;
  if (!ValidLayerId(layer.id())) {
    return Bad("layer.id", "1 to 64 characters of a-z, 0-9, '.', '_' and '-' are required");
  }
  if (layer.geometry_type() == store::GEOMETRY_TYPE_UNSPECIFIED) {
    return Bad("layer.geometry_type", "required (POINT, POLYGON, ... or GEOMETRY for mixed types)");
  }
  if (!store::GeometryType_IsValid(layer.geometry_type())) {
    return Bad("layer.geometry_type", "unknown value");
  }
  if (layer.epsg() == 0) layer.set_epsg(4490);
  absl::StatusOr<Crs> crs = Crs::FromEpsg(layer.epsg());
  if (!crs.ok()) return Bad("layer.crs", crs.status().message());
  for (int i = 0; i < layer.schema_size(); ++i) {
    const store::PropertyDef& def = layer.schema(i);
    const std::string field = absl::StrCat("layer.schema[", i, "]");
    if (!ValidPropertyName(def.name())) {
      return Bad(absl::StrCat(field, ".name"),
                 absl::StrCat("\"", def.name(), "\" is not lowercase snake_case (a-z, 0-9, _)"));
    }
    for (int j = 0; j < i; ++j) {
      if (layer.schema(j).name() == def.name()) {
        return Bad(absl::StrCat(field, ".name"), absl::StrCat("\"", def.name(), "\" is repeated"));
      }
    }
    if (def.type() == store::PropertyDef::TYPE_UNSPECIFIED ||
        !store::PropertyDef::Type_IsValid(def.type())) {
      return Bad(absl::StrCat(field, ".type"), "required (STRING, INTEGER, DOUBLE, ...)");
    }
  }
  std::optional<store::EntityStore::AuditedBy> audited;
  if (audit != nullptr && audit_log_ != nullptr) {
    audit->add_touched(absl::StrCat("layer:", layer.id()));
    audited.emplace(store::EntityStore::AuditedBy{*audit_log_, {audit}});
  }
  absl::StatusOr<store::EntityStore::CommitInfo> info = entities_.Write(
      [&](store::EntityWrite& w) {
        store::FeatureWrite fw(w);
        fw.BeginChange();
        return fw.CreateLayer(layer);
      },
      audited ? &*audited : nullptr);
  if (!info.ok()) return info.status();
  return GetLayer(layer.id());
}

absl::StatusOr<store::Layer> OneMap::GetLayer(absl::string_view layer_id) const {
  if (absl::Status s = Ready(); !s.ok()) return s;
  return features_.GetLayer(layer_id);
}

absl::StatusOr<std::vector<store::Layer>> OneMap::ListLayers(absl::string_view after,
                                                             int limit) const {
  if (absl::Status s = Ready(); !s.ok()) return s;
  return features_.ListLayers(after, limit);
}

absl::StatusOr<std::shared_ptr<const LayerInfo>> OneMap::Info(absl::string_view layer_id) const {
  if (absl::Status s = Ready(); !s.ok()) return s;
  {
    absl::MutexLock lock(&mu_);
    if (auto it = layers_.find(layer_id); it != layers_.end()) return it->second;
  }
  absl::StatusOr<store::Layer> layer = features_.GetLayer(layer_id);
  if (!layer.ok()) return layer.status();
  absl::StatusOr<Crs> crs = Crs::FromEpsg(layer->epsg());
  if (!crs.ok()) return crs.status();
  layer->clear_stats();
  auto info = std::make_shared<const LayerInfo>(
      LayerInfo{*std::move(layer), *crs, CellGrid(crs->world_bounds())});
  absl::MutexLock lock(&mu_);
  return layers_.emplace(std::string(layer_id), std::move(info)).first->second;
}

absl::StatusOr<store::Feature> OneMap::Prepare(FeatureMutation& m, const LayerInfo& info,
                                               const WriteOptions& options,
                                               absl::string_view field) const {
  const store::Layer& layer = info.layer;
  store::Feature f;
  f.set_layer_id(m.layer_id);
  f.set_feature_id(m.feature_id);
  if (m.source_time) f.set_source_time_us(absl::ToUnixMicros(*m.source_time));
  if (m.is_delete) {
    f.set_deleted(true);
    return f;
  }
  if (m.geometry.is_null() || m.geometry.IsEmpty()) {
    return Bad(absl::StrCat(field, ".geometry"), "required (a non-empty geometry)");
  }
  if (!m.crs.empty()) {
    absl::StatusOr<CrsTransform> t = TransformFrom(m.crs, info.crs);
    if (!t.ok()) return Bad(absl::StrCat(field, ".geometry.crs"), t.status().message());
    if (absl::Status s = t->Apply(m.geometry); !s.ok()) {
      return Bad(absl::StrCat(field, ".geometry"), s.message());
    }
  }
  if (std::string reason = m.geometry.InvalidReason(); !reason.empty()) {
    if (!options.repair_invalid && !m.repair_invalid) {
      return Bad(absl::StrCat(field, ".geometry"),
                 absl::StrCat("feature ", m.feature_id, " has an invalid geometry: ", reason,
                              " (repair it, or ask for invalid geometries to be repaired)"));
    }
    absl::StatusOr<Geometry> repaired = m.geometry.MakeValid();
    if (!repaired.ok()) return Bad(absl::StrCat(field, ".geometry"), repaired.status().message());
    m.geometry = *std::move(repaired);
  }
  if (!Fits(layer.geometry_type(), m.geometry.type())) {
    return Bad(absl::StrCat(field, ".geometry"),
               absl::StrCat("a ", m.geometry.TypeName(), " does not fit layer ", layer.id(),
                            " of ", store::GeometryType_Name(layer.geometry_type())));
  }
  for (const auto& [name, value] : m.properties) {
    if (FindProperty(layer, name) == nullptr) {
      return Bad(absl::StrCat(field, ".properties.", name),
                 absl::StrCat("layer ", layer.id(), " has no such property"));
    }
  }
  for (const store::PropertyDef& def : layer.schema()) {  // stored in schema order
    auto it = m.properties.find(def.name());
    if (it == m.properties.end()) continue;
    if (it->second.value_case() == store::PropertyValue::VALUE_NOT_SET) continue;  // null: left out
    absl::StatusOr<store::PropertyValue> v =
        CoerceValue(def, it->second, absl::StrCat(field, ".properties.", def.name()));
    if (!v.ok()) return v.status();
    store::Property* p = f.add_properties();
    p->set_name(def.name());
    *p->mutable_value() = *std::move(v);
  }
  if (absl::Status s = CheckProperties(layer, f.properties(), absl::StrCat(field, ".properties"));
      !s.ok()) {
    return s;
  }
  f.set_wkb(m.geometry.ToWkb());
  const Box box = m.geometry.Envelope();
  *f.mutable_bbox() = ToStoreBox(box);
  for (uint64_t cell : info.grid.CellsFor(box)) f.add_cells(cell);
  if (m.valid_from) f.set_valid_from_us(absl::ToUnixMicros(*m.valid_from));
  return f;
}

absl::StatusOr<std::vector<absl::StatusOr<FeatureWriteResult>>> OneMap::Write(
    std::vector<FeatureMutation> mutations, const WriteOptions& options,
    store::AuditEntry* audit) {
  absl::StatusOr<PreparedWrite> batch = PrepareWrite(std::move(mutations), options);
  if (!batch.ok()) return batch.status();
  return Commit(*std::move(batch), options, audit);
}

absl::StatusOr<OneMap::PreparedWrite> OneMap::PrepareWrite(std::vector<FeatureMutation> mutations,
                                                           const WriteOptions& options) const {
  if (absl::Status s = Ready(); !s.ok()) return s;
  PreparedWrite batch;
  batch.results.assign(mutations.size(), absl::UnknownError("not written"));
  batch.features.resize(mutations.size());
  std::vector<absl::StatusOr<FeatureWriteResult>>& results = batch.results;
  for (size_t i = 0; i < mutations.size(); ++i) {
    FeatureMutation& m = mutations[i];
    const std::string field = FieldOf(options, i);
    if (m.feature_id.empty() || m.feature_id.size() > 256 ||
        m.feature_id.find('\0') != std::string::npos) {
      results[i] = Bad(absl::StrCat(field, ".feature_id"), "1 to 256 bytes without NUL are required");
      continue;
    }
    absl::StatusOr<std::shared_ptr<const LayerInfo>> info = Info(m.layer_id);
    if (!info.ok()) {
      results[i] = absl::IsNotFound(info.status())
                       ? absl::NotFoundError(absl::StrCat(field, ".layer_id: no layer \"",
                                                          m.layer_id, "\""))
                       : info.status();
      continue;
    }
    absl::StatusOr<store::Feature> f = Prepare(m, **info, options, field);
    if (!f.ok()) {
      results[i] = f.status();
      continue;
    }
    batch.features[i] = *std::move(f);
  }
  return batch;
}

absl::StatusOr<std::vector<absl::StatusOr<FeatureWriteResult>>> OneMap::Commit(
    PreparedWrite batch, const WriteOptions& options, store::AuditEntry* audit) {
  const std::vector<absl::StatusOr<FeatureWriteResult>>& results = batch.results;
  // Completed in place by the write (version, entity id, ...): a retried write sets the same
  // fields again, and the features are not copied.
  std::vector<std::optional<store::Feature>>& prepared = batch.features;
  if (results.size() != prepared.size()) {
    return absl::InvalidArgumentError("a prepared write must come from PrepareWrite");
  }
  std::optional<store::EntityStore::AuditedBy> audited;
  if (audit != nullptr && audit_log_ != nullptr) audited.emplace(store::EntityStore::AuditedBy{*audit_log_, {audit}});
  const store::AuditEntry audit_base = audit != nullptr ? *audit : store::AuditEntry();
  std::vector<absl::StatusOr<FeatureWriteResult>> written;
  absl::StatusOr<store::EntityStore::CommitInfo> info = entities_.Write(
      [&](store::EntityWrite& w) -> absl::Status {
        written = results;
        if (audit != nullptr) *audit = audit_base;
        store::FeatureWrite fw(w);
        std::vector<std::pair<absl::string_view, absl::string_view>> ids;
        for (const std::optional<store::Feature>& f : prepared) {
          if (f) ids.emplace_back(f->layer_id(), f->feature_id());
        }
        if (absl::Status s = fw.Prefetch(ids); !s.ok()) return s;
        int touched = 0;
        for (size_t i = 0; i < prepared.size(); ++i) {
          if (!prepared[i]) continue;
          store::Feature& f = *prepared[i];
          absl::StatusOr<std::optional<store::Feature>> old =
              fw.GetFeature(f.layer_id(), f.feature_id());
          if (!old.ok()) return old.status();
          const bool exists = old->has_value() && !(*old)->deleted();
          FeatureWriteResult r;
          if (f.deleted() && !exists) {
            written[i] = absl::NotFoundError(absl::StrCat(FieldOf(options, i), ": no feature ",
                                                          f.feature_id(), " in layer ",
                                                          f.layer_id()));
            continue;
          }
          if (exists && SameContent(**old, f) &&
              (f.valid_from_us() == 0 || f.valid_from_us() == (*old)->valid_from_us())) {
            r.outcome = FeatureWriteResult::kUnchanged;
            r.entity_id = (*old)->entity_id();
            r.version = (*old)->version();
            written[i] = r;
            continue;
          }
          fw.BeginChange();
          if (f.valid_from_us() == 0) f.set_valid_from_us(absl::ToUnixMicros(fw.now()));
          uint32_t levels = 0;
          for (uint64_t cell : f.cells()) levels |= CellGrid::LevelBit(cell);
          if (absl::Status s = fw.PutFeature(f, levels); !s.ok()) return s;
          r.outcome = f.deleted() ? FeatureWriteResult::kDeleted
                                  : (exists ? FeatureWriteResult::kUpdated
                                            : FeatureWriteResult::kCreated);
          r.entity_id = f.entity_id();
          r.version = f.version();
          r.change_sequence = f.change_sequence();
          written[i] = r;
          if (audit != nullptr && ++touched <= kMaxAuditTouched) {
            audit->add_touched(absl::StrCat("feature:", f.layer_id(), "/", f.feature_id()));
          }
        }
        if (audit != nullptr && touched > kMaxAuditTouched) {
          audit->add_touched(absl::StrCat("... and ", touched - kMaxAuditTouched, " more features"));
        }
        return absl::OkStatus();
      },
      audited ? &*audited : nullptr);
  if (!info.ok()) return info.status();
  return written;
}

}  // namespace mdhub::geo
