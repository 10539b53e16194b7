#pragma once
// Seconds on a monotonic clock, for the time budgets of training loops and searches (a frame's share of
// work), never for results: what is computed never depends on it.
#include <chrono>

namespace netlab {

inline double NowSeconds() {
  return std::chrono::duration<double>(std::chrono::steady_clock::now().time_since_epoch()).count();
}

}  // namespace netlab
