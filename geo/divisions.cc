#include "geo/divisions.h"

#include <map>
#include <utility>

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "geo/query.h"
#include "nlohmann/json.hpp"

namespace mdhub::embedded {
extern const char kNaturalEarthProvinces[];
extern const char kDivisionProvincesCsv[];
}  // namespace mdhub::embedded

namespace mdhub::geo {
namespace {

// Natural Earth features without an ISO 3166-2 subdivision number, by English name.
const std::map<std::string, std::string>& CodesByName() {
  static const auto* codes = new std::map<std::string, std::string>{{"Fujian", "35"}};
  return *codes;
}

// GB/T 2260 province names by 2-digit code, from the embedded provinces.csv ("code,name").
std::map<std::string, std::string> ProvinceNames() {
  std::map<std::string, std::string> names;
  bool header = true;
  for (absl::string_view line : absl::StrSplit(embedded::kDivisionProvincesCsv, '\n')) {
    if (header || line.empty()) {
      header = false;
      continue;
    }
    std::vector<std::string> cells = absl::StrSplit(line, absl::MaxSplits(',', 1));
    if (cells.size() != 2) continue;
    std::string name = cells[1];
    name.erase(std::remove(name.begin(), name.end(), '"'), name.end());
    names[cells[0]] = name;
  }
  return names;
}

store::Layer ProvinceLayer() {
  store::Layer layer;
  layer.set_id(kDivisionLayers[0]);
  layer.set_title("省级行政区划");
  layer.set_description(
      "Province-level divisions of mainland China keyed by GB/T 2260 code. Polygons: Natural Earth "
      "10m admin-1 (public domain), generalised at 1:10,000,000 — right for locating a point in "
      "its province away from borders, not for cadastral work.");
  layer.set_owner_agency(kBuiltinOwner);
  layer.set_epsg(4490);
  layer.set_geometry_type(store::MULTI_POLYGON);
  layer.set_update_cycle(7);  // IRREGULAR
  for (const char* name : {"code", "name", "name_en"}) {
    store::PropertyDef* def = layer.add_schema();
    def->set_name(name);
    def->set_type(store::PropertyDef::STRING);
    def->set_required(std::string(name) != "name_en");
  }
  layer.mutable_schema(0)->set_description("GB/T 2260 代码 (6 位)");
  layer.mutable_schema(1)->set_description("名称");
  return layer;
}

}  // namespace

absl::StatusOr<int> EnsureProvinceLayer(OneMap& map) {
  if (map.GetLayer(kDivisionLayers[0]).ok()) return 0;
  auto created = map.CreateLayer(ProvinceLayer());
  if (!created.ok() && !absl::IsAlreadyExists(created.status())) return created.status();
  const std::map<std::string, std::string> names = ProvinceNames();
  const nlohmann::json fc = nlohmann::json::parse(embedded::kNaturalEarthProvinces, nullptr, false);
  if (fc.is_discarded() || !fc.contains("features")) {
    return absl::InternalError("embedded province polygons are not GeoJSON");
  }
  std::vector<FeatureMutation> batch;
  for (const nlohmann::json& f : fc["features"]) {
    if (f["geometry"].is_null()) continue;  // the Paracel Islands carry no geometry
    const nlohmann::json& p = f["properties"];
    const std::string iso = p.value("iso_3166_2", "");
    const std::string en = p.value("name", "");
    std::string code = iso.size() > 3 ? iso.substr(3) : "";
    if (code.empty() && CodesByName().count(en) > 0) code = CodesByName().at(en);
    if (code.empty() || names.count(code) == 0) continue;
    absl::StatusOr<Geometry> g = Geometry::FromGeoJson(f["geometry"].dump());
    if (!g.ok()) return absl::InternalError(absl::StrCat("province ", en, ": ", g.status().message()));
    FeatureMutation m;
    m.layer_id = kDivisionLayers[0];
    m.feature_id = absl::StrCat(code, "0000");
    m.geometry = *std::move(g);
    m.properties["code"].set_string_value(m.feature_id);
    m.properties["name"].set_string_value(names.at(code));
    m.properties["name_en"].set_string_value(en);
    batch.push_back(std::move(m));
  }
  WriteOptions options;
  options.repair_invalid = true;  // generalised polygons may touch themselves
  options.per_item_index = true;
  auto results = map.Write(std::move(batch), options);
  if (!results.ok()) return results.status();
  int loaded = 0;
  for (const auto& r : *results) {
    if (!r.ok()) return r.status();
    ++loaded;
  }
  return loaded;
}

namespace {

// A division layer held in memory with prepared polygons, valid while the layer's last change
// stays the same. Per thread: GEOS 3.11 prepared geometries are not safe to share.
struct CachedLayer {
  struct Entry {
    Box box;
    Geometry geometry;
    std::unique_ptr<PreparedGeometry> prepared;
    store::Feature feature;  // without geometry
  };
  uint64_t map = 0;  // OneMap::instance() of the store it was read from
  int64_t change_sequence = -1;
  std::vector<Entry> entries;
};

absl::StatusOr<const CachedLayer*> Cached(const OneMap& map, const char* layer_id,
                                          int64_t change_sequence) {
  thread_local std::map<std::string, CachedLayer> cache;
  CachedLayer& c = cache[layer_id];
  if (c.map == map.instance() && c.change_sequence == change_sequence) return &c;
  c.map = map.instance();
  c.entries.clear();
  absl::Status s = map.features().ScanFeatures(layer_id, "", nullptr, [&](const store::Feature& f) {
    absl::StatusOr<Geometry> g = Geometry::FromWkb(f.wkb());
    if (!g.ok()) return true;
    CachedLayer::Entry e{g->Envelope(), *std::move(g), nullptr, f};
    e.feature.clear_wkb();
    c.entries.push_back(std::move(e));
    return true;
  });
  if (!s.ok()) return s;
  for (auto& e : c.entries) e.prepared = std::make_unique<PreparedGeometry>(e.geometry);
  c.change_sequence = change_sequence;
  return &c;
}

// The features of a division layer covering the point (in the layer's CRS), from the cache.
absl::StatusOr<std::vector<const store::Feature*>> Covering(const OneMap& map,
                                                            const char* layer_id,
                                                            int64_t change_sequence, double x,
                                                            double y) {
  absl::StatusOr<const CachedLayer*> cached = Cached(map, layer_id, change_sequence);
  if (!cached.ok()) return cached.status();
  std::vector<const store::Feature*> out;
  std::optional<Geometry> point;
  for (const CachedLayer::Entry& e : (*cached)->entries) {
    if (x < e.box.min_x || x > e.box.max_x || y < e.box.min_y || y > e.box.max_y) continue;
    if (!point) point = Geometry::Point(x, y);
    if (e.prepared->Intersects(*point)) out.push_back(&e.feature);
  }
  return out;
}

// Which division layers exist and their last changes, as this thread last read them. Read again
// when this process has committed any change since, and at least every second (for writers in
// other processes sharing the store).
struct Presence {
  uint64_t map = 0;
  int64_t validated_sequence = -1;
  absl::Time validated_at;
  bool exists[std::size(kDivisionLayers)] = {};
  int64_t change_sequence[std::size(kDivisionLayers)] = {};
};

absl::StatusOr<const Presence*> DivisionLayers(const OneMap& map) {
  thread_local Presence presence;
  const int64_t last = map.entities().LastSequence();
  const absl::Time now = absl::Now();
  if (presence.map == map.instance() && last == presence.validated_sequence &&
      now - presence.validated_at < absl::Seconds(1)) {
    return &presence;
  }
  for (size_t i = 0; i < std::size(kDivisionLayers); ++i) {
    absl::StatusOr<store::LayerStats> stats = map.features().GetLayerStats(kDivisionLayers[i]);
    presence.exists[i] = stats.ok();
    if (!stats.ok() && !absl::IsNotFound(stats.status())) return stats.status();
    presence.change_sequence[i] = stats.ok() ? stats->change_sequence() : 0;
  }
  presence.map = map.instance();
  presence.validated_sequence = last;
  presence.validated_at = now;
  return &presence;
}

}  // namespace

absl::StatusOr<std::vector<Division>> LocateDivisions(const OneMap& map, double x, double y,
                                                      const std::string& crs,
                                                      std::optional<absl::Time> as_of) {
  if (absl::Status s = map.Ready(); !s.ok()) return s;
  absl::StatusOr<const Presence*> layers = DivisionLayers(map);
  if (!layers.ok()) return layers.status();
  std::vector<Division> chain;
  int level = 0;
  for (const char* layer_id : kDivisionLayers) {
    ++level;
    if (!(*layers)->exists[level - 1]) continue;
    std::vector<store::Feature> past;  // as_of: the features found
    std::vector<const store::Feature*> hits;
    auto info = map.Info(layer_id);
    if (!info.ok()) return info.status();
    double lx = x, ly = y;
    if (!crs.empty()) {
      absl::StatusOr<CrsTransform> t = TransformFrom(crs, (*info)->crs);
      if (!t.ok()) return absl::InvalidArgumentError(absl::StrCat("crs: ", t.status().message()));
      if (absl::Status ts = t->ApplyPoint(lx, ly); !ts.ok()) {
        return absl::InvalidArgumentError(absl::StrCat("x, y: ", ts.message()));
      }
    }
    if (as_of) {
      // Divisions as they were: through the index and its history.
      SpatialQuery q;
      q.layer_id = layer_id;
      q.op = SpatialQuery::Op::kIntersects;  // covers: a point on a boundary is in both
      q.geometry = Geometry::Point(lx, ly);
      q.as_of = as_of;
      q.page_size = 16;
      absl::StatusOr<QueryResult> found = RunQuery(map, q);
      if (!found.ok()) return found.status();
      for (QueryHit& hit : found->hits) past.push_back(*hit.feature);
      for (const store::Feature& f : past) hits.push_back(&f);
    } else {
      auto found = Covering(map, layer_id, (*layers)->change_sequence[level - 1], lx, ly);
      if (!found.ok()) return found.status();
      hits = *std::move(found);
    }
    const store::Feature* best = nullptr;
    std::string best_code;
    for (const store::Feature* f : hits) {
      const store::PropertyValue* code = FindValue(f->properties(), "code");
      const std::string c =
          code == nullptr ? f->feature_id() : code->string_value();
      if (best == nullptr || c < best_code) {
        best = f;
        best_code = c;
      }
    }
    if (best == nullptr) continue;
    Division d;
    d.level = level;
    d.code = best_code;
    if (const store::PropertyValue* name = FindValue(best->properties(), "name")) {
      d.name = name->string_value();
    }
    d.layer_id = layer_id;
    d.feature_id = best->feature_id();
    d.entity_id = best->entity_id();
    chain.push_back(std::move(d));
  }
  return chain;
}

}  // namespace mdhub::geo
