#pragma once
// 2-D convolution (cross-correlation, as in every deep-learning library) by im2col:
//   Y[n, o, i, j] = b[o] + sum_{c, u, v} W[c u v, o] X[n, c, i s + u - p, j s + v - p]
// Each output position's receptive field becomes a row of the column matrix, so the layer is one matrix
// product Y = cols W + b, and backward is the dense layer's: dW = colsᵀ dY, db = sum dY,
// dcols = dY Wᵀ, scattered back (col2im) into dX by adding each entry to the pixel it came from.
#include <string>

#include "conv/image_shape.h"
#include "nn/layer.h"
#include "core/rng.h"

namespace netlab {

// Why a convolution of these sizes is impossible, or "" if it is fine. Checked before building a layer:
// the WASM build runs without C++ exceptions, so bad shapes are reported, not thrown.
std::string Conv2dShapeError(ImageShape input, int out_channels, int kernel, int stride, int padding);

class Conv2d : public Layer {
 public:
  // The sizes must pass Conv2dShapeError; impossible ones are clamped to a 1x1 output so nothing
  // reads out of bounds.
  Conv2d(ImageShape input, int out_channels, int kernel, int stride = 1, int padding = 0);
  const char* kind() const override { return "conv2d"; }
  void Forward(const Matrix& input, Matrix& output) override;
  void Backward(const Matrix& grad_output, Matrix& grad_input) override;
  void CollectParameters(std::vector<ParameterRef>& out) override;

  ImageShape input_shape() const { return input_; }
  ImageShape output_shape() const { return output_; }
  int kernel() const { return kernel_; }
  int stride() const { return stride_; }
  int padding() const { return padding_; }
  // He initialisation for the ReLU networks this layer usually sits in: W ~ N(0, 2 / fan_in).
  void InitializeHe(Rng& rng);

  Matrix weights;  // (channels * kernel * kernel) x out_channels; row index c k k + u k + v
  Matrix bias;     // 1 x out_channels
  Matrix weights_gradient, bias_gradient;

 private:
  ImageShape input_, output_;
  int kernel_, stride_, padding_;
  Matrix columns_;  // (batch * out_h * out_w) x (channels * kernel * kernel), kept for backward
  Matrix product_, grad_product_, grad_columns_;
};

}  // namespace netlab
