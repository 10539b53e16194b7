#pragma once
#include "nn/layer.h"

namespace netlab {

// PReLU (He et al. 2015): f(x) = x for x > 0, a x otherwise, with one learned slope a per unit.
// da = sum over the batch of dY ⊙ x where x <= 0.
class PRelu : public Layer {
 public:
  explicit PRelu(int units, float initial_slope = 0.25f) : slope(Matrix::Constant(1, units, initial_slope)) {}
  const char* kind() const override { return "prelu"; }
  bool smooth() const override { return false; }
  void Forward(const Matrix& input, Matrix& output) override {
    input_ = input;
    output.resize(input.rows(), input.cols());
    for (Eigen::Index r = 0; r < input.rows(); ++r)
      for (Eigen::Index c = 0; c < input.cols(); ++c)
        output(r, c) = input(r, c) > 0.0f ? input(r, c) : slope(0, c) * input(r, c);
  }
  void Backward(const Matrix& grad_output, Matrix& grad_input) override {
    grad_input.resize(input_.rows(), input_.cols());
    slope_gradient = Matrix::Zero(1, slope.cols());
    for (Eigen::Index r = 0; r < input_.rows(); ++r)
      for (Eigen::Index c = 0; c < input_.cols(); ++c) {
        const bool positive = input_(r, c) > 0.0f;
        grad_input(r, c) = grad_output(r, c) * (positive ? 1.0f : slope(0, c));
        if (!positive) slope_gradient(0, c) += grad_output(r, c) * input_(r, c);
      }
  }
  void CollectParameters(std::vector<ParameterRef>& out) override {
    if (slope_gradient.size() != slope.size()) slope_gradient = Matrix::Zero(1, slope.cols());
    out.push_back({&slope, &slope_gradient, false});
  }

  Matrix slope, slope_gradient;

 private:
  Matrix input_;
};

}  // namespace netlab
