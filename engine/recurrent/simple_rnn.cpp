#include "recurrent/simple_rnn.h"

#include <cmath>

namespace netlab {

SimpleRnn::SimpleRnn(int inputs, int hidden) : RecurrentCell(inputs, hidden, 1) {}

void SimpleRnn::Forward(const Sequence& inputs, Sequence& hidden) {
  const size_t steps = inputs.size();
  BeginForward(inputs);
  for (size_t t = 0; t < steps; ++t) {
    Matrix& h = hidden_states_[t + 1];
    h.noalias() = inputs[t] * input_weights;
    h.noalias() += hidden_states_[t] * recurrent_weights;
    h.rowwise() += bias.row(0);
    h = h.array().tanh().matrix();
  }
  hidden.assign(hidden_states_.begin() + 1, hidden_states_.end());
}

void SimpleRnn::Backward(const Sequence& grad_hidden, Sequence& grad_inputs) {
  const size_t steps = inputs_.size();
  BeginBackward(grad_inputs);
  for (size_t t = steps; t-- > 0;) {
    const auto h = hidden_states_[t + 1].array();
    d_pre_ = ((grad_hidden[t] + dh_next_).array() * (1.0f - h * h)).matrix();
    input_weights_gradient.noalias() += inputs_[t].transpose() * d_pre_;
    recurrent_weights_gradient.noalias() += hidden_states_[t].transpose() * d_pre_;
    bias_gradient += d_pre_.colwise().sum();
    grad_inputs[t].noalias() = d_pre_ * input_weights.transpose();
    dh_next_.noalias() = d_pre_ * recurrent_weights.transpose();
  }
}

}  // namespace netlab
