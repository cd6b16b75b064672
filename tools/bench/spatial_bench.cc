// mdhub_spatial_bench: the one map against PostGIS 3.3 (GiST indexes) on the same machine, the
// same data and in the same run, as the spatial issue asks:
//   import of the same files (mdhub's importer vs ogr2ogr into PostGIS),
//   point -> division over the finest division polygons (provinces), 1M random points,
//   bounding-box and intersects queries over the parcels (or the points) layer,
//   k nearest over the Natural Earth populated places and over 1M points,
// each in-process for mdhub and through libpq for PostGIS, then again through gRPC for mdhub.
// Results are compared (same hits) so that speed is not bought with wrong answers.
//   tools/bench/postgis_peer.sh start /tmp/pgb        # prints the conninfo
//   mdhub_spatial_bench --pg "host=/tmp/pgb port=5439 user=postgres dbname=bench"
//       --work /tmp/sb --parcels /tmp/parcels.fgb   (same command line)
#include <cstdio>
#include <filesystem>
#include <map>
#include <random>

#include "CLI/CLI.hpp"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/time/clock.h"
#include "common/clock.h"
#include "geo/divisions.h"
#include "geo/gdal_io.h"
#include "geo/query.h"
#include "geo/transfer.h"
#include "store/rocksdb_kv_store.h"
#include "tools/bench/postgis_client.h"
#include "tools/bench/spatial_bench.h"

namespace mdhub::bench {

std::vector<BenchRow>& Rows() {
  static auto* rows = new std::vector<BenchRow>();
  return *rows;
}

void Report(const std::string& phase, double mdhub_s, double postgis_s, const std::string& check) {
  Rows().push_back({phase, mdhub_s, postgis_s, check});
  std::fprintf(stderr, "%-46s mdhub %9.3f s  PostGIS %9.3f s  ratio %6.2fx  %s\n", phase.c_str(),
               mdhub_s, postgis_s, postgis_s / std::max(mdhub_s, 1e-9), check.c_str());
}

namespace {

struct Args {
  std::string work = "/tmp/mdhub-spatial-bench";
  std::string pg;
  std::string parcels;
  std::string places = "../shared/data/geo/naturalearth/ne_10m_populated_places_simple.geojson";
  int64_t points = 1000000;
  int64_t locate = 1000000;
  int queries = 5000;
  int k = 10;
  bool grpc = true;
  bool keep = false;          // reuse the stores of a previous run (skip the imports)
  std::string only;           // run only the phases whose names contain this
};


}  // namespace

int Fail(const absl::Status& s) {
  std::fprintf(stderr, "mdhub_spatial_bench: %s\n", std::string(s.message()).c_str());
  return 1;
}

namespace {

// Random points in a box, written to a FlatGeobuf file.
absl::Status WritePoints(const std::string& path, int64_t n, const geo::Box& box, uint64_t seed) {
  auto w = geo::FeatureWriter::Create(path, geo::FileFormat::kFlatGeobuf, "points", "EPSG:4490",
                                      store::POINT, {});
  if (!w.ok()) return w.status();
  std::mt19937_64 rng(seed);
  std::uniform_real_distribution<double> x(box.min_x, box.max_x), y(box.min_y, box.max_y);
  google::protobuf::RepeatedPtrField<store::Property> none;
  for (int64_t i = 0; i < n; ++i) {
    if (absl::Status s = (*w)->Write(absl::StrCat(i), geo::Geometry::Point(x(rng), y(rng)).ToWkb(), none); !s.ok()) {
      return s;
    }
  }
  return (*w)->Close();
}

}  // namespace

absl::StatusOr<PostgisLoad> LoadIntoPostgis(PostgisClient& pg, const std::string& conninfo,
                                            const std::string& file, const std::string& table,
                                            bool multi) {
  if (auto s = pg.Exec(absl::StrCat("DROP TABLE IF EXISTS ", table)); !s.ok()) return s.status();
  const absl::Time start = absl::Now();
  const std::string cmd = absl::StrCat(
      "ogr2ogr -f PostgreSQL 'PG:", conninfo, "' '", file, "' -nln ", table,
      " -preserve_fid -lco GEOMETRY_NAME=geom -lco FID=fid -lco SPATIAL_INDEX=GIST",
      multi ? " -nlt PROMOTE_TO_MULTI" : "", " --config PG_USE_COPY YES -q");
  if (std::system(cmd.c_str()) != 0) return absl::InternalError(absl::StrCat("failed: ", cmd));
  PostgisLoad loaded;
  loaded.seconds = Seconds(start);
  auto count = pg.Exec(absl::StrCat("SELECT count(*) FROM ", table));
  if (!count.ok()) return count.status();
  loaded.rows = (*count)[0];
  return loaded;
}

absl::StatusOr<int64_t> CountRows(PostgisClient& pg, const std::string& statement,
                                  const std::vector<std::string>& params) {
  auto rows = pg.Run(statement, params);
  if (!rows.ok()) return rows.status();
  return static_cast<int64_t>(rows->size());
}

namespace {

// Imports `file` into layer `name` of both systems; returns false when the file is missing.
absl::Status ImportBoth(geo::OneMap& map, PostgisClient& pg, const Args& a, const std::string& name,
                        const std::string& file, bool geography_index, bool multi = true) {
  auto format = geo::FileFormatOfPath(file);
  if (!format.ok()) return format.status();
  geo::ImportOptions options;
  options.create_layer = store::Layer();
  options.batch_size = 5000;
  absl::Time start = absl::Now();
  auto summary = geo::ImportFile(map, name, file, *format, options);
  if (!summary.ok()) return summary.status();
  const double mdhub_s = Seconds(start);
  auto loaded = LoadIntoPostgis(pg, a.pg, file, name, multi);
  if (!loaded.ok()) return loaded.status();
  Report(absl::StrCat("import ", name, " (", summary->features_read, " features)"), mdhub_s,
         loaded->seconds,
         absl::StrCat("mdhub ", summary->created, " / PostGIS ", loaded->rows,
                      summary->rejected ? absl::StrCat(", ", summary->rejected, " rejected, e.g. ",
                                                       summary->rejections[0].message())
                                        : ""));
  if (geography_index) {
    auto s = pg.Exec(absl::StrCat("CREATE INDEX ", name, "_geog ON ", name,
                                  " USING gist ((geom::geography))"));
    if (!s.ok()) return s.status();
  }
  if (auto s = pg.Exec(absl::StrCat("VACUUM ANALYZE ", name)); !s.ok()) return s.status();
  return absl::OkStatus();
}

// The PostGIS statements of every query phase, prepared once: "locate", "bbox_<layer>",
// "intersects_<layer>" over the window layer and "knn_<layer>" over places and points.
absl::Status PrepareStatements(PostgisClient& pg, const std::string& window_layer, int k) {
  absl::Status s = pg.Prepare("locate",
                              "SELECT v.code FROM provinces v WHERE ST_Intersects(v.geom, "
                              "ST_SetSRID(ST_MakePoint($1, $2), 4490)) ORDER BY v.code LIMIT 1",
                              2);
  if (!s.ok()) return s;
  s = pg.Prepare(absl::StrCat("bbox_", window_layer),
                 absl::StrCat("SELECT * FROM ", window_layer, " WHERE ST_Intersects(geom, "
                              "ST_MakeEnvelope($1, $2, $3, $4, 4490))"),
                 4);
  if (!s.ok()) return s;
  s = pg.Prepare(absl::StrCat("intersects_", window_layer),
                 absl::StrCat("SELECT * FROM ", window_layer,
                              " WHERE ST_Intersects(geom, ST_GeomFromText($1, 4490))"),
                 1);
  if (!s.ok()) return s;
  for (const char* layer : {"places", "points"}) {
    auto srid = pg.Exec(absl::StrCat("SELECT ST_SRID(geom) FROM ", layer, " LIMIT 1"));
    if (!srid.ok()) return srid.status();
    s = pg.Prepare(absl::StrCat("knn_", layer),
                   absl::StrCat("SELECT * FROM ", layer, " ORDER BY geom::geography <-> "
                                "ST_SetSRID(ST_MakePoint($1, $2), ", (*srid)[0],
                                ")::geography LIMIT ", k),
                   2);
    if (!s.ok()) return s;
  }
  return absl::OkStatus();
}

absl::StatusOr<int64_t> Hits(const geo::OneMap& map, geo::SpatialQuery q) {
  q.page_size = 10000;
  auto r = geo::RunQuery(map, q);
  if (!r.ok()) return r.status();
  return static_cast<int64_t>(r->hits.size());
}


// k nearest: mdhub's ids against PostGIS's geography KNN; counts probes whose id sets agree.
absl::Status CompareNearest(const geo::OneMap& map, PostgisClient& pg, const std::string& layer,
                            const std::vector<Probe>& probes, int k) {
  std::vector<std::vector<std::string>> mdhub_ids(probes.size()), pg_ids(probes.size());
  absl::Status st = Compare(
      absl::StrCat("k=", k, " nearest over ", layer), probes,
      [&](size_t i, const Probe& p) -> absl::StatusOr<int64_t> {
        geo::SpatialQuery q;
        q.layer_id = layer;
        q.op = geo::SpatialQuery::Op::kNearest;
        q.geometry = geo::Geometry::Point(p.x0, p.y0);
        q.k = k;
        q.page_size = k;
        auto r = geo::RunQuery(map, q);
        if (!r.ok()) return r.status();
        mdhub_ids[i].clear();
        for (const auto& h : r->hits) mdhub_ids[i].push_back(h.feature->feature_id());
        return 0;
      },
      [&](size_t i, const Probe& p) -> absl::StatusOr<int64_t> {
        auto rows = pg.Run(absl::StrCat("knn_", layer), {Num(p.x0), Num(p.y0)});
        if (!rows.ok()) return rows.status();
        pg_ids[i] = *std::move(rows);
        return 0;
      });
  if (!st.ok()) return st;
  int agree = 0;
  for (size_t i = 0; i < probes.size(); ++i) {
    std::sort(mdhub_ids[i].begin(), mdhub_ids[i].end());
    std::sort(pg_ids[i].begin(), pg_ids[i].end());
    agree += mdhub_ids[i] == pg_ids[i];
  }
  Rows().back().check = absl::StrCat(agree, " of ", probes.size(),
                                     " answers identical (sphere vs ellipsoid ties aside)");
  std::fprintf(stderr, "  %s\n", Rows().back().check.c_str());
  return absl::OkStatus();
}

}  // namespace

absl::Status ReportAgainstJoin(const std::string& phase, PostgisClient& pg,
                               const std::vector<Probe>& pts, const std::vector<std::string>& codes,
                               double mdhub_s) {
  // The points as a table (not timed; kept when a previous phase left them: the table is named
  // by the seed and count every caller draws them with), then the join.
  const std::string table = absl::StrCat("pts_s7_", pts.size());
  auto count = pg.Exec(absl::StrCat("SELECT count(*) FROM ", table));
  if (!count.ok() || (*count)[0] != absl::StrCat(pts.size())) {
    if (auto s = pg.Exec(absl::StrCat("DROP TABLE IF EXISTS ", table, "; CREATE TABLE ", table,
                                      " (i int, geom geometry(Point, 4490))"));
        !s.ok()) {
      return s.status();
    }
    for (size_t i = 0; i < pts.size(); i += 10000) {
      std::string sql = absl::StrCat("INSERT INTO ", table, " VALUES ");
      for (size_t j = i; j < std::min(pts.size(), i + 10000); ++j) {
        absl::StrAppend(&sql, j > i ? "," : "", "(", j, ",ST_SetSRID(ST_MakePoint(", Num(pts[j].x0),
                        ",", Num(pts[j].y0), "),4490))");
      }
      if (auto s = pg.Exec(sql); !s.ok()) return s.status();
    }
    if (auto s = pg.Exec(absl::StrCat("VACUUM ANALYZE ", table)); !s.ok()) return s.status();
  }
  const absl::Time start = absl::Now();
  auto joined = pg.Exec(absl::StrCat(
      "SELECT coalesce((SELECT v.code FROM provinces v WHERE ST_Intersects(v.geom, p.geom) "
      "ORDER BY v.code LIMIT 1), '') FROM ", table, " p ORDER BY p.i"));
  if (!joined.ok()) return joined.status();
  const double pg_s = Seconds(start);
  int64_t differ = 0, located = 0;
  for (size_t i = 0; i < pts.size(); ++i) {
    differ += codes[i] != (*joined)[i];
    located += !codes[i].empty();
  }
  Report(phase, mdhub_s, pg_s, absl::StrCat(located, " located, ", differ, " answers differ"));
  return absl::OkStatus();
}

namespace {

// Point -> province over 1M random points: mdhub per point in-process, PostGIS as one SQL join
// (its best case) and per point through libpq.
absl::Status CompareLocate(const geo::OneMap& map, PostgisClient& pg, int64_t n) {
  std::vector<Probe> pts = RandomProbes(static_cast<int>(n), {73.5, 18.0, 135.0, 53.6}, 0, 0, 7);
  std::vector<std::string> mdhub_codes(pts.size());
  absl::Time start = absl::Now();
  for (size_t i = 0; i < pts.size(); ++i) {
    auto chain = geo::LocateDivisions(map, pts[i].x0, pts[i].y0, "", std::nullopt);
    if (!chain.ok()) return chain.status();
    if (!chain->empty()) mdhub_codes[i] = (*chain)[0].code;
  }
  if (absl::Status s = ReportAgainstJoin(absl::StrCat("point -> province, ", n,
                                                      " points (PostGIS: 1 join)"),
                                         pg, pts, mdhub_codes, Seconds(start));
      !s.ok()) {
    return s;
  }
  // Per point through libpq, on a sample.
  std::vector<Probe> sample(pts.begin(), pts.begin() + std::min<size_t>(pts.size(), 20000));
  return Compare(
      "point -> province, per point", sample,
      [&](size_t, const Probe& p) -> absl::StatusOr<int64_t> {
        auto chain = geo::LocateDivisions(map, p.x0, p.y0, "", std::nullopt);
        if (!chain.ok()) return chain.status();
        return static_cast<int64_t>(chain->size());
      },
      [&](size_t, const Probe& p) { return CountRows(pg, "locate", {Num(p.x0), Num(p.y0)}); });
}

// Bounding-box and intersects queries over `layer`.
absl::Status CompareWindows(const geo::OneMap& map, PostgisClient& pg, const std::string& layer,
                            int queries) {
  auto info = map.GetLayer(layer);
  if (!info.ok()) return info.status();
  const store::Box& e = info->stats().extent();
  // Parcel-sized windows over parcels; wider ones over scattered points.
  const bool points = layer == "points";
  std::vector<Probe> probes = RandomProbes(queries, {e.min_x(), e.min_y(), e.max_x(), e.max_y()},
                                           points ? 1000 : 100, points ? 5000 : 1000, 11);
  absl::Status s = Compare(
      absl::StrCat("bbox over ", layer), probes,
      [&](size_t, const Probe& p) {
        geo::SpatialQuery q;
        q.layer_id = layer;
        q.op = geo::SpatialQuery::Op::kBbox;
        q.bbox = {p.x0, p.y0, p.x1, p.y1};
        return Hits(map, std::move(q));
      },
      [&](size_t, const Probe& p) {
        return CountRows(pg, absl::StrCat("bbox_", layer), {Num(p.x0), Num(p.y0), Num(p.x1), Num(p.y1)});
      });
  if (!s.ok()) return s;
  return Compare(
      absl::StrCat("intersects (triangle) over ", layer), probes,
      [&](size_t, const Probe& p) -> absl::StatusOr<int64_t> {
        geo::SpatialQuery q;
        q.layer_id = layer;
        q.op = geo::SpatialQuery::Op::kIntersects;
        auto g = geo::Geometry::FromWkt(p.wkt);
        if (!g.ok()) return g.status();
        q.geometry = *std::move(g);
        return Hits(map, std::move(q));
      },
      [&](size_t, const Probe& p) {
        return CountRows(pg, absl::StrCat("intersects_", layer), {p.wkt});
      });
}

// An mdhub store for the benchmark: RocksDB with synced writes, the entity and feature stores
// and the one map over them (the province layer loaded on first use).
struct MdhubStore {
  RealClock clock;
  std::unique_ptr<store::KvStore> kv;
  std::unique_ptr<store::EntityStore> entities;
  std::unique_ptr<store::FeatureStore> features;
  std::unique_ptr<geo::OneMap> map;
};

absl::StatusOr<std::unique_ptr<MdhubStore>> OpenStore(const std::string& db) {
  auto s = std::make_unique<MdhubStore>();
  auto kv = store::OpenRocksDb({.path = db, .sync_writes = true});
  if (!kv.ok()) return kv.status();
  s->kv = *std::move(kv);
  auto entities = store::EntityStore::Open(*s->kv, s->clock);
  if (!entities.ok()) return entities.status();
  s->entities = *std::move(entities);
  s->features = std::make_unique<store::FeatureStore>(*s->entities);
  s->map = std::make_unique<geo::OneMap>(*s->entities, *s->features, nullptr);
  s->map->SetInitializer([](geo::OneMap& m) { return geo::EnsureProvinceLayer(m).status(); });
  return s;
}

}  // namespace

int Run(const Args& a) {
  namespace fs = std::filesystem;
  const bool import = !(a.keep && fs::exists(a.work + "/mdhub/db"));
  const std::string window_layer = a.parcels.empty() ? "points" : "parcels";
  if (a.only == "import" && !import) {
    return Fail(absl::FailedPreconditionError("--only import imports: leave out --keep"));
  }
  auto want = [&](const char* phase) { return a.only.empty() || absl::StrContains(phase, a.only); };
  if (import) fs::remove_all(a.work + "/mdhub");
  fs::create_directories(a.work);
  auto pg = PostgisClient::Connect(a.pg);
  if (!pg.ok()) return Fail(pg.status());
  absl::Status st;
  const std::string points = absl::StrCat(a.work, "/points-", a.points, ".fgb");
  if (!fs::exists(points)) {
    if (auto s = WritePoints(points, a.points, {104.45, 20.9, 112.1, 26.4}, 3); !s.ok()) return Fail(s);
  }
  const std::string db = a.work + "/mdhub/db";
  if (import) {
    {
      auto store = OpenStore(db);
      if (!store.ok()) return Fail(store.status());
      geo::OneMap& map = *(*store)->map;
      if (!(st = ImportBoth(map, **pg, a, "points", points, true, false)).ok()) return Fail(st);
      if (!(st = ImportBoth(map, **pg, a, "places", a.places, true, false)).ok()) return Fail(st);
      if (!a.parcels.empty()) {
        if (!(st = ImportBoth(map, **pg, a, "parcels", a.parcels, false)).ok()) return Fail(st);
      }
    }
    // As PostGIS gets VACUUM ANALYZE after its load (untimed), the store gets its compaction:
    // the queries then measure a settled store, not one still compacting the load.
    const absl::Time start = absl::Now();
    if (auto s = store::CompactRocksDb(db); !s.ok()) return Fail(s);
    std::fprintf(stderr, "compacted the mdhub store after the imports in %.1f s (untimed)\n",
                 absl::ToDoubleSeconds(absl::Now() - start));
  }
  if (a.only != "import") {
    auto store = OpenStore(db);
    if (!store.ok()) return Fail(store.status());
    geo::OneMap& map = *(*store)->map;
    // The same province polygons in PostGIS (as mdhub repaired and stored them).
    const std::string provinces = a.work + "/provinces.gpkg";
    auto exported = geo::ExportFile(map, "admin.province", provinces, geo::FileFormat::kGeoPackage, {});
    if (!exported.ok()) return Fail(exported.status());
    const std::string cmd = absl::StrCat("ogr2ogr -f PostgreSQL 'PG:", a.pg, "' ", provinces,
                                         " -nln provinces -overwrite -lco GEOMETRY_NAME=geom -nlt PROMOTE_TO_MULTI -q");
    if (std::system(cmd.c_str()) != 0) return Fail(absl::InternalError(cmd));
    if (!(st = PrepareStatements(**pg, window_layer, a.k)).ok()) return Fail(st);

    if (want("locate") && !(st = CompareLocate(map, **pg, a.locate)).ok()) return Fail(st);
    if (want("window") &&
        !(st = CompareWindows(map, **pg, window_layer, a.queries)).ok()) {
      return Fail(st);
    }
    const std::vector<Probe> world = RandomProbes(a.queries, {-180, -60, 180, 70}, 0, 0, 13);
    if (want("nearest") && !(st = CompareNearest(map, **pg, "places", world, a.k)).ok()) return Fail(st);
    const std::vector<Probe> guangxi = RandomProbes(a.queries, {104.45, 20.9, 112.1, 26.4}, 0, 0, 17);
    if (want("nearest") && !(st = CompareNearest(map, **pg, "points", guangxi, a.k)).ok()) return Fail(st);
  }
  if (a.grpc && (a.only.empty() || absl::StartsWith(a.only, "grpc"))) {
    const std::string grpc_only = absl::StartsWith(a.only, "grpc:") ? a.only.substr(5) : "";
    if (!(st = RunGrpcPhases(a.work + "/mdhub", **pg, window_layer, a.queries, a.k, a.locate, a.pg,
                             import ? points : "", grpc_only)).ok()) {
      return Fail(st);
    }
  }
  std::printf("| phase | mdhub s | PostGIS s | PostGIS/mdhub | check |\n|---|---:|---:|---:|---|\n");
  for (const BenchRow& r : Rows()) {
    std::printf("| %s | %.3f | %.3f | %.2fx | %s |\n", r.phase.c_str(), r.mdhub_s, r.postgis_s,
                r.postgis_s / std::max(r.mdhub_s, 1e-9), r.check.c_str());
  }
  return 0;
}

}  // namespace mdhub::bench

int main(int argc, char** argv) {
  mdhub::bench::Args a;
  CLI::App app("mdhub_spatial_bench: the one map against PostGIS (same data, same run)");
  app.add_option("--pg", a.pg, "libpq conninfo of a PostGIS database (tools/bench/postgis_peer.sh)")->required();
  app.add_option("--work", a.work, "working directory (the mdhub store is recreated there)")->capture_default_str();
  app.add_option("--parcels", a.parcels, "a parcel file (mdhub gen parcels) for import and window queries");
  app.add_option("--places", a.places, "Natural Earth populated places")->capture_default_str();
  app.add_option("--points", a.points, "random points for import and k nearest")->capture_default_str();
  app.add_option("--locate", a.locate, "random points located in their province")->capture_default_str();
  app.add_option("--queries", a.queries, "queries per query phase")->capture_default_str();
  app.add_option("--k", a.k, "k of the nearest-neighbour phases")->capture_default_str();
  app.add_flag("!--no-grpc", a.grpc, "skip the phases through gRPC");
  app.add_flag("--keep", a.keep, "reuse the stores of the previous run in --work (no imports)");
  app.add_option("--only", a.only,
                 "only the in-process query phases named so (locate, window or nearest), only the "
                 "gRPC phases (grpc, or grpc:<part of their name>, e.g. grpc:nearest), or only the "
                 "in-process imports (import)");
  CLI11_PARSE(app, argc, argv);
  return mdhub::bench::Run(a);
}
