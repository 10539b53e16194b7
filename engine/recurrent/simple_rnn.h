#pragma once
// Simple recurrent network (Elman 1990), the cell LSTM and GRU improve on:
//   h_t = tanh(x_t W + h_{t-1} U + b)
// Backpropagation through time multiplies the error by Uᵀ diag(1 - h_t²) at every step back, so it
// shrinks or blows up geometrically (Bengio, Simard & Frasconi 1994); gating exists to avoid that.
#include "recurrent/recurrent.h"

namespace netlab {

class SimpleRnn : public RecurrentCell {
 public:
  SimpleRnn(int inputs, int hidden);
  const char* kind() const override { return "rnn"; }
  void Forward(const Sequence& inputs, Sequence& hidden) override;
  void Backward(const Sequence& grad_hidden, Sequence& grad_inputs) override;
  // One block: input_weights (inputs x H), recurrent_weights (H x H), bias (1 x H).

 private:
  // Backward's batch x H scratch, members so that a step allocates nothing once warmed up.
  Matrix d_pre_;
};

}  // namespace netlab
