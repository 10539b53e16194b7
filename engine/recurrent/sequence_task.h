#pragma once
// Sine-wave continuation, the task the Models window's RNN tab trains on. A sequence is
// x_t = sin(ω t + φ) with ω ~ U(kSineMinOmega, kSineMaxOmega) and φ ~ U(0, 2π); at every step the
// network reads x_t (optionally with Gaussian noise) and predicts the clean x_{t+1} through a linear
// readout of the hidden state. One value does not tell where on the wave it is, so the cell has to
// infer ω and φ from the steps so far. Generation then runs free: after a seed it reads back its own
// predictions.
#include <memory>
#include <string>
#include <vector>

#include "nn/dense.h"
#include "recurrent/recurrent.h"

namespace netlab {

constexpr float kSineMinOmega = 0.2f, kSineMaxOmega = 0.6f;

struct SineBatch {
  Sequence inputs, targets;  // per step, (batch x 1): noisy x_t and clean x_{t+1}
};

// Fresh sequences; reuses `out`'s storage when the sizes stay the same.
void MakeSineBatch(int batch, int steps, float noise, Rng& rng, SineBatch& out);

// "lstm", "gru" or "rnn", initialised from `rng`; nullptr for any other kind.
std::unique_ptr<RecurrentLayer> CreateRecurrentCell(const std::string& kind, int inputs, int hidden, Rng& rng);

// A recurrent cell with a Dense readout of h_t at every step, trained on mean squared error.
class SineRegressor {
 public:
  // `cell_kind` as CreateRecurrentCell takes it; check valid() before use.
  SineRegressor(const std::string& cell_kind, int hidden, Rng& rng);
  bool valid() const { return cell_ != nullptr; }
  const char* cell_kind() const { return cell_ ? cell_->kind() : ""; }
  int hidden_size() const { return int(readout_.weights.rows()); }
  const std::vector<ParameterRef>& parameters() const { return parameters_; }
  // The parts, for writing the model elsewhere (export/onnx_recurrent.h); valid() models only.
  RecurrentLayer& cell() { return *cell_; }
  Dense& readout() { return readout_; }

  // Mean over batch and steps of (prediction - target)², without learning.
  double Evaluate(const SineBatch& batch);

  struct Step {
    double loss;           // the batch's mean squared error before the update
    double gradient_norm;  // global gradient norm before clipping
    bool applied;          // false when the loss or the gradient was not finite: weights left as they were
  };
  // Forward and backpropagation through time without an update: every parameter's gradient of the
  // batch's mean squared error, which it returns.
  double Gradient(const SineBatch& batch);
  // The last forward's hidden states of every step stacked (steps * batch x hidden) and the readout's
  // predictions (steps * batch x 1), for the Layers tab.
  const Matrix& stacked_hidden() const { return stacked_hidden_; }
  const Matrix& predictions() const { return outputs_; }

  // Forward, backpropagation through time, clipping to `max_norm` (0 or infinity: no clipping; optim/regularization.h) and one
  // optimizer step.
  Step TrainStep(const SineBatch& batch, Optimizer& optimizer, double max_norm);

  // Teacher forcing on one sequence: predictions[t] is the guess for values[t + 1] having read values[0..t].
  void Predict(const std::vector<float>& values, std::vector<float>& predictions);
  // Reads `seed`, then feeds its own predictions back for `count` steps; generated[k] continues the
  // seed at step seed.size() + k (generated[0] is Predict's last value).
  void Generate(const std::vector<float>& seed, int count, std::vector<float>& generated);

 private:
  double Forward(const Sequence& inputs, const Sequence& targets);  // fills outputs_, returns the MSE

  std::unique_ptr<RecurrentLayer> cell_;
  Dense readout_;
  std::vector<ParameterRef> parameters_;
  // Reused between calls so training does not reallocate every step.
  Sequence hidden_, grad_hidden_, grad_inputs_, single_;
  Matrix stacked_hidden_, outputs_, grad_outputs_, grad_stacked_;
};

}  // namespace netlab
