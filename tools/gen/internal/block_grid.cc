#include "tools/gen/internal/block_grid.h"

#include <algorithm>
#include <cmath>

#include "absl/base/internal/raw_logging.h"
#include "tools/gen/internal/parcel_geometry.h"
#include "tools/gen/internal/random.h"

namespace mdhub::gen {
namespace {

constexpr double kBlockAspect = 1.4;   // width / height
constexpr double kJitter = 0.12;       // of the smaller spacing, each way
constexpr double kLocalStreet = 0.09;  // width, of the smaller spacing
constexpr double kMainStreet = 0.20;
constexpr int kMainStreetEvery = 5;
// Random streams (the vertex streams follow kVertexStream).
constexpr uint64_t kPhaseStream = 1;
constexpr uint64_t kVertexStream = uint64_t{1} << 40;

double Cross(const Xy& a, const Xy& b) { return a.x * b.y - a.y * b.x; }

// The intersection of the lines p + s u and q + t v. REQUIRES: not parallel.
Xy Intersect(const Xy& p, const Xy& u, const Xy& q, const Xy& v) {
  const double s = Cross({q.x - p.x, q.y - p.y}, v) / Cross(u, v);
  return {p.x + s * u.x, p.y + s * u.y};
}

}  // namespace

double TwiceSignedArea(const Xy* points, size_t n) {
  double sum = 0;
  for (size_t i = 0; i < n; ++i) sum += Cross(points[i], points[(i + 1) % n]);
  return sum;
}

BlockGrid::BlockGrid(const geo::Box& region, int64_t target_blocks, int64_t max_blocks,
                     uint64_t seed)
    : region_(region), seed_(seed) {
  ABSL_RAW_CHECK(!region.empty() && target_blocks >= 1 && target_blocks <= max_blocks,
                 "BlockGrid: bad arguments");
  MetresPerDegree((region.min_y + region.max_y) / 2, &metres_per_lon_, &metres_per_lat_);
  width_ = (region.max_x - region.min_x) * metres_per_lon_;
  height_ = (region.max_y - region.min_y) * metres_per_lat_;
  const double block_height = std::sqrt(width_ * height_ / (kBlockAspect * target_blocks));
  columns_ = std::max<int64_t>(1, std::llround(width_ / (kBlockAspect * block_height)));
  rows_ = std::max<int64_t>(1, std::llround(height_ / block_height));
  while (columns_ * rows_ > max_blocks) {
    // Keep the blocks' shape: drop a column when they are narrower than they should be.
    const bool narrow = width_ / columns_ < kBlockAspect * height_ / rows_;
    if (columns_ > 1 && (narrow || rows_ == 1)) {
      --columns_;
    } else {
      --rows_;
    }
  }
  spacing_x_ = width_ / columns_;
  spacing_y_ = height_ / rows_;
  Rng rng(seed, kPhaseStream);
  main_street_phase_x_ = static_cast<int>(rng.Uniform(kMainStreetEvery));
  main_street_phase_y_ = static_cast<int>(rng.Uniform(kMainStreetEvery));
}

Xy BlockGrid::Vertex(int64_t i, int64_t j) const {
  Rng rng(seed_, kVertexStream + static_cast<uint64_t>(j) * (columns_ + 1) + i);
  const double scale = kJitter * std::min(spacing_x_, spacing_y_);
  const double jx = (2 * rng.Real() - 1) * scale;
  const double jy = (2 * rng.Real() - 1) * scale;
  // The region's edge stays straight.
  const bool edge_x = i == 0 || i == columns_;
  const bool edge_y = j == 0 || j == rows_;
  return {i * spacing_x_ + (edge_x ? 0 : jx), j * spacing_y_ + (edge_y ? 0 : jy)};
}

double BlockGrid::StreetWidth(bool vertical, int64_t index) const {
  const int64_t last = vertical ? columns_ : rows_;
  const int phase = vertical ? main_street_phase_x_ : main_street_phase_y_;
  const bool main = index > 0 && index < last && (index + phase) % kMainStreetEvery == 0;
  return (main ? kMainStreet : kLocalStreet) * std::min(spacing_x_, spacing_y_);
}

Quad BlockGrid::Block(int64_t i, int64_t j) const {
  const Quad corners = {Vertex(i, j), Vertex(i + 1, j), Vertex(i + 1, j + 1), Vertex(i, j + 1)};
  // Streets along the edges south, east, north, west.
  const double half[4] = {StreetWidth(false, j) / 2, StreetWidth(true, i + 1) / 2,
                          StreetWidth(false, j + 1) / 2, StreetWidth(true, i) / 2};
  Xy start[4], direction[4];
  for (int k = 0; k < 4; ++k) {
    const Xy& p = corners[k];
    const Xy& q = corners[(k + 1) % 4];
    const Xy d = {q.x - p.x, q.y - p.y};
    const double length = std::hypot(d.x, d.y);
    // The left normal points into a counter-clockwise polygon.
    start[k] = {p.x - d.y / length * half[k], p.y + d.x / length * half[k]};
    direction[k] = d;
  }
  Quad inset;
  for (int k = 0; k < 4; ++k) {
    const int previous = (k + 3) % 4;
    inset[k] = Intersect(start[previous], direction[previous], start[k], direction[k]);
  }
  return inset;
}

double BlockGrid::CentreDistance(const Xy& p) const {
  const double u = (p.x - width_ / 2) / (width_ / 2);
  const double v = (p.y - height_ / 2) / (height_ / 2);
  return std::sqrt(u * u + v * v);
}

void BlockGrid::ToLonLat(const Xy& p, double* lon, double* lat) const {
  *lon = region_.min_x + p.x / metres_per_lon_;
  *lat = region_.min_y + p.y / metres_per_lat_;
}

}  // namespace mdhub::gen
