#include "nn/skip.h"

#include "nn/activation.h"

namespace netlab {

void SkipBlock::CollectState(std::vector<Matrix*>& out) {
  for (Matrix* m : block_.State()) out.push_back(m);
}

void SkipBlock::CollectRandomStreams(std::vector<Rng*>& out) {
  for (Rng* rng : block_.RandomStreams()) out.push_back(rng);
}

void SkipBlock::SetTraining(bool training) {
  Layer::SetTraining(training);
  block_.SetTraining(training);
}

void SkipBlock::HoldMasks(bool hold) {
  Layer::HoldMasks(hold);
  block_.HoldMasks(hold);
}

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

void Highway::Forward(const Matrix& input, Matrix& output) {
  transformed_ = block_.Forward(input);
  if (projection_) projection_->Forward(input, carried_);
  else carried_ = input;
  gate_->Forward(input, gate_input_);
  gate_value_ = gate_input_.unaryExpr([](float z) { return Sigmoid(z); });
  output = (gate_value_.array() * transformed_.array() + (1.0f - gate_value_.array()) * carried_.array()).matrix();
}

// dF = dy ⊙ T;  dP = dy ⊙ (1 - T);  dT = dy ⊙ (F - P), through the sigmoid: dz = dT ⊙ T (1 - T).
void Highway::Backward(const Matrix& grad_output, Matrix& grad_input) {
  // Into members, not temporaries: after warm-up a step allocates nothing.
  grad_transformed_ = grad_output.cwiseProduct(gate_value_);
  block_.Backward(grad_transformed_);
  grad_input = block_.InputGradient();
  grad_carried_ = (grad_output.array() * (1.0f - gate_value_.array())).matrix();
  if (projection_) {
    projection_->Backward(grad_carried_, scratch_);
    grad_input += scratch_;
  } else {
    grad_input += grad_carried_;
  }
  grad_gate_input_ = (grad_output.array() * (transformed_ - carried_).array() * gate_value_.array() *
                      (1.0f - gate_value_.array()))
                         .matrix();
  gate_->Backward(grad_gate_input_, scratch_);
  grad_input += scratch_;
}

void Highway::CollectParameters(std::vector<ParameterRef>& out) {
  for (const ParameterRef& p : block_.Parameters()) out.push_back(p);
  gate_->CollectParameters(out);
  if (projection_) projection_->CollectParameters(out);
}

void DenseConcat::Forward(const Matrix& input, Matrix& output) {
  const Matrix& transformed = block_.Forward(input);
  input_width_ = input.cols();
  output.resize(input.rows(), input.cols() + transformed.cols());
  output << input, transformed;  // y = [x, F(x)]
}

void DenseConcat::Backward(const Matrix& grad_output, Matrix& grad_input) {
  // dL/dx = dL/dy[:, :fan_in] (the copied x) + F's input gradient of dL/dy[:, fan_in:].
  grad_transformed_ = grad_output.rightCols(grad_output.cols() - input_width_);
  block_.Backward(grad_transformed_);
  grad_input = block_.InputGradient() + grad_output.leftCols(input_width_);
}

void DenseConcat::CollectParameters(std::vector<ParameterRef>& out) {
  for (const ParameterRef& p : block_.Parameters()) out.push_back(p);
}

}  // namespace netlab
