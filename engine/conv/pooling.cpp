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
  const int planes = batch * output_.channels;  // one (sample, channel) image after another
  output.resize(batch, output_.size());
  argmax_.resize(size_t(batch) * size_t(output_.size()));
  const int in_plane = input_.height * input_.width, out_plane = output_.height * output_.width;
  for (int plane = 0; plane < planes; ++plane) {
    // Rows are contiguous and channel-major, so (sample, channel) planes follow each other in memory.
    const float* x = input.data() + long(plane) * in_plane;
    float* y = output.data() + long(plane) * out_plane;
    int* winner = argmax_.data() + long(plane) * out_plane;
    for (int i = 0; i < output_.height; ++i)
      for (int j = 0; j < output_.width; ++j) {
        int best = i * stride_ * input_.width + j * stride_;
        for (int u = 0; u < kernel_; ++u)
          for (int v = 0; v < kernel_; ++v) {
            const int index = (i * stride_ + u) * input_.width + j * stride_ + v;
            if (x[index] > x[best]) best = index;  // strict: the first maximum wins ties
          }
        y[i * output_.width + j] = x[best];
        winner[i * output_.width + j] = best;  // index inside the plane
      }
  }
}

void MaxPool2d::Backward(const Matrix& grad_output, Matrix& grad_input) {
  const int batch = int(grad_output.rows());
  const int planes = batch * output_.channels;
  const int in_plane = input_.height * input_.width, out_plane = output_.height * output_.width;
  // Windows that tile the image exactly (the usual 2x2, stride 2) own every pixel once: each pixel is
  // written once, dY or 0, in order, with no zeroing pass and no scattered adds.
  const bool tiles = stride_ == kernel_ && output_.height * kernel_ == input_.height &&
                     output_.width * kernel_ == input_.width;
  if (!tiles) grad_input.setZero(batch, input_.size());
  else grad_input.resize(batch, input_.size());
  for (int plane = 0; plane < planes; ++plane) {
    const float* g = grad_output.data() + long(plane) * out_plane;
    const int* winner = argmax_.data() + long(plane) * out_plane;
    float* dx = grad_input.data() + long(plane) * in_plane;
    if (!tiles) {  // overlapping windows: a pixel can win several, so gradients add up
      for (int out = 0; out < out_plane; ++out) dx[winner[out]] += g[out];
      continue;
    }
    for (int y = 0; y < input_.height; ++y) {
      const int i = y / kernel_;
      float* row = dx + y * input_.width;
      for (int x = 0; x < input_.width; ++x) {
        const int out = i * output_.width + x / kernel_;
        row[x] = winner[out] == y * input_.width + x ? g[out] : 0.0f;
      }
    }
  }
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
