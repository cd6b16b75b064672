#include "geo/internal/query_runner.h"

#include <algorithm>
#include <utility>

#include "absl/strings/str_cat.h"
#include "common/worker_pool.h"

namespace mdhub::geo::internal {
namespace {

// Features read per chunk (one multi-get), at most.
constexpr size_t kFetchChunk = 256;
// Below this many ids per chunk, two chunks are not worth a second thread.
constexpr size_t kMinParallelChunk = 48;
// Below this many cell ranges, one cursor scans them all (measured: splitting from 2 ranges on
// is faster than from 8).
constexpr size_t kMinParallelRanges = 2;

// One chunk of candidates and what reading them gave.
struct Chunk {
  std::vector<std::string> ids;
  std::shared_ptr<google::protobuf::Arena> arena;
  absl::StatusOr<std::vector<store::Feature*>> features;
};

}  // namespace

bool Intersects(const store::Box& a, const Box& b) {
  return a.min_x() <= b.max_x && b.min_x <= a.max_x() && a.min_y() <= b.max_y &&
         b.min_y <= a.max_y();
}
bool InsideBox(const store::Box& a, const Box& b) {
  return a.min_x() >= b.min_x && a.max_x() <= b.max_x && a.min_y() >= b.min_y &&
         a.max_y() <= b.max_y;
}
bool Encloses(const store::Box& a, const Box& b) {
  return a.min_x() <= b.min_x && a.max_x() >= b.max_x && a.min_y() <= b.min_y &&
         a.max_y() >= b.max_y;
}

store::Feature* OnArena(const store::Feature& f, google::protobuf::Arena* arena) {
  store::Feature* out = google::protobuf::Arena::CreateMessage<store::Feature>(arena);
  *out = f;
  return out;
}

absl::StatusOr<std::vector<store::Feature*>> Fetch(const OneMap& map, const SpatialQuery& q,
                                                   const std::vector<std::string>& ids,
                                                   const store::Snapshot* snapshot,
                                                   google::protobuf::Arena* arena) {
  std::vector<store::Feature*> out;
  if (q.as_of) {
    for (const std::string& id : ids) {
      absl::StatusOr<store::Feature> f = map.features().GetFeature(q.layer_id, id, q.as_of);
      if (absl::IsNotFound(f.status())) continue;
      if (!f.ok()) return f.status();
      if (!f->deleted()) out.push_back(OnArena(*f, arena));
    }
    return out;
  }
  absl::StatusOr<std::vector<store::Feature*>> got =
      map.features().GetFeatures(q.layer_id, ids, snapshot, arena);
  if (!got.ok()) return got.status();
  for (store::Feature* f : *got) {
    if (f != nullptr && !f->deleted()) out.push_back(f);
  }
  return out;
}

Runner::Runner(const OneMap& map, const SpatialQuery& q, const LayerInfo& info,
               uint32_t level_mask, FeatureFilter filter)
    : map_(map), q_(q), info_(info), level_mask_(level_mask), filter_(std::move(filter)),
      snapshot_(map.features().GetSnapshot()),
      arena_(std::make_shared<google::protobuf::Arena>()) {}

absl::StatusOr<std::vector<std::string>> Runner::Candidates(
    const Box& box, absl::FunctionRef<bool(const store::Box&)> keep,
    std::vector<store::Box>* boxes) {
  // A feature is indexed under up to 4 cells: sorting by id brings its entries together (all
  // with the same box: one version is current at any time).
  const std::vector<std::pair<uint64_t, uint64_t>> ranges = info_.grid.RangesFor(box, level_mask_);
  // Many ranges are scanned in two halves at once (the second on the query pool), each with
  // its own cursor.
  const size_t parts = ranges.size() >= kMinParallelRanges ? 2 : 1;
  std::vector<std::pair<std::string, store::Box>> found[2];
  absl::Status status[2];
  const int64_t t = q_.as_of ? absl::ToUnixMicros(*q_.as_of) : 0;
  map_.query_pool().ParallelFor(parts, [&](size_t part) {
    const size_t begin = ranges.size() * part / parts, end = ranges.size() * (part + 1) / parts;
    for (bool history : {false, true}) {
      if (history && !q_.as_of) continue;
      store::FeatureStore::CellCursor cells =
          map_.features().OpenCells(q_.layer_id, history, snapshot_.get());
      for (size_t r = begin; r < end; ++r) {
        absl::Status s = cells.Scan(ranges[r].first, ranges[r].second, [&](const store::CellEntry& e) {
          if (q_.as_of && (e.from_us > t || (history && e.to_us <= t))) return true;
          if (keep(e.bbox)) found[part].emplace_back(e.feature_id, e.bbox);
          return true;
        });
        if (!s.ok()) {
          status[part] = s;
          return;
        }
      }
    }
  });
  for (const absl::Status& s : status) {
    if (!s.ok()) return s;
  }
  if (parts == 2) {
    found[0].insert(found[0].end(), std::make_move_iterator(found[1].begin()),
                    std::make_move_iterator(found[1].end()));
  }
  std::vector<std::pair<std::string, store::Box>>& all = found[0];
  std::sort(all.begin(), all.end(), [](const auto& a, const auto& b) { return a.first < b.first; });
  all.erase(std::unique(all.begin(), all.end(),
                        [](const auto& a, const auto& b) { return a.first == b.first; }),
            all.end());
  std::vector<std::string> ids;
  ids.reserve(all.size());
  if (boxes != nullptr) {
    boxes->clear();
    boxes->reserve(all.size());
  }
  for (auto& [id, box] : all) {
    ids.push_back(std::move(id));
    if (boxes != nullptr) boxes->push_back(box);
  }
  return ids;
}

absl::StatusOr<std::vector<QueryHit>> Runner::Refine(
    const std::vector<std::string>& ids, absl::string_view after, size_t limit,
    absl::FunctionRef<absl::StatusOr<bool>(const store::Feature&, const Geometry&)> accept,
    const Box* certain) {
  std::vector<QueryHit> out;
  auto it = std::upper_bound(ids.begin(), ids.end(), after,
                             [](absl::string_view a, const std::string& b) { return a < b; });
  if (after.empty()) it = ids.begin();
  while (it != ids.end() && out.size() < limit) {
    // The next chunks: two when the ids left fill both well, read at once (the second on the
    // query pool), so that a query's reads use two cores; at most one chunk more than the limit
    // needs is read.
    const size_t left = static_cast<size_t>(ids.end() - it);
    // A small page (limit under a chunk) reads one chunk, as it would alone.
    const size_t count = left >= 2 * kMinParallelChunk && limit - out.size() >= kFetchChunk ? 2 : 1;
    const size_t size = std::min(kFetchChunk, (left + count - 1) / count);
    Chunk chunks[2];
    for (size_t c = 0; c < count; ++c) {
      const size_t n = std::min(size, static_cast<size_t>(ids.end() - it));
      chunks[c].ids.assign(it, it + static_cast<std::ptrdiff_t>(n));
      it += static_cast<std::ptrdiff_t>(n);
      // Each chunk is read onto its own arena, which its hits keep; when under a quarter of a
      // chunk's features are kept, they are copied to the query's arena and the chunk freed, so
      // a selective query does not hold every candidate it read.
      chunks[c].arena = std::make_shared<google::protobuf::Arena>();
    }
    map_.query_pool().ParallelFor(count, [&](size_t c) {
      chunks[c].features = Fetch(map_, q_, chunks[c].ids, snapshot_.get(), chunks[c].arena.get());
    });
    // A chunk after the limit was reached is not looked at, nor its read's error (it was read
    // ahead only for speed).
    for (size_t c = 0; c < count && out.size() < limit; ++c) {
      if (!chunks[c].features.ok()) return chunks[c].features.status();
      const std::vector<store::Feature*>& got = *chunks[c].features;
      std::vector<store::Feature*> kept;
      for (store::Feature* f : got) {
        if (out.size() + kept.size() >= limit) break;
        if (!filter_.Matches(f->properties())) continue;
        if (certain != nullptr && InsideBox(f->bbox(), *certain)) {
          kept.push_back(f);
          continue;
        }
        absl::StatusOr<Geometry> g = Geometry::FromWkb(f->wkb());
        if (!g.ok()) {
          return absl::DataLossError(absl::StrCat("stored geometry of ", f->feature_id(), ": ",
                                                  g.status().message()));
        }
        absl::StatusOr<bool> ok = accept(*f, *g);
        if (!ok.ok()) return ok.status();
        if (*ok) kept.push_back(f);
      }
      const bool copy = kept.size() * 4 < got.size();  // keeps at most 3 unused per hit
      for (store::Feature* f : kept) {
        out.push_back(copy ? Hit(OnArena(*f, arena_.get()), -1)
                           : QueryHit{f, -1, chunks[c].arena});
      }
    }
  }
  return out;
}

}  // namespace mdhub::geo::internal
