#include "recurrent/lstm.h"

#include <cmath>

namespace netlab {
namespace {

void FillUniform(Matrix& m, float limit, Rng& rng) {
  for (Eigen::Index i = 0; i < m.size(); ++i) m.data()[i] = rng.Uniform(-limit, limit);
}

}  // namespace

Lstm::Lstm(int inputs, int hidden)
    : input_weights(Matrix::Zero(inputs, 4 * hidden)),
      recurrent_weights(Matrix::Zero(hidden, 4 * hidden)),
      bias(Matrix::Zero(1, 4 * hidden)),
      hidden_(hidden) {}

void Lstm::Initialize(Rng& rng) {
  FillUniform(input_weights, std::sqrt(6.0f / float(input_weights.rows() + hidden_)), rng);
  FillUniform(recurrent_weights, std::sqrt(6.0f / float(2 * hidden_)), rng);
  bias.setZero();
  bias.middleCols(hidden_, hidden_).setOnes();
}

void Lstm::Forward(const Sequence& inputs, Sequence& hidden) {
  const size_t steps = inputs.size();
  const Eigen::Index batch = steps ? inputs[0].rows() : 0;
  const int H = hidden_;
  inputs_ = inputs;
  gates_.resize(steps);
  cells_.assign(steps + 1, Matrix::Zero(batch, H));
  hidden_states_.assign(steps + 1, Matrix::Zero(batch, H));
  for (size_t t = 0; t < steps; ++t) {
    Matrix& a = gates_[t];
    a.noalias() = inputs[t] * input_weights;
    a.noalias() += hidden_states_[t] * recurrent_weights;
    a.rowwise() += bias.row(0);
    // Gates stored after their nonlinearity: backward needs only the outputs (σ' = s(1-s), tanh' = 1-g²).
    a.leftCols(3 * H) = (1.0f + (-a.leftCols(3 * H).array()).exp()).inverse().matrix();
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
  const Eigen::Index batch = steps ? inputs_[0].rows() : 0;
  input_weights_gradient = Matrix::Zero(input_weights.rows(), input_weights.cols());
  recurrent_weights_gradient = Matrix::Zero(recurrent_weights.rows(), recurrent_weights.cols());
  bias_gradient = Matrix::Zero(1, bias.cols());
  grad_inputs.resize(steps);
  Matrix dh_next = Matrix::Zero(batch, H), dc_next = Matrix::Zero(batch, H), da(batch, 4 * H);
  for (size_t t = steps; t-- > 0;) {
    const Matrix& a = gates_[t];
    const auto i = a.leftCols(H).array(), f = a.middleCols(H, H).array(), g = a.rightCols(H).array();
    const auto o = a.middleCols(2 * H, H).array();
    const Eigen::ArrayXXf tanh_c = cells_[t + 1].array().tanh();
    const Eigen::ArrayXXf dh = (grad_hidden[t] + dh_next).array();
    // ∂L/∂c_t collects the path through h_t = o tanh(c_t) and the path through c_{t+1} = f c_t + ...
    const Eigen::ArrayXXf dc = dh * o * (1.0f - tanh_c * tanh_c) + dc_next.array();
    da.leftCols(H) = (dc * g * i * (1.0f - i)).matrix();
    da.middleCols(H, H) = (dc * cells_[t].array() * f * (1.0f - f)).matrix();
    da.middleCols(2 * H, H) = (dh * tanh_c * o * (1.0f - o)).matrix();
    da.rightCols(H) = (dc * i * (1.0f - g * g)).matrix();
    input_weights_gradient.noalias() += inputs_[t].transpose() * da;
    recurrent_weights_gradient.noalias() += hidden_states_[t].transpose() * da;
    bias_gradient += da.colwise().sum();
    grad_inputs[t].noalias() = da * input_weights.transpose();
    dh_next.noalias() = da * recurrent_weights.transpose();
    dc_next = (dc * f).matrix();
  }
}

void Lstm::CollectParameters(std::vector<ParameterRef>& out) {
  if (input_weights_gradient.size() != input_weights.size()) {
    input_weights_gradient = Matrix::Zero(input_weights.rows(), input_weights.cols());
    recurrent_weights_gradient = Matrix::Zero(recurrent_weights.rows(), recurrent_weights.cols());
    bias_gradient = Matrix::Zero(1, bias.cols());
  }
  out.push_back({&input_weights, &input_weights_gradient});
  out.push_back({&recurrent_weights, &recurrent_weights_gradient});
  out.push_back({&bias, &bias_gradient, false});  // biases are not weight-decayed
}

}  // namespace netlab
