#pragma once
// Long short-term memory (Hochreiter & Schmidhuber 1997, with the forget gate of Gers et al. 2000):
//   [a_i a_f a_o a_g] = x_t W + h_{t-1} U + b
//   i = σ(a_i), f = σ(a_f), o = σ(a_o), g = tanh(a_g)
//   c_t = f ⊙ c_{t-1} + i ⊙ g,   h_t = o ⊙ tanh(c_t)
// The additive cell path c_{t-1} -> c_t (gradient multiplied only by f) is what lets errors travel far.
#include "recurrent/recurrent.h"

namespace netlab {

class Lstm : public RecurrentCell {
 public:
  Lstm(int inputs, int hidden);
  const char* kind() const override { return "lstm"; }
  void Forward(const Sequence& inputs, Sequence& hidden) override;
  void Backward(const Sequence& grad_hidden, Sequence& grad_inputs) override;
  // Gate blocks of input_weights (inputs x 4H), recurrent_weights (H x 4H) and bias: i, f, o, g.

 private:
  // The forget gate's bias at one, so the cell remembers by default (Jozefowicz et al. 2015).
  void StartWeights() override;
  Sequence gates_, cells_;  // per step; cells_[0] is zero
  // Backward's scratch (batch x H, da_ batch x 4H), members so that a step allocates nothing once warmed up.
  Matrix dc_next_, da_;
  Eigen::ArrayXXf tanh_c_, dh_, dc_;
};

}  // namespace netlab
