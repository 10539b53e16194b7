#pragma once
// Pooling over k x k windows with stride s, per channel, and Flatten.
//   max:     Y = max over the window; dX gets dY at the position of the maximum (first one on ties),
//            0 elsewhere (the max is piecewise linear in X).
//   average: Y = (1 / k²) sum over the window; dX gets dY / k² at every position of the window.
// No padding: windows that do not fit at the border are dropped, as in the notes' examples.
#include <string>
#include <vector>

#include "conv/image_shape.h"
#include "nn/layer.h"

namespace netlab {

// Why pooling with this window is impossible, or "" if it is fine (the WASM build has no exceptions).
std::string PoolShapeError(ImageShape input, int kernel, int stride);

// What both poolings share: a kernel x kernel window moved by `stride` over each channel, no padding.
// The sizes must pass PoolShapeError; impossible ones are clamped to a window that fits.
class Pool2d : public Layer {
 public:
  ImageShape input_shape() const { return input_; }
  ImageShape output_shape() const { return output_; }
  int kernel() const { return kernel_; }
  int stride() const { return stride_; }

 protected:
  Pool2d(ImageShape input, int kernel, int stride);
  ImageShape input_, output_;
  int kernel_, stride_;
};

class MaxPool2d : public Pool2d {
 public:
  MaxPool2d(ImageShape input, int kernel, int stride) : Pool2d(input, kernel, stride) {}
  const char* kind() const override { return "max_pool"; }
  bool smooth() const override { return false; }
  void Forward(const Matrix& input, Matrix& output) override;
  void Backward(const Matrix& grad_output, Matrix& grad_input) override;

 private:
  std::vector<int> argmax_;  // per output entry, the pixel of its (sample, channel) plane that won
};

class AveragePool2d : public Pool2d {
 public:
  AveragePool2d(ImageShape input, int kernel, int stride) : Pool2d(input, kernel, stride) {}
  const char* kind() const override { return "average_pool"; }
  void Forward(const Matrix& input, Matrix& output) override;
  void Backward(const Matrix& grad_output, Matrix& grad_input) override;
};

// C x H x W -> C·H·W. Rows already hold images flattened channel-major, so forward and backward copy:
// the layer exists so that a network reads like the lecture's diagram.
class Flatten : public Layer {
 public:
  const char* kind() const override { return "flatten"; }
  void Forward(const Matrix& input, Matrix& output) override { output = input; }
  void Backward(const Matrix& grad_output, Matrix& grad_input) override { grad_input = grad_output; }
};

}  // namespace netlab
