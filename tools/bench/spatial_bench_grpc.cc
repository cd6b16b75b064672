// The spatial benchmark's phases through gRPC (see spatial_bench.h).
#include <filesystem>
#include <fstream>

#include "absl/strings/match.h"
#include "common/clock.h"
#include "grpcpp/create_channel.h"
#include "grpcpp/security/credentials.h"
#include "mdhub/v1/spatial.grpc.pb.h"
#include "services/server.h"
#include "tools/bench/postgis_client.h"
#include "tools/bench/spatial_bench.h"

namespace mdhub::bench {
namespace {


std::unique_ptr<grpc::ClientContext> Ctx() {
  auto ctx = std::make_unique<grpc::ClientContext>();
  ctx->AddMetadata("x-mdhub-agency", "bench");
  return ctx;
}

absl::Status Failed(const grpc::Status& s) {
  return absl::InternalError(absl::StrCat("gRPC: ", s.error_message()));
}

// The number of hits of a query through gRPC. The response is on an arena, as libpq keeps a
// result in one block: a few hundred features are then freed at once, not field by field.
absl::StatusOr<int64_t> CountHits(v1::SpatialService::Stub& stub, const v1::QueryFeaturesRequest& req) {
  google::protobuf::Arena arena;
  auto* resp = google::protobuf::Arena::CreateMessage<v1::QueryFeaturesResponse>(&arena);
  if (grpc::Status gs = stub.QueryFeatures(Ctx().get(), req, resp); !gs.ok()) return Failed(gs);
  return static_cast<int64_t>(resp->hits_size());
}

// The request of a query phase for one probe.
using RequestFor = absl::FunctionRef<absl::StatusOr<v1::QueryFeaturesRequest>(const Probe&)>;

// One query phase through gRPC against its PostGIS statement, twice: one QueryFeatures call per
// query, then every query on one QueryFeaturesStream (as a client asking many questions in a row
// would; each request waits for its answer, as libpq's statements do). Skipped unless the phase's
// name contains `only`.
absl::Status CompareQueries(v1::SpatialService::Stub& stub, const std::string& only,
                            const std::string& phase,
                            const std::vector<Probe>& probes,
                            RequestFor request,
                            absl::FunctionRef<absl::StatusOr<int64_t>(const Probe&)> postgis) {
  if (!absl::StrContains(phase, only)) return absl::OkStatus();
  absl::Status s = Compare(
      absl::StrCat(phase, " via gRPC"), probes,
      [&](size_t, const Probe& p) -> absl::StatusOr<int64_t> {
        absl::StatusOr<v1::QueryFeaturesRequest> req = request(p);
        if (!req.ok()) return req.status();
        return CountHits(stub, *req);
      },
      [&](size_t, const Probe& p) { return postgis(p); });
  if (!s.ok()) return s;
  auto ctx = Ctx();
  auto stream = stub.QueryFeaturesStream(ctx.get());
  s = Compare(
      absl::StrCat(phase, " via gRPC stream"), probes,
      [&](size_t, const Probe& p) -> absl::StatusOr<int64_t> {
        absl::StatusOr<v1::QueryFeaturesRequest> req = request(p);
        if (!req.ok()) return req.status();
        google::protobuf::Arena arena;
        auto* resp =
            google::protobuf::Arena::CreateMessage<v1::QueryFeaturesStreamResponse>(&arena);
        if (!stream->Write(*req) || !stream->Read(resp)) {
          return absl::InternalError("gRPC: the query stream ended");
        }
        if (resp->has_error()) {
          return absl::InternalError(absl::StrCat("gRPC: ", resp->error().message()));
        }
        return static_cast<int64_t>(resp->result().hits_size());
      },
      [&](size_t, const Probe& p) { return postgis(p); });
  stream->WritesDone();
  if (grpc::Status gs = stream->Finish(); !gs.ok() && s.ok()) return Failed(gs);
  return s;
}

// A FlatGeobuf file streamed through ImportLayer into a new layer, against ogr2ogr loading it
// into a new PostGIS table (as the in-process import phase).
absl::Status ImportThroughGrpc(v1::SpatialService::Stub& stub, PostgisClient& pg,
                               const std::string& conninfo, const std::string& file,
                               const std::string& layer) {
  const absl::Time start = absl::Now();
  v1::ImportLayerResponse resp;
  auto ctx = Ctx();
  auto stream = stub.ImportLayer(ctx.get(), &resp);
  v1::ImportLayerChunk header;
  header.mutable_header()->set_layer_id(layer);
  header.mutable_header()->set_format(v1::FLATGEOBUF);
  header.mutable_header()->mutable_create_layer();
  bool open = stream->Write(header);
  std::ifstream in(file, std::ios::binary);
  std::vector<char> buffer(1 << 20);
  while (open && in) {
    in.read(buffer.data(), static_cast<std::streamsize>(buffer.size()));
    if (in.gcount() <= 0) break;
    v1::ImportLayerChunk chunk;
    chunk.set_data(buffer.data(), static_cast<size_t>(in.gcount()));
    open = stream->Write(chunk);
  }
  stream->WritesDone();
  if (grpc::Status gs = stream->Finish(); !gs.ok()) return Failed(gs);
  const double mdhub_s = Seconds(start);
  // As the in-process import of the same file (points: not promoted to multi).
  auto loaded = LoadIntoPostgis(pg, conninfo, file, layer, /*multi=*/false);
  if (!loaded.ok()) return loaded.status();
  Report(absl::StrCat("import points via gRPC (", resp.features_read(), " features)"), mdhub_s,
         loaded->seconds, absl::StrCat("mdhub ", resp.created(), " / PostGIS ", loaded->rows));
  return absl::OkStatus();
}

// Point -> province for n random points through LocatePoints, 10,000 points a call, against
// PostGIS's one SQL join over the same points (each system's way to locate many points).
absl::Status LocateInBatches(v1::SpatialService::Stub& stub, PostgisClient& pg, int64_t n) {
  constexpr int kBatch = 10000;
  const std::vector<Probe> pts = RandomProbes(static_cast<int>(n), {73.5, 18.0, 135.0, 53.6}, 0, 0, 7);
  std::vector<std::string> codes(pts.size());
  auto locate_all = [&]() -> absl::Status {
    for (size_t i = 0; i < pts.size(); i += kBatch) {
      v1::LocatePointsRequest req;
      const size_t end = std::min(pts.size(), i + kBatch);
      for (size_t j = i; j < end; ++j) {
        req.add_x(pts[j].x0);
        req.add_y(pts[j].y0);
      }
      google::protobuf::Arena arena;
      auto* resp = google::protobuf::Arena::CreateMessage<v1::LocatePointsResponse>(&arena);
      if (grpc::Status gs = stub.LocatePoints(Ctx().get(), req, resp); !gs.ok()) return Failed(gs);
      if (resp->locations_size() != static_cast<int>(end - i)) {
        return absl::InternalError("LocatePoints answered for another number of points");
      }
      for (size_t j = i; j < end; ++j) {
        const auto& chain = resp->locations(static_cast<int>(j - i)).divisions();
        codes[j] = chain.empty() ? "" : resp->divisions(chain[0]).code();
      }
    }
    return absl::OkStatus();
  };
  if (absl::Status s = locate_all(); !s.ok()) return s;  // warm-up, untimed
  const absl::Time start = absl::Now();
  if (absl::Status s = locate_all(); !s.ok()) return s;
  return ReportAgainstJoin(absl::StrCat("point -> province, ", n, " points via gRPC (", kBatch,
                                       " a call; PostGIS: 1 join)"),
                          pg, pts, codes, Seconds(start));
}

}  // namespace

absl::Status RunGrpcPhases(const std::string& data_dir, PostgisClient& pg,
                           const std::string& window_layer, int queries, int k, int64_t locate,
                           const std::string& conninfo, const std::string& import_points,
                           const std::string& only) {
  std::ofstream(data_dir + "/policy.toml") << "[agencies.bench]\nmethods = [\"*\"]\n";
  services::ServerConfig config;
  // A Unix socket, as the PostGIS client uses: both peers then pay no TCP loopback costs.
  const std::string socket = absl::StrCat("unix:", data_dir, "/grpc.sock");
  config.listen = socket;
  config.metrics_listen = "";
  config.http_listen = "";
  config.data_dir = data_dir;
  config.policy_file = data_dir + "/policy.toml";
  config.development_mode = true;
  config.log_level = "warning";
  RealClock clock;
  auto server = services::Server::Start(config, clock);
  if (!server.ok()) return server.status();
  auto channel = grpc::CreateChannel(socket, grpc::InsecureChannelCredentials());
  auto stub = v1::SpatialService::NewStub(channel);

  absl::Status s;
  if (absl::StrContains("point -> province", only)) s = LocateInBatches(*stub, pg, locate);
  if (!s.ok()) return s;
  std::vector<Probe> pts = RandomProbes(20000, {73.5, 18.0, 135.0, 53.6}, 0, 0, 7);
  if (absl::StrContains("point -> province", only)) {
    s = Compare(
      "point -> province, per point, via gRPC", pts,
      [&](size_t, const Probe& p) -> absl::StatusOr<int64_t> {
        v1::LocateDivisionsRequest req;
        req.set_x(p.x0);
        req.set_y(p.y0);
        v1::LocateDivisionsResponse resp;
        grpc::Status gs = stub->LocateDivisions(Ctx().get(), req, &resp);
        if (!gs.ok()) return Failed(gs);
        return static_cast<int64_t>(resp.divisions_size());
      },
      [&](size_t, const Probe& p) { return CountRows(pg, "locate", {Num(p.x0), Num(p.y0)}); });
  }
  if (!s.ok()) return s;

  v1::GetLayerRequest get;
  get.set_layer_id(window_layer);
  v1::Layer layer;
  if (grpc::Status gs = stub->GetLayer(Ctx().get(), get, &layer); !gs.ok()) return Failed(gs);
  std::vector<Probe> windows = RandomProbes(
      queries, {layer.extent().min_x(), layer.extent().min_y(), layer.extent().max_x(),
                layer.extent().max_y()},
      window_layer == "points" ? 1000 : 100, window_layer == "points" ? 5000 : 1000, 11);
  s = CompareQueries(
      *stub, only, absl::StrCat("bbox over ", window_layer), windows,
      [&](const Probe& p) -> absl::StatusOr<v1::QueryFeaturesRequest> {
        v1::QueryFeaturesRequest req;
        req.set_layer_id(window_layer);
        req.mutable_bbox()->set_min_x(p.x0);
        req.mutable_bbox()->set_min_y(p.y0);
        req.mutable_bbox()->set_max_x(p.x1);
        req.mutable_bbox()->set_max_y(p.y1);
        req.set_page_size(10000);
        return req;
      },
      [&](const Probe& p) {
        return CountRows(pg, absl::StrCat("bbox_", window_layer),
                         {Num(p.x0), Num(p.y0), Num(p.x1), Num(p.y1)});
      });
  if (!s.ok()) return s;
  s = CompareQueries(
      *stub, only, absl::StrCat("intersects (triangle) over ", window_layer), windows,
      [&](const Probe& p) -> absl::StatusOr<v1::QueryFeaturesRequest> {
        v1::QueryFeaturesRequest req;
        req.set_layer_id(window_layer);
        auto g = geo::Geometry::FromWkt(p.wkt);
        if (!g.ok()) return g.status();
        req.mutable_intersects()->set_wkb(g->ToWkb());
        req.set_page_size(10000);
        return req;
      },
      [&](const Probe& p) {
        return CountRows(pg, absl::StrCat("intersects_", window_layer), {p.wkt});
      });
  if (!s.ok()) return s;

  // k nearest over the places worldwide and over the 1M points in Guangxi (the in-process
  // phases' probes).
  const std::vector<Probe> world = RandomProbes(queries, {-180, -60, 180, 70}, 0, 0, 13);
  const std::vector<Probe> guangxi = RandomProbes(queries, {104.45, 20.9, 112.1, 26.4}, 0, 0, 17);
  for (const auto& [name, probes] : {std::pair{"places", &world}, {"points", &guangxi}}) {
    const std::string layer = name;  // lambdas may not capture a structured binding (C++17)
    s = CompareQueries(
        *stub, only, absl::StrCat("k=", k, " nearest over ", layer), *probes,
        [&](const Probe& p) -> absl::StatusOr<v1::QueryFeaturesRequest> {
          v1::QueryFeaturesRequest req;
          req.set_layer_id(layer);
          req.mutable_nearest()->mutable_geometry()->set_wkb(geo::Geometry::Point(p.x0, p.y0).ToWkb());
          req.mutable_nearest()->set_k(k);
          return req;
        },
        [&](const Probe& p) {
          return CountRows(pg, absl::StrCat("knn_", layer), {Num(p.x0), Num(p.y0)});
        });
    if (!s.ok()) return s;
  }
  if (!import_points.empty() && absl::StrContains("import", only)) {
    s = ImportThroughGrpc(*stub, pg, conninfo, import_points, "points_grpc");
  }
  (*server)->Shutdown(absl::Seconds(5));
  return s;
}

}  // namespace mdhub::bench
