#include "geo/cells.h"

#include <random>
#include <set>

#include "gtest/gtest.h"

namespace mdhub::geo {
namespace {

const Box kWorld{-180, -90, 180, 90};

bool InRanges(uint64_t cell, const std::vector<std::pair<uint64_t, uint64_t>>& ranges) {
  for (const auto& [a, b] : ranges) {
    if (cell >= a && cell <= b) return true;
  }
  return false;
}

Box RandomBox(std::mt19937_64& rng, double max_size) {
  std::uniform_real_distribution<double> x(-180, 180), y(-90, 90), size(0, max_size);
  const double x0 = x(rng), y0 = y(rng);
  return {x0, y0, std::min(180.0, x0 + size(rng)), std::min(90.0, y0 + size(rng))};
}

TEST(CellGridTest, PointsGoToOneFinestCell) {
  CellGrid grid(kWorld);
  std::vector<uint64_t> cells = grid.CellsFor({108.3, 22.8, 108.3, 22.8});
  ASSERT_EQ(cells.size(), 1u);
  EXPECT_EQ(CellGrid::LevelOf(cells[0]), CellGrid::kMaxLevel);
}

TEST(CellGridTest, BoxesSpanAtMostTwoByTwoCellsOfOneLevel) {
  CellGrid grid(kWorld);
  std::mt19937_64 rng(7);
  for (int i = 0; i < 2000; ++i) {
    const Box b = RandomBox(rng, i % 2 ? 0.01 : 40);
    std::vector<uint64_t> cells = grid.CellsFor(b);
    ASSERT_GE(cells.size(), 1u);
    ASSERT_LE(cells.size(), 4u);
    for (uint64_t c : cells) EXPECT_EQ(CellGrid::LevelOf(c), CellGrid::LevelOf(cells[0]));
  }
  // The whole domain sits at the root.
  EXPECT_EQ(CellGrid::LevelOf(grid.CellsFor(kWorld)[0]), 0);
}

// The index's correctness: every box that intersects the query has a cell inside the ranges.
TEST(CellGridTest, RangesCoverEveryIntersectingBox) {
  CellGrid grid(kWorld);
  std::mt19937_64 rng(11);
  std::vector<Box> boxes;
  std::vector<std::vector<uint64_t>> cells;
  uint32_t mask = 0;
  for (int i = 0; i < 3000; ++i) {
    boxes.push_back(RandomBox(rng, i % 3 == 0 ? 20 : (i % 3 == 1 ? 0.5 : 0.0)));
    cells.push_back(grid.CellsFor(boxes.back()));
    for (uint64_t c : cells.back()) mask |= CellGrid::LevelBit(c);
  }
  for (int q = 0; q < 200; ++q) {
    const Box query = RandomBox(rng, q % 2 ? 3 : 60);
    const auto ranges = grid.RangesFor(query, mask, q % 4 == 0 ? 4 : 48);
    for (size_t i = 0; i + 1 < ranges.size(); ++i) ASSERT_LT(ranges[i].second, ranges[i + 1].first);
    for (size_t i = 0; i < boxes.size(); ++i) {
      if (!boxes[i].Intersects(query)) continue;
      bool found = false;
      for (uint64_t c : cells[i]) found = found || InRanges(c, ranges);
      ASSERT_TRUE(found) << "box " << i << " missed by query " << q;
    }
  }
}

TEST(CellGridTest, SmallQueriesScanFewCells) {
  CellGrid grid(kWorld);
  const uint32_t finest = uint32_t{1} << CellGrid::kMaxLevel;
  const auto ranges = grid.RangesFor({108.30, 22.80, 108.31, 22.81}, finest);
  ASSERT_FALSE(ranges.empty());
  uint64_t cells = 0;
  for (const auto& [a, b] : ranges) cells += b - a + 1;
  // The box is about 29 x 29 finest cells; the ranges may over-cover, but boundedly.
  EXPECT_LT(cells, 8u * 29 * 29);
}

TEST(CellGridTest, CoordinatesOutsideTheDomainAreClamped) {
  CellGrid grid(kWorld);
  std::vector<uint64_t> cells = grid.CellsFor({200, 100, 200, 100});
  ASSERT_EQ(cells.size(), 1u);
  const auto ranges = grid.RangesFor({170, 80, 300, 120}, uint32_t{1} << CellGrid::kMaxLevel);
  EXPECT_TRUE(InRanges(cells[0], ranges));
}

}  // namespace
}  // namespace mdhub::geo
