#pragma once
// Gated recurrent unit (Cho et al. 2014):
//   r = σ(x_t W_r + h_{t-1} U_r + b_r)            reset gate
//   z = σ(x_t W_z + h_{t-1} U_z + b_z)            update gate
//   n = tanh(x_t W_n + r ⊙ (h_{t-1} U_n) + b_n)   candidate (reset applied after U_n, as in cuDNN/PyTorch)
//   h_t = (1 - z) ⊙ n + z ⊙ h_{t-1}
#include "recurrent/recurrent.h"

namespace netlab {

class Gru : public RecurrentCell {
 public:
  Gru(int inputs, int hidden);
  const char* kind() const override { return "gru"; }
  void Forward(const Sequence& inputs, Sequence& hidden) override;
  void Backward(const Sequence& grad_hidden, Sequence& grad_inputs) override;
  // Gate blocks of input_weights (inputs x 3H), recurrent_weights (H x 3H) and bias: r, z, n.

 private:
  Sequence gates_, recurrent_candidate_;  // gates_[t] = [r z n] after nonlinearity
  // Scratch (batch x H or batch x 3H), members so that a step allocates nothing once warmed up.
  Matrix recurrent_, d_input_, d_recurrent_;
  Eigen::ArrayXXf dh_, dn_pre_, dz_pre_, dr_pre_;
};

}  // namespace netlab
