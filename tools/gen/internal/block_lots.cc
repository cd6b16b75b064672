#include "tools/gen/internal/block_lots.h"

#include <algorithm>
#include <cmath>
#include <utility>

#include "absl/base/internal/raw_logging.h"

namespace mdhub::gen {
namespace {

// How far row boundaries and lot cuts move from their even positions, as fractions of a row's
// or a lot's share; the bounds keep every row and lot at least a tenth of its share wide.
constexpr double kRowJitter = 0.1;
constexpr double kRowLean = 0.08;  // the right end against the left end
constexpr double kCutJitter = 0.2;
constexpr double kCutLean = 0.1;  // the top of a cut against its bottom
// A cut of the next row closer than this (of a lot's share) to one of the row below joins it,
// so that lots do not get slivers of boundary.
constexpr double kSnap = 0.05;

double Jitter(Rng& rng, double bound) { return (2 * rng.Real() - 1) * bound; }

Xy Lerp(const Xy& a, const Xy& b, double t) {
  return {a.x + t * (b.x - a.x), a.y + t * (b.y - a.y)};
}

// A line across the block from its left edge to its right edge. Points at the same t are the
// same doubles whichever lot asks for them.
struct Line {
  Xy left, right;
  Xy At(double t) const { return t == 0 ? left : t == 1 ? right : Lerp(left, right, t); }
};

double Length(const Xy& a, const Xy& b) { return std::hypot(b.x - a.x, b.y - a.y); }

}  // namespace

void SplitBlock(const Quad& block, int lots, bool strips, Rng& rng, std::vector<Ring>* lots_out) {
  ABSL_RAW_CHECK(lots >= 1, "SplitBlock: no lots");
  // Label the corners so that the bottom (q[0] -> q[1]) and top (q[3] -> q[2]) are the long sides.
  Quad q = block;
  double along = Length(q[0], q[1]) + Length(q[3], q[2]);
  double across = Length(q[1], q[2]) + Length(q[0], q[3]);
  if (along < across) {
    q = {block[1], block[2], block[3], block[0]};
    std::swap(along, across);
  }
  // Rows of about square lots (m lots per row, R rows: R^2 = lots * across / along); fields
  // have half as many rows.
  const double square_rows = std::sqrt(lots * across / along);
  const int rows =
      std::clamp(static_cast<int>(std::lround(strips ? square_rows / 2 : square_rows)), 1, lots);
  std::vector<int> per_row(rows, lots / rows);
  const int offset = static_cast<int>(rng.Uniform(rows));
  for (int r = 0; r < lots % rows; ++r) ++per_row[(r + offset) % rows];

  // Lines 0 .. rows: line r is the bottom of row r and the top of row r - 1. Rows are as deep
  // as their share of the lots.
  std::vector<Line> lines(rows + 1);
  lines[0] = {q[0], q[1]};
  lines[rows] = {q[3], q[2]};
  int below = 0;
  for (int r = 1; r < rows; ++r) {
    below += per_row[r - 1];
    const double f = static_cast<double>(below) / lots + Jitter(rng, kRowJitter / rows);
    const double g = f + Jitter(rng, kRowLean / rows);
    lines[r] = {Lerp(q[0], q[3], f), Lerp(q[1], q[2], g)};
  }
  // The cuts of row r between its lots: bottom[r] on line r, top[r] on line r + 1.
  std::vector<std::vector<double>> bottom(rows), top(rows);
  for (int r = 0; r < rows; ++r) {
    const int m = per_row[r];
    for (int k = 1; k < m; ++k) {
      const double a = (k + Jitter(rng, kCutJitter)) / m;
      bottom[r].push_back(a);
      top[r].push_back(a + Jitter(rng, kCutLean) / m);
    }
    if (r == 0) continue;
    // Join cuts that nearly meet those of the row below on their common line.
    const double snap = kSnap / std::max(m, per_row[r - 1]);
    for (double& a : bottom[r]) {
      for (double b : top[r - 1]) {
        if (std::fabs(a - b) < snap) a = b;
      }
    }
  }

  lots_out->resize(lots);
  int n = 0;
  for (int r = 0; r < rows; ++r) {
    const int m = per_row[r];
    for (int k = 0; k < m; ++k) {
      Ring& ring = (*lots_out)[n++];
      ring.clear();
      const double t0 = k == 0 ? 0 : bottom[r][k - 1];
      const double t1 = k == m - 1 ? 1 : bottom[r][k];
      ring.push_back(lines[r].At(t0));
      if (r > 0) {  // the cuts of the row below that end on this lot's bottom
        for (double t : top[r - 1]) {
          if (t > t0 && t < t1) ring.push_back(lines[r].At(t));
        }
      }
      ring.push_back(lines[r].At(t1));
      const double u0 = k == 0 ? 0 : top[r][k - 1];
      const double u1 = k == m - 1 ? 1 : top[r][k];
      ring.push_back(lines[r + 1].At(u1));
      if (r + 1 < rows) {  // the cuts of the row above that start on this lot's top
        for (auto it = bottom[r + 1].rbegin(); it != bottom[r + 1].rend(); ++it) {
          if (*it > u0 && *it < u1) ring.push_back(lines[r + 1].At(*it));
        }
      }
      ring.push_back(lines[r + 1].At(u0));
    }
  }
}

}  // namespace mdhub::gen
