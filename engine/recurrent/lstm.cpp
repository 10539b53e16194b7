#include "recurrent/lstm.h"

#include <cmath>

#include "nn/logistic.h"

namespace netlab {
Lstm::Lstm(int inputs, int hidden) : RecurrentCell(inputs, hidden, 4) {}

void Lstm::StartWeights() { bias.middleCols(hidden_, hidden_).setOnes(); }

void Lstm::Forward(const Sequence& inputs, Sequence& hidden) {
  const size_t steps = inputs.size();
  const Eigen::Index batch = BeginForward(inputs);
  const int H = hidden_;
  gates_.resize(steps);
  cells_.resize(steps + 1);  // each later step is overwritten below
  cells_[0].setZero(batch, H);
  for (size_t t = 0; t < steps; ++t) {
    Matrix& a = gates_[t];
    a.noalias() = inputs[t] * input_weights;
    a.noalias() += hidden_states_[t] * recurrent_weights;
    a.rowwise() += bias.row(0);
    // Gates stored after their nonlinearity: backward needs only the outputs (σ' = s(1-s), tanh' = 1-g²).
    SigmoidInPlace(a.leftCols(3 * H));
    a.rightCols(H) = a.rightCols(H).array().tanh().matrix();
    const auto i = a.leftCols(H).array(), f = a.middleCols(H, H).array(), g = a.rightCols(H).array();
    const auto o = a.middleCols(2 * H, H).array();
    cells_[t + 1] = (f * cells_[t].array() + i * g).matrix();
    hidden_states_[t + 1] = (o * cells_[t + 1].array().tanh()).matrix();
  }
  hidden.assign(hidden_states_.begin() + 1, hidden_states_.end());
}

void Lstm::Backward(const Sequence& grad_hidden, Sequence& grad_inputs) {
  const size_t steps = inputs_.size();
  const int H = hidden_;
  const Eigen::Index batch = BeginBackward(grad_inputs);
  dc_next_.setZero(batch, H);
  da_.resize(batch, 4 * H);
  for (size_t t = steps; t-- > 0;) {
    const Matrix& a = gates_[t];
    const auto i = a.leftCols(H).array(), f = a.middleCols(H, H).array(), g = a.rightCols(H).array();
    const auto o = a.middleCols(2 * H, H).array();
    tanh_c_ = cells_[t + 1].array().tanh();
    dh_ = (grad_hidden[t] + dh_next_).array();
    // ∂L/∂c_t collects the path through h_t = o tanh(c_t) and the path through c_{t+1} = f c_t + ...
    dc_ = dh_ * o * (1.0f - tanh_c_ * tanh_c_) + dc_next_.array();
    da_.leftCols(H) = (dc_ * g * i * (1.0f - i)).matrix();
    da_.middleCols(H, H) = (dc_ * cells_[t].array() * f * (1.0f - f)).matrix();
    da_.middleCols(2 * H, H) = (dh_ * tanh_c_ * o * (1.0f - o)).matrix();
    da_.rightCols(H) = (dc_ * i * (1.0f - g * g)).matrix();
    input_weights_gradient.noalias() += inputs_[t].transpose() * da_;
    recurrent_weights_gradient.noalias() += hidden_states_[t].transpose() * da_;
    bias_gradient += da_.colwise().sum();
    grad_inputs[t].noalias() = da_ * input_weights.transpose();
    dh_next_.noalias() = da_ * recurrent_weights.transpose();
    dc_next_ = (dc_ * f).matrix();
  }
}


}  // namespace netlab
