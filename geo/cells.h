// The persisted spatial index's cells: a quadtree over a layer CRS's domain, addressed by level and
// Morton (Z-order) code. A feature is indexed at the finest level where its bounding box spans at
// most 2x2 cells, under each of those 1 to 4 cells; a query scans, at every level the layer uses,
// the Morton ranges that cover its box. Because a feature is indexed under every cell its box
// touches at its level, any box that intersects the feature's box touches one of those cells:
// the scan finds every candidate, and the boxes stored with the entries filter them exactly.
#ifndef MDHUB_GEO_CELLS_H_
#define MDHUB_GEO_CELLS_H_

#include <cstdint>
#include <utility>
#include <vector>

#include "geo/geometry.h"

namespace mdhub::geo {

class CellGrid {
 public:
  // Finest level: 2^20 cells per axis (about 38 m on a geographic domain of 360 degrees).
  static constexpr int kMaxLevel = 20;

  // domain: the CRS's extent (coordinates outside it are clamped to its edge). Must not be empty.
  explicit CellGrid(const Box& domain);

  // The cells a feature with this bounding box is indexed under (1 to 4, one level).
  std::vector<uint64_t> CellsFor(const Box& bbox) const;

  // Inclusive cell ranges to scan for boxes intersecting `query`, at the levels whose bits are set
  // in level_mask, sorted and disjoint. Each level gets at most max_ranges_per_level ranges (a
  // range may then cover cells outside the query: the entries' boxes filter them).
  std::vector<std::pair<uint64_t, uint64_t>> RangesFor(const Box& query, uint32_t level_mask,
                                                       int max_ranges_per_level = 128) const;

  // A quadtree node: `level` and its column and row at that level.
  struct Node {
    int level;
    uint32_t column, row;
  };
  // The node's extent in the domain's coordinates.
  Box NodeBox(const Node& node) const;
  // The id of the cell a node is at its own level, and the range of cell ids at a finer `level`
  // that lie inside the node (contiguous in Morton order).
  static uint64_t CellOf(const Node& node);
  static std::pair<uint64_t, uint64_t> DescendantRange(const Node& node, int level);

  // The level of a cell, and the bit of that level in a level mask.
  static int LevelOf(uint64_t cell) { return static_cast<int>(cell >> 56); }
  static uint32_t LevelBit(uint64_t cell) { return uint32_t{1} << LevelOf(cell); }

 private:
  // Cell column/row of a coordinate at kMaxLevel, clamped to the domain.
  uint32_t Column(double x) const;
  uint32_t Row(double y) const;

  Box domain_;
  double scale_x_;  // cells per coordinate unit at kMaxLevel
  double scale_y_;
};

}  // namespace mdhub::geo

#endif  // MDHUB_GEO_CELLS_H_
