#pragma once
#include <algorithm>

#include "core/parallel_ranges.h"
#include "nn/activation.h"
#include "nn/layer.h"

namespace netlab {

// Applies an element-wise activation from the registry; no parameters.
class ActivationLayer : public Layer {
 public:
  explicit ActivationLayer(const Activation& activation) : activation_(activation) {}
  const char* kind() const override { return activation_.name; }
  bool smooth() const override { return !activation_.kinked; }
  // Keeps copies of its input and output for Backward, made in the same ranges as the values (one
  // split of the work instead of three).
  void Forward(const Matrix& input, Matrix& output) override {
    input_.resize(input.rows(), input.cols());
    output_.resize(input.rows(), input.cols());
    output.resize(input.rows(), input.cols());
    ForEachRange(long(input.size()), [&](long begin, long end) {
      std::copy(input.data() + begin, input.data() + end, input_.data() + begin);
      ApplyActivationRange(activation_, input.data(), output.data(), begin, end);
      std::copy(output.data() + begin, output.data() + end, output_.data() + begin);
    });
  }
  void Backward(const Matrix& grad_output, Matrix& grad_input) override {
    ActivationBackward(activation_, input_, output_, grad_output, grad_input);
  }

 private:
  const Activation& activation_;
  Matrix input_, output_;
};

}  // namespace netlab
