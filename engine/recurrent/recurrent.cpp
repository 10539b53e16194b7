#include "recurrent/recurrent.h"

#include "nn/initializer.h"

namespace netlab {
namespace {

void InitializeGateBlocks(Matrix& weights, int hidden, Rng& rng) {
  const Initializer& xavier = *FindInitializer("xavier_uniform");
  Matrix gate(weights.rows(), hidden);
  for (Eigen::Index g = 0; g < weights.cols() / hidden; ++g) {
    xavier.fill(gate, 1.0f, rng);  // a = sqrt(6 / (fan_in + hidden))
    weights.middleCols(g * hidden, hidden) = gate;
  }
}

}  // namespace

RecurrentCell::RecurrentCell(int inputs, int hidden, int gates)
    : input_weights(Matrix::Zero(inputs, gates * hidden)),
      recurrent_weights(Matrix::Zero(hidden, gates * hidden)),
      bias(Matrix::Zero(1, gates * hidden)),
      hidden_(hidden) {}

void RecurrentCell::InitializeWeights(Rng& rng) {
  InitializeGateBlocks(input_weights, hidden_, rng);
  InitializeGateBlocks(recurrent_weights, hidden_, rng);
  bias.setZero();
}

void RecurrentCell::ZeroGradients() {
  input_weights_gradient = Matrix::Zero(input_weights.rows(), input_weights.cols());
  recurrent_weights_gradient = Matrix::Zero(recurrent_weights.rows(), recurrent_weights.cols());
  bias_gradient = Matrix::Zero(1, bias.cols());
}

void RecurrentCell::CollectParameters(std::vector<ParameterRef>& out) {
  if (input_weights_gradient.size() != input_weights.size()) ZeroGradients();
  out.push_back({&input_weights, &input_weights_gradient});
  out.push_back({&recurrent_weights, &recurrent_weights_gradient});
  out.push_back({&bias, &bias_gradient, false});
}

void RecurrentCell::Initialize(Rng& rng) {
  InitializeWeights(rng);
  StartWeights();
}

Eigen::Index RecurrentCell::BeginForward(const Sequence& inputs) {
  const size_t steps = inputs.size();
  const Eigen::Index batch = steps ? inputs[0].rows() : 0;
  inputs_ = inputs;
  hidden_states_.resize(steps + 1);  // each later step is overwritten by the pass
  hidden_states_[0].setZero(batch, hidden_);
  return batch;
}

Eigen::Index RecurrentCell::BeginBackward(Sequence& grad_inputs) {
  const Eigen::Index batch = inputs_.empty() ? 0 : inputs_[0].rows();
  ZeroGradients();
  grad_inputs.resize(inputs_.size());
  dh_next_.setZero(batch, hidden_);
  return batch;
}

}  // namespace netlab
