#pragma once
#include "nn/layer.h"

namespace netlab {

// Row-wise softmax y_i = e^{x_i - m} / sum_j e^{x_j - m} (m = row max, for stability).
// Backward: dx = y ⊙ (dy - (dy · y)), the Jacobian diag(y) - y yᵀ applied to dy.
class SoftmaxLayer : public Layer {
 public:
  const char* kind() const override { return "softmax"; }
  void Forward(const Matrix& input, Matrix& output) override {
    output.resize(input.rows(), input.cols());
    for (Eigen::Index r = 0; r < input.rows(); ++r) {
      const float m = input.row(r).maxCoeff();
      output.row(r) = (input.row(r).array() - m).exp().matrix();
      output.row(r) /= output.row(r).sum();
    }
    output_ = output;
  }
  void Backward(const Matrix& grad_output, Matrix& grad_input) override {
    grad_input.resize(output_.rows(), output_.cols());
    for (Eigen::Index r = 0; r < output_.rows(); ++r) {
      const float dot = grad_output.row(r).dot(output_.row(r));
      grad_input.row(r) = output_.row(r).cwiseProduct((grad_output.row(r).array() - dot).matrix());
    }
  }

 private:
  Matrix output_;
};

}  // namespace netlab
