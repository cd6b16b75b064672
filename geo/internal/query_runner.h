// The parts of a query run (geo/query.cc): candidates from the cell index (many cell ranges are
// scanned in two halves at once), and their refinement by reading the features in chunks (two
// at a time when there are enough) onto arenas the hits keep. The second half or chunk runs on
// the map's query pool.
#ifndef MDHUB_GEO_INTERNAL_QUERY_RUNNER_H_
#define MDHUB_GEO_INTERNAL_QUERY_RUNNER_H_

#include <memory>
#include <string>
#include <vector>

#include "absl/functional/function_ref.h"
#include "absl/status/statusor.h"
#include "geo/query.h"

namespace mdhub::geo::internal {

bool Intersects(const store::Box& a, const Box& b);
bool InsideBox(const store::Box& a, const Box& b);
bool Encloses(const store::Box& a, const Box& b);

// A copy of `f` on `arena`.
store::Feature* OnArena(const store::Feature& f, google::protobuf::Arena* arena);

// Reads the candidates' features (current, or as of) onto `arena`, in order, skipping missing
// and deleted ones.
absl::StatusOr<std::vector<store::Feature*>> Fetch(const OneMap& map, const SpatialQuery& q,
                                                   const std::vector<std::string>& ids,
                                                   const store::Snapshot* snapshot,
                                                   google::protobuf::Arena* arena);

// One query's reads, on one snapshot. Not thread-safe.
class Runner {
 public:
  Runner(const OneMap& map, const SpatialQuery& q, const LayerInfo& info, uint32_t level_mask,
         FeatureFilter filter);

  // Ids of the features whose index boxes pass `keep`, sorted; with their boxes in *boxes when
  // given (in the same order). `keep` may be called from two threads at once.
  absl::StatusOr<std::vector<std::string>> Candidates(const Box& box,
                                                      absl::FunctionRef<bool(const store::Box&)> keep,
                                                      std::vector<store::Box>* boxes = nullptr);

  // Hits on the features among `ids` that pass `accept` and the attribute filters, in order,
  // from the first id after `after`, until `limit` are found. `accept` runs on the caller's
  // thread.
  // `certain`, when given: a feature whose box lies inside it is accepted without its geometry
  // (a box query: the feature surely intersects the box).
  absl::StatusOr<std::vector<QueryHit>> Refine(
      const std::vector<std::string>& ids, absl::string_view after, size_t limit,
      absl::FunctionRef<absl::StatusOr<bool>(const store::Feature&, const Geometry&)> accept,
      const Box* certain = nullptr);

  bool has_filter() const { return !filter_.empty(); }
  const FeatureFilter& filter() const { return filter_; }
  const store::Snapshot* snapshot() const { return snapshot_.get(); }
  bool Matches(const StoredProperties& p) const { return filter_.Matches(p); }
  // A hit on a feature of this query's arena.
  QueryHit Hit(store::Feature* f, double distance_metres) const {
    return QueryHit{f, distance_metres, arena_};
  }
  google::protobuf::Arena* arena() const { return arena_.get(); }

 private:
  const OneMap& map_;
  const SpatialQuery& q_;
  const LayerInfo& info_;
  const uint32_t level_mask_;
  const FeatureFilter filter_;
  std::unique_ptr<store::Snapshot> snapshot_;
  std::shared_ptr<google::protobuf::Arena> arena_;  // of the features read; the hits keep it
};

}  // namespace mdhub::geo::internal

#endif  // MDHUB_GEO_INTERNAL_QUERY_RUNNER_H_
