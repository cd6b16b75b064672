// Random numbers for the data generators: a small, fast generator (xoshiro256**, seeded through
// SplitMix64) whose output is the same on every platform and standard library, unlike the
// distributions of <random>, so that a seed always yields the same bytes.
#ifndef MDHUB_TOOLS_GEN_INTERNAL_RANDOM_H_
#define MDHUB_TOOLS_GEN_INTERNAL_RANDOM_H_

#include <algorithm>
#include <cstdint>
#include <vector>

#include "absl/base/internal/raw_logging.h"
#include "absl/types/span.h"

namespace mdhub::gen {

// Not thread-safe; cheap to create, so give each independent stream its own.
class Rng {
 public:
  // Distinct (seed, stream) pairs give independent sequences: e.g. stream = household number.
  Rng(uint64_t seed, uint64_t stream) {
    uint64_t x = seed ^ (stream * 0x9e3779b97f4a7c15ULL) ^ 0x6a09e667f3bcc909ULL;
    for (uint64_t& s : state_) s = SplitMix(x);
  }

  uint64_t Next() {
    const uint64_t result = Rotl(state_[1] * 5, 7) * 9;
    const uint64_t t = state_[1] << 17;
    state_[2] ^= state_[0];
    state_[3] ^= state_[1];
    state_[1] ^= state_[2];
    state_[0] ^= state_[3];
    state_[2] ^= t;
    state_[3] = Rotl(state_[3], 45);
    return result;
  }

  // Uniform in [0, n) (multiply-shift; the bias is below 2^-40 for the n used here).
  // REQUIRES: n > 0.
  uint64_t Uniform(uint64_t n) {
    ABSL_RAW_CHECK(n > 0, "Uniform(0)");
    return static_cast<uint64_t>((static_cast<unsigned __int128>(Next()) * n) >> 64);
  }
  // Uniform in [lo, hi]. REQUIRES: lo <= hi.
  int Between(int lo, int hi) { return lo + static_cast<int>(Uniform(hi - lo + 1)); }
  // Uniform in [0, 1).
  double Real() { return static_cast<double>(Next() >> 11) * 0x1.0p-53; }
  bool Chance(double p) { return Real() < p; }

  template <typename T>
  const T& Pick(absl::Span<const T> items) {
    return items[Uniform(items.size())];
  }

 private:
  static uint64_t Rotl(uint64_t x, int k) { return (x << k) | (x >> (64 - k)); }
  static uint64_t SplitMix(uint64_t& x) {
    uint64_t z = (x += 0x9e3779b97f4a7c15ULL);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
    return z ^ (z >> 31);
  }

  uint64_t state_[4];
};

// Draws indexes with probability proportional to fixed weights. Immutable after construction.
class WeightedIndex {
 public:
  // REQUIRES: at least one weight, all >= 0, their sum > 0.
  explicit WeightedIndex(absl::Span<const double> weights) {
    double sum = 0;
    for (double w : weights) cumulative_.push_back(sum += w);
    ABSL_RAW_CHECK(sum > 0, "weights must not all be zero");
  }

  size_t Draw(Rng& rng) const {
    const double x = rng.Real() * cumulative_.back();
    auto it = std::upper_bound(cumulative_.begin(), cumulative_.end(), x);
    return std::min<size_t>(it - cumulative_.begin(), cumulative_.size() - 1);
  }
  size_t size() const { return cumulative_.size(); }

 private:
  std::vector<double> cumulative_;
};

}  // namespace mdhub::gen

#endif  // MDHUB_TOOLS_GEN_INTERNAL_RANDOM_H_
