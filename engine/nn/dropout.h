#pragma once
#include "nn/layer.h"
#include "core/rng.h"

namespace netlab {

// Inverted dropout (Srivastava et al. 2014): while training each unit is kept with probability
// 1 - p and scaled by 1 / (1 - p), so the expected activation is unchanged and inference is the
// identity.
class Dropout : public Layer {
 public:
  Dropout(float probability, uint64_t seed) : probability_(probability), rng_(seed) {}
  const char* kind() const override { return "dropout"; }
  void Forward(const Matrix& input, Matrix& output) override {
    if (!training_ || probability_ <= 0.0f) {
      output = input;
      mask_.resize(0, 0);
      return;
    }
    const bool reuse = hold_masks_ && mask_.rows() == input.rows() && mask_.cols() == input.cols();
    if (!reuse) {
      const float keep_scale = 1.0f / (1.0f - probability_);
      mask_.resize(input.rows(), input.cols());
      for (Eigen::Index i = 0; i < mask_.size(); ++i)
        mask_.data()[i] = rng_.Uniform() < probability_ ? 0.0f : keep_scale;
    }
    output = input.cwiseProduct(mask_);
  }
  void CollectRandomStreams(std::vector<Rng*>& out) override { out.push_back(&rng_); }
  void Backward(const Matrix& grad_output, Matrix& grad_input) override {
    if (mask_.size() == 0) grad_input = grad_output;
    else grad_input = grad_output.cwiseProduct(mask_);
  }

 private:
  float probability_;
  Rng rng_;
  Matrix mask_;
};

}  // namespace netlab
