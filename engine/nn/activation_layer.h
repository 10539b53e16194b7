#pragma once
#include "nn/activation.h"
#include "nn/layer.h"

namespace netlab {

// Applies an element-wise activation from the registry; no parameters.
class ActivationLayer : public Layer {
 public:
  explicit ActivationLayer(const Activation& activation) : activation_(activation) {}
  const char* kind() const override { return activation_.name; }
  void Forward(const Matrix& input, Matrix& output) override {
    input_ = input;
    ApplyActivation(activation_, input, output);
    output_ = output;
  }
  void Backward(const Matrix& grad_output, Matrix& grad_input) override {
    ActivationBackward(activation_, input_, output_, grad_output, grad_input);
  }

 private:
  const Activation& activation_;
  Matrix input_, output_;
};

}  // namespace netlab
