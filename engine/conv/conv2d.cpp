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

Conv2d::Conv2d(ImageShape input, int out_channels, int kernel, int stride, int padding, bool relu)
    : input_(input), kernel_(std::max(kernel, 1)), stride_(std::max(stride, 1)), padding_(std::max(padding, 0)), relu_(relu) {
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

// Output columns j whose tap x = j s + offset lies inside [0, width): first <= j < last.
Conv2d::TapRange Conv2d::ValidColumns(int offset) const {
  // j s + offset >= 0  <=>  j >= ceil(-offset / s);  j s + offset <= width - 1  <=>  j <= floor((width - 1 - offset) / s)
  const int first = offset >= 0 ? 0 : (-offset + stride_ - 1) / stride_;
  const int last_tap = input_.width - 1 - offset;
  const int last = last_tap < 0 ? 0 : std::min(output_.width, last_tap / stride_ + 1);
  return {std::min(first, last), last};
}

void Conv2d::Im2col(const float* image, float* columns) const {
  const int positions = output_.height * output_.width;
  for (int c = 0; c < input_.channels; ++c)
    for (int u = 0; u < kernel_; ++u)
      for (int v = 0; v < kernel_; ++v) {
        float* row = columns + long((c * kernel_ + u) * kernel_ + v) * positions;
        const TapRange range = ValidColumns(v - padding_);
        for (int i = 0; i < output_.height; ++i) {
          float* out = row + i * output_.width;
          const int y = i * stride_ + u - padding_;
          if (y < 0 || y >= input_.height) {  // zero padding above and below
            std::fill(out, out + output_.width, 0.0f);
            continue;
          }
          const float* source = image + long(c * input_.height + y) * input_.width;
          const int offset = v - padding_;  // output column j reads pixel x = j s + offset
          std::fill(out, out + range.first, 0.0f);
          if (stride_ == 1)
            std::copy(source + range.first + offset, source + range.last + offset, out + range.first);
          else
            for (int j = range.first; j < range.last; ++j) out[j] = source[j * stride_ + offset];
          std::fill(out + range.last, out + output_.width, 0.0f);
        }
      }
}

void Conv2d::Col2imAdd(const float* columns, float* image) const {
  const int positions = output_.height * output_.width;
  for (int c = 0; c < input_.channels; ++c)
    for (int u = 0; u < kernel_; ++u)
      for (int v = 0; v < kernel_; ++v) {
        const float* row = columns + long((c * kernel_ + u) * kernel_ + v) * positions;
        const TapRange range = ValidColumns(v - padding_);
        for (int i = 0; i < output_.height; ++i) {
          const int y = i * stride_ + u - padding_;
          if (y < 0 || y >= input_.height) continue;  // padding: nothing to give back
          const float* in = row + i * output_.width;
          float* target = image + long(c * input_.height + y) * input_.width;
          const int offset = v - padding_;
          for (int j = range.first; j < range.last; ++j) target[j * stride_ + offset] += in[j];
        }
      }
}

int Conv2d::BatchParts(int batch) { return std::max(1, std::min(batch, kBatchParts)); }

void Conv2d::ForwardImages(const Matrix& input, Matrix& output, int first, int last) {
  const int positions = output_.height * output_.width;
  const int window = int(weights.rows());
  const int channels = output_.channels;
  for (int n = first; n < last; ++n) {
    float* columns = columns_.data() + long(n) * window * positions;
    Im2col(input.row(n).data(), columns);
    float* out = output.row(n).data();
    // Y_n = Wᵀ cols_n: the WASM SIMD GEMM in the browser, Eigen natively; written in place, channel-major.
    Multiply({channels, positions, window}, true, weights.data(), channels, false, columns, positions, out, positions,
             false);
    for (int o = 0; o < channels; ++o) {
      float* y = out + long(o) * positions;
      const float b = bias(0, o);
      if (relu_)
        for (int p = 0; p < positions; ++p) y[p] = std::max(y[p] + b, 0.0f);
      else
        for (int p = 0; p < positions; ++p) y[p] += b;
    }
  }
}

void Conv2d::Forward(const Matrix& input, Matrix& output) {
  const int batch = int(input.rows());
  columns_.resize(Eigen::Index(batch) * weights.rows(), output_.height * output_.width);
  output.resize(batch, output_.size());
  // Images are independent: parts of the batch run on the GEMM's threads.
  const int parts = BatchParts(batch);
  auto part = [&](int index) {
    ForwardImages(input, output, int(long(batch) * index / parts), int(long(batch) * (index + 1) / parts));
  };
  RunParts(parts, part);
  if (relu_) activated_ = output;
}

void Conv2d::BackwardImages(const Matrix& grad_output, Matrix& grad_input, int first, int last, PartGradients& part) {
  const int positions = output_.height * output_.width;
  const int window = int(weights.rows());
  const int channels = output_.channels;
  part.weights.setZero(window, channels);
  part.bias.setZero(1, channels);
  part.grad_product.resize(channels, positions);
  part.grad_columns.resize(window, positions);
  for (int n = first; n < last; ++n) {
    const float* grad = grad_output.row(n).data();
    if (relu_) {
      // d max(0, z) / dz = [y > 0]: the output's sign is the pre-activation's.
      const float* y = activated_.row(n).data();
      float* masked = part.grad_product.data();
      for (int e = 0; e < channels * positions; ++e) masked[e] = y[e] > 0.0f ? grad[e] : 0.0f;
      grad = masked;
    }
    for (int o = 0; o < channels; ++o) {
      const float* g = grad + long(o) * positions;
      float sum = 0.0f;
      for (int p = 0; p < positions; ++p) sum += g[p];
      part.bias(0, o) += sum;
    }
    const float* columns = columns_.data() + long(n) * window * positions;
    // dW += cols_n dY_nᵀ
    Multiply({window, channels, positions}, false, columns, positions, true, grad, positions, part.weights.data(),
             channels, true);
    if (!input_gradient_needed_) continue;
    // dcols_n = W dY_n, then each entry back to its pixel.
    Multiply({window, positions, channels}, false, weights.data(), channels, false, grad, positions,
             part.grad_columns.data(), positions, false);
    Col2imAdd(part.grad_columns.data(), grad_input.row(n).data());
  }
}

void Conv2d::Backward(const Matrix& grad_output, Matrix& grad_input) {
  const int batch = int(grad_output.rows());
  grad_input.setZero(batch, input_.size());
  const int parts = BatchParts(batch);
  if (int(part_gradients_.size()) < parts) part_gradients_.resize(size_t(parts));
  auto part = [&](int index) {
    BackwardImages(grad_output, grad_input, int(long(batch) * index / parts), int(long(batch) * (index + 1) / parts),
                   part_gradients_[size_t(index)]);
  };
  RunParts(parts, part);
  // The parts' sums added in part order: the same bits for any number of threads.
  weights_gradient = part_gradients_[0].weights;
  bias_gradient = part_gradients_[0].bias;
  for (int index = 1; index < parts; ++index) {
    weights_gradient += part_gradients_[size_t(index)].weights;
    bias_gradient += part_gradients_[size_t(index)].bias;
  }
}

void Conv2d::CollectParameters(std::vector<ParameterRef>& out) {
  if (weights_gradient.size() != weights.size()) weights_gradient = Matrix::Zero(weights.rows(), weights.cols());
  if (bias_gradient.size() != bias.size()) bias_gradient = Matrix::Zero(bias.rows(), bias.cols());
  out.push_back({&weights, &weights_gradient});
  out.push_back({&bias, &bias_gradient});
}

}  // namespace netlab
