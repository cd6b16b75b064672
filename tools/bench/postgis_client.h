// A minimal libpq client for the spatial benchmarks' peer, PostGIS: statements, prepared
// statements with text parameters, and the first column of the result rows.
#ifndef MDHUB_TOOLS_BENCH_POSTGIS_CLIENT_H_
#define MDHUB_TOOLS_BENCH_POSTGIS_CLIENT_H_

#include <memory>
#include <string>
#include <vector>

#include "absl/status/statusor.h"

struct pg_conn;

namespace mdhub::bench {

class PostgisClient {
 public:
  static absl::StatusOr<std::unique_ptr<PostgisClient>> Connect(const std::string& conninfo);
  ~PostgisClient();

  // Runs SQL; the first column of every row.
  absl::StatusOr<std::vector<std::string>> Exec(const std::string& sql);
  absl::Status Prepare(const std::string& name, const std::string& sql, int params);
  // Runs a prepared statement; the first column of every row.
  absl::StatusOr<std::vector<std::string>> Run(const std::string& name,
                                               const std::vector<std::string>& params);

 private:
  explicit PostgisClient(pg_conn* conn) : conn_(conn) {}
  pg_conn* conn_;
};

}  // namespace mdhub::bench

#endif  // MDHUB_TOOLS_BENCH_POSTGIS_CLIENT_H_
