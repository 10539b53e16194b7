#pragma once
// A per-update series (a loss, a gradient norm) kept for a plot in bounded memory: consecutive values are
// averaged into points of `stride` updates each, and when `kMaxPoints` are full, pairs merge and the
// stride doubles, so a long run keeps its whole span at half the resolution.
#include <cstddef>
#include <vector>

namespace netlab {

class AveragedSeries {
 public:
  static constexpr size_t kMaxPoints = 400;
  AveragedSeries() { points_.reserve(kMaxPoints); }  // so that a training step adding to it allocates nothing
  void Add(double value) {
    sum_ += value;
    if (++count_ < stride_) return;
    points_.push_back(float(sum_ / count_));
    sum_ = 0.0;
    count_ = 0;
    if (points_.size() < kMaxPoints) return;
    for (size_t i = 0; i < points_.size() / 2; ++i) points_[i] = 0.5f * (points_[2 * i] + points_[2 * i + 1]);
    points_.resize(points_.size() / 2);
    stride_ *= 2;
  }
  const std::vector<float>& points() const { return points_; }
  int stride() const { return stride_; }

 private:
  std::vector<float> points_;
  int stride_ = 1;
  double sum_ = 0.0;
  int count_ = 0;
};

}  // namespace netlab
