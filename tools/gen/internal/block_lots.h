// Splitting a street block into the parcels that tile it: rows along the block's longer axis
// (lots back to back, as cadastral maps show them), each row cut across into lots whose widths
// vary by up to 20% and whose side lines lean a little.
#ifndef MDHUB_TOOLS_GEN_INTERNAL_BLOCK_LOTS_H_
#define MDHUB_TOOLS_GEN_INTERNAL_BLOCK_LOTS_H_

#include <vector>

#include "tools/gen/internal/block_grid.h"
#include "tools/gen/internal/random.h"

namespace mdhub::gen {

// An open ring (the first point is not repeated), counter-clockwise.
using Ring = std::vector<Xy>;

// Replaces *lots_out (reusing its rings' storage) by `lots` rings that tile `block` exactly: the
// union of the lots is the block, and lots that share a boundary share it vertex for vertex
// (every point of one lot on the common line is a point of the other too, computed by the same
// arithmetic), so no two lots overlap and each is a valid polygon. `strips` gives long narrow
// lots in few rows (fields) instead of lots about as deep as wide. Lots come row by row.
// REQUIRES: a convex counter-clockwise block; lots >= 1.
void SplitBlock(const Quad& block, int lots, bool strips, Rng& rng, std::vector<Ring>* lots_out);

}  // namespace mdhub::gen

#endif  // MDHUB_TOOLS_GEN_INTERNAL_BLOCK_LOTS_H_
