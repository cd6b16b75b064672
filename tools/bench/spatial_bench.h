// What the spatial benchmark's phases share: the probes of a workload, the comparison of mdhub
// with PostGIS on them, and the report.
#ifndef MDHUB_TOOLS_BENCH_SPATIAL_BENCH_H_
#define MDHUB_TOOLS_BENCH_SPATIAL_BENCH_H_

#include <cstdint>
#include <random>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/time/clock.h"
#include "geo/geometry.h"

namespace mdhub::bench {

struct BenchRow {
  std::string phase;
  double mdhub_s = 0, postgis_s = 0;
  std::string check;
};
// Every phase reported so far.
std::vector<BenchRow>& Rows();
// Prints and records a phase: both times, the ratio PostGIS / mdhub, and the result check.
void Report(const std::string& phase, double mdhub_s, double postgis_s, const std::string& check);

inline double Seconds(absl::Time start) { return absl::ToDoubleSeconds(absl::Now() - start); }

// A coordinate as a SQL parameter, exact to about 0.1 mm.
inline std::string Num(double v) { return absl::StrFormat("%.9f", v); }

// One query of a workload: a box, a triangle inside it (WKT) and its corner as a point.
struct Probe {
  double x0, y0, x1, y1;
  std::string wkt;
};

// n probes inside `extent`, of sides between min_m and max_m metres (roughly).
inline std::vector<Probe> RandomProbes(int n, const geo::Box& extent, double min_m, double max_m,
                                       uint64_t seed) {
  std::mt19937_64 rng(seed);
  std::uniform_real_distribution<double> u(0, 1);
  std::vector<Probe> out;
  for (int i = 0; i < n; ++i) {
    const double w = (min_m + u(rng) * (max_m - min_m)) / 100000.0;  // ~degrees
    const double x = extent.min_x + u(rng) * std::max(0.0, extent.max_x - extent.min_x - w);
    const double y = extent.min_y + u(rng) * std::max(0.0, extent.max_y - extent.min_y - w);
    Probe p{x, y, x + w, y + w, ""};
    p.wkt = absl::StrFormat("POLYGON((%.9f %.9f,%.9f %.9f,%.9f %.9f,%.9f %.9f))", x, y, x + w, y,
                            x + w / 2, y + w, x, y);
    out.push_back(p);
  }
  return out;
}

class PostgisClient;
// Loads `file` into a new PostGIS table with ogr2ogr (COPY, GiST index; polygons promoted to
// multi when `multi`), as the import phases compare: its time and the table's row count.
struct PostgisLoad {
  double seconds = 0;
  std::string rows;
};
absl::StatusOr<PostgisLoad> LoadIntoPostgis(PostgisClient& pg, const std::string& conninfo,
                                            const std::string& file, const std::string& table,
                                            bool multi);

// The number of rows a prepared PostGIS statement returns.
absl::StatusOr<int64_t> CountRows(PostgisClient& pg, const std::string& statement,
                                  const std::vector<std::string>& params);

// Locates the points (x0, y0 of each probe) in the PostGIS provinces with one SQL join, its best
// case, and reports `phase`: mdhub's time and its province code per point ("" outside) against
// the join's (the points are loaded into table pts_s7_<count> first, untimed, unless it holds
// them already; every caller draws them from RandomProbes with seed 7 over the same extent).
absl::Status ReportAgainstJoin(const std::string& phase, PostgisClient& pg,
                               const std::vector<Probe>& pts, const std::vector<std::string>& codes,
                               double mdhub_s);

// Runs the probes through mdhub and through PostGIS, each returning a result fingerprint (hit
// count, or the number of probes whose answer agrees); reports times and whether totals agree.
template <typename MdhubFn, typename PgFn>
absl::Status Compare(const std::string& phase, const std::vector<Probe>& probes, MdhubFn mdhub,
                     PgFn pg) {
  int64_t mdhub_total = 0, pg_total = 0;
  // Warm both systems' caches with the whole workload (not timed): the timed pass then measures
  // both with what it reads in memory (PostgreSQL's buffers and the OS cache; RocksDB's block
  // cache), not the first read of each block from disk.
  for (size_t i = 0; i < probes.size(); ++i) {
    if (absl::StatusOr<int64_t> n = mdhub(i, probes[i]); !n.ok()) return n.status();
    if (absl::StatusOr<int64_t> n = pg(i, probes[i]); !n.ok()) return n.status();
  }
  absl::Time start = absl::Now();
  for (size_t i = 0; i < probes.size(); ++i) {
    absl::StatusOr<int64_t> n = mdhub(i, probes[i]);
    if (!n.ok()) return n.status();
    mdhub_total += *n;
  }
  const double mdhub_s = Seconds(start);
  start = absl::Now();
  for (size_t i = 0; i < probes.size(); ++i) {
    absl::StatusOr<int64_t> n = pg(i, probes[i]);
    if (!n.ok()) return n.status();
    pg_total += *n;
  }
  const double pg_s = Seconds(start);
  Report(absl::StrCat(phase, " x", probes.size()), mdhub_s, pg_s,
         absl::StrCat(mdhub_total == pg_total ? "agree " : "DIFFER ", mdhub_total, " / ", pg_total));
  return absl::OkStatus();
}

// The query phases again with mdhub behind gRPC (a server started on the store in data_dir, in
// development mode, one client thread) against PostGIS through libpq, on the prepared
// statements; `locate` random points are also located in batches (LocatePoints). When
// `import_points` names a file, it is also imported through ImportLayer (a new layer
// "points_grpc", so only on a store this run created) against ogr2ogr into PostGIS at `conninfo`.
// Each query phase runs twice: one call per query, then every query on one QueryFeaturesStream.
// Only the phases whose name contains `only` run (all when it is empty).
absl::Status RunGrpcPhases(const std::string& data_dir, PostgisClient& pg,
                           const std::string& window_layer, int queries, int k, int64_t locate,
                           const std::string& conninfo, const std::string& import_points,
                           const std::string& only);

}  // namespace mdhub::bench

#endif  // MDHUB_TOOLS_BENCH_SPATIAL_BENCH_H_
