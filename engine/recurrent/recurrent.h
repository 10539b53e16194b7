#pragma once
// Recurrent layers run a whole sequence: inputs[t] is (batch x inputs) at step t, the state starts at
// zero, and hidden[t] is h_t. Backward is backpropagation through time: grad_hidden[t] = ∂L/∂h_t from
// whatever reads h_t (zeros where nothing does); gradients flow back through the recurrence and are
// summed over steps into the shared weights.
#include <vector>

#include "optim/optimizer.h"
#include "core/rng.h"
#include "core/tensor.h"

namespace netlab {

using Sequence = std::vector<Matrix>;

class RecurrentLayer {
 public:
  virtual ~RecurrentLayer() = default;
  virtual const char* kind() const = 0;
  virtual void Forward(const Sequence& inputs, Sequence& hidden) = 0;
  virtual void Backward(const Sequence& grad_hidden, Sequence& grad_inputs) = 0;
  virtual void CollectParameters(std::vector<ParameterRef>& out) = 0;
};

// What every cell here (plain RNN, LSTM, GRU) holds: per gate a block of input weights, recurrent
// weights and bias, side by side, with their gradients.
class RecurrentCell : public RecurrentLayer {
 public:
  RecurrentCell(int inputs, int hidden, int gates);
  // The weights, then the bias; the bias is not weight-decayed (is_weight = false), as a dense layer's.
  void CollectParameters(std::vector<ParameterRef>& out) override;
  int hidden_size() const { return hidden_; }
  // Xavier-uniform weights, zero biases (InitializeWeights), then the cell's own start (the LSTM's forget
  // bias of one).
  void Initialize(Rng& rng);

  Matrix input_weights;      // inputs x (gates H)
  Matrix recurrent_weights;  // H x (gates H)
  Matrix bias;               // 1 x (gates H)
  Matrix input_weights_gradient, recurrent_weights_gradient, bias_gradient;

 protected:
  // Xavier/Glorot uniform per gate: each (fan_in x H) block is drawn by the initializer registry's
  // xavier_uniform as if it were its own dense layer, so every gate starts with
  // Var(W) = 2 / (fan_in + H) (Glorot & Bengio 2010); biases zero.
  void InitializeWeights(Rng& rng);
  // Backpropagation through time sums every step's contribution into these: zero them first.
  void ZeroGradients();
  // What a cell sets after InitializeWeights (nothing by default).
  virtual void StartWeights() {}
  // A forward pass's start: keeps the inputs, sizes hidden_states_ (steps + 1, the first the zero start
  // state); returns the batch size.
  Eigen::Index BeginForward(const Sequence& inputs);
  // A backward pass's start: zeroes the gradients and the gradient from the next step, sizes grad_inputs;
  // returns the batch size.
  Eigen::Index BeginBackward(Sequence& grad_inputs);

  int hidden_;
  Sequence inputs_, hidden_states_;  // per step; hidden_states_[0] is the zero start state
  Matrix dh_next_;                   // ∂L/∂h_t from step t + 1 (batch x H)
};

}  // namespace netlab
