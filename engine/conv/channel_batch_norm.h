#pragma once
// Batch normalization after a convolution (Ioffe & Szegedy 2015, section 3.2): one mean and variance
// per channel, taken over the batch *and* every position of its feature map, so that all the outputs of
// one filter are normalised alike and the layer keeps the convolution's translation equivariance. Each
// channel c has its own gain gamma_c and shift beta_c: y = gamma_c (x - mu_c) / sqrt(var_c + eps) + beta_c.
// Running averages (momentum 0.9, the unbiased m / (m - 1) variance over m = batch x positions values)
// replace the batch statistics at inference, as nn/normalization.h's BatchNorm does for dense layers.
#include "conv/image_shape.h"
#include "nn/layer.h"

namespace netlab {

class ChannelBatchNorm : public Layer {
 public:
  explicit ChannelBatchNorm(ImageShape shape);
  const char* kind() const override { return "channel_batch_norm"; }
  void Forward(const Matrix& input, Matrix& output) override;
  void Backward(const Matrix& grad_output, Matrix& grad_input) override;
  void CollectParameters(std::vector<ParameterRef>& out) override;
  void CollectState(std::vector<Matrix*>& out) override;
  ImageShape shape() const { return shape_; }

  Matrix gamma, beta, gamma_gradient, beta_gradient;  // 1 x channels
  Matrix running_mean, running_variance;              // 1 x channels

 private:
  ImageShape shape_;
  Matrix normalized_;               // batch x (channels x height x width)
  Matrix inverse_std_;              // 1 x channels
  Matrix batch_mean_, batch_variance_;  // 1 x channels: this batch's statistics
  bool used_batch_statistics_ = false;
};

}  // namespace netlab
