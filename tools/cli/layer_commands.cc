// mdhub layer create / list / show / import / export / query: the spatial one map's
// layers through SpatialService.
#include <cstdio>
#include <fstream>
#include <memory>
#include <string>
#include <vector>

#include "absl/strings/ascii.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "absl/time/clock.h"
#include "geo/geometry.h"
#include "mdhub/v1/spatial.grpc.pb.h"
#include "tools/cli/client.h"
#include "tools/cli/commands.h"
#include "tools/cli/layer_args.h"
#include "tools/cli/layer_output.h"
#include "tools/cli/locate_csv_command.h"

namespace mdhub::cli {
namespace {

constexpr size_t kUploadChunk = 1 << 20;

struct LayerArgs {
  ClientOptions client;
  std::string layer;
  std::string file;
  std::string format;
  bool json = false;
  // create
  std::string type, crs, title, description, owner;
  std::vector<std::string> properties;
  // import
  bool create = false, replace = false, repair = false;
  std::string source_crs, id_property, geometry_column, encoding, source_layer;
  // query / export / feature
  std::string bbox, intersects, within, contains, near, as_of, output_crs;
  // locate
  std::string x, y;
  double distance = 0;
  int k = 0;
  int limit = 100;
  std::vector<std::string> where;
  bool geojson = false;
};

using Stub = v1::SpatialService::Stub;

template <typename Body>
int WithSpatial(const LayerArgs& a, Body body) {
  auto channel = Connect(a.client);
  if (!channel.ok()) return ReportError(channel.status());
  auto stub = v1::SpatialService::NewStub(*channel);
  return body(*stub);
}

int BadFormat(const LayerArgs& a) {
  return ReportError(absl::InvalidArgumentError(absl::StrCat(
      "--format: cannot tell the format of ", a.file,
      "; give --format geojson, shapefile (a .zip), gpkg, fgb or csv")));
}

int Create(const LayerArgs& a) {
  v1::CreateLayerRequest req;
  v1::Layer* l = req.mutable_layer();
  l->set_id(a.layer);
  l->set_title(a.title);
  l->set_description(a.description);
  l->set_crs(a.crs);
  l->set_owner_agency(a.owner);
  v1::Layer::GeometryType type;
  if (!v1::Layer::GeometryType_Parse(absl::AsciiStrToUpper(a.type), &type)) {
    return ReportError(absl::InvalidArgumentError(
        "--type: one of point, line_string, polygon, multi_point, multi_line_string, "
        "multi_polygon, geometry"));
  }
  l->set_geometry_type(type);
  for (const std::string& p : a.properties) {
    if (absl::Status s = ParseProperty(p, l->add_schema()); !s.ok()) return ReportError(s);
  }
  return WithSpatial(a, [&](Stub& stub) {
    v1::Layer resp;
    auto ctx = NewContext(a.client);
    grpc::Status s = stub.CreateLayer(ctx.get(), req, &resp);
    if (!s.ok()) return ReportError(s);
    std::fputs(FormatLayer(resp).c_str(), stdout);
    return 0;
  });
}

int List(const LayerArgs& a) {
  return WithSpatial(a, [&](Stub& stub) {
    v1::ListLayersRequest req;
    req.set_owner_agency(a.owner);
    req.set_page_size(1000);
    v1::ListLayersResponse all;
    do {
      v1::ListLayersResponse page;
      auto ctx = NewContext(a.client);
      grpc::Status s = stub.ListLayers(ctx.get(), req, &page);
      if (!s.ok()) return ReportError(s);
      for (auto& l : *page.mutable_layers()) *all.add_layers() = std::move(l);
      req.set_page_token(page.next_page_token());
    } while (!req.page_token().empty());
    if (a.json) PrintJson(all);
    else std::fputs(FormatLayers(all).c_str(), stdout);
    return 0;
  });
}

int Show(const LayerArgs& a) {
  return WithSpatial(a, [&](Stub& stub) {
    v1::GetLayerRequest req;
    req.set_layer_id(a.layer);
    v1::Layer resp;
    auto ctx = NewContext(a.client);
    grpc::Status s = stub.GetLayer(ctx.get(), req, &resp);
    if (!s.ok()) return ReportError(s);
    if (a.json) PrintJson(resp);
    else std::fputs(FormatLayer(resp).c_str(), stdout);
    return 0;
  });
}

int Import(const LayerArgs& a) {
  const v1::FileFormat format = FormatOf(a.format, a.file);
  if (format == v1::FILE_FORMAT_UNSPECIFIED) return BadFormat(a);
  std::ifstream in(a.file, std::ios::binary | std::ios::ate);
  if (!in) {
    return ReportError(absl::NotFoundError(absl::StrCat(a.file, ": cannot read the file")));
  }
  const int64_t size = in.tellg();
  in.seekg(0);
  return WithSpatial(a, [&](Stub& stub) {
    grpc::ClientContext ctx;
    PrepareContext(a.client, &ctx, /*streaming=*/true);
    v1::ImportLayerResponse resp;
    auto stream = stub.ImportLayer(&ctx, &resp);
    v1::ImportLayerChunk header;
    v1::ImportLayerHeader* h = header.mutable_header();
    h->set_layer_id(a.layer);
    h->set_format(format);
    h->set_mode(a.replace ? v1::ImportLayerHeader::REPLACE : v1::ImportLayerHeader::UPSERT);
    h->set_feature_id_property(a.id_property);
    h->set_source_crs(a.source_crs);
    h->set_geometry_column(a.geometry_column);
    h->set_encoding(a.encoding);
    h->set_source_layer(a.source_layer);
    h->set_repair_invalid(a.repair);
    if (a.create) {
      h->mutable_create_layer()->set_title(a.title);
      h->mutable_create_layer()->set_crs(a.crs);
    }
    bool open = stream->Write(header);
    std::string buffer(kUploadChunk, '\0');
    int64_t sent = 0;
    absl::Time last = absl::Now();
    while (open && in) {
      in.read(buffer.data(), static_cast<std::streamsize>(buffer.size()));
      const std::streamsize n = in.gcount();
      if (n <= 0) break;
      v1::ImportLayerChunk chunk;
      chunk.set_data(buffer.data(), static_cast<size_t>(n));
      open = stream->Write(chunk);
      sent += n;
      if (absl::Now() - last > absl::Seconds(1)) {
        std::fprintf(stderr, "… sent %lld of %lld bytes\n", static_cast<long long>(sent),
                     static_cast<long long>(size));
        last = absl::Now();
      }
    }
    stream->WritesDone();
    std::fprintf(stderr, "… file sent; the server is importing it\n");
    grpc::Status s = stream->Finish();
    if (!s.ok()) return ReportError(s);
    if (a.json) PrintJson(resp);
    else std::fputs(FormatImport(resp).c_str(), stdout);
    return resp.rejected() > 0 ? 3 : 0;
  });
}

// --where and --as-of into a QueryFeaturesRequest or ExportLayerRequest.
template <typename Request>
absl::Status SetFilters(const LayerArgs& a, Request* req) {
  for (const std::string& w : a.where) {
    if (absl::Status s = ParseWhere(w, req->add_attribute_filters()); !s.ok()) return s;
  }
  if (a.as_of.empty()) return absl::OkStatus();
  return SetTime(a.as_of, "--as-of", req->mutable_as_of());
}

int Query(const LayerArgs& a) {
  v1::QueryFeaturesRequest req;
  req.set_layer_id(a.layer);
  req.set_output_crs(a.output_crs);
  req.set_page_size(std::min(a.limit, 10000));
  absl::Status s;
  if (!a.bbox.empty()) {
    s = SetBox(a.bbox, a.crs, req.mutable_bbox());
  } else if (!a.intersects.empty()) {
    s = SetGeometry(a.intersects, a.crs, req.mutable_intersects());
  } else if (!a.within.empty()) {
    s = SetGeometry(a.within, a.crs, req.mutable_within());
  } else if (!a.contains.empty()) {
    s = SetGeometry(a.contains, a.crs, req.mutable_contains());
  } else if (!a.near.empty()) {
    if (a.k > 0) {
      s = SetGeometry(a.near, a.crs, req.mutable_nearest()->mutable_geometry());
      req.mutable_nearest()->set_k(a.k);
      req.mutable_nearest()->set_max_distance_metres(a.distance);
    } else {
      s = SetGeometry(a.near, a.crs, req.mutable_distance_within()->mutable_geometry());
      req.mutable_distance_within()->set_distance_metres(a.distance);
    }
  }
  if (!s.ok()) return ReportError(s);
  if (absl::Status fs = SetFilters(a, &req); !fs.ok()) return ReportError(fs);
  return WithSpatial(a, [&](Stub& stub) {
    v1::QueryFeaturesResponse all;
    for (;;) {
      v1::QueryFeaturesResponse page;
      auto ctx = NewContext(a.client);
      grpc::Status gs = stub.QueryFeatures(ctx.get(), req, &page);
      if (!gs.ok()) {
        return ReportError(NameFlag(gs, {{"bbox", "--bbox"}, {"nearest.k", "--k"},
                                         {"distance_within.distance_metres", "--distance"},
                                         {"attribute_filters", "--where"}, {"output_crs", "--output-crs"}}));
      }
      for (auto& h : *page.mutable_hits()) *all.add_hits() = std::move(h);
      if (page.next_page_token().empty() || all.hits_size() >= a.limit) {
        all.set_next_page_token(page.next_page_token());
        break;
      }
      req.set_page_token(page.next_page_token());
    }
    if (a.geojson) std::fputs(HitsToGeoJson(all).c_str(), stdout);
    else if (a.json) PrintJson(all);
    else std::fputs(FormatHits(all).c_str(), stdout);
    if (!all.next_page_token().empty()) {
      std::fprintf(stderr, "mdhub: more features match; raise --limit to see them\n");
    }
    return 0;
  });
}

int Export(const LayerArgs& a) {
  const v1::FileFormat format = FormatOf(a.format, a.file);
  if (format == v1::FILE_FORMAT_UNSPECIFIED) return BadFormat(a);
  v1::ExportLayerRequest req;
  req.set_layer_id(a.layer);
  req.set_format(format);
  req.set_output_crs(a.output_crs);
  if (!a.bbox.empty()) {
    if (absl::Status bs = SetBox(a.bbox, "", req.mutable_bbox()); !bs.ok()) return ReportError(bs);
  }
  if (absl::Status fs = SetFilters(a, &req); !fs.ok()) return ReportError(fs);
  return WithSpatial(a, [&](Stub& stub) {
    grpc::ClientContext ctx;
    PrepareContext(a.client, &ctx, /*streaming=*/true);
    auto stream = stub.ExportLayer(&ctx, req);
    std::ofstream out(a.file, std::ios::binary | std::ios::trunc);
    if (!out) return ReportError(absl::PermissionDeniedError(absl::StrCat(a.file, ": cannot write")));
    v1::FileChunk chunk;
    int64_t bytes = 0;
    while (stream->Read(&chunk)) {
      out.write(chunk.data().data(), static_cast<std::streamsize>(chunk.data().size()));
      bytes += static_cast<int64_t>(chunk.data().size());
    }
    grpc::Status s = stream->Finish();
    if (!s.ok()) return ReportError(s);
    out.close();
    std::fprintf(stderr, "wrote %s (%lld bytes)\n", a.file.c_str(), static_cast<long long>(bytes));
    return 0;
  });
}

int Locate(const LayerArgs& a) {
  auto xy = Numbers(absl::StrCat(a.x, ",", a.y), 2, "x y");
  if (!xy.ok()) return ReportError(xy.status());
  return WithSpatial(a, [&](Stub& stub) {
    v1::LocateDivisionsRequest req;
    req.set_x((*xy)[0]);
    req.set_y((*xy)[1]);
    req.set_crs(a.crs);
    if (!a.as_of.empty()) {
      if (absl::Status ts = SetTime(a.as_of, "--as-of", req.mutable_as_of()); !ts.ok()) return ReportError(ts);
    }
    v1::LocateDivisionsResponse resp;
    auto ctx = NewContext(a.client);
    grpc::Status s = stub.LocateDivisions(ctx.get(), req, &resp);
    if (!s.ok()) return ReportError(s);
    if (a.json) {
      PrintJson(resp);
    } else if (resp.divisions().empty()) {
      std::printf("no division contains the point\n");
    } else {
      std::fputs(FormatDivisions(resp.divisions()).c_str(), stdout);
    }
    return 0;
  });
}

template <typename Configure>
void Add(CLI::App& parent, const char* name, const std::string& help, int* exit_code,
         int (*run)(const LayerArgs&), Configure configure) {
  auto a = std::make_shared<LayerArgs>();
  CLI::App* cmd = parent.add_subcommand(name, help);
  configure(*cmd, *a);
  a->client.AddTo(*cmd);
  cmd->callback([a, exit_code, run] { *exit_code = run(*a); });
}

void AddFilters(CLI::App& cmd, LayerArgs& a) {
  cmd.add_option("--where", a.where,
                 "attribute condition NAME OP VALUE, OP one of = != < <= > >= ^= (prefix); "
                 "NAME=null tests for null (repeatable, AND-ed)");
  cmd.add_option("--as-of", a.as_of,
                 "the layer as mdhub knew it at this time, RFC 3339, e.g. 2026-11-27T10:00:00Z");
  cmd.add_option("--output-crs", a.output_crs, "CRS of the output geometries, e.g. EPSG:3857");
}

}  // namespace

void AddLayerCommands(CLI::App& app, int* exit_code) {
  CLI::App* layer = app.add_subcommand(
      "layer",
      "The spatial one map: create and list layers, import and export them (GeoJSON, zipped "
      "Shapefile, GeoPackage, FlatGeobuf, CSV with WKT), and query their features by geometry, "
      "distance and attributes. Coordinates are x = longitude/easting, y = latitude/northing; "
      "the default CRS is CGCS2000 (EPSG:4490).");
  layer->require_subcommand(1);
  Add(*layer, "create",
      "Create an empty layer; only your agency will write it.\n"
      "  mdhub layer create land.parcel --type polygon --title 宗地 --property code:string! "
      "--property area:double",
      exit_code, Create, [](CLI::App& cmd, LayerArgs& a) {
        cmd.add_option("id", a.layer, "layer id: a-z, 0-9, '.', '_', '-'")->required();
        cmd.add_option("--type", a.type,
                       "geometry type: point, line_string, polygon, multi_point, "
                       "multi_line_string, multi_polygon or geometry (mixed)")
            ->required();
        cmd.add_option("--crs", a.crs, "CRS of stored coordinates (default EPSG:4490)");
        cmd.add_option("--title", a.title, "human-readable title");
        cmd.add_option("--description", a.description, "what the layer holds");
        cmd.add_option("--property", a.properties,
                       "schema property NAME:TYPE (string, integer, double, boolean, date, "
                       "datetime; trailing ! = required), repeatable");
      });
  Add(*layer, "list", "List the layers: id, title, owner, CRS, geometry type, feature count.",
      exit_code, List, [](CLI::App& cmd, LayerArgs& a) {
        cmd.add_option("--owner", a.owner, "only the layers of this agency");
        cmd.add_flag("--json", a.json, "print JSON instead of a table");
      });
  Add(*layer, "show", "Describe a layer: owner, CRS, type, feature count, extent, schema.",
      exit_code, Show, [](CLI::App& cmd, LayerArgs& a) {
        cmd.add_option("id", a.layer, "layer id")->required();
        cmd.add_flag("--json", a.json, "print JSON instead of text");
      });
  Add(*layer, "import",
      "Import a file into a layer (upsert by feature id; --replace also deletes the features "
      "the file lacks). Invalid features are rejected one by one and listed; the rest is "
      "imported. Exit code 3 when some were rejected.\n"
      "  mdhub layer import parcels.gpkg --layer land.parcel --create --id-property code",
      exit_code, Import, [](CLI::App& cmd, LayerArgs& a) {
        cmd.add_option("file", a.file, "the file (.geojson, .zip, .gpkg, .fgb, .csv)")->required();
        cmd.add_option("--layer", a.layer, "target layer id")->required();
        cmd.add_option("--format", a.format, "geojson, shapefile, gpkg, fgb or csv (default: by extension)");
        cmd.add_flag("--create", a.create, "create the layer from the file's schema, type and CRS");
        cmd.add_option("--title", a.title, "with --create: the layer's title");
        cmd.add_option("--crs", a.crs, "with --create: store in this CRS instead of the file's");
        cmd.add_flag("--replace", a.replace, "delete the layer's features that the file lacks");
        cmd.add_flag("--repair", a.repair, "repair invalid geometries (GEOS make-valid) instead of rejecting them");
        cmd.add_option("--id-property", a.id_property, "property holding the feature id (default: the file's FID)");
        cmd.add_option("--source-crs", a.source_crs, "CRS of the file when it does not say (CSV, Shapefile without .prj)");
        cmd.add_option("--geometry-column", a.geometry_column, "CSV: the WKT column (default WKT)");
        cmd.add_option("--encoding", a.encoding, "text encoding of the attributes, e.g. GBK");
        cmd.add_option("--source-layer", a.source_layer, "GeoPackage: which of its layers");
        cmd.add_flag("--json", a.json, "print the summary as JSON");
      });
  Add(*layer, "export", "Export a layer, or the part matching --bbox/--where, to a file.\n"
      "  mdhub layer export land.parcel parcels.fgb --output-crs EPSG:3857",
      exit_code, Export, [](CLI::App& cmd, LayerArgs& a) {
        cmd.add_option("id", a.layer, "layer id")->required();
        cmd.add_option("file", a.file, "output file (.geojson, .zip, .gpkg, .fgb, .csv)")->required();
        cmd.add_option("--format", a.format, "geojson, shapefile, gpkg, fgb or csv (default: by extension)");
        cmd.add_option("--bbox", a.bbox, "only features intersecting MINX,MINY,MAXX,MAXY");
        AddFilters(cmd, a);
      });
  Add(*layer, "locate",
      "The administrative divisions containing a point, province first (the built-in province "
      "layer, and city / county / township layers where they have been imported).\n"
      "  mdhub layer locate 108.32 22.82",
      exit_code, Locate, [](CLI::App& cmd, LayerArgs& a) {
        cmd.add_option("x", a.x, "longitude (or easting)")->required();
        cmd.add_option("y", a.y, "latitude (or northing)")->required();
        cmd.add_option("--crs", a.crs, "CRS of x and y (default EPSG:4490)");
        cmd.add_option("--as-of", a.as_of, "as the divisions were at this time, RFC 3339");
        cmd.add_flag("--json", a.json, "print JSON");
      });
  AddLocateCsvCommand(*layer, exit_code);
  Add(*layer, "query",
      "Query a layer's features. One spatial filter: --bbox, --intersects, --within, "
      "--contains, or --near with --distance (metres) or --k (nearest). Geometries are x,y "
      "(a point), WKT or GeoJSON.\n"
      "  mdhub layer query land.parcel --contains 108.32,22.81\n"
      "  mdhub layer query poi --near 108.32,22.81 --k 5 --geojson",
      exit_code, Query, [](CLI::App& cmd, LayerArgs& a) {
        cmd.add_option("id", a.layer, "layer id")->required();
        auto* bbox = cmd.add_option("--bbox", a.bbox, "intersecting MINX,MINY,MAXX,MAXY");
        auto* inter = cmd.add_option("--intersects", a.intersects, "intersecting this geometry");
        auto* within = cmd.add_option("--within", a.within, "lying within this geometry");
        auto* contains = cmd.add_option("--contains", a.contains, "containing this geometry");
        auto* near = cmd.add_option("--near", a.near, "reference geometry for --distance / --k");
        for (auto* o : {bbox, inter, within, contains, near}) {
          for (auto* other : {bbox, inter, within, contains, near}) {
            if (o != other) o->excludes(other);
          }
        }
        cmd.add_option("--distance", a.distance, "with --near: within this many metres (with --k: at most)");
        cmd.add_option("--k", a.k, "with --near: the k nearest")->check(CLI::Range(1, 1000));
        cmd.add_option("--crs", a.crs, "CRS of the query geometry (default: the layer's)");
        cmd.add_option("--limit", a.limit, "show at most this many")->capture_default_str();
        cmd.add_flag("--geojson", a.geojson, "print a GeoJSON FeatureCollection");
        cmd.add_flag("--json", a.json, "print the response as JSON");
        AddFilters(cmd, a);
      });
}

}  // namespace mdhub::cli
