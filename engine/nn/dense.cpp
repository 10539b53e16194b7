#include "nn/dense.h"

#include "core/gemm.h"

namespace netlab {

void Dense::Forward(const Matrix& input, Matrix& output) { ForwardWith(weights, input, output); }

void Dense::Backward(const Matrix& grad_output, Matrix& grad_input) { BackwardWith(weights, grad_output, grad_input); }

void Dense::ForwardWith(const Matrix& used_weights, const Matrix& input, Matrix& output) {
  input_ = input;
  Multiply(input, false, used_weights, false, output);
  output.rowwise() += bias.row(0);
}

void Dense::BackwardWith(const Matrix& used_weights, const Matrix& grad_output, Matrix& grad_input) {
  Multiply(input_, true, grad_output, false, weights_gradient);
  bias_gradient = grad_output.colwise().sum();
  Multiply(grad_output, false, used_weights, true, grad_input);
}

void Dense::CollectParameters(std::vector<ParameterRef>& out) {
  if (weights_gradient.size() != weights.size()) weights_gradient = Matrix::Zero(weights.rows(), weights.cols());
  if (bias_gradient.size() != bias.size()) bias_gradient = Matrix::Zero(bias.rows(), bias.cols());
  out.push_back({&weights, &weights_gradient});
  out.push_back({&bias, &bias_gradient, false});
}

}  // namespace netlab
