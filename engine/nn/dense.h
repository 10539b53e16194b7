#pragma once
#include "nn/layer.h"

namespace netlab {

// Fully connected layer: Y = X W + b, W is (fan_in x fan_out), b is (1 x fan_out).
// Backward: dW = Xᵀ dY, db = column sums of dY, dX = dY Wᵀ.
class Dense : public Layer {
 public:
  Dense(int inputs, int outputs) : weights(Matrix::Zero(inputs, outputs)), bias(RowVector::Zero(outputs)) {}
  const char* kind() const override { return "dense"; }
  void Forward(const Matrix& input, Matrix& output) override;
  void Backward(const Matrix& grad_output, Matrix& grad_input) override;
  void CollectParameters(std::vector<ParameterRef>& out) override;
  // The first layer of a network reads the data, whose gradient nobody needs: with false, Backward
  // leaves out dX = dY Wᵀ (for the bench MLP 784-256-128-10 the largest product of the step) and
  // leaves grad_input empty, so that a caller who reads it anyway gets a size mismatch, not stale values.
  void set_input_gradient_needed(bool needed) { input_gradient_needed_ = needed; }

  Matrix weights;
  Matrix bias;
  Matrix weights_gradient;
  Matrix bias_gradient;

 protected:
  // The products with a given weight matrix (DropConnect passes its masked copy).
  void ForwardWith(const Matrix& used_weights, const Matrix& input, Matrix& output);
  void BackwardWith(const Matrix& used_weights, const Matrix& grad_output, Matrix& grad_input);

  Matrix input_;
  bool input_gradient_needed_ = true;
};

}  // namespace netlab
