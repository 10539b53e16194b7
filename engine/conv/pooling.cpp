#include "conv/pooling.h"

#include <algorithm>

namespace netlab {
namespace {

int FittingWindow(ImageShape input, int kernel) {
  return std::max(1, std::min({kernel, input.height, input.width}));
}

ImageShape PooledShape(ImageShape input, int kernel, int stride) {
  return {input.channels, SlidingOutputSize(input.height, kernel, stride, 0), SlidingOutputSize(input.width, kernel, stride, 0)};
}

}  // namespace

std::string PoolShapeError(ImageShape input, int kernel, int stride) {
  if (kernel < 1 || stride < 1) return "pooling: window and stride must be >= 1";
  if (kernel > input.height || kernel > input.width)
    return "pooling: a " + std::to_string(kernel) + "x" + std::to_string(kernel) + " window does not fit a " +
           std::to_string(input.height) + "x" + std::to_string(input.width) + " image";
  return "";
}

MaxPool2d::MaxPool2d(ImageShape input, int kernel, int stride)
    : input_(input),
      output_(PooledShape(input, FittingWindow(input, kernel), std::max(stride, 1))),
      kernel_(FittingWindow(input, kernel)),
      stride_(std::max(stride, 1)) {}

void MaxPool2d::Forward(const Matrix& input, Matrix& output) {
  const int batch = int(input.rows());
  output.resize(batch, output_.size());
  argmax_.resize(size_t(batch) * size_t(output_.size()));
  for (int n = 0; n < batch; ++n)
    for (int c = 0; c < output_.channels; ++c)
      for (int i = 0; i < output_.height; ++i)
        for (int j = 0; j < output_.width; ++j) {
          int best = (c * input_.height + i * stride_) * input_.width + j * stride_;
          for (int u = 0; u < kernel_; ++u)
            for (int v = 0; v < kernel_; ++v) {
              const int index = (c * input_.height + i * stride_ + u) * input_.width + j * stride_ + v;
              if (input(n, index) > input(n, best)) best = index;
            }
          const int out = (c * output_.height + i) * output_.width + j;
          output(n, out) = input(n, best);
          argmax_[size_t(n) * size_t(output_.size()) + size_t(out)] = best;
        }
}

void MaxPool2d::Backward(const Matrix& grad_output, Matrix& grad_input) {
  const int batch = int(grad_output.rows());
  grad_input.setZero(batch, input_.size());
  for (int n = 0; n < batch; ++n)
    for (int out = 0; out < output_.size(); ++out)
      grad_input(n, argmax_[size_t(n) * size_t(output_.size()) + size_t(out)]) += grad_output(n, out);
}

AveragePool2d::AveragePool2d(ImageShape input, int kernel, int stride)
    : input_(input),
      output_(PooledShape(input, FittingWindow(input, kernel), std::max(stride, 1))),
      kernel_(FittingWindow(input, kernel)),
      stride_(std::max(stride, 1)) {}

void AveragePool2d::Forward(const Matrix& input, Matrix& output) {
  const int batch = int(input.rows());
  const float scale = 1.0f / float(kernel_ * kernel_);
  output.resize(batch, output_.size());
  for (int n = 0; n < batch; ++n)
    for (int c = 0; c < output_.channels; ++c)
      for (int i = 0; i < output_.height; ++i)
        for (int j = 0; j < output_.width; ++j) {
          float sum = 0.0f;
          for (int u = 0; u < kernel_; ++u)
            for (int v = 0; v < kernel_; ++v)
              sum += input(n, (c * input_.height + i * stride_ + u) * input_.width + j * stride_ + v);
          output(n, (c * output_.height + i) * output_.width + j) = sum * scale;
        }
}

void AveragePool2d::Backward(const Matrix& grad_output, Matrix& grad_input) {
  const int batch = int(grad_output.rows());
  const float scale = 1.0f / float(kernel_ * kernel_);
  grad_input.setZero(batch, input_.size());
  for (int n = 0; n < batch; ++n)
    for (int c = 0; c < output_.channels; ++c)
      for (int i = 0; i < output_.height; ++i)
        for (int j = 0; j < output_.width; ++j) {
          const float g = grad_output(n, (c * output_.height + i) * output_.width + j) * scale;
          for (int u = 0; u < kernel_; ++u)
            for (int v = 0; v < kernel_; ++v)
              grad_input(n, (c * input_.height + i * stride_ + u) * input_.width + j * stride_ + v) += g;
        }
}

}  // namespace netlab
