#include "nn/skip.h"

#include "nn/activation.h"

namespace netlab {

void Residual::Forward(const Matrix& input, Matrix& output) {
  output = block_.Forward(input);
  if (projection_) {
    projection_->Forward(input, carried_);
    output += carried_;
  } else {
    output += input;
  }
}

void Residual::Backward(const Matrix& grad_output, Matrix& grad_input) {
  block_.Backward(grad_output);
  grad_input = block_.InputGradient();
  if (projection_) {
    projection_->Backward(grad_output, grad_carried_);
    grad_input += grad_carried_;
  } else {
    grad_input += grad_output;
  }
}

void Residual::CollectParameters(std::vector<ParameterRef>& out) {
  for (const ParameterRef& p : block_.Parameters()) out.push_back(p);
  if (projection_) projection_->CollectParameters(out);
}

void Residual::CollectState(std::vector<Matrix*>& out) {
  for (Matrix* m : block_.State()) out.push_back(m);
}

void Residual::SetTraining(bool training) {
  Layer::SetTraining(training);
  block_.SetTraining(training);
}

void Highway::Forward(const Matrix& input, Matrix& output) {
  transformed_ = block_.Forward(input);
  if (projection_) projection_->Forward(input, carried_);
  else carried_ = input;
  gate_->Forward(input, gate_input_);
  gate_value_ = gate_input_.unaryExpr([](float z) { return Sigmoid(z); });
  output = gate_value_.cwiseProduct(transformed_) +
           (Matrix::Ones(gate_value_.rows(), gate_value_.cols()) - gate_value_).cwiseProduct(carried_);
}

// dF = dy ⊙ T;  dP = dy ⊙ (1 - T);  dT = dy ⊙ (F - P), through the sigmoid: dz = dT ⊙ T (1 - T).
void Highway::Backward(const Matrix& grad_output, Matrix& grad_input) {
  block_.Backward(grad_output.cwiseProduct(gate_value_));
  grad_input = block_.InputGradient();
  const Matrix ones = Matrix::Ones(gate_value_.rows(), gate_value_.cols());
  const Matrix grad_carried = grad_output.cwiseProduct(ones - gate_value_);
  if (projection_) {
    projection_->Backward(grad_carried, scratch_);
    grad_input += scratch_;
  } else {
    grad_input += grad_carried;
  }
  const Matrix grad_gate_input = grad_output.cwiseProduct(transformed_ - carried_)
                                     .cwiseProduct(gate_value_)
                                     .cwiseProduct(ones - gate_value_);
  gate_->Backward(grad_gate_input, scratch_);
  grad_input += scratch_;
}

void Highway::CollectParameters(std::vector<ParameterRef>& out) {
  for (const ParameterRef& p : block_.Parameters()) out.push_back(p);
  gate_->CollectParameters(out);
  if (projection_) projection_->CollectParameters(out);
}

void Highway::CollectState(std::vector<Matrix*>& out) {
  for (Matrix* m : block_.State()) out.push_back(m);
}

void Highway::SetTraining(bool training) {
  Layer::SetTraining(training);
  block_.SetTraining(training);
}

}  // namespace netlab
