#pragma once
#include "nn/layer.h"

namespace netlab {

// Batch normalization's running averages, for dense features and convolution channels alike: after a
// batch whose statistics over `count` values each were `mean` and `variance` (biased, as the batch is
// normalised with them), running <- 0.9 running + 0.1 batch, the variance in its unbiased
// count / (count - 1) form, the population's estimate (Ioffe & Szegedy 2015, Algorithm 2). All 1 x n.
void UpdateRunningStatistics(const Matrix& mean, const Matrix& variance, double count, Matrix& running_mean,
                             Matrix& running_variance);

// Batch normalization (Ioffe & Szegedy 2015): while training, each feature is normalised with the
// batch's mean and variance, x^ = (x - mu_B) / sqrt(var_B + eps), then y = gamma x^ + beta; running
// averages of mu and var (momentum 0.9) replace the batch statistics at inference.
class BatchNorm : public Layer {
 public:
  explicit BatchNorm(int features);
  const char* kind() const override { return "batch_norm"; }
  void Forward(const Matrix& input, Matrix& output) override;
  void Backward(const Matrix& grad_output, Matrix& grad_input) override;
  void CollectParameters(std::vector<ParameterRef>& out) override;
  void CollectState(std::vector<Matrix*>& out) override;

  Matrix gamma, beta, gamma_gradient, beta_gradient;
  Matrix running_mean, running_variance;

 private:
  Matrix normalized_, inverse_std_;                // batch x features; 1 x features
  Matrix batch_mean_, batch_variance_;             // 1 x features: the statistics this batch used
  // Backward scratch, kept so a step allocates nothing: batch x features, then 1 x features.
  Matrix grad_normalized_, sum_grad_, sum_grad_x_, scaled_inverse_std_;
  bool used_batch_statistics_ = false;
};

// Layer normalization (Ba et al. 2016): the same normalisation over each sample's features instead of
// over the batch, so training and inference agree and batch size 1 works.
class LayerNorm : public Layer {
 public:
  explicit LayerNorm(int features);
  const char* kind() const override { return "layer_norm"; }
  void Forward(const Matrix& input, Matrix& output) override;
  void Backward(const Matrix& grad_output, Matrix& grad_input) override;
  void CollectParameters(std::vector<ParameterRef>& out) override;

  Matrix gamma, beta, gamma_gradient, beta_gradient;

 private:
  Matrix normalized_, inverse_std_;  // inverse_std_: one per row
  Matrix grad_normalized_;           // backward scratch (batch x features), kept so a step allocates nothing
};

}  // namespace netlab
