// Import of a vector file into a layer and export of a layer (or part of it) to a file, through
// GDAL. Used by `mdhub layer import/export` (in-process) and by the ImportLayer / ExportLayer
// service methods, so both behave the same.
#ifndef MDHUB_GEO_TRANSFER_H_
#define MDHUB_GEO_TRANSFER_H_

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "geo/gdal_io.h"
#include "geo/one_map.h"
#include "geo/query.h"

namespace mdhub::geo {

struct ImportOptions {
  ReadOptions read;
  // REPLACE also deletes every current feature the file does not hold, once the file is read.
  bool replace = false;
  bool repair_invalid = false;
  std::optional<absl::Time> valid_from;
  // Create the layer first: a definition with an empty schema takes the file's fields, an
  // unspecified geometry type the file's, an unset CRS (epsg 0) the file's.
  std::optional<store::Layer> create_layer;
  // Features per committed transaction.
  int batch_size = 2000;
  // Called after each batch with the features read so far and the file's count (-1: unknown).
  std::function<void(int64_t read, int64_t total)> progress;
};

struct ImportSummary {
  int64_t features_read = 0;
  int64_t created = 0;
  int64_t updated = 0;
  int64_t unchanged = 0;
  int64_t deleted = 0;
  int64_t rejected = 0;
  std::vector<absl::Status> rejections;  // the first 100; messages start "feature[<index>]"
  int64_t change_sequence = 0;           // last committed change; 0 when none
};

// Reads the file and upserts its features in batches (each batch one transaction: re-running a
// failed import is safe). A feature that cannot be read or is invalid is rejected and counted;
// the import goes on. Errors that stop it: the file cannot be opened, the layer does not exist
// (and create_layer is unset), storage errors. `audit` (may be null) is committed with each batch.
absl::StatusOr<ImportSummary> ImportFile(OneMap& map, const std::string& layer_id,
                                         const std::string& path, FileFormat format,
                                         const ImportOptions& options,
                                         const store::AuditEntry* audit = nullptr);

struct ExportOptions {
  OutputOptions output;                   // CRS, properties (simplification is ignored)
  std::optional<absl::Time> as_of;
  std::optional<Box> bbox;                // in the output CRS (or the layer's when unset)
  std::vector<AttributeFilter> filters;
  std::function<void(int64_t written)> progress;
};

// Writes the layer's matching features to `path`. Returns the number written.
absl::StatusOr<int64_t> ExportFile(const OneMap& map, const std::string& layer_id,
                                   const std::string& path, FileFormat format,
                                   const ExportOptions& options);

}  // namespace mdhub::geo

#endif  // MDHUB_GEO_TRANSFER_H_
