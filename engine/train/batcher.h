#pragma once
// The minibatches of every run: passes over the n training rows, each pass in a fresh random order
// (Fisher-Yates, core/shuffle.h, drawn from the run's own Rng when the pass begins). A batch that
// crosses the end of a pass takes its last rows from the next one.
#include <algorithm>
#include <cstddef>
#include <vector>

#include "core/rng.h"
#include "core/shuffle.h"

namespace netlab {

class Batcher {
 public:
  // The next min(size, n) row indices into `rows`; true when a pass ended among them. A change of n
  // (other data) starts over with a fresh order.
  bool Next(size_t n, int size, Rng& rng, std::vector<int>& rows) {
    if (order_.size() != n) {
      order_.resize(n);
      for (size_t i = 0; i < n; ++i) order_[i] = int(i);
      cursor_ = n;  // shuffled below, when the first row is taken
    }
    rows.resize(size_t(std::max(0, std::min<int>(size, int(n)))));
    bool ended = false;
    for (int& row : rows) {
      if (cursor_ >= order_.size()) {
        Shuffle(order_, rng);
        cursor_ = 0;
      }
      row = order_[cursor_++];
      if (cursor_ == order_.size()) {
        ended = true;
        ++passes_;
      }
    }
    return ended;
  }
  // Passes completed.
  long passes() const { return passes_; }
  // Minibatches of `size` in one pass over n rows (at least 1).
  static long BatchesPerPass(size_t n, int size) {
    const long batch = size < 1 ? 1 : size;
    return n == 0 ? 1 : (long(n) + batch - 1) / batch;
  }

 private:
  std::vector<int> order_;
  size_t cursor_ = 0;
  long passes_ = 0;
};

}  // namespace netlab
