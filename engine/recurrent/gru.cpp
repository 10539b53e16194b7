#include "recurrent/gru.h"

#include <cmath>

#include "nn/logistic.h"

namespace netlab {

Gru::Gru(int inputs, int hidden) : RecurrentCell(inputs, hidden, 3) {}

void Gru::Forward(const Sequence& inputs, Sequence& hidden) {
  const size_t steps = inputs.size();
  BeginForward(inputs);
  const int H = hidden_;
  gates_.resize(steps);
  recurrent_candidate_.resize(steps);
  for (size_t t = 0; t < steps; ++t) {
    Matrix& a = gates_[t];
    a.noalias() = inputs[t] * input_weights;
    a.rowwise() += bias.row(0);
    recurrent_.noalias() = hidden_states_[t] * recurrent_weights;
    recurrent_candidate_[t] = recurrent_.rightCols(H);  // h_{t-1} U_n, needed for ∂L/∂r
    a.leftCols(2 * H) += recurrent_.leftCols(2 * H);
    SigmoidInPlace(a.leftCols(2 * H));
    a.rightCols(H) = (a.rightCols(H).array() + a.leftCols(H).array() * recurrent_candidate_[t].array()).tanh().matrix();
    const auto z = a.middleCols(H, H).array(), n = a.rightCols(H).array();
    hidden_states_[t + 1] = ((1.0f - z) * n + z * hidden_states_[t].array()).matrix();
  }
  hidden.assign(hidden_states_.begin() + 1, hidden_states_.end());
}

void Gru::Backward(const Sequence& grad_hidden, Sequence& grad_inputs) {
  const size_t steps = inputs_.size();
  const int H = hidden_;
  const Eigen::Index batch = BeginBackward(grad_inputs);
  d_input_.resize(batch, 3 * H);
  d_recurrent_.resize(batch, 3 * H);
  for (size_t t = steps; t-- > 0;) {
    const Matrix& a = gates_[t];
    const auto r = a.leftCols(H).array(), z = a.middleCols(H, H).array(), n = a.rightCols(H).array();
    const auto h_previous = hidden_states_[t].array();
    dh_ = (grad_hidden[t] + dh_next_).array();
    dn_pre_ = dh_ * (1.0f - z) * (1.0f - n * n);          // ∂L/∂(pre-tanh of n)
    dz_pre_ = dh_ * (h_previous - n) * z * (1.0f - z);    // h_t = n + z (h_{t-1} - n)
    dr_pre_ = dn_pre_ * recurrent_candidate_[t].array() * r * (1.0f - r);
    d_input_ << dr_pre_.matrix(), dz_pre_.matrix(), dn_pre_.matrix();
    d_recurrent_ << dr_pre_.matrix(), dz_pre_.matrix(), (dn_pre_ * r).matrix();
    input_weights_gradient.noalias() += inputs_[t].transpose() * d_input_;
    recurrent_weights_gradient.noalias() += hidden_states_[t].transpose() * d_recurrent_;
    bias_gradient += d_input_.colwise().sum();
    grad_inputs[t].noalias() = d_input_ * input_weights.transpose();
    dh_next_ = (dh_ * z).matrix();
    dh_next_.noalias() += d_recurrent_ * recurrent_weights.transpose();
  }
}


}  // namespace netlab
