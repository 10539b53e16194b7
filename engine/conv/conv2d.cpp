#include "conv/conv2d.h"

#include <cmath>
#include <cstdint>
#include <algorithm>
#include <string>

#include "core/gemm.h"
#include "core/rng.h"

#ifdef __wasm_simd128__
#include <wasm_simd128.h>
#endif

namespace netlab {
namespace {

// sum of x[0..count): four running sums over p = 0, 4, 8, ... (lane p mod 4), then
// (s0 + s1) + (s2 + s3), then the tail in order. A fixed order, so the same bits in every build and
// for any thread count, and four lanes at a time in the SIMD build.
float SumInLanes(const float* x, int count) {
  int p = 0;
  float lanes[4] = {0.0f, 0.0f, 0.0f, 0.0f};
#ifdef __wasm_simd128__
  v128_t sum = wasm_f32x4_splat(0.0f);
  for (; p + 4 <= count; p += 4) sum = wasm_f32x4_add(sum, wasm_v128_load(x + p));
  wasm_v128_store(lanes, sum);
#else
  for (; p + 4 <= count; p += 4)
    for (int lane = 0; lane < 4; ++lane) lanes[lane] += x[p + lane];
#endif
  float total = (lanes[0] + lanes[1]) + (lanes[2] + lanes[3]);
  for (; p < count; ++p) total += x[p];
  return total;
}

// masked[e] = kept[e] ? grad[e] : 0, the ReLU's derivative [z > 0] kept by forward as one byte a value
// (0 or 0xff): a quarter of the memory traffic of keeping the output itself.
void MaskByPositive(const std::uint8_t* kept, const float* grad, int count, float* masked) {
  int e = 0;
#ifdef __wasm_simd128__
  for (; e + 16 <= count; e += 16) {
    // 16 bytes of 0 / 0xff widened, with their sign, to four masks of 32 bits.
    const v128_t bytes = wasm_v128_load(kept + e);
    const v128_t low = wasm_i16x8_extend_low_i8x16(bytes), high = wasm_i16x8_extend_high_i8x16(bytes);
    const v128_t masks[4] = {wasm_i32x4_extend_low_i16x8(low), wasm_i32x4_extend_high_i16x8(low),
                             wasm_i32x4_extend_low_i16x8(high), wasm_i32x4_extend_high_i16x8(high)};
    for (int q = 0; q < 4; ++q)
      wasm_v128_store(masked + e + 4 * q, wasm_v128_and(wasm_v128_load(grad + e + 4 * q), masks[q]));
  }
#endif
  for (; e < count; ++e) masked[e] = kept[e] ? grad[e] : 0.0f;
}

// target[j] += source[j] for j < count.
void AddTo(const float* source, int count, float* target) {
  int j = 0;
#ifdef __wasm_simd128__
  for (; j + 4 <= count; j += 4)
    wasm_v128_store(target + j, wasm_f32x4_add(wasm_v128_load(target + j), wasm_v128_load(source + j)));
#endif
  for (; j < count; ++j) target[j] += source[j];
}

// target[j] = source[j] for j < count: im2col copies rows and planes of 14 to 784 pixels, too short to
// repay the call out of WASM that emscripten's memcpy makes from 512 bytes on.
void CopyFloats(const float* source, int count, float* target) {
  int j = 0;
#ifdef __wasm_simd128__
  for (; j + 4 <= count; j += 4) wasm_v128_store(target + j, wasm_v128_load(source + j));
#endif
  for (; j < count; ++j) target[j] = source[j];
}

// Rows [first_row, last_row) of a plane `width` wide: the columns a tap shifted by dx reads from outside
// the image (j < -dx on the left, j >= width - dx on the right) set to 0. Column by column: a row's
// one or two entries written as a short loop become a call to memset each.
void ZeroEdgeColumns(float* plane, int first_row, int last_row, int width, int dx) {
  const int left = std::min(std::max(-dx, 0), width), right = std::max(width - std::max(dx, 0), left);
  for (int j = 0; j < left; ++j)
    for (int i = first_row; i < last_row; ++i) plane[i * width + j] = 0.0f;
  for (int j = right; j < width; ++j)
    for (int i = first_row; i < last_row; ++i) plane[i * width + j] = 0.0f;
}

// y[p] = max(y[p] + b, 0) with relu (and kept[p] = 0xff where that is > 0, else 0, for backward's
// mask), else y[p] + b (pmax is std::max: z < 0 ? 0 : z).
void AddBias(float b, bool relu, int count, float* y, std::uint8_t* kept) {
  int p = 0;
#ifdef __wasm_simd128__
  const v128_t bias = wasm_f32x4_splat(b), zero = wasm_f32x4_splat(0.0f);
  if (!relu)
    for (; p + 4 <= count; p += 4) wasm_v128_store(y + p, wasm_f32x4_add(wasm_v128_load(y + p), bias));
  for (; relu && p + 16 <= count; p += 16) {
    v128_t positive[4];
    for (int q = 0; q < 4; ++q) {
      const v128_t a = wasm_f32x4_pmax(wasm_f32x4_add(wasm_v128_load(y + p + 4 * q), bias), zero);
      wasm_v128_store(y + p + 4 * q, a);
      positive[q] = wasm_f32x4_gt(a, zero);  // all ones or all zeros per lane
    }
    // Narrowing with signed saturation keeps -1 as -1 (0xff) and 0 as 0.
    const v128_t low = wasm_i16x8_narrow_i32x4(positive[0], positive[1]);
    const v128_t high = wasm_i16x8_narrow_i32x4(positive[2], positive[3]);
    wasm_v128_store(kept + p, wasm_i8x16_narrow_i16x8(low, high));
  }
#endif
  for (; p < count; ++p) {
    y[p] = relu ? std::max(y[p] + b, 0.0f) : y[p] + b;
    if (relu) kept[p] = y[p] > 0.0f ? 0xff : 0;
  }
}

// Where tap (u, v) of a stride-1 "same" convolution reads a channel's plane: the flat shift
// (u - p) W + (v - p), the output rows [first_row, last_row) whose source rows exist, and the flat range
// [first, last) of output entries whose source q + shift lies within those rows of the plane.
struct ShiftedTap {
  int dx, shift, first_row, last_row, first, last;
};
ShiftedTap ShiftTap(int u, int v, int padding, int height, int width) {
  ShiftedTap t;
  const int dy = u - padding, plane = height * width;
  t.dx = v - padding;
  t.shift = dy * width + t.dx;
  t.first_row = std::clamp(-dy, 0, height);
  t.last_row = std::clamp(height - dy, t.first_row, height);
  t.first = std::max(t.first_row * width, -t.shift);
  t.last = std::min(t.last_row * width, plane - t.shift);
  return t;
}

}  // namespace

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
  if (stride_ == 1 && output_.height == input_.height && output_.width == input_.width) {
    ImageSizedIm2col(image, columns);
    return;
  }
  ForEachTap([&](int c, int u, int v, long tap) {
    float* row = columns + tap * positions;
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
        CopyFloats(source + range.first + offset, range.last - range.first, out + range.first);
      else
        for (int j = range.first; j < range.last; ++j) out[j] = source[j * stride_ + offset];
      std::fill(out + range.last, out + output_.width, 0.0f);
    }
  });
}

// A stride-1 "same" convolution (the CNN's 3x3, padding 1): tap (u, v)'s row is the whole channel
// shifted by (u - p) W + (v - p) in its flat index, so one copy of the shifted plane fills it, and only
// the rows above or below the image and the columns across its left or right edge (which that copy
// took from the neighbouring row) are then set to zero.
void Conv2d::ImageSizedIm2col(const float* image, float* columns) const {
  const int height = input_.height, width = input_.width, plane = height * width;
  ForEachTap([&](int c, int u, int v, long tap) {
    float* row = columns + tap * plane;
    const ShiftedTap t = ShiftTap(u, v, padding_, height, width);
    std::fill(row, row + t.first_row * width, 0.0f);
    std::fill(row + t.last_row * width, row + plane, 0.0f);
    // The few entries clipped at either end of [first, last) are in the edge columns zeroed below.
    if (t.first < t.last) CopyFloats(image + long(c) * plane + t.first + t.shift, t.last - t.first, row + t.first);
    ZeroEdgeColumns(row, t.first_row, t.last_row, width, t.dx);
  });
}

void Conv2d::Col2imAdd(float* columns, float* image) const {
  const int positions = output_.height * output_.width;
  if (stride_ == 1 && output_.height == input_.height && output_.width == input_.width) {
    ImageSizedCol2imAdd(columns, image);
    return;
  }
  ForEachTap([&](int c, int u, int v, long tap) {
    const float* row = columns + tap * positions;
    const TapRange range = ValidColumns(v - padding_);
    for (int i = 0; i < output_.height; ++i) {
      const int y = i * stride_ + u - padding_;
      if (y < 0 || y >= input_.height) continue;  // padding: nothing to give back
      const float* in = row + i * output_.width;
      float* target = image + long(c * input_.height + y) * input_.width;
      const int offset = v - padding_;
      if (stride_ == 1) AddTo(in + range.first, range.last - range.first, target + range.first + offset);
      else
        for (int j = range.first; j < range.last; ++j) target[j * stride_ + offset] += in[j];
    }
  });
}

// The reverse of ImageSizedIm2col: each tap's row, shifted back, is added to the channel's plane in one
// pass. The row's entries across the image's left or right edge would land on the neighbouring image
// row, so they are zeroed first (the row is scratch); adding 0 leaves those pixels as they were.
void Conv2d::ImageSizedCol2imAdd(float* columns, float* image) const {
  const int height = input_.height, width = input_.width, plane = height * width;
  ForEachTap([&](int c, int u, int v, long tap) {
    float* row = columns + tap * plane;
    const ShiftedTap t = ShiftTap(u, v, padding_, height, width);
    ZeroEdgeColumns(row, t.first_row, t.last_row, width, t.dx);
    if (t.first < t.last) AddTo(row + t.first, t.last - t.first, image + long(c) * plane + t.first + t.shift);
  });
}

int Conv2d::BatchParts(int batch) { return std::max(1, std::min(batch, kBatchParts)); }

void Conv2d::ForwardImages(const Matrix& input, Matrix& output, int first, int last, PartGradients& part) {
  const int positions = output_.height * output_.width;
  const int window = int(weights.rows());
  const int channels = output_.channels;
  part.columns.resize(window, positions);
  float* columns = part.columns.data();
  for (int n = first; n < last; ++n) {
    CopyFloats(input.row(n).data(), int(input.cols()), images_.row(n).data());
    Im2col(input.row(n).data(), columns);
    float* out = output.row(n).data();
    // Y_n = Wᵀ cols_n: the WASM SIMD GEMM in the browser, Eigen natively; written in place, channel-major.
    Multiply({channels, positions, window}, true, weights.data(), channels, false, columns, positions, out, positions,
             false);
    std::uint8_t* kept = relu_ ? positive_.data() + long(n) * output_.size() : nullptr;
    for (int o = 0; o < channels; ++o)
      AddBias(bias(0, o), relu_, positions, out + long(o) * positions, relu_ ? kept + long(o) * positions : nullptr);
  }
}

void Conv2d::Forward(const Matrix& input, Matrix& output) {
  const int batch = int(input.rows());
  images_.resize(batch, input.cols());
  output.resize(batch, output_.size());
  if (relu_) positive_.resize(size_t(batch) * size_t(output_.size()));  // filled as the output is written
  // Images are independent: parts of the batch run on the GEMM's threads.
  const int parts = BatchParts(batch);
  if (int(part_gradients_.size()) < parts) part_gradients_.resize(size_t(parts));
  auto part = [&](int index) {
    ForwardImages(input, output, int(long(batch) * index / parts), int(long(batch) * (index + 1) / parts),
                  part_gradients_[size_t(index)]);
  };
  RunParts(parts, part);

}

void Conv2d::BackwardImages(const Matrix& grad_output, Matrix& grad_input, int first, int last, PartGradients& part) {
  const int positions = output_.height * output_.width;
  const int window = int(weights.rows());
  const int channels = output_.channels;
  part.weights.setZero(window, channels);
  part.bias.setZero(1, channels);
  part.grad_product.resize(channels, positions);
  part.columns.resize(window, positions);
  float* columns = part.columns.data();
  for (int n = first; n < last; ++n) {
    const float* grad = grad_output.row(n).data();
    if (relu_) {
      // d max(0, z) / dz = [y > 0]: the output's sign is the pre-activation's.
      MaskByPositive(positive_.data() + long(n) * output_.size(), grad, channels * positions, part.grad_product.data());
      grad = part.grad_product.data();
    }
    for (int o = 0; o < channels; ++o) part.bias(0, o) += SumInLanes(grad + long(o) * positions, positions);
    // cols_n again, from the kept image (the same values forward multiplied).
    Im2col(images_.row(n).data(), columns);
    // dW += cols_n dY_nᵀ
    Multiply({window, channels, positions}, false, columns, positions, true, grad, positions, part.weights.data(),
             channels, true);
    if (!input_gradient_needed_) continue;
    // dcols_n = W dY_n over cols_n (no longer needed), then each entry back to its pixel.
    Multiply({window, positions, channels}, false, weights.data(), channels, false, grad, positions, columns,
             positions, false);
    Col2imAdd(columns, grad_input.row(n).data());
  }
}

void Conv2d::Backward(const Matrix& grad_output, Matrix& grad_input) {
  const int batch = int(grad_output.rows());
  if (input_gradient_needed_) grad_input.setZero(batch, input_.size());
  else grad_input.resize(0, 0);  // empty, like Dense's: a reader gets a size mismatch, not zeros
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
  out.push_back({&bias, &bias_gradient, false});  // a bias: no L1/L2 or weight decay, as Dense's
}

}  // namespace netlab
