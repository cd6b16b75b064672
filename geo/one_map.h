// OneMap: the spatial base registry's layers and versioned features, with their queries. Writes
// are validated (schema, geometry type, CRS, GEOS validity) outside the store's write lock, then
// committed in one transaction with their spatial-index entries, change-log entries and audit
// entry. Queries scan the persisted cell index and refine candidates with GEOS prepared
// geometries; distances are geodesic metres.
#ifndef MDHUB_GEO_ONE_MAP_H_
#define MDHUB_GEO_ONE_MAP_H_

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "absl/base/call_once.h"
#include "absl/container/flat_hash_map.h"
#include "absl/status/statusor.h"
#include "absl/synchronization/mutex.h"
#include "absl/time/time.h"
#include "geo/cells.h"
#include "geo/crs.h"
#include "geo/geometry.h"
#include "geo/properties.h"
#include "store/audit_log.h"
#include "store/entity_store.h"
#include "store/feature_store.h"

namespace mdhub {
class WorkerPool;
}  // namespace mdhub

namespace mdhub::geo {

// One upsert or delete.
struct FeatureMutation {
  bool is_delete = false;
  std::string layer_id;
  std::string feature_id;
  Geometry geometry;        // upserts: required
  std::string crs;          // of geometry; empty = the layer's CRS
  Properties properties;    // converted to the schema's types (numbers, strings, dates)
  std::optional<absl::Time> source_time;
  std::optional<absl::Time> valid_from;  // default: the transaction time
  bool repair_invalid = false;           // this one's geometry (see WriteOptions)
};

struct FeatureWriteResult {
  enum Outcome { kCreated, kUpdated, kUnchanged, kDeleted };
  Outcome outcome = kUnchanged;
  std::string entity_id;
  int64_t version = 0;
  int64_t change_sequence = 0;  // 0 when nothing was written
};

struct WriteOptions {
  // Repair invalid geometries (GEOS make-valid) instead of rejecting them.
  bool repair_invalid = false;
  // Prefix of field paths in errors, e.g. "feature" or "feature[17]" (the index is appended
  // for batches when per_item_index is set).
  std::string field_prefix = "feature";
  bool per_item_index = false;
};

// A layer's definition with what queries and writes need of it.
struct LayerInfo {
  store::Layer layer;  // definition (statistics not kept current here)
  Crs crs;
  CellGrid grid;
};

// Thread-safe.
class OneMap {
 public:
  // All must outlive the map; audit_log may be null (no audit entries).
  OneMap(store::EntityStore& entities, store::FeatureStore& features, store::AuditLog* audit_log);
  ~OneMap();

  // Validates and stores a new layer (CRS default EPSG:4490). INVALID_ARGUMENT naming the field
  // ("layer.id", "layer.schema[2].name", ...), ALREADY_EXISTS for a taken id.
  absl::StatusOr<store::Layer> CreateLayer(store::Layer layer, store::AuditEntry* audit = nullptr);
  // The layer with current statistics. NOT_FOUND for an unknown id.
  absl::StatusOr<store::Layer> GetLayer(absl::string_view layer_id) const;
  absl::StatusOr<std::vector<store::Layer>> ListLayers(absl::string_view after, int limit) const;
  absl::StatusOr<std::shared_ptr<const LayerInfo>> Info(absl::string_view layer_id) const;

  // Validates every mutation, then commits the valid ones in one transaction (with `audit`).
  // One result per mutation, in order: the outcome, or the error that rejected it (the others
  // still commit). A storage error fails the whole call.
  absl::StatusOr<std::vector<absl::StatusOr<FeatureWriteResult>>> Write(
      std::vector<FeatureMutation> mutations, const WriteOptions& options,
      store::AuditEntry* audit = nullptr);

  // Write in two halves, for a caller that validates one batch while the previous one commits
  // (the importer): PrepareWrite validates (outside the store's write lock), Commit writes a
  // batch PrepareWrite returned (INVALID_ARGUMENT for one whose halves do not match).
  struct PreparedWrite {
    std::vector<absl::StatusOr<FeatureWriteResult>> results;  // errors of the rejected ones
    std::vector<std::optional<store::Feature>> features;       // what the others will store
  };
  absl::StatusOr<PreparedWrite> PrepareWrite(std::vector<FeatureMutation> mutations,
                                             const WriteOptions& options) const;
  absl::StatusOr<std::vector<absl::StatusOr<FeatureWriteResult>>> Commit(
      PreparedWrite batch, const WriteOptions& options, store::AuditEntry* audit = nullptr);

  // Runs `init` (e.g. loading the built-in layers) once, before the first call that reads or
  // writes layers; its error is returned by that call and every later one. Set it before use.
  void SetInitializer(std::function<absl::Status(OneMap&)> init) { init_ = std::move(init); }
  // Runs the initializer if it has not run yet; its status.
  absl::Status Ready() const;

  store::FeatureStore& features() const { return features_; }
  store::EntityStore& entities() const { return entities_; }
  // Unique among the maps of this process, for caches that must not mix stores.
  uint64_t instance() const { return instance_; }
  // Helper threads that queries share their reads with (a query runs on its caller and at most
  // one helper; a busy helper never holds a query up).
  WorkerPool& query_pool() const { return *query_pool_; }

 private:
  // The stored feature an upsert would write (geometry in the layer's CRS, cells computed), or
  // the error that rejects it.
  absl::StatusOr<store::Feature> Prepare(FeatureMutation& m, const LayerInfo& layer,
                                         const WriteOptions& options,
                                         absl::string_view field) const;

  store::EntityStore& entities_;
  store::FeatureStore& features_;
  store::AuditLog* audit_log_;
  const uint64_t instance_;
  const std::unique_ptr<WorkerPool> query_pool_;
  std::function<absl::Status(OneMap&)> init_;
  mutable absl::once_flag init_once_;
  mutable absl::Status init_status_;
  mutable absl::Mutex mu_;
  mutable absl::flat_hash_map<std::string, std::shared_ptr<const LayerInfo>> layers_
      ABSL_GUARDED_BY(mu_);
};

}  // namespace mdhub::geo

#endif  // MDHUB_GEO_ONE_MAP_H_
