#include "dense.h"

namespace netlab {

void Dense::Forward(const Matrix& input, Matrix& output) {
  input_ = input;
  output.noalias() = input * weights;
  output.rowwise() += bias.row(0);
}

void Dense::Backward(const Matrix& grad_output, Matrix& grad_input) {
  weights_gradient.noalias() = input_.transpose() * grad_output;
  bias_gradient = grad_output.colwise().sum();
  grad_input.noalias() = grad_output * weights.transpose();
}

void Dense::CollectParameters(std::vector<ParameterRef>& out) {
  if (weights_gradient.size() != weights.size()) weights_gradient = Matrix::Zero(weights.rows(), weights.cols());
  if (bias_gradient.size() != bias.size()) bias_gradient = Matrix::Zero(bias.rows(), bias.cols());
  out.push_back({&weights, &weights_gradient});
  out.push_back({&bias, &bias_gradient, false});
}

}  // namespace netlab
