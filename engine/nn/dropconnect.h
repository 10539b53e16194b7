#pragma once
#include "nn/dense.h"
#include "core/rng.h"

namespace netlab {

// DropConnect (Wan et al. 2013): while training, each weight of the dense layer is dropped with
// probability p (one mask per mini-batch) and the kept ones are scaled by 1 / (1 - p); inference uses
// the full weights, the mean of the masked network's weights.
class DropConnectDense : public Dense {
 public:
  DropConnectDense(int inputs, int outputs, float probability, uint64_t seed)
      : Dense(inputs, outputs), probability_(probability), rng_(seed) {}
  const char* kind() const override { return "dropconnect_dense"; }
  void CollectRandomStreams(std::vector<Rng*>& out) override { out.push_back(&rng_); }
  void Forward(const Matrix& input, Matrix& output) override {
    if (!training_) {
      masked_ = false;
      Dense::Forward(input, output);
      return;
    }
    masked_ = true;
    if (!(hold_masks_ && mask_.rows() == weights.rows() && mask_.cols() == weights.cols())) {
      const float keep_scale = 1.0f / (1.0f - probability_);
      mask_.resize(weights.rows(), weights.cols());
      for (Eigen::Index i = 0; i < mask_.size(); ++i)
        mask_.data()[i] = rng_.Uniform() < probability_ ? 0.0f : keep_scale;
    }
    effective_ = weights.cwiseProduct(mask_);
    ForwardWith(effective_, input, output);
  }
  void Backward(const Matrix& grad_output, Matrix& grad_input) override {
    if (!masked_) {
      Dense::Backward(grad_output, grad_input);
      return;
    }
    // dL/dW = (Xᵀ dY) ⊙ mask: a dropped weight gets no gradient, a kept one its scaled share.
    BackwardWith(effective_, grad_output, grad_input);
    weights_gradient.array() *= mask_.array();
  }

 private:
  float probability_;
  Rng rng_;
  bool masked_ = false;
  Matrix mask_, effective_;
};

}  // namespace netlab
