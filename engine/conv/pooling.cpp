#include "conv/pooling.h"

#include <algorithm>

#include "core/gemm.h"

#ifdef __wasm_simd128__
#include <wasm_simd128.h>
#endif

namespace netlab {
namespace {

// The planes (one sample's channel) that pooling treats independently are cut into this many parts for
// the GEMM's threads; each part writes only its own planes, so any thread count gives the same bits.
constexpr int kPlaneParts = 4;

template <class Body>
void ForPlaneParts(int planes, Body&& body) {
  const int parts = std::max(1, std::min(planes, kPlaneParts));
  auto part = [&](int index) { body(int(long(planes) * index / parts), int(long(planes) * (index + 1) / parts)); };
  RunParts(parts, part);
}

// One output row of 2x2 stride-2 max pooling: y[j] = max of top[2j], top[2j+1], bottom[2j], bottom[2j+1],
// and winner[j] its index inside the plane (top_index + 0, 1, width, width + 1), candidates taken in
// that order with a strict > so the first maximum wins ties. The SIMD build does four outputs at a time
// with selects instead of a branch per candidate (random data mispredicts those branches).
void MaxPool2x2Row(const float* top, const float* bottom, int top_index, int width, int outputs, float* y,
                  int* winner) {
  int j = 0;
#ifdef __wasm_simd128__
  const v128_t step = wasm_i32x4_make(0, 2, 4, 6);
  for (; j < outputs && outputs >= 4; j += 4) {
    // The last group overlaps the one before when 4 does not divide the row (14 and 7 in the CNN):
    // recomputing an output writes the same values, and no output goes through the branches below.
    j = std::min(j, outputs - 4);
    const v128_t t0 = wasm_v128_load(top + 2 * j), t1 = wasm_v128_load(top + 2 * j + 4);
    const v128_t b0 = wasm_v128_load(bottom + 2 * j), b1 = wasm_v128_load(bottom + 2 * j + 4);
    const v128_t candidates[4] = {wasm_i32x4_shuffle(t0, t1, 0, 2, 4, 6), wasm_i32x4_shuffle(t0, t1, 1, 3, 5, 7),
                                  wasm_i32x4_shuffle(b0, b1, 0, 2, 4, 6), wasm_i32x4_shuffle(b0, b1, 1, 3, 5, 7)};
    const v128_t first = wasm_i32x4_add(wasm_i32x4_splat(top_index + 2 * j), step);
    const v128_t offsets[4] = {first, wasm_i32x4_add(first, wasm_i32x4_splat(1)),
                               wasm_i32x4_add(first, wasm_i32x4_splat(width)),
                               wasm_i32x4_add(first, wasm_i32x4_splat(width + 1))};
    v128_t value = candidates[0], best = offsets[0];
    for (int c = 1; c < 4; ++c) {
      const v128_t larger = wasm_f32x4_gt(candidates[c], value);
      value = wasm_v128_bitselect(candidates[c], value, larger);
      best = wasm_v128_bitselect(offsets[c], best, larger);
    }
    wasm_v128_store(y + j, value);
    wasm_v128_store(winner + j, best);
  }
#endif
  for (; j < outputs; ++j) {
    int best = top_index + 2 * j;
    float value = top[2 * j];
    if (top[2 * j + 1] > value) value = top[2 * j + 1], best = top_index + 2 * j + 1;
    if (bottom[2 * j] > value) value = bottom[2 * j], best = top_index + width + 2 * j;
    if (bottom[2 * j + 1] > value) value = bottom[2 * j + 1], best = top_index + width + 2 * j + 1;
    y[j] = value;
    winner[j] = best;
  }
}

// The backward of one output row of exactly tiling 2x2 stride-2 windows: rows top and bottom of dX get
// dY where the pixel won its window and 0 elsewhere, every pixel written once.
void MaxPool2x2RowBackward(const float* g, const int* winner, int top_index, int width, int outputs, float* top,
                           float* bottom) {
  int j = 0;
#ifdef __wasm_simd128__
  const v128_t step = wasm_i32x4_make(0, 2, 4, 6);
  for (; j < outputs && outputs >= 4; j += 4) {
    j = std::min(j, outputs - 4);  // overlapping last group, as in MaxPool2x2Row
    const v128_t grad = wasm_v128_load(g + j), won = wasm_v128_load(winner + j);
    const v128_t first = wasm_i32x4_add(wasm_i32x4_splat(top_index + 2 * j), step);
    const v128_t below = wasm_i32x4_add(first, wasm_i32x4_splat(width));
    const v128_t one = wasm_i32x4_splat(1);
    const v128_t top_even = wasm_v128_and(grad, wasm_i32x4_eq(won, first));
    const v128_t top_odd = wasm_v128_and(grad, wasm_i32x4_eq(won, wasm_i32x4_add(first, one)));
    const v128_t bottom_even = wasm_v128_and(grad, wasm_i32x4_eq(won, below));
    const v128_t bottom_odd = wasm_v128_and(grad, wasm_i32x4_eq(won, wasm_i32x4_add(below, one)));
    wasm_v128_store(top + 2 * j, wasm_i32x4_shuffle(top_even, top_odd, 0, 4, 1, 5));
    wasm_v128_store(top + 2 * j + 4, wasm_i32x4_shuffle(top_even, top_odd, 2, 6, 3, 7));
    wasm_v128_store(bottom + 2 * j, wasm_i32x4_shuffle(bottom_even, bottom_odd, 0, 4, 1, 5));
    wasm_v128_store(bottom + 2 * j + 4, wasm_i32x4_shuffle(bottom_even, bottom_odd, 2, 6, 3, 7));
  }
#endif
  for (; j < outputs; ++j) {
    const int first = top_index + 2 * j;
    top[2 * j] = winner[j] == first ? g[j] : 0.0f;
    top[2 * j + 1] = winner[j] == first + 1 ? g[j] : 0.0f;
    bottom[2 * j] = winner[j] == first + width ? g[j] : 0.0f;
    bottom[2 * j + 1] = winner[j] == first + width + 1 ? g[j] : 0.0f;
  }
}

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

Pool2d::Pool2d(ImageShape input, int kernel, int stride)
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
  ForPlaneParts(planes, [&](int first_plane, int last_plane) {
    for (int plane = first_plane; plane < last_plane; ++plane) {
      // Rows are contiguous and channel-major, so (sample, channel) planes follow each other in memory.
      const float* x = input.data() + long(plane) * in_plane;
      float* y = output.data() + long(plane) * out_plane;
      int* winner = argmax_.data() + long(plane) * out_plane;
      if (kernel_ == 2 && stride_ == 2) {  // the CNN's pooling
        for (int i = 0; i < output_.height; ++i) {
          const float* top = x + 2 * i * input_.width;
          MaxPool2x2Row(top, top + input_.width, 2 * i * input_.width, input_.width, output_.width,
                        y + i * output_.width, winner + i * output_.width);
        }
        continue;
      }
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
  });
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
  ForPlaneParts(planes, [&](int first_plane, int last_plane) {
    for (int plane = first_plane; plane < last_plane; ++plane) {
      const float* g = grad_output.data() + long(plane) * out_plane;
      const int* winner = argmax_.data() + long(plane) * out_plane;
      float* dx = grad_input.data() + long(plane) * in_plane;
      if (!tiles) {  // overlapping windows: a pixel can win several, so gradients add up
        for (int out = 0; out < out_plane; ++out) dx[winner[out]] += g[out];
        continue;
      }
      if (kernel_ == 2) {
        for (int i = 0; i < output_.height; ++i) {
          float* top = dx + 2 * i * input_.width;
          MaxPool2x2RowBackward(g + i * output_.width, winner + i * output_.width, 2 * i * input_.width,
                                input_.width, output_.width, top, top + input_.width);
        }
        continue;
      }
      for (int i = 0; i < output_.height; ++i)
        for (int u = 0; u < kernel_; ++u) {
          const int y = i * kernel_ + u;
          float* row = dx + y * input_.width;
          for (int j = 0; j < output_.width; ++j) {
            const int out = i * output_.width + j;
            for (int v = 0; v < kernel_; ++v) {
              const int x = j * kernel_ + v;
              row[x] = winner[out] == y * input_.width + x ? g[out] : 0.0f;
            }
          }
        }
    }
  });
}

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
