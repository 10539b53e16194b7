#include "recurrent/simple_rnn.h"

#include <cmath>

namespace netlab {

SimpleRnn::SimpleRnn(int inputs, int hidden)
    : input_weights(Matrix::Zero(inputs, hidden)),
      recurrent_weights(Matrix::Zero(hidden, hidden)),
      bias(Matrix::Zero(1, hidden)),
      hidden_(hidden) {}

void SimpleRnn::Initialize(Rng& rng) {
  const float input_limit = std::sqrt(6.0f / float(input_weights.rows() + hidden_));
  const float recurrent_limit = std::sqrt(6.0f / float(2 * hidden_));
  for (Eigen::Index i = 0; i < input_weights.size(); ++i) input_weights.data()[i] = rng.Uniform(-input_limit, input_limit);
  for (Eigen::Index i = 0; i < recurrent_weights.size(); ++i)
    recurrent_weights.data()[i] = rng.Uniform(-recurrent_limit, recurrent_limit);
  bias.setZero();
}

void SimpleRnn::Forward(const Sequence& inputs, Sequence& hidden) {
  const size_t steps = inputs.size();
  const Eigen::Index batch = steps ? inputs[0].rows() : 0;
  inputs_ = inputs;
  hidden_states_.resize(steps + 1);
  hidden_states_[0] = Matrix::Zero(batch, hidden_);
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
  const Eigen::Index batch = steps ? inputs_[0].rows() : 0;
  input_weights_gradient = Matrix::Zero(input_weights.rows(), input_weights.cols());
  recurrent_weights_gradient = Matrix::Zero(recurrent_weights.rows(), recurrent_weights.cols());
  bias_gradient = Matrix::Zero(1, hidden_);
  grad_inputs.resize(steps);
  Matrix dh_next = Matrix::Zero(batch, hidden_), d_pre;
  for (size_t t = steps; t-- > 0;) {
    const auto h = hidden_states_[t + 1].array();
    d_pre = ((grad_hidden[t] + dh_next).array() * (1.0f - h * h)).matrix();
    input_weights_gradient.noalias() += inputs_[t].transpose() * d_pre;
    recurrent_weights_gradient.noalias() += hidden_states_[t].transpose() * d_pre;
    bias_gradient += d_pre.colwise().sum();
    grad_inputs[t].noalias() = d_pre * input_weights.transpose();
    dh_next.noalias() = d_pre * recurrent_weights.transpose();
  }
}

void SimpleRnn::CollectParameters(std::vector<ParameterRef>& out) {
  if (input_weights_gradient.size() != input_weights.size()) {
    input_weights_gradient = Matrix::Zero(input_weights.rows(), input_weights.cols());
    recurrent_weights_gradient = Matrix::Zero(recurrent_weights.rows(), recurrent_weights.cols());
    bias_gradient = Matrix::Zero(1, bias.cols());
  }
  out.push_back({&input_weights, &input_weights_gradient});
  out.push_back({&recurrent_weights, &recurrent_weights_gradient});
  out.push_back({&bias, &bias_gradient, false});
}

}  // namespace netlab
