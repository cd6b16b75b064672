#include "geo/cells.h"

#include <algorithm>
#include <cmath>

namespace mdhub::geo {
namespace {

constexpr uint32_t kCellsPerAxis = uint32_t{1} << CellGrid::kMaxLevel;

// Spreads the low 32 bits of v to the even bit positions.
uint64_t Spread(uint64_t v) {
  v &= 0xffffffffULL;
  v = (v | (v << 16)) & 0x0000ffff0000ffffULL;
  v = (v | (v << 8)) & 0x00ff00ff00ff00ffULL;
  v = (v | (v << 4)) & 0x0f0f0f0f0f0f0f0fULL;
  v = (v | (v << 2)) & 0x3333333333333333ULL;
  v = (v | (v << 1)) & 0x5555555555555555ULL;
  return v;
}

uint64_t Cell(int level, uint32_t column, uint32_t row) {
  return (static_cast<uint64_t>(level) << 56) | Spread(column) | (Spread(row) << 1);
}

struct Quad {
  int level;
  uint32_t column, row;  // at `level`
};

}  // namespace

CellGrid::CellGrid(const Box& domain)
    : domain_(domain),
      scale_x_(kCellsPerAxis / std::max(domain.max_x - domain.min_x, 1e-300)),
      scale_y_(kCellsPerAxis / std::max(domain.max_y - domain.min_y, 1e-300)) {}

Box CellGrid::NodeBox(const Node& node) const {
  const double n = static_cast<double>(uint32_t{1} << node.level);
  const double w = (domain_.max_x - domain_.min_x) / n, h = (domain_.max_y - domain_.min_y) / n;
  return {domain_.min_x + node.column * w, domain_.min_y + node.row * h,
          domain_.min_x + (node.column + 1) * w, domain_.min_y + (node.row + 1) * h};
}

uint64_t CellGrid::CellOf(const Node& node) { return Cell(node.level, node.column, node.row); }

std::pair<uint64_t, uint64_t> CellGrid::DescendantRange(const Node& node, int level) {
  const int s = level - node.level;
  const uint64_t first = Cell(level, node.column << s, node.row << s);
  return {first, first + ((uint64_t{1} << (2 * s)) - 1)};
}

uint32_t CellGrid::Column(double x) const {
  const double c = std::floor((x - domain_.min_x) * scale_x_);
  if (!(c > 0)) return 0;  // also NaN
  return c >= kCellsPerAxis ? kCellsPerAxis - 1 : static_cast<uint32_t>(c);
}

uint32_t CellGrid::Row(double y) const {
  const double r = std::floor((y - domain_.min_y) * scale_y_);
  if (!(r > 0)) return 0;
  return r >= kCellsPerAxis ? kCellsPerAxis - 1 : static_cast<uint32_t>(r);
}

std::vector<uint64_t> CellGrid::CellsFor(const Box& bbox) const {
  const uint32_t c0 = Column(bbox.min_x), c1 = Column(bbox.max_x);
  const uint32_t r0 = Row(bbox.min_y), r1 = Row(bbox.max_y);
  // The finest level where the box spans at most two cells per axis: where its extent in
  // finest-level cells fits in one cell of that level.
  const uint32_t span = std::max(c1 - c0, r1 - r0);
  int level = kMaxLevel;
  while (level > 0 && span >= (uint32_t{1} << (kMaxLevel - level))) --level;
  const int shift = kMaxLevel - level;
  std::vector<uint64_t> cells;
  for (uint32_t r = r0 >> shift; r <= r1 >> shift; ++r) {
    for (uint32_t c = c0 >> shift; c <= c1 >> shift; ++c) cells.push_back(Cell(level, c, r));
  }
  return cells;
}

std::vector<std::pair<uint64_t, uint64_t>> CellGrid::RangesFor(const Box& query,
                                                               uint32_t level_mask,
                                                               int max_ranges_per_level) const {
  const uint32_t c0 = Column(query.min_x), c1 = Column(query.max_x);
  const uint32_t r0 = Row(query.min_y), r1 = Row(query.max_y);
  std::vector<std::pair<uint64_t, uint64_t>> out;
  for (int level = 0; level <= kMaxLevel; ++level) {
    if ((level_mask & (uint32_t{1} << level)) == 0) continue;
    const int shift = kMaxLevel - level;
    const uint32_t qc0 = c0 >> shift, qc1 = c1 >> shift, qr0 = r0 >> shift, qr1 = r1 >> shift;
    // Breadth-first from the root: quads inside the query become whole ranges; quads partly
    // inside are split while the range budget allows, else taken whole.
    std::vector<std::pair<uint64_t, uint64_t>> ranges;
    std::vector<Quad> frontier = {{0, 0, 0}};
    auto whole = [&](const Quad& q) {
      const int down = 2 * (level - q.level);
      const uint64_t first = Cell(level, q.column << (level - q.level), q.row << (level - q.level));
      ranges.emplace_back(first, first + ((uint64_t{1} << down) - 1));
    };
    while (!frontier.empty()) {
      std::vector<Quad> next;
      const bool split = static_cast<int>(ranges.size() + 4 * frontier.size()) <=
                         max_ranges_per_level;
      for (const Quad& q : frontier) {
        const int s = level - q.level;  // quad covers columns [q.column << s, (q.column+1) << s)
        const uint32_t qa = q.column << s, qb = ((q.column + 1) << s) - 1;
        const uint32_t ra = q.row << s, rb = ((q.row + 1) << s) - 1;
        if (qb < qc0 || qa > qc1 || rb < qr0 || ra > qr1) continue;  // outside
        const bool inside = qa >= qc0 && qb <= qc1 && ra >= qr0 && rb <= qr1;
        if (inside || q.level == level || !split) {
          whole(q);
          continue;
        }
        for (uint32_t d = 0; d < 4; ++d) {
          next.push_back({q.level + 1, (q.column << 1) | (d & 1), (q.row << 1) | (d >> 1)});
        }
      }
      frontier = std::move(next);
    }
    std::sort(ranges.begin(), ranges.end());
    for (const auto& r : ranges) {
      if (!out.empty() && out.back().second + 1 >= r.first) {
        out.back().second = std::max(out.back().second, r.second);
      } else {
        out.push_back(r);
      }
    }
  }
  return out;
}

}  // namespace mdhub::geo
