// Helpers shared by geo/gdal_reader.cc and geo/gdal_writer.cc: GDAL set-up, the conversion of
// GDAL's errors to absl::Status, and "EPSG:<code>" strings. No GDAL type appears here.
#ifndef MDHUB_GEO_INTERNAL_GDAL_UTIL_H_
#define MDHUB_GEO_INTERNAL_GDAL_UTIL_H_

#include <string>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"

namespace mdhub::geo::internal {

// Registers GDAL's drivers (once per process; thread-safe).
void EnsureGdalRegistered();

// While alive, GDAL errors of the calling thread are not printed but kept for GdalError().
// GDAL's error handlers are per thread: scopes nest, and other threads are not affected.
class GdalErrorScope {
 public:
  GdalErrorScope();
  ~GdalErrorScope();
  GdalErrorScope(const GdalErrorScope&) = delete;
  GdalErrorScope& operator=(const GdalErrorScope&) = delete;

  // True when GDAL reported a failure (not a warning) since the scope began or Reset().
  bool Failed() const;
  // GDAL's last message (error or warning), or "".
  std::string LastMessage() const;
  // Forgets the errors reported so far.
  void Reset();
};

// A status of `code` with message "<what>: <GDAL's last message>" (or just `what`).
absl::Status GdalError(absl::StatusCode code, absl::string_view what);

// The code of "EPSG:<code>" (case-insensitive). InvalidArgument naming `what` otherwise.
absl::StatusOr<int> ParseEpsg(absl::string_view crs, absl::string_view what);

// "EPSG:<code>".
std::string EpsgName(int code);

// True when `path` names an existing file or directory (also /vsi paths).
bool PathExists(const std::string& path);

}  // namespace mdhub::geo::internal

#endif  // MDHUB_GEO_INTERNAL_GDAL_UTIL_H_
