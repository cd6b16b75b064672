#include "geo/query.h"

#include <algorithm>
#include <cmath>
#include <utility>

#include "absl/container/flat_hash_map.h"
#include "absl/strings/escaping.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "geo/geodesic.h"
#include "geo/internal/query_runner.h"
#include "geo/nearest.h"

namespace mdhub::geo {
namespace {

using internal::Encloses;
using internal::Fetch;
using internal::InsideBox;
using internal::Intersects;
using internal::OnArena;
using internal::Runner;

constexpr int kMaxPageSize = 10000;
constexpr int kMaxNearest = 1000;
constexpr int kEpsgCgcs2000 = 4490;

absl::Status Bad(absl::string_view field, absl::string_view problem) {
  return absl::InvalidArgumentError(absl::StrCat(field, ": ", problem));
}

const char* FilterField(SpatialQuery::Op op) {
  switch (op) {
    case SpatialQuery::Op::kBbox: return "bbox";
    case SpatialQuery::Op::kIntersects: return "intersects";
    case SpatialQuery::Op::kWithin: return "within";
    case SpatialQuery::Op::kContains: return "contains";
    case SpatialQuery::Op::kDistanceWithin: return "distance_within";
    case SpatialQuery::Op::kNearest: return "nearest";
    default: return "query";
  }
}

// Distances in metres between geometries in a layer's CRS: geodesic on the ellipsoid, through
// CGCS2000 longitude/latitude for projected layers.
class Metric {
 public:
  static absl::StatusOr<Metric> For(const LayerInfo& layer) {
    Metric m;
    if (!layer.crs.geographic()) {
      absl::StatusOr<Crs> geo = Crs::FromEpsg(kEpsgCgcs2000);
      if (!geo.ok()) return geo.status();
      absl::StatusOr<CrsTransform> to = CrsTransform::Create(layer.crs, *geo);
      if (!to.ok()) return to.status();
      absl::StatusOr<CrsTransform> back = CrsTransform::Create(*geo, layer.crs);
      if (!back.ok()) return back.status();
      m.to_geographic_ = *std::move(to);
      m.from_geographic_ = *std::move(back);
    }
    return m;
  }
  // The geometry in longitude/latitude.
  absl::StatusOr<Geometry> Geographic(const Geometry& g) const {
    Geometry out = g.Clone();
    if (to_geographic_) {
      if (absl::Status s = to_geographic_->Apply(out); !s.ok()) return s;
    }
    return out;
  }
  // A box in the layer's CRS holding every point within `metres` of the geometry (geographic).
  absl::StatusOr<Box> SearchBox(const Geometry& geographic, double metres) const {
    Box box = GeographicSearchBox(geographic.Envelope(), metres);
    if (from_geographic_) {
      if (absl::Status s = from_geographic_->ApplyBox(box); !s.ok()) return s;
    }
    return box;
  }

 private:
  std::optional<CrsTransform> to_geographic_;
  std::optional<CrsTransform> from_geographic_;
};

absl::StatusOr<std::string> DecodeToken(absl::string_view token, char kind) {
  if (token.empty()) return std::string();
  std::string bytes;
  if (token.size() < 2 || token[0] != kind || !absl::Base64Unescape(token.substr(1), &bytes)) {
    return Bad("page_token", "not a page token of this query (send the other fields unchanged)");
  }
  return bytes;
}

std::string EncodeToken(char kind, absl::string_view value) {
  return absl::StrCat(std::string(1, kind), absl::Base64Escape(value));
}

}  // namespace

absl::StatusOr<QueryResult> RunQuery(const OneMap& map, const SpatialQuery& q) {
  if (q.page_size < 0 || q.page_size > kMaxPageSize) {
    return Bad("page_size", absl::StrCat("must be between 0 and ", kMaxPageSize));
  }
  const size_t page = q.page_size == 0 ? 100 : q.page_size;
  absl::StatusOr<std::shared_ptr<const LayerInfo>> info_or = map.Info(q.layer_id);
  if (!info_or.ok()) return info_or.status();
  const LayerInfo& info = **info_or;
  // The layer's statistics (levels in use, extent, count): one read, not the whole definition.
  absl::StatusOr<store::LayerStats> stats = map.features().GetLayerStats(q.layer_id);
  if (!stats.ok()) return stats.status();
  absl::StatusOr<FeatureFilter> filter =
      FeatureFilter::Compile(info.layer, q.filters, "attribute_filters");
  if (!filter.ok()) return filter.status();
  Runner run(map, q, info, stats->level_mask(), *std::move(filter));
  const std::string field = FilterField(q.op);
  QueryResult result;

  // The reference geometry in the layer's CRS.
  Geometry ref;
  if (q.op != SpatialQuery::Op::kAll) {
    ref = q.op == SpatialQuery::Op::kBbox ? Geometry::Rectangle(q.bbox) : q.geometry.Clone();
    if (q.op == SpatialQuery::Op::kBbox &&
        !(q.bbox.min_x <= q.bbox.max_x && q.bbox.min_y <= q.bbox.max_y)) {
      return Bad("bbox", "min_x <= max_x and min_y <= max_y are required");
    }
    if (ref.is_null() || ref.IsEmpty()) return Bad(absl::StrCat(field, ".geometry"), "required");
    if (!q.crs.empty()) {
      absl::StatusOr<CrsTransform> t = TransformFrom(q.crs, info.crs);
      if (!t.ok()) return Bad(absl::StrCat(field, ".crs"), t.status().message());
      if (absl::Status s = t->Apply(ref); !s.ok()) return Bad(field, s.message());
    }
  }

  // Every feature, in id order: a scan of the layer's features.
  if (q.op == SpatialQuery::Op::kAll && !q.as_of) {
    absl::StatusOr<std::string> after = DecodeToken(q.page_token, 'f');
    if (!after.ok()) return after.status();
    absl::Status s = map.features().ScanFeatures(
        q.layer_id, *after, run.snapshot(), [&](const store::Feature& f) {
          if (!run.Matches(f.properties())) return true;
          if (result.hits.size() == page) {
            result.next_page_token = EncodeToken('f', result.hits.back().feature->feature_id());
            return false;
          }
          result.hits.push_back(run.Hit(OnArena(f, run.arena()), -1));
          return true;
        });
    if (!s.ok()) return s;
    return result;
  }

  // Predicates: candidates from the index, refined with the prepared reference geometry, in id
  // order.
  if (q.op != SpatialQuery::Op::kDistanceWithin && q.op != SpatialQuery::Op::kNearest) {
    absl::StatusOr<std::string> after = DecodeToken(q.page_token, 'f');
    if (!after.ok()) return after.status();
    const Box box = q.op == SpatialQuery::Op::kAll ? info.crs.world_bounds() : ref.Envelope();
    const SpatialQuery::Op op = q.op;
    absl::StatusOr<std::vector<std::string>> ids =
        run.Candidates(box, [&](const store::Box& b) {
          if (op == SpatialQuery::Op::kAll) return true;
          if (op == SpatialQuery::Op::kWithin) return InsideBox(b, box);
          if (op == SpatialQuery::Op::kContains) return Encloses(b, box);
          return Intersects(b, box);
        });
    if (!ids.ok()) return ids.status();
    std::optional<PreparedGeometry> prepared;
    if (op != SpatialQuery::Op::kAll) prepared.emplace(ref);
    absl::StatusOr<std::vector<QueryHit>> found = run.Refine(
        *ids, *after, page + 1,
        [&](const store::Feature&, const Geometry& g) -> absl::StatusOr<bool> {
          switch (op) {
            case SpatialQuery::Op::kAll: return true;
            case SpatialQuery::Op::kWithin: return prepared->Contains(g);
            case SpatialQuery::Op::kContains: return g.Contains(ref);
            default: return prepared->Intersects(g);
          }
        },
        op == SpatialQuery::Op::kBbox && q.crs.empty() ? &box : nullptr);
    if (!found.ok()) return found.status();
    for (QueryHit& hit : *found) {
      if (result.hits.size() == page) {
        result.next_page_token = EncodeToken('f', result.hits.back().feature->feature_id());
        break;
      }
      result.hits.push_back(std::move(hit));
    }
    return result;
  }

  // Distances: geodesic metres; nearest first, then by id.
  absl::StatusOr<std::string> offset_text = DecodeToken(q.page_token, 'o');
  if (!offset_text.ok()) return offset_text.status();
  size_t offset = 0;
  if (!offset_text->empty() && !absl::SimpleAtoi(*offset_text, &offset)) {
    return Bad("page_token", "not a page token of this query");
  }
  if (q.op == SpatialQuery::Op::kDistanceWithin && !(q.distance_metres > 0)) {
    return Bad("distance_within.distance_metres", "must be greater than 0");
  }
  if (q.op == SpatialQuery::Op::kNearest && (q.k < 1 || q.k > kMaxNearest)) {
    return Bad("nearest.k", absl::StrCat("must be between 1 and ", kMaxNearest));
  }
  if (q.op == SpatialQuery::Op::kNearest && q.distance_metres < 0) {
    return Bad("nearest.max_distance_metres", "must not be negative");
  }
  absl::StatusOr<Metric> metric = Metric::For(info);
  if (!metric.ok()) return metric.status();
  absl::StatusOr<Geometry> ref_geo = metric->Geographic(ref);
  if (!ref_geo.ok()) return Bad(field, ref_geo.status().message());

  // Distances found so far (across rounds). Point features take theirs from the index entry's
  // degenerate box, without reading the feature, unless attribute filters need the feature.
  absl::flat_hash_map<std::string, double> distance_of;
  std::vector<std::pair<double, std::string>> near;  // within the current radius
  std::optional<std::pair<double, double>> ref_point;  // lon/lat when the reference is a point
  if (ref_geo->type() == store::POINT) {
    const Box p = ref_geo->Envelope();
    ref_point.emplace(p.min_x, p.min_y);
  }
  auto within = [&](double radius) -> absl::Status {
    near.clear();
    absl::StatusOr<Box> box = metric->SearchBox(*ref_geo, radius);
    if (!box.ok()) return box.status();
    const Box b = *box;
    std::vector<store::Box> boxes;
    absl::StatusOr<std::vector<std::string>> ids =
        run.Candidates(b, [&](const store::Box& e) { return Intersects(e, b); }, &boxes);
    if (!ids.ok()) return ids.status();
    std::vector<std::string> unknown;
    for (size_t i = 0; i < ids->size(); ++i) {
      const std::string& id = (*ids)[i];
      auto it = distance_of.find(id);
      const store::Box& e = boxes[i];
      if (it == distance_of.end() && !run.has_filter() && e.min_x() == e.max_x() &&
          e.min_y() == e.max_y()) {
        double d;
        if (ref_point && info.crs.geographic()) {
          // Far ones are ruled out by the cheap bound, without the exact distance.
          if (GeodesicLowerBound(ref_point->first, ref_point->second, e.min_x(), e.min_y()) >
              radius) {
            continue;
          }
          d = GeodesicDistance(ref_point->first, ref_point->second, e.min_x(), e.min_y());
        } else {
          absl::StatusOr<Geometry> p = metric->Geographic(Geometry::Point(e.min_x(), e.min_y()));
          if (!p.ok()) return p.status();
          d = GeodesicDistance(*ref_geo, *p);
        }
        it = distance_of.emplace(id, d).first;
      }
      if (it == distance_of.end()) {
        unknown.push_back(id);
      } else if (it->second <= radius) {
        near.emplace_back(it->second, id);
      }
    }
    if (unknown.empty()) return absl::OkStatus();
    absl::StatusOr<std::vector<QueryHit>> found = run.Refine(
        unknown, "", unknown.size(),
        [&](const store::Feature& f, const Geometry& g) -> absl::StatusOr<bool> {
          absl::StatusOr<Geometry> gg = metric->Geographic(g);
          if (!gg.ok()) return gg.status();
          const double d = GeodesicDistance(*ref_geo, *gg);
          distance_of.emplace(f.feature_id(), d);
          return d <= radius;
        });
    if (!found.ok()) return found.status();
    for (const QueryHit& hit : *found) {
      near.emplace_back(distance_of[hit.feature->feature_id()], hit.feature->feature_id());
    }
    return absl::OkStatus();
  };

  if (q.op == SpatialQuery::Op::kDistanceWithin) {
    if (absl::Status s = within(q.distance_metres); !s.ok()) return s;
  } else if (ref_point && info.crs.geographic()) {
    // A point on a geographic layer: best first over the index.
    NearestRequest request{ref_point->first, ref_point->second, q.k, q.distance_metres, q.as_of,
                           &run.filter()};
    auto found = NearestBestFirst(map, info, *stats, request, run.snapshot());
    if (!found.ok()) return found.status();
    near = *std::move(found);
    for (const auto& [d, id] : near) distance_of[id] = d;
  } else {
    // Grow the radius until k features lie within it (or nothing more can be found).
    const int64_t count = stats->feature_count();
    const double max = q.distance_metres > 0 ? q.distance_metres : 2.1e7;  // half the equator
    double radius = 1000;
    if (count > 0 && stats->has_extent()) {
      absl::StatusOr<Geometry> extent = metric->Geographic(Geometry::Rectangle(
          {stats->extent().min_x(), stats->extent().min_y(),
           stats->extent().max_x(), stats->extent().max_y()}));
      if (extent.ok()) {
        const Box e = extent->Envelope();
        const double mid = (e.min_y + e.max_y) / 2 * M_PI / 180;
        const double area = std::max((e.max_x - e.min_x) * 111320 * std::cos(mid), 1.0) *
                            std::max((e.max_y - e.min_y) * 110574, 1.0);
        radius = std::max(1.0, std::sqrt(area * q.k / (M_PI * count)) * 1.5);
      }
    }
    for (;;) {
      radius = std::min(radius, max);
      if (absl::Status s = within(radius); !s.ok()) return s;
      if (static_cast<int>(near.size()) >= q.k || radius >= max) break;
      radius *= near.empty() ? 4 : std::max(1.25, 1.1 * std::sqrt(static_cast<double>(q.k) / near.size()));
    }
  }
  std::sort(near.begin(), near.end());
  if (q.op == SpatialQuery::Op::kNearest && static_cast<int>(near.size()) > q.k) near.resize(q.k);
  // Read the features of this page.
  std::vector<std::string> page_ids;
  for (size_t i = offset; i < near.size() && page_ids.size() < page; ++i) {
    page_ids.push_back(near[i].second);
  }
  absl::StatusOr<std::vector<store::Feature*>> features =
      Fetch(map, q, page_ids, run.snapshot(), run.arena());
  if (!features.ok()) return features.status();
  for (store::Feature* f : *features) result.hits.push_back(run.Hit(f, distance_of[f->feature_id()]));
  if (offset + page_ids.size() < near.size()) {
    result.next_page_token = EncodeToken('o', absl::StrCat(offset + page_ids.size()));
  }
  return result;
}

}  // namespace mdhub::geo
