#include "recurrent/gru.h"

#include <cmath>

#include "nn/logistic.h"

namespace netlab {

Gru::Gru(int inputs, int hidden) : RecurrentCell(inputs, hidden, 3) {}

void Gru::Initialize(Rng& rng) {
  InitializeWeights(rng);
}

void Gru::Forward(const Sequence& inputs, Sequence& hidden) {
  const size_t steps = inputs.size();
  const Eigen::Index batch = steps ? inputs[0].rows() : 0;
  const int H = hidden_;
  inputs_ = inputs;
  gates_.resize(steps);
  recurrent_candidate_.resize(steps);
  hidden_states_.assign(steps + 1, Matrix::Zero(batch, H));
  Matrix recurrent;
  for (size_t t = 0; t < steps; ++t) {
    Matrix& a = gates_[t];
    a.noalias() = inputs[t] * input_weights;
    a.rowwise() += bias.row(0);
    recurrent.noalias() = hidden_states_[t] * recurrent_weights;
    recurrent_candidate_[t] = recurrent.rightCols(H);  // h_{t-1} U_n, needed for ∂L/∂r
    a.leftCols(2 * H) += recurrent.leftCols(2 * H);
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
  const Eigen::Index batch = steps ? inputs_[0].rows() : 0;
  ZeroGradients();
  grad_inputs.resize(steps);
  Matrix dh_next = Matrix::Zero(batch, H), d_input(batch, 3 * H), d_recurrent(batch, 3 * H);
  for (size_t t = steps; t-- > 0;) {
    const Matrix& a = gates_[t];
    const auto r = a.leftCols(H).array(), z = a.middleCols(H, H).array(), n = a.rightCols(H).array();
    const auto h_previous = hidden_states_[t].array();
    const Eigen::ArrayXXf dh = (grad_hidden[t] + dh_next).array();
    const Eigen::ArrayXXf dn_pre = dh * (1.0f - z) * (1.0f - n * n);          // ∂L/∂(pre-tanh of n)
    const Eigen::ArrayXXf dz_pre = dh * (h_previous - n) * z * (1.0f - z);    // h_t = n + z (h_{t-1} - n)
    const Eigen::ArrayXXf dr_pre = dn_pre * recurrent_candidate_[t].array() * r * (1.0f - r);
    d_input << dr_pre.matrix(), dz_pre.matrix(), dn_pre.matrix();
    d_recurrent << dr_pre.matrix(), dz_pre.matrix(), (dn_pre * r).matrix();
    input_weights_gradient.noalias() += inputs_[t].transpose() * d_input;
    recurrent_weights_gradient.noalias() += hidden_states_[t].transpose() * d_recurrent;
    bias_gradient += d_input.colwise().sum();
    grad_inputs[t].noalias() = d_input * input_weights.transpose();
    dh_next = (dh * z).matrix();
    dh_next.noalias() += d_recurrent * recurrent_weights.transpose();
  }
}


}  // namespace netlab
