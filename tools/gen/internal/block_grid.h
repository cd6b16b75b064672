// The street grid of a generated parcel layer: a jittered grid of street intersections over the
// region, local streets with a wider main street every fifth line, and the blocks they leave
// between them. Coordinates are metres in a local frame (x east, y north, origin at the region's
// south-west corner) that maps linearly to longitude and latitude.
#ifndef MDHUB_TOOLS_GEN_INTERNAL_BLOCK_GRID_H_
#define MDHUB_TOOLS_GEN_INTERNAL_BLOCK_GRID_H_

#include <array>
#include <cstdint>

#include "geo/geometry.h"

namespace mdhub::gen {

struct Xy {
  double x = 0, y = 0;
};

// A convex quadrilateral, counter-clockwise.
using Quad = std::array<Xy, 4>;

// Twice the signed area of a polygon's ring (positive when counter-clockwise).
double TwiceSignedArea(const Xy* points, size_t n);

// Immutable after construction; thread-safe. Block (i, j) is column i from the west, row j from
// the south. Street intersections are jittered by up to 12% of the smaller block spacing, so
// blocks are convex quadrilaterals; no two blocks touch: streets lie between them and between
// the blocks and the region's edge, 9% of the smaller block spacing wide, main streets 20%.
class BlockGrid {
 public:
  // About `target_blocks` blocks, 1.4 times wider than tall, and never more than `max_blocks`.
  // REQUIRES: region not empty; 1 <= target_blocks <= max_blocks.
  BlockGrid(const geo::Box& region, int64_t target_blocks, int64_t max_blocks, uint64_t seed);

  int64_t columns() const { return columns_; }
  int64_t rows() const { return rows_; }
  int64_t blocks() const { return columns_ * rows_; }

  // The block's corners (south-west first), inset from the street centre lines by half the
  // width of each street. REQUIRES: 0 <= i < columns(), 0 <= j < rows().
  Quad Block(int64_t i, int64_t j) const;

  // The distance of a point from the region's centre, relative to the region: 0 at the centre,
  // 1 at the middle of each edge, sqrt(2) at the corners.
  double CentreDistance(const Xy& p) const;

  // The point's longitude and latitude (degrees). The same point always gives the same result.
  void ToLonLat(const Xy& p, double* lon, double* lat) const;

 private:
  // Street intersection (i, j), 0 <= i <= columns, 0 <= j <= rows.
  Xy Vertex(int64_t i, int64_t j) const;
  // Width of the street along grid line `index` (vertical lines are columns' edges).
  double StreetWidth(bool vertical, int64_t index) const;

  const geo::Box region_;
  const uint64_t seed_;
  double metres_per_lon_ = 0, metres_per_lat_ = 0;
  double width_ = 0, height_ = 0;  // metres
  int64_t columns_ = 1, rows_ = 1;
  double spacing_x_ = 0, spacing_y_ = 0;
  int main_street_phase_x_ = 0, main_street_phase_y_ = 0;
};

}  // namespace mdhub::gen

#endif  // MDHUB_TOOLS_GEN_INTERNAL_BLOCK_GRID_H_
