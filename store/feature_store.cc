#include "store/feature_store.h"

#include <algorithm>
#include <cstring>
#include <utility>

#include "absl/strings/str_cat.h"
#include "store/internal/codec.h"
#include "store/internal/keys.h"
#include "store/internal/versions.h"

namespace mdhub::store {
namespace {

using internal::Decode;
using internal::Encode;

constexpr size_t kLayerIdPrefix = 1;  // the table tag before the layer id in layer-scoped keys

// Cell-entry values: bbox (4 doubles), version, from_us[, to_us] as fixed-width native bytes.
std::string EncodeCellValue(const Box& b, int64_t version, int64_t from_us, int64_t to_us) {
  const double box[4] = {b.min_x(), b.min_y(), b.max_x(), b.max_y()};
  const int64_t times[3] = {version, from_us, to_us};
  std::string out(sizeof(box) + sizeof(times), '\0');
  std::memcpy(out.data(), box, sizeof(box));
  std::memcpy(out.data() + sizeof(box), times, sizeof(times));
  return out;
}

bool DecodeCellValue(absl::string_view v, CellEntry* e) {
  double box[4];
  int64_t times[3];
  if (v.size() != sizeof(box) + sizeof(times)) return false;
  std::memcpy(box, v.data(), sizeof(box));
  std::memcpy(times, v.data() + sizeof(box), sizeof(times));
  e->bbox.set_min_x(box[0]);
  e->bbox.set_min_y(box[1]);
  e->bbox.set_max_x(box[2]);
  e->bbox.set_max_y(box[3]);
  e->version = times[0];
  e->from_us = times[1];
  e->to_us = times[2];
  return true;
}

bool TouchesEdge(const Box& inner, const Box& outer) {
  return inner.min_x() <= outer.min_x() || inner.min_y() <= outer.min_y() ||
         inner.max_x() >= outer.max_x() || inner.max_y() >= outer.max_y();
}

void Include(const Box& b, bool empty, Box* extent) {
  if (empty) {
    *extent = b;
    return;
  }
  extent->set_min_x(std::min(extent->min_x(), b.min_x()));
  extent->set_min_y(std::min(extent->min_y(), b.min_y()));
  extent->set_max_x(std::max(extent->max_x(), b.max_x()));
  extent->set_max_y(std::max(extent->max_y(), b.max_y()));
}

absl::StatusOr<LayerStats> ReadStats(KvStore& kv, absl::string_view layer_id) {
  absl::StatusOr<std::string> raw = kv.Get(keys::LayerStats(layer_id));
  if (absl::IsNotFound(raw.status())) return LayerStats();
  if (!raw.ok()) return raw.status();
  return Decode<LayerStats>(*raw, "layer statistics");
}

}  // namespace

FeatureStore::FeatureStore(EntityStore& entities) : kv_(entities.kv_) {}

absl::StatusOr<Layer> FeatureStore::GetLayer(absl::string_view layer_id) const {
  absl::StatusOr<std::string> raw = kv_.Get(keys::Layer(layer_id));
  if (absl::IsNotFound(raw.status())) {
    return absl::NotFoundError(absl::StrCat("no layer ", layer_id));
  }
  if (!raw.ok()) return raw.status();
  absl::StatusOr<Layer> layer = Decode<Layer>(*raw, "layer");
  if (!layer.ok()) return layer.status();
  absl::StatusOr<LayerStats> stats = ReadStats(kv_, layer_id);
  if (!stats.ok()) return stats.status();
  if (stats->extent_stale()) {
    if (absl::Status s = RecomputeExtent(layer_id, &*stats); !s.ok()) return s;
  }
  *layer->mutable_stats() = *std::move(stats);
  return layer;
}

absl::Status FeatureStore::RecomputeExtent(absl::string_view layer_id, LayerStats* stats) const {
  stats->set_extent_stale(false);
  {
    absl::MutexLock lock(&mu_);
    auto it = extents_.find(layer_id);
    if (it != extents_.end() && it->second.change_sequence == stats->change_sequence()) {
      if (it->second.extent) {
        *stats->mutable_extent() = *it->second.extent;
      } else {
        stats->clear_extent();
      }
      return absl::OkStatus();
    }
  }
  // From the index entries' boxes (a delete shrank the layer).
  stats->clear_extent();
  bool empty = true;
  absl::Status s = ScanCells(layer_id, 0, ~uint64_t{0}, false, nullptr, [&](const CellEntry& e) {
    Include(e.bbox, empty, stats->mutable_extent());
    empty = false;
    return true;
  });
  if (!s.ok()) return s;
  if (empty) stats->clear_extent();
  std::optional<Box> extent;
  if (stats->has_extent()) extent = stats->extent();
  absl::MutexLock lock(&mu_);
  extents_[std::string(layer_id)] = {stats->change_sequence(), std::move(extent)};
  return absl::OkStatus();
}

absl::StatusOr<LayerStats> FeatureStore::GetLayerStats(absl::string_view layer_id) const {
  absl::StatusOr<std::string> raw = kv_.Get(keys::LayerStats(layer_id));
  if (absl::IsNotFound(raw.status())) {
    return absl::NotFoundError(absl::StrCat("no layer ", layer_id));
  }
  if (!raw.ok()) return raw.status();
  return Decode<LayerStats>(*raw, "layer statistics");
}

absl::StatusOr<std::vector<Layer>> FeatureStore::ListLayers(absl::string_view after,
                                                           int limit) const {
  std::vector<std::string> ids;
  const std::string begin = after.empty() ? std::string("Y") : keys::Layer(after) + '\0';
  auto it = kv_.Scan(begin, keys::PrefixEnd("Y"));
  for (; it->Valid() && static_cast<int>(ids.size()) < limit; it->Next()) {
    ids.emplace_back(it->key().substr(kLayerIdPrefix));
  }
  if (!it->status().ok()) return it->status();
  std::vector<Layer> layers;
  for (const std::string& id : ids) {
    absl::StatusOr<Layer> layer = GetLayer(id);
    if (!layer.ok()) return layer.status();
    layers.push_back(*std::move(layer));
  }
  return layers;
}

absl::StatusOr<Feature> FeatureStore::GetFeature(absl::string_view layer_id,
                                                 absl::string_view feature_id,
                                                 std::optional<absl::Time> as_of) const {
  if (as_of.has_value()) {
    return internal::VersionAsOf<Feature>(
        kv_, keys::FeatureVersionPrefix(layer_id, feature_id), keys::Feature(layer_id, feature_id),
        *as_of, [](const Feature& f) { return f.recorded_at_us(); }, "feature");
  }
  absl::StatusOr<std::string> raw = kv_.Get(keys::Feature(layer_id, feature_id));
  if (absl::IsNotFound(raw.status())) {
    return absl::NotFoundError(absl::StrCat("no feature ", feature_id, " in layer ", layer_id));
  }
  if (!raw.ok()) return raw.status();
  return Decode<Feature>(*raw, "feature");
}

absl::StatusOr<std::vector<Feature>> FeatureStore::ListFeatureVersions(
    absl::string_view layer_id, absl::string_view feature_id) const {
  const std::string prefix = keys::FeatureVersionPrefix(layer_id, feature_id);
  auto it = kv_.Scan(prefix, keys::PrefixEnd(prefix));
  absl::StatusOr<std::vector<Feature>> versions =
      internal::DecodeAll<Feature>(*it, "feature version");
  if (!versions.ok()) return versions.status();
  absl::StatusOr<Feature> current = GetFeature(layer_id, feature_id);
  if (!current.ok()) return current.status();
  versions->push_back(*std::move(current));
  return versions;
}

absl::StatusOr<std::pair<std::string, std::string>> FeatureStore::FindFeatureByEntity(
    absl::string_view entity_id) const {
  absl::StatusOr<std::string> raw = kv_.Get(keys::FeatureEntity(entity_id));
  if (absl::IsNotFound(raw.status())) {
    return absl::NotFoundError(absl::StrCat("no feature has entity id ", entity_id));
  }
  if (!raw.ok()) return raw.status();
  const size_t sep = raw->find('\0');
  if (sep == std::string::npos) return absl::DataLossError("stored feature entity is corrupt");
  return std::make_pair(raw->substr(0, sep), raw->substr(sep + 1));
}

absl::StatusOr<std::vector<Feature*>> FeatureStore::GetFeatures(
    absl::string_view layer_id, const std::vector<std::string>& feature_ids,
    const Snapshot* snapshot, google::protobuf::Arena* arena) const {
  if (arena == nullptr) return absl::InvalidArgumentError("GetFeatures needs an arena");
  std::vector<std::string> keys;
  keys.reserve(feature_ids.size());
  for (const std::string& id : feature_ids) keys.push_back(keys::Feature(layer_id, id));
  std::vector<absl::StatusOr<std::string>> raws = kv_.MultiGet(keys, snapshot);
  std::vector<Feature*> out(raws.size(), nullptr);
  for (size_t i = 0; i < raws.size(); ++i) {
    if (absl::IsNotFound(raws[i].status())) continue;
    if (!raws[i].ok()) return raws[i].status();
    Feature* f = google::protobuf::Arena::CreateMessage<Feature>(arena);
    if (!f->ParseFromString(*raws[i])) return absl::DataLossError("stored feature is corrupt");
    out[i] = f;
  }
  return out;
}

absl::Status FeatureStore::ScanFeatures(absl::string_view layer_id, absl::string_view after,
                                        const Snapshot* snapshot,
                                        absl::FunctionRef<bool(const Feature&)> fn) const {
  const std::string prefix = keys::FeaturePrefix(layer_id);
  const std::string begin = after.empty() ? prefix : keys::Feature(layer_id, after) + '\0';
  auto it = kv_.Scan(begin, keys::PrefixEnd(prefix), snapshot);
  for (; it->Valid(); it->Next()) {
    absl::StatusOr<Feature> f = Decode<Feature>(it->value(), "feature");
    if (!f.ok()) return f.status();
    if (f->deleted()) continue;
    if (!fn(*f)) break;
  }
  return it->status();
}

absl::Status FeatureStore::ScanCells(absl::string_view layer_id, uint64_t first, uint64_t last,
                                     bool history, const Snapshot* snapshot,
                                     absl::FunctionRef<bool(const CellEntry&)> fn) const {
  return OpenCells(layer_id, history, snapshot).Scan(first, last, fn);
}

FeatureStore::CellCursor FeatureStore::OpenCells(absl::string_view layer_id, bool history,
                                                 const Snapshot* snapshot) const {
  std::string prefix =
      history ? keys::SpatialHistoryPrefix(layer_id) : keys::SpatialCellPrefix(layer_id);
  auto it = kv_.Scan(prefix, keys::PrefixEnd(prefix), snapshot);
  return CellCursor(std::move(prefix), history, std::move(it));
}

absl::Status FeatureStore::CellCursor::Scan(uint64_t first, uint64_t last,
                                            absl::FunctionRef<bool(const CellEntry&)> fn) {
  // Ranges scanned in increasing order mostly need no seek: the iterator already stands on the
  // first entry past the previous range, which often lies beyond this one too.
  const bool resume = passed_ && first > passed_to_;
  if (!resume || (it_->Valid() && CurrentCell() < first)) {
    key_ = prefix_;
    keys::AppendBigEndian64(first, &key_);
    it_->Seek(key_);
  }
  passed_ = false;
  for (; it_->Valid(); it_->Next()) {
    absl::string_view key = it_->key();
    if (key.size() < prefix_.size() + 8) return absl::DataLossError("stored cell key is corrupt");
    entry_.cell = keys::ReadBigEndian64(key.substr(prefix_.size(), 8));
    if (entry_.cell > last) break;
    absl::string_view fid = key.substr(prefix_.size() + 8);
    if (history_) fid.remove_suffix(std::min<size_t>(fid.size(), 9));  // \0 be64(version)
    entry_.feature_id.assign(fid.data(), fid.size());
    if (!DecodeCellValue(it_->value(), &entry_)) {
      return absl::DataLossError("stored cell entry is corrupt");
    }
    if (!fn(entry_)) return absl::OkStatus();
  }
  if (!it_->status().ok()) return it_->status();
  // Every entry up to `last` was passed (up to just before `first` when the range was empty and
  // the seek went further); the iterator is on the next one, if any.
  passed_ = true;
  passed_to_ = first > last ? first - 1 : last;
  return absl::OkStatus();
}

uint64_t FeatureStore::CellCursor::CurrentCell() const {
  absl::string_view key = it_->key();
  if (key.size() < prefix_.size() + 8) return 0;  // Scan reports the corruption
  return keys::ReadBigEndian64(key.substr(prefix_.size(), 8));
}

std::unique_ptr<Snapshot> FeatureStore::GetSnapshot() const { return kv_.GetSnapshot(); }

absl::StatusOr<std::optional<Layer>> FeatureWrite::GetLayer(absl::string_view layer_id) {
  absl::StatusOr<std::string> raw = w_.txn_.GetUnchecked(keys::Layer(layer_id));
  if (absl::IsNotFound(raw.status())) return std::optional<Layer>();
  if (!raw.ok()) return raw.status();
  absl::StatusOr<Layer> layer = Decode<Layer>(*raw, "layer");
  if (!layer.ok()) return layer.status();
  return std::optional<Layer>(*std::move(layer));
}

absl::Status FeatureWrite::CreateLayer(Layer& layer) {
  absl::StatusOr<std::optional<Layer>> old = GetLayer(layer.id());
  if (!old.ok()) return old.status();
  if (old->has_value()) return absl::AlreadyExistsError(absl::StrCat("layer ", layer.id(), " exists"));
  layer.set_version(1);
  layer.set_created_at_us(w_.now_us_);
  layer.set_change_sequence(w_.sequence_);
  layer.clear_stats();
  w_.txn_.Put(keys::Layer(layer.id()), Encode(layer));
  LayerStats& stats = stats_[layer.id()];
  stats = LayerStats();
  stats.set_updated_at_us(w_.now_us_);
  stats.set_change_sequence(w_.sequence_);
  w_.PutAtCommit(keys::LayerStats(layer.id()), Encode(stats));
  AppendChange(ChangeEvent::LAYER_CREATED, layer.id(), "", "", 1);
  return absl::OkStatus();
}

absl::StatusOr<std::optional<Feature>> FeatureWrite::GetFeature(absl::string_view layer_id,
                                                                absl::string_view feature_id) {
  std::string key = keys::Feature(layer_id, feature_id);
  if (auto it = written_.find(key); it != written_.end()) {
    return std::optional<Feature>(*it->second);
  }
  if (auto it = features_.find(key); it != features_.end()) return it->second;
  absl::StatusOr<std::string> raw = w_.txn_.GetUnchecked(key);
  absl::StatusOr<std::optional<Feature>*> f = Remember(std::move(key), std::move(raw));
  if (!f.ok()) return f.status();
  return **f;
}

absl::Status FeatureWrite::Prefetch(
    const std::vector<std::pair<absl::string_view, absl::string_view>>& features) {
  std::vector<std::string> keys;
  keys.reserve(features.size());
  for (const auto& [layer_id, feature_id] : features) {
    std::string key = keys::Feature(layer_id, feature_id);
    if (!features_.contains(key) && !written_.contains(key)) keys.push_back(std::move(key));
  }
  std::sort(keys.begin(), keys.end());
  keys.erase(std::unique(keys.begin(), keys.end()), keys.end());
  std::vector<absl::StatusOr<std::string>> raws = w_.txn_.MultiGetUnchecked(keys);
  for (size_t i = 0; i < keys.size(); ++i) {
    absl::StatusOr<std::optional<Feature>*> f = Remember(std::move(keys[i]), std::move(raws[i]));
    if (!f.ok()) return f.status();
  }
  return absl::OkStatus();
}

absl::StatusOr<std::optional<Feature>*> FeatureWrite::Remember(std::string key,
                                                               absl::StatusOr<std::string> raw) {
  std::optional<Feature> f;
  if (raw.ok()) {
    absl::StatusOr<Feature> decoded = Decode<Feature>(*raw, "feature");
    if (!decoded.ok()) return decoded.status();
    f = *std::move(decoded);
  } else if (!absl::IsNotFound(raw.status())) {
    return raw.status();
  }
  std::optional<Feature>& slot = features_[std::move(key)];
  slot = std::move(f);
  return &slot;
}

absl::StatusOr<LayerStats*> FeatureWrite::Stats(absl::string_view layer_id) {
  if (auto it = stats_.find(layer_id); it != stats_.end()) return &it->second;
  absl::StatusOr<std::string> raw = w_.txn_.GetUnchecked(keys::LayerStats(layer_id));
  LayerStats stats;
  if (raw.ok()) {
    absl::StatusOr<LayerStats> decoded = Decode<LayerStats>(*raw, "layer statistics");
    if (!decoded.ok()) return decoded.status();
    stats = *std::move(decoded);
  } else if (!absl::IsNotFound(raw.status())) {
    return raw.status();
  }
  return &(stats_[layer_id] = std::move(stats));
}

absl::Status FeatureWrite::PutFeature(Feature& feature, uint32_t level_bits) {
  const std::string& layer = feature.layer_id();
  const std::string& fid = feature.feature_id();
  absl::StatusOr<std::optional<Feature>> old = GetFeature(layer, fid);
  if (!old.ok()) return old.status();
  absl::StatusOr<LayerStats*> stats = Stats(layer);
  if (!stats.ok()) return stats.status();
  const bool was_current = old->has_value() && !(*old)->deleted();
  if (old->has_value()) {
    const Feature& prev = **old;
    feature.set_version(prev.version() + 1);
    feature.set_entity_id(prev.entity_id());
    w_.txn_.PutBlind(keys::FeatureVersion(layer, fid, prev.version()), Encode(prev));
    for (uint64_t cell : prev.cells()) {
      w_.txn_.DeleteBlind(keys::SpatialCell(layer, cell, fid));
      w_.txn_.PutBlind(keys::SpatialHistory(layer, cell, fid, prev.version()),
                  EncodeCellValue(prev.bbox(), prev.version(), prev.recorded_at_us(), w_.now_us_));
    }
    if (was_current && (*stats)->has_extent() && TouchesEdge(prev.bbox(), (*stats)->extent())) {
      (*stats)->set_extent_stale(true);
    }
  } else {
    absl::StatusOr<std::string> id = w_.NewEntityId(SPATIAL_FEATURE);
    if (!id.ok()) return id.status();
    feature.set_version(1);
    feature.set_entity_id(*id);
    std::string target = layer;
    target.push_back('\0');
    target += fid;
    w_.txn_.PutBlind(keys::FeatureEntity(*id), target);
  }
  feature.set_recorded_at_us(w_.now_us_);
  feature.set_change_sequence(w_.sequence_);
  if (feature.deleted()) feature.clear_cells();
  for (uint64_t cell : feature.cells()) {
    w_.txn_.PutBlind(keys::SpatialCell(layer, cell, fid),
                EncodeCellValue(feature.bbox(), feature.version(), w_.now_us_, 0));
  }
  std::string key = keys::Feature(layer, fid);
  w_.txn_.PutBlind(key, Encode(feature));

  LayerStats& s = **stats;
  s.set_feature_count(s.feature_count() + (feature.deleted() ? 0 : 1) - (was_current ? 1 : 0));
  if (!feature.deleted()) {
    const bool first = !s.has_extent();  // before mutable_extent() creates it
    Include(feature.bbox(), first, s.mutable_extent());
    s.set_level_mask(s.level_mask() | level_bits);
  }
  if (s.feature_count() == 0) {
    s.clear_extent();
    s.set_extent_stale(false);
  }
  s.set_updated_at_us(w_.now_us_);
  s.set_change_sequence(w_.sequence_);
  w_.PutAtCommit(keys::LayerStats(layer), Encode(s));
  AppendChange(feature.deleted() ? ChangeEvent::FEATURE_DELETED : ChangeEvent::FEATURE_UPSERTED,
               layer, fid, feature.entity_id(), feature.version());
  written_[std::move(key)] = &feature;
  return absl::OkStatus();
}

void FeatureWrite::AppendChange(ChangeEvent::Type type, absl::string_view layer_id,
                                absl::string_view feature_id, absl::string_view entity_id,
                                int64_t version) {
  ChangeEvent e;
  e.set_sequence(w_.sequence_);
  e.set_committed_at_us(w_.now_us_);
  e.set_type(type);
  e.set_kind(SPATIAL_FEATURE);
  e.set_entity_id(std::string(entity_id));
  e.mutable_record()->set_source(std::string(layer_id));
  e.mutable_record()->set_record_key(std::string(feature_id));
  e.set_entity_version(version);
  w_.txn_.PutBlind(keys::Change(w_.sequence_), Encode(e));
}

}  // namespace mdhub::store
