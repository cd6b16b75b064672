// Queries against brute force: every spatial filter on random data must return exactly what
// evaluating the GEOS predicate (or the geodesic distance) on every feature returns.
#include "geo/query.h"

#include <algorithm>
#include <cmath>
#include <map>
#include <random>

#include "geo/geodesic.h"
#include "geo/testing/map_fixture.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace mdhub::geo {
namespace {

using testing::MapFixture;

constexpr double kX0 = 108.0, kY0 = 22.0, kSpan = 1.0;

// A random convex quadrilateral (valid) around a random centre.
Geometry RandomPolygon(std::mt19937_64& rng, double max_radius) {
  std::uniform_real_distribution<double> u(0, 1);
  const double cx = kX0 + u(rng) * kSpan, cy = kY0 + u(rng) * kSpan;
  const double r = max_radius * (0.2 + 0.8 * u(rng));
  const double a = u(rng) * M_PI / 2;
  std::string wkt = "POLYGON((";
  for (int i = 0; i <= 4; ++i) {
    const double t = a + (i % 4) * M_PI / 2;
    absl::StrAppend(&wkt, i ? "," : "", cx + r * std::cos(t), " ", cy + r * std::sin(t));
  }
  wkt += "))";
  auto g = Geometry::FromWkt(wkt);
  EXPECT_TRUE(g.ok()) << wkt;
  return *std::move(g);
}

Geometry RandomPoint(std::mt19937_64& rng) {
  std::uniform_real_distribution<double> u(0, 1);
  return Geometry::Point(kX0 + u(rng) * kSpan, kY0 + u(rng) * kSpan);
}

class QueryTest : public MapFixture {
 protected:
  void SetUp() override {
    ASSERT_TRUE(map_->CreateLayer(MakeLayer("parcels", store::POLYGON)).ok());
    ASSERT_TRUE(map_->CreateLayer(MakeLayer("points", store::POINT)).ok());
    std::vector<FeatureMutation> batch;
    for (int i = 0; i < 1500; ++i) {
      const std::string id = absl::StrCat("p", 10000 + i);
      // Mostly parcel-sized, some district-sized, a few huge.
      const double r = i % 100 == 0 ? 0.4 : (i % 10 == 0 ? 0.05 : 0.004);
      Geometry g = RandomPolygon(rng_, r);
      parcels_[id] = g.Clone();
      FeatureMutation m = Upsert("parcels", id, std::move(g));
      m.properties["rank"].set_int_value(i % 7);
      rank_[id] = i % 7;
      batch.push_back(std::move(m));
    }
    for (int i = 0; i < 2500; ++i) {
      const std::string id = absl::StrCat("q", 10000 + i);
      Geometry g = RandomPoint(rng_);
      points_[id] = g.Clone();
      batch.push_back(Upsert("points", id, std::move(g)));
    }
    auto results = map_->Write(std::move(batch), {});
    ASSERT_TRUE(results.ok());
    for (const auto& r : *results) ASSERT_TRUE(r.ok()) << r.status();
  }

  // Every page of the query, concatenated.
  std::vector<QueryHit> All(SpatialQuery q) {
    std::vector<QueryHit> hits;
    for (int pages = 0; pages < 1000; ++pages) {
      auto r = RunQuery(*map_, q);
      EXPECT_TRUE(r.ok()) << r.status();
      if (!r.ok()) break;
      for (auto& h : r->hits) hits.push_back(std::move(h));
      if (r->next_page_token.empty()) break;
      q.page_token = r->next_page_token;
    }
    return hits;
  }
  static std::vector<std::string> Ids(const std::vector<QueryHit>& hits) {
    std::vector<std::string> ids;
    for (const auto& h : hits) ids.push_back(h.feature->feature_id());
    return ids;
  }
  template <typename Pred>
  static std::vector<std::string> Brute(const std::map<std::string, Geometry>& features, Pred pred) {
    std::vector<std::string> ids;
    for (const auto& [id, g] : features) {
      if (pred(id, g)) ids.push_back(id);
    }
    return ids;
  }

  std::mt19937_64 rng_{2024};
  std::map<std::string, Geometry> parcels_, points_;
  std::map<std::string, int> rank_;
};

TEST_F(QueryTest, PredicatesEqualBruteForce) {
  std::uniform_real_distribution<double> u(0, 1);
  for (int i = 0; i < 40; ++i) {
    // Bounding box, with a small page size so that paging is exercised.
    const double x = kX0 + u(rng_) * kSpan, y = kY0 + u(rng_) * kSpan, w = u(rng_) * 0.2;
    SpatialQuery q;
    q.layer_id = "parcels";
    q.op = SpatialQuery::Op::kBbox;
    q.bbox = {x, y, x + w, y + w};
    q.page_size = 7;
    Geometry rect = Geometry::Rectangle(q.bbox);
    EXPECT_EQ(Ids(All(q)), Brute(parcels_, [&](auto&, const Geometry& g) { return rect.Intersects(g); }));

    q = SpatialQuery();
    q.layer_id = "parcels";
    q.op = SpatialQuery::Op::kIntersects;
    q.geometry = RandomPolygon(rng_, 0.1);
    EXPECT_EQ(Ids(All(q)),
              Brute(parcels_, [&](auto&, const Geometry& g) { return q.geometry.Intersects(g); }));

    q.op = SpatialQuery::Op::kWithin;
    q.geometry = RandomPolygon(rng_, 0.3);
    EXPECT_EQ(Ids(All(q)),
              Brute(parcels_, [&](auto&, const Geometry& g) { return g.Within(q.geometry); }));
    q.layer_id = "points";
    EXPECT_EQ(Ids(All(q)),
              Brute(points_, [&](auto&, const Geometry& g) { return g.Within(q.geometry); }));

    q.layer_id = "parcels";
    q.op = SpatialQuery::Op::kContains;
    q.geometry = RandomPoint(rng_);
    EXPECT_EQ(Ids(All(q)),
              Brute(parcels_, [&](auto&, const Geometry& g) { return g.Contains(q.geometry); }));

    // With an attribute filter.
    q.op = SpatialQuery::Op::kIntersects;
    q.geometry = RandomPolygon(rng_, 0.2);
    q.filters = {{"rank", AttributeFilter::kLessOrEqual, {{InputValue::kNumber, "", 2, false}}}};
    EXPECT_EQ(Ids(All(q)), Brute(parcels_, [&](const std::string& id, const Geometry& g) {
                return rank_[id] <= 2 && q.geometry.Intersects(g);
              }));
  }
}

TEST_F(QueryTest, DistancesAreGeodesicAndNearestIsExact) {
  for (int i = 0; i < 25; ++i) {
    const Geometry p = RandomPoint(rng_);
    const double d = 200 + 20000.0 * (i % 5) / 4;
    for (const char* layer : {"parcels", "points"}) {
      const auto& features = std::string(layer) == "parcels" ? parcels_ : points_;
      SpatialQuery q;
      q.layer_id = layer;
      q.op = SpatialQuery::Op::kDistanceWithin;
      q.geometry = p.Clone();
      q.distance_metres = d;
      q.page_size = 50;
      std::vector<std::pair<double, std::string>> want;
      for (const auto& [id, g] : features) {
        const double dist = GeodesicDistance(p, g);
        if (dist <= d) want.emplace_back(dist, id);
      }
      std::sort(want.begin(), want.end());
      std::vector<QueryHit> got = All(q);
      ASSERT_EQ(got.size(), want.size()) << layer << " within " << d;
      for (size_t j = 0; j < got.size(); ++j) {
        EXPECT_EQ(got[j].feature->feature_id(), want[j].second);
        EXPECT_DOUBLE_EQ(got[j].distance_metres, want[j].first);
      }

      q.op = SpatialQuery::Op::kNearest;
      q.k = 1 + i * 7 % 40;
      q.distance_metres = 0;
      want.clear();
      for (const auto& [id, g] : features) want.emplace_back(GeodesicDistance(p, g), id);
      std::sort(want.begin(), want.end());
      want.resize(q.k);
      got = All(q);
      ASSERT_EQ(got.size(), want.size());
      for (size_t j = 0; j < got.size(); ++j) {
        EXPECT_EQ(got[j].feature->feature_id(), want[j].second) << layer << " k=" << q.k << " #" << j;
      }
    }
  }
  // Far from everything, nearest still finds the k nearest.
  SpatialQuery q;
  q.layer_id = "points";
  q.op = SpatialQuery::Op::kNearest;
  q.geometry = Geometry::Point(-70, -30);
  q.k = 3;
  EXPECT_EQ(All(q).size(), 3u);
  q.distance_metres = 1000;  // ...unless limited
  EXPECT_TRUE(All(q).empty());
}

TEST_F(QueryTest, AsOfSeesTheLayerAsItWas) {
  const absl::Time before = clock_.Now();
  clock_.Advance(absl::Minutes(1));
  // Move a third of the points far away and delete another third.
  std::map<std::string, Geometry> then;
  for (const auto& [id, g] : points_) then[id] = g.Clone();
  std::vector<FeatureMutation> batch;
  int i = 0;
  for (auto& [id, g] : points_) {
    if (i % 3 == 0) {
      batch.push_back(Upsert("points", id, Geometry::Point(100, 30)));
    } else if (i % 3 == 1) {
      FeatureMutation del;
      del.is_delete = true;
      del.layer_id = "points";
      del.feature_id = id;
      batch.push_back(std::move(del));
    }
    ++i;
  }
  ASSERT_TRUE(map_->Write(std::move(batch), {}).ok());
  Restart();  // the index, history included, is persisted
  SpatialQuery q;
  q.layer_id = "points";
  q.op = SpatialQuery::Op::kBbox;
  q.bbox = {108.2, 22.2, 108.7, 22.6};
  q.as_of = before;
  Geometry rect = Geometry::Rectangle(q.bbox);
  EXPECT_EQ(Ids(All(q)), Brute(then, [&](auto&, const Geometry& g) { return rect.Intersects(g); }));
  q.as_of.reset();
  std::vector<std::string> now;
  i = 0;
  for (const auto& [id, g] : then) {
    if (i++ % 3 == 2 && rect.Intersects(g)) now.push_back(id);
  }
  EXPECT_EQ(Ids(All(q)), now);
  // Every feature (no spatial filter), as of before: all 2500.
  q = SpatialQuery();
  q.layer_id = "points";
  q.as_of = before;
  q.page_size = 1000;
  EXPECT_EQ(All(q).size(), 2500u);
}

// One cursor over many ranges (increasing ones resume without seeking; others seek) returns what
// a fresh scan of each range returns, also after a scan stopped early.
TEST_F(QueryTest, OneCellCursorScansAnyRangesLikeSeparateScans) {
  std::vector<uint64_t> cells;
  ASSERT_TRUE(features_->ScanCells("parcels", 0, ~uint64_t{0}, false, nullptr,
                                   [&](const store::CellEntry& e) {
                                     cells.push_back(e.cell);
                                     return true;
                                   }).ok());
  ASSERT_GT(cells.size(), 1500u);
  auto entries = [](store::FeatureStore::CellCursor& c, uint64_t a, uint64_t b, size_t stop) {
    std::vector<std::string> got;
    EXPECT_TRUE(c.Scan(a, b, [&](const store::CellEntry& e) {
                   got.push_back(absl::StrCat(e.cell, "/", e.feature_id));
                   return got.size() < stop;
                 }).ok());
    return got;
  };
  std::uniform_int_distribution<size_t> pick(0, cells.size() - 1);
  for (int round = 0; round < 20; ++round) {
    // Ranges between stored cells (so some hold entries, some none), increasing in the first
    // rounds, in random order in the others.
    std::vector<std::pair<uint64_t, uint64_t>> ranges;
    for (int i = 0; i < 30; ++i) {
      uint64_t a = cells[pick(rng_)], b = cells[pick(rng_)];
      if (a > b) std::swap(a, b);
      if (i % 3 == 0) b = a;  // a single cell
      if (i % 5 == 0) ++a;    // starts just after a stored cell
      ranges.emplace_back(a, std::max(a, b));
    }
    if (round < 10) {
      std::sort(ranges.begin(), ranges.end());
      std::vector<std::pair<uint64_t, uint64_t>> disjoint;
      for (const auto& r : ranges) {
        if (disjoint.empty() || r.first > disjoint.back().second) disjoint.push_back(r);
      }
      ranges = disjoint;
    }
    store::FeatureStore::CellCursor cursor = features_->OpenCells("parcels", false, nullptr);
    for (size_t i = 0; i < ranges.size(); ++i) {
      const auto [a, b] = ranges[i];
      const size_t stop = i % 4 == 3 ? 2 : SIZE_MAX;  // some scans stop after two entries
      store::FeatureStore::CellCursor fresh = features_->OpenCells("parcels", false, nullptr);
      EXPECT_EQ(entries(cursor, a, b, stop), entries(fresh, a, b, stop))
          << "round " << round << " range " << i;
    }
  }
}

TEST_F(QueryTest, BadRequestsNameTheField) {
  SpatialQuery q;
  q.layer_id = "points";
  q.op = SpatialQuery::Op::kNearest;
  q.geometry = Geometry::Point(108, 22);
  q.k = 0;
  EXPECT_EQ(RunQuery(*map_, q).status().message(), "nearest.k: must be between 1 and 1000");
  q.op = SpatialQuery::Op::kBbox;
  q.bbox = {1, 1, 0, 0};
  EXPECT_THAT(RunQuery(*map_, q).status().message(), ::testing::HasSubstr("bbox"));
  q = SpatialQuery();
  q.layer_id = "points";
  q.page_token = "garbage";
  EXPECT_THAT(RunQuery(*map_, q).status().message(), ::testing::HasSubstr("page_token"));
  q.layer_id = "nope";
  q.page_token.clear();
  EXPECT_EQ(RunQuery(*map_, q).status().code(), absl::StatusCode::kNotFound);
}

}  // namespace
}  // namespace mdhub::geo
