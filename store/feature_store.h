// FeatureStore and FeatureWrite: the layers and versioned features of the spatial one map, kept in
// the entity store's keyspace so that feature writes share its change log, its audit chain and its
// atomic transactions. The spatial index is stored here too, as (cell, feature) keys whose cells
// geo/ computes; this file knows nothing of geometry.
#ifndef MDHUB_STORE_FEATURE_STORE_H_
#define MDHUB_STORE_FEATURE_STORE_H_

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "absl/functional/function_ref.h"
#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "absl/synchronization/mutex.h"
#include "absl/time/time.h"
#include "store/entity_store.h"
#include "store/kv_store.h"
#include "store/model.pb.h"

namespace mdhub::store {

// One spatial-index entry: a feature version indexed under a cell, with its bounding box so that
// candidates are filtered without reading the feature.
struct CellEntry {
  uint64_t cell = 0;
  std::string feature_id;
  Box bbox;
  int64_t version = 0;
  int64_t from_us = 0;  // recorded_at of the version
  int64_t to_us = 0;    // when it was superseded; 0 for current versions
};

// Reads. Thread-safe.
class FeatureStore {
 public:
  // `entities` must outlive the feature store.
  explicit FeatureStore(EntityStore& entities);

  // The layer with its current statistics. NOT_FOUND for an unknown id.
  absl::StatusOr<Layer> GetLayer(absl::string_view layer_id) const;
  // The layer's statistics alone (one read). NOT_FOUND for an unknown id.
  absl::StatusOr<LayerStats> GetLayerStats(absl::string_view layer_id) const;
  // Up to `limit` layers with ids greater than `after`, by id.
  absl::StatusOr<std::vector<Layer>> ListLayers(absl::string_view after, int limit) const;

  // The current version (tombstones included), or the one current at transaction time as_of.
  // NOT_FOUND when the feature does not exist (or did not yet exist at as_of).
  absl::StatusOr<Feature> GetFeature(absl::string_view layer_id, absl::string_view feature_id,
                                     std::optional<absl::Time> as_of = std::nullopt) const;
  // Every version of a feature, oldest first.
  absl::StatusOr<std::vector<Feature>> ListFeatureVersions(absl::string_view layer_id,
                                                           absl::string_view feature_id) const;
  // The (layer id, feature id) of a feature entity id. NOT_FOUND for an unknown id.
  absl::StatusOr<std::pair<std::string, std::string>> FindFeatureByEntity(
      absl::string_view entity_id) const;
  // Current versions (tombstones included) of the named features, in order, allocated on
  // `arena` (a query decodes thousands: the arena makes allocating and freeing them nearly free);
  // null for the ones that do not exist. `arena` must not be null.
  absl::StatusOr<std::vector<Feature*>> GetFeatures(absl::string_view layer_id,
                                                    const std::vector<std::string>& feature_ids,
                                                    const Snapshot* snapshot,
                                                    google::protobuf::Arena* arena) const;

  // Calls fn with the current features of a layer (tombstones left out) whose ids are greater
  // than `after`, in id order, until fn returns false.
  absl::Status ScanFeatures(absl::string_view layer_id, absl::string_view after,
                            const Snapshot* snapshot,
                            absl::FunctionRef<bool(const Feature&)> fn) const;

  // Calls fn with the spatial-index entries of a layer whose cells lie in [first, last], in
  // cell order, until fn returns false. history: the entries of superseded versions instead.
  absl::Status ScanCells(absl::string_view layer_id, uint64_t first, uint64_t last, bool history,
                         const Snapshot* snapshot,
                         absl::FunctionRef<bool(const CellEntry&)> fn) const;

  // The same scans, many of them over one iterator (a query scans up to a few hundred cell
  // ranges: one store iterator each would cost more than the entries read). Not thread-safe.
  class CellCursor {
   public:
    // Like ScanCells(layer, first, last, history, snapshot, fn) for the cursor's layer. Cheapest
    // when successive scans ask for increasing, disjoint ranges.
    absl::Status Scan(uint64_t first, uint64_t last, absl::FunctionRef<bool(const CellEntry&)> fn);

   private:
    friend class FeatureStore;
    CellCursor(std::string prefix, bool history, std::unique_ptr<Iterator> it)
        : prefix_(std::move(prefix)), history_(history), it_(std::move(it)) {}
    const std::string prefix_;
    const bool history_;
    // The cell of the entry the iterator is on. REQUIRES: it is valid.
    uint64_t CurrentCell() const;

    std::unique_ptr<Iterator> it_;
    std::string key_;
    CellEntry entry_;
    // Set when the last Scan passed every entry up to passed_to_ and the iterator stands on the
    // first entry after it (or at the end).
    bool passed_ = false;
    uint64_t passed_to_ = 0;
  };
  // A cursor over the layer's entries (history: of superseded versions). snapshot may be null;
  // it must outlive the cursor.
  CellCursor OpenCells(absl::string_view layer_id, bool history, const Snapshot* snapshot) const;

  std::unique_ptr<Snapshot> GetSnapshot() const;

 private:
  // Sets the extent of a layer whose stored one is stale from its index entries, computed once
  // per change of the layer: after a delete shrank a layer, every describe of it (GetLayer,
  // ListLayers, the OGC collections) would otherwise scan its whole index until the next write.
  absl::Status RecomputeExtent(absl::string_view layer_id, LayerStats* stats) const;

  struct Extent {
    int64_t change_sequence = 0;  // of the statistics it was computed for
    std::optional<Box> extent;    // none for an empty layer
  };

  KvStore& kv_;
  mutable absl::Mutex mu_;
  mutable absl::flat_hash_map<std::string, Extent> extents_ ABSL_GUARDED_BY(mu_);
};

// Writes, inside EntityStore::Write (a view on its EntityWrite). Not thread-safe.
class FeatureWrite {
 public:
  explicit FeatureWrite(EntityWrite& write) : w_(write) {}

  absl::Time now() const { return w_.now(); }
  absl::StatusOr<std::optional<Layer>> GetLayer(absl::string_view layer_id);
  // Stores a new layer (version 1, created now) and appends a LAYER_CREATED change.
  // ALREADY_EXISTS when the id is taken. REQUIRES: BeginChange() was called.
  absl::Status CreateLayer(Layer& layer);

  // The current version of a feature (tombstones included), nullopt when there is none.
  absl::StatusOr<std::optional<Feature>> GetFeature(absl::string_view layer_id,
                                                    absl::string_view feature_id);
  // Reads the current versions of these features at once, so that the GetFeature calls that
  // follow are answered from memory. features: (layer id, feature id) pairs.
  absl::Status Prefetch(const std::vector<std::pair<absl::string_view, absl::string_view>>& features);
  // Stores `feature` as the feature's next version, completing it in place (version,
  // recorded_at, change_sequence and, for a new feature, entity_id; a tombstone loses its
  // cells), moves its spatial-index entries to feature.cells, updates the layer's statistics
  // (level_bits: the levels of its cells) and appends a FEATURE_UPSERTED or FEATURE_DELETED
  // change. The write reads it back from `feature`, not from a copy (features are large): the
  // caller keeps it alive and unchanged until the write ends. A retried write may pass it again
  // (every field set here is set again). REQUIRES: BeginChange() was called, and the layer
  // exists.
  absl::Status PutFeature(Feature& feature, uint32_t level_bits);

  int64_t BeginChange() { return w_.BeginChange(); }

 private:
  // Decodes a read of the feature stored under `key` (NOT_FOUND: none) into the write's cache.
  absl::StatusOr<std::optional<Feature>*> Remember(std::string key, absl::StatusOr<std::string> raw);
  absl::StatusOr<LayerStats*> Stats(absl::string_view layer_id);
  void AppendChange(ChangeEvent::Type type, absl::string_view layer_id,
                    absl::string_view feature_id, absl::string_view entity_id, int64_t version);

  EntityWrite& w_;
  absl::flat_hash_map<std::string, std::optional<Feature>> features_;  // read from the store
  absl::flat_hash_map<std::string, const Feature*> written_;  // PutFeature's, by this write
  absl::flat_hash_map<std::string, LayerStats> stats_;
};

}  // namespace mdhub::store

#endif  // MDHUB_STORE_FEATURE_STORE_H_
