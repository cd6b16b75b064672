#include "geo/nearest.h"

#include <algorithm>
#include <cmath>
#include <queue>

#include "absl/container/flat_hash_set.h"
#include "absl/strings/str_cat.h"
#include "geo/geodesic.h"

namespace mdhub::geo {
namespace {

constexpr double kRad = M_PI / 180;
constexpr double kMinRadius = 6378137.0 * (1 - 0.00669438002290);  // GRS80 a(1 - e^2)
// A node whose expected number of entries is at most this is read whole (one range per level)
// rather than split into its four children.
constexpr double kScanWholeBelow = 96;

double Angle(double lon1, double lat1, double lon2, double lat2) {
  const double s1 = std::sin((lat2 - lat1) * kRad / 2);
  const double s2 = std::sin((lon2 - lon1) * kRad / 2);
  const double h = s1 * s1 + std::cos(lat1 * kRad) * std::cos(lat2 * kRad) * s2 * s2;
  return 2 * std::asin(std::min(1.0, std::sqrt(h)));
}

struct Item {
  double key;      // lower bound (kinds 0 and 1) or the exact distance (kind 2), metres
  int kind;        // 0 node, 1 index entry, 2 entry with its exact distance
  CellGrid::Node node;
  std::string id;
  store::Box bbox;
  bool operator>(const Item& o) const {
    if (key != o.key) return key > o.key;
    // At equal keys, nodes and entries first: one may yet have this exact distance and a
    // smaller id.
    if (kind != o.kind) return kind > o.kind;
    return id > o.id;
  }
};

bool IsPoint(const store::Box& b) { return b.min_x() == b.max_x() && b.min_y() == b.max_y(); }

}  // namespace

double GeodesicLowerBoundToBox(double lon, double lat, const Box& b) {
  const double clamped_lat = std::clamp(lat, b.min_y, b.max_y);
  if (lon >= b.min_x && lon <= b.max_x) {
    return kMinRadius * std::fabs(lat - clamped_lat) * kRad;  // along the meridian
  }
  // Outside the box's longitudes the nearest point lies on a meridian edge: on every parallel,
  // distance grows with the longitude difference.
  double best = M_PI;
  for (double edge : {b.min_x, b.max_x}) {
    double dl = std::remainder(lon - edge, 360.0) * kRad;
    double phi;
    if (std::cos(dl) > 0) {
      phi = std::atan(std::tan(lat * kRad) / std::cos(dl)) / kRad;
    } else {
      phi = lat >= 0 ? 90 : -90;
    }
    best = std::min(best, Angle(lon, lat, edge, std::clamp(phi, b.min_y, b.max_y)));
  }
  return kMinRadius * best;
}

absl::StatusOr<std::vector<std::pair<double, std::string>>> NearestBestFirst(
    const OneMap& map, const LayerInfo& layer, const store::LayerStats& stats,
    const NearestRequest& r, const store::Snapshot* snapshot) {
  std::vector<std::pair<double, std::string>> out;
  if (stats.level_mask() == 0) return out;
  const int deepest = 31 - __builtin_clz(stats.level_mask());
  const Box domain = layer.crs.world_bounds();
  const double domain_area = (domain.max_x - domain.min_x) * (domain.max_y - domain.min_y);
  double density = 0;  // entries per unit of area, over the layer's extent
  if (stats.has_extent()) {
    const store::Box& e = stats.extent();
    const double area = std::max((e.max_x() - e.min_x()) * (e.max_y() - e.min_y()), domain_area * 1e-12);
    density = stats.feature_count() / area;
  }
  const int64_t t = r.as_of ? absl::ToUnixMicros(*r.as_of) : 0;
  const double limit = r.max_distance > 0 ? r.max_distance : std::numeric_limits<double>::infinity();
  std::priority_queue<Item, std::vector<Item>, std::greater<Item>> queue;
  absl::flat_hash_set<std::string> seen;
  // The k smallest exact distances known so far (a max-heap): nothing whose lower bound exceeds
  // the largest of them can be among the k nearest.
  std::priority_queue<double> best;
  auto bound = [&] { return static_cast<int>(best.size()) < r.k ? limit : std::min(limit, best.top()); };
  queue.push({0, 0, {0, 0, 0}, "", {}});

  store::FeatureStore::CellCursor current = map.features().OpenCells(layer.layer.id(), false, snapshot);
  std::optional<store::FeatureStore::CellCursor> superseded;
  if (r.as_of) superseded.emplace(map.features().OpenCells(layer.layer.id(), true, snapshot));
  auto scan = [&](uint64_t first, uint64_t last) -> absl::Status {
    for (bool history : {false, true}) {
      if (history && !r.as_of) continue;
      absl::Status s = (history ? *superseded : current).Scan(
          first, last, [&](const store::CellEntry& e) {
            if (r.as_of && (e.from_us > t || (history && e.to_us <= t))) return true;
            // A point is indexed under one cell only; other boxes under up to four.
            const bool point = IsPoint(e.bbox);
            const Box b{e.bbox.min_x(), e.bbox.min_y(), e.bbox.max_x(), e.bbox.max_y()};
            const double lb = point ? GeodesicLowerBound(r.lon, r.lat, b.min_x, b.min_y)
                                    : GeodesicLowerBoundToBox(r.lon, r.lat, b);
            if (lb > bound()) return true;
            if (!point && !seen.insert(e.feature_id).second) return true;
            queue.push({lb, 1, {}, e.feature_id, e.bbox});
            return true;
          });
      if (!s.ok()) return s;
    }
    return absl::OkStatus();
  };

  while (!queue.empty() && static_cast<int>(out.size()) < r.k) {
    Item item = queue.top();
    queue.pop();
    if (item.key > limit) break;
    if (item.kind != 2 && item.key > bound()) continue;
    if (item.kind == 2) {
      out.emplace_back(item.key, std::move(item.id));
      continue;
    }
    if (item.kind == 1) {
      // The exact distance; read the feature when its geometry or the filters need it.
      const bool need_feature = !IsPoint(item.bbox) || (r.filter != nullptr && !r.filter->empty());
      double d;
      if (need_feature) {
        absl::StatusOr<store::Feature> f =
            map.features().GetFeature(layer.layer.id(), item.id, r.as_of);
        if (absl::IsNotFound(f.status())) continue;
        if (!f.ok()) return f.status();
        if (f->deleted()) continue;
        if (r.filter != nullptr && !r.filter->Matches(f->properties())) continue;
        absl::StatusOr<Geometry> g = Geometry::FromWkb(f->wkb());
        if (!g.ok()) return absl::DataLossError(absl::StrCat("stored geometry of ", item.id));
        d = GeodesicDistance(Geometry::Point(r.lon, r.lat), *g);
      } else {
        d = GeodesicDistance(r.lon, r.lat, item.bbox.min_x(), item.bbox.min_y());
      }
      if (d > bound()) continue;
      best.push(d);
      if (static_cast<int>(best.size()) > r.k) best.pop();
      queue.push({d, 2, {}, std::move(item.id), {}});
      continue;
    }
    // A node: read it whole when few entries are expected (or nothing lies deeper), else read
    // its own cell and queue its children.
    const CellGrid::Node& n = item.node;
    const Box box = layer.grid.NodeBox(n);
    // Entries expected in the node: the layer's density over the part of the node inside the
    // layer's extent. (As of a past time, features may have lain outside today's extent.)
    double overlap = (box.max_x - box.min_x) * (box.max_y - box.min_y);
    if (stats.has_extent() && !r.as_of) {
      const store::Box& e = stats.extent();
      const double w = std::min(box.max_x, e.max_x()) - std::max(box.min_x, e.min_x());
      const double h = std::min(box.max_y, e.max_y()) - std::max(box.min_y, e.min_y());
      if (w < 0 || h < 0) continue;  // nothing there
      overlap = std::max(w, 0.0) * std::max(h, 0.0);
    }
    const double expected = density * overlap;
    if (expected <= kScanWholeBelow || n.level >= deepest) {
      for (int level = n.level; level <= deepest; ++level) {
        if ((stats.level_mask() & (uint32_t{1} << level)) == 0) continue;
        const auto [first, last] = CellGrid::DescendantRange(n, level);
        if (absl::Status s = scan(first, last); !s.ok()) return s;
      }
      continue;
    }
    if (stats.level_mask() & (uint32_t{1} << n.level)) {
      const uint64_t cell = CellGrid::CellOf(n);
      if (absl::Status s = scan(cell, cell); !s.ok()) return s;
    }
    for (uint32_t c = 0; c < 4; ++c) {
      const CellGrid::Node child{n.level + 1, (n.column << 1) | (c & 1), (n.row << 1) | (c >> 1)};
      const double lb = GeodesicLowerBoundToBox(r.lon, r.lat, layer.grid.NodeBox(child));
      if (lb <= bound()) queue.push({lb, 0, child, "", {}});
    }
  }
  return out;
}

}  // namespace mdhub::geo
