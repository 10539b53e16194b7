#include "conv/conv2d.h"

#include <cmath>
#include <algorithm>
#include <string>

#include "core/gemm.h"
#include "core/rng.h"

namespace netlab {

std::string Conv2dShapeError(ImageShape input, int out_channels, int kernel, int stride, int padding) {
  if (kernel < 1 || stride < 1 || padding < 0 || out_channels < 1 || input.channels < 1 || input.height < 1 ||
      input.width < 1)
    return "conv2d: kernel, stride, channels and image sides must be >= 1 and padding >= 0";
  // Compared directly, not through SlidingOutputSize: C++ division truncates towards zero, so a kernel
  // one or more too large with stride > 1 ((3 - 4) / 2 + 1 = 1) would look as if it gave one output.
  if (kernel > input.height + 2 * padding || kernel > input.width + 2 * padding)
    return "conv2d: a " + std::to_string(kernel) + "x" + std::to_string(kernel) + " kernel does not fit a " +
           std::to_string(input.height) + "x" + std::to_string(input.width) + " image with padding " +
           std::to_string(padding);
  return "";
}

Conv2d::Conv2d(ImageShape input, int out_channels, int kernel, int stride, int padding)
    : input_(input), kernel_(std::max(kernel, 1)), stride_(std::max(stride, 1)), padding_(std::max(padding, 0)) {
  input_.channels = std::max(input_.channels, 1);
  kernel_ = std::min({kernel_, std::max(input_.height, 1) + 2 * padding_, std::max(input_.width, 1) + 2 * padding_});
  output_ = {std::max(out_channels, 1), std::max(SlidingOutputSize(input_.height, kernel_, stride_, padding_), 1),
             std::max(SlidingOutputSize(input_.width, kernel_, stride_, padding_), 1)};
  weights = Matrix::Zero(input_.channels * kernel_ * kernel_, output_.channels);
  bias = Matrix::Zero(1, output_.channels);
}

void Conv2d::InitializeHe(Rng& rng) {
  const float stddev = std::sqrt(2.0f / float(weights.rows()));
  for (Eigen::Index i = 0; i < weights.size(); ++i) weights.data()[i] = rng.Normal(0.0f, stddev);
  bias.setZero();
}

void Conv2d::Forward(const Matrix& input, Matrix& output) {
  const int batch = int(input.rows());
  const int positions = output_.height * output_.width;
  const int window = int(weights.rows());
  columns_.setZero(Eigen::Index(batch) * positions, window);
  for (int n = 0; n < batch; ++n) {
    const float* image = input.row(n).data();
    for (int i = 0; i < output_.height; ++i)
      for (int j = 0; j < output_.width; ++j) {
        float* column = columns_.row(Eigen::Index(n) * positions + i * output_.width + j).data();
        for (int c = 0; c < input_.channels; ++c)
          for (int u = 0; u < kernel_; ++u) {
            const int y = i * stride_ + u - padding_;
            if (y < 0 || y >= input_.height) continue;  // zero padding: the entry stays 0
            for (int v = 0; v < kernel_; ++v) {
              const int x = j * stride_ + v - padding_;
              if (x < 0 || x >= input_.width) continue;
              column[(c * kernel_ + u) * kernel_ + v] = image[(c * input_.height + y) * input_.width + x];
            }
          }
      }
  }
  // The im2col products go through Multiply: the WASM SIMD GEMM in the browser, Eigen natively.
  Multiply(columns_, false, weights, false, product_);
  product_.rowwise() += bias.row(0);
  // product_ rows are (sample, position) and columns channels; the layer output is channel-major.
  output.resize(batch, output_.size());
  for (int n = 0; n < batch; ++n)
    for (int p = 0; p < positions; ++p)
      for (int o = 0; o < output_.channels; ++o) output(n, o * positions + p) = product_(Eigen::Index(n) * positions + p, o);
}

void Conv2d::Backward(const Matrix& grad_output, Matrix& grad_input) {
  const int batch = int(grad_output.rows());
  const int positions = output_.height * output_.width;
  grad_product_.resize(Eigen::Index(batch) * positions, output_.channels);
  for (int n = 0; n < batch; ++n)
    for (int p = 0; p < positions; ++p)
      for (int o = 0; o < output_.channels; ++o)
        grad_product_(Eigen::Index(n) * positions + p, o) = grad_output(n, o * positions + p);
  Multiply(columns_, true, grad_product_, false, weights_gradient);
  bias_gradient = grad_product_.colwise().sum();
  Multiply(grad_product_, false, weights, true, grad_columns_);
  grad_input.setZero(batch, input_.size());
  for (int n = 0; n < batch; ++n) {
    float* image = grad_input.row(n).data();
    for (int i = 0; i < output_.height; ++i)
      for (int j = 0; j < output_.width; ++j) {
        const float* column = grad_columns_.row(Eigen::Index(n) * positions + i * output_.width + j).data();
        for (int c = 0; c < input_.channels; ++c)
          for (int u = 0; u < kernel_; ++u) {
            const int y = i * stride_ + u - padding_;
            if (y < 0 || y >= input_.height) continue;
            for (int v = 0; v < kernel_; ++v) {
              const int x = j * stride_ + v - padding_;
              if (x < 0 || x >= input_.width) continue;
              image[(c * input_.height + y) * input_.width + x] += column[(c * kernel_ + u) * kernel_ + v];
            }
          }
      }
  }
}

void Conv2d::CollectParameters(std::vector<ParameterRef>& out) {
  if (weights_gradient.size() != weights.size()) weights_gradient = Matrix::Zero(weights.rows(), weights.cols());
  if (bias_gradient.size() != bias.size()) bias_gradient = Matrix::Zero(bias.rows(), bias.cols());
  out.push_back({&weights, &weights_gradient});
  out.push_back({&bias, &bias_gradient});
}

}  // namespace netlab
