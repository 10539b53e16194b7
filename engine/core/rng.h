#pragma once
// Seeded random numbers that give the same stream on every platform: the standard library's
// distributions are implementation-defined, so we draw bits with splitmix64 and shape them ourselves.
#include <cmath>
#include <cstdint>

namespace netlab {

class Rng {
 public:
  explicit Rng(uint64_t seed = 1) : state_(seed) {}

  uint64_t NextBits() {
    // splitmix64 (Steele, Lea, Flood 2014): passes BigCrush, one add and three mixes per draw.
    uint64_t z = (state_ += 0x9E3779B97F4A7C15ull);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
    return z ^ (z >> 31);
  }
  // Uniform in [0, 1) with 24 random bits, exactly representable as float.
  float Uniform() { return float(NextBits() >> 40) * (1.0f / 16777216.0f); }
  float Uniform(float low, float high) { return low + (high - low) * Uniform(); }
  // Standard normal by Box-Muller; computed in double so the float result does not depend on libm's
  // float rounding.
  float Normal() {
    double u1 = (double(NextBits() >> 11) + 1.0) * (1.0 / 9007199254740993.0);
    double u2 = double(NextBits() >> 11) * (1.0 / 9007199254740992.0);
    return float(std::sqrt(-2.0 * std::log(u1)) * std::cos(6.283185307179586 * u2));
  }
  float Normal(float mean, float stddev) { return mean + stddev * Normal(); }
  // Uniform integer in [0, n).
  uint32_t Below(uint32_t n) { return uint32_t((NextBits() >> 32) * uint64_t(n) >> 32); }
  // The whole state, to save a run and go on with the same stream after a reload (train/run_snapshot.h).
  uint64_t state() const { return state_; }
  void set_state(uint64_t state) { state_ = state; }

 private:
  uint64_t state_;
};

}  // namespace netlab
