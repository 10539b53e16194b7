// LSTM and GRU: backpropagation through time against finite differences for every weight and input,
// gradient clipping against its closed form, and both cells learning to continue sine waves.
#include <catch2/catch.hpp>

#include <cmath>
#include <memory>

#include "nn/dense.h"
#include "core/finite_difference.h"
#include "recurrent/gru.h"
#include "recurrent/lstm.h"
#include "optim/regularization.h"
#include "support/model_test_helpers.h"
#include "recurrent/recurrent_gradient_check.h"

using namespace netlab;

namespace {

struct SineBatch {
  Sequence inputs, targets;
};

// Sequences x_t = sin(ω t + φ), ω ~ U(0.2, 0.6), φ ~ U(0, 2π); the target at step t is x_{t+1}.
// The cell must infer ω from the past to predict the next value.
SineBatch MakeSineBatch(int batch, int steps, Rng& rng) {
  SineBatch b;
  b.inputs.assign(size_t(steps), Matrix(batch, 1));
  b.targets.assign(size_t(steps), Matrix(batch, 1));
  for (int n = 0; n < batch; ++n) {
    const float omega = rng.Uniform(0.2f, 0.6f), phase = rng.Uniform(0.0f, 6.2831853f);
    for (int t = 0; t < steps; ++t) {
      b.inputs[size_t(t)](n, 0) = std::sin(omega * float(t) + phase);
      b.targets[size_t(t)](n, 0) = std::sin(omega * float(t + 1) + phase);
    }
  }
  return b;
}

// A freshly initialised cell with a linear readout of its hidden state, both trained by Adam at 0.01.
template <typename Cell>
struct CellWithReadout {
  Dense readout;
  std::vector<ParameterRef> params;
  std::unique_ptr<Optimizer> optimizer;
  CellWithReadout(Cell& cell, Rng& rng) : readout(cell.hidden_size(), 1) {
    cell.Initialize(rng);
    FindInitializer("xavier_normal")->fill(readout.weights, 1.0f, rng);
    cell.CollectParameters(params);
    readout.CollectParameters(params);
    OptimizerSettings adam;
    adam.learning_rate = 0.01f;
    optimizer = CreateOptimizer(adam);
  }
};

// Trains cell + per-step linear readout on fresh sine batches with Adam and clipping; returns the
// mean squared error (½ (y - t)², mean over batch and steps) on a held-out batch, and the same error of
// the "repeat the last value" predictor on it.
template <typename Cell>
std::pair<double, double> TrainSine(Cell& cell, int updates, Rng& rng) {
  CellWithReadout<Cell> model(cell, rng);
  Dense& readout = model.readout;
  std::vector<ParameterRef>& params = model.params;
  std::unique_ptr<Optimizer>& optimizer = model.optimizer;
  const int steps = 25, batch = 32;
  auto run = [&](const SineBatch& b, bool learn) {
    Sequence hidden, grad_inputs, grad_hidden(static_cast<size_t>(steps));
    cell.Forward(b.inputs, hidden);
    double loss = 0.0;
    Matrix readout_weights_gradient = Matrix::Zero(readout.weights.rows(), 1), readout_bias_gradient = Matrix::Zero(1, 1);
    for (int t = 0; t < steps; ++t) {
      Matrix y, error, grad_h;
      readout.Forward(hidden[size_t(t)], y);
      error = y - b.targets[size_t(t)];
      loss += 0.5 * double(error.squaredNorm()) / (batch * steps);
      readout.Backward(error / float(batch * steps), grad_hidden[size_t(t)]);
      readout_weights_gradient += readout.weights_gradient;
      readout_bias_gradient += readout.bias_gradient;
    }
    if (learn) {
      cell.Backward(grad_hidden, grad_inputs);
      readout.weights_gradient = readout_weights_gradient;
      readout.bias_gradient = readout_bias_gradient;
      ClipGradientNorm(params, 1.0);
      optimizer->Step(params);
    }
    return loss;
  };
  for (int u = 0; u < updates; ++u) run(MakeSineBatch(batch, steps, rng), true);
  const SineBatch held_out = MakeSineBatch(batch, steps, rng);
  double copy_last = 0.0;
  for (int t = 0; t < steps; ++t)
    copy_last += 0.5 * double((held_out.inputs[size_t(t)] - held_out.targets[size_t(t)]).squaredNorm()) / (batch * steps);
  return {run(held_out, false), copy_last};
}

}  // namespace

TEST_CASE("LSTM backpropagation through time matches finite differences", "[recurrent][gradient]") {
  Lstm lstm(2, 3);
  CheckCellGradients(lstm);
}

TEST_CASE("GRU backpropagation through time matches finite differences", "[recurrent][gradient]") {
  Gru gru(2, 3);
  CheckCellGradients(gru);
}

TEST_CASE("LSTM and GRU biases are not weight-decayed", "[recurrent]") {
  Rng rng(12);
  Lstm lstm(2, 3);
  lstm.Initialize(rng);  // forget-gate bias 1: a decayed bias would visibly shrink
  Gru gru(2, 3);
  gru.Initialize(rng);
  gru.bias.setConstant(0.5f);
  for (RecurrentLayer* cell : std::initializer_list<RecurrentLayer*>{&lstm, &gru}) {
    INFO(cell->kind());
    std::vector<ParameterRef> params;
    cell->CollectParameters(params);
    REQUIRE(params.size() == 3);  // input weights, recurrent weights, bias
    CHECK(params[0].is_weight);
    CHECK(params[1].is_weight);
    CHECK_FALSE(params[2].is_weight);
    // AdamW with zero gradients moves only by its decoupled decay, w <- w (1 - eta lambda), on weights.
    for (const ParameterRef& p : params) p.gradient->setZero();
    const Matrix bias_before = *params[2].value, weights_before = *params[0].value;
    OptimizerSettings adamw;
    adamw.kind = "adamw";
    adamw.learning_rate = 0.1f;
    adamw.weight_decay = 0.5f;
    CreateOptimizer(adamw)->Step(params);
    CHECK(*params[2].value == bias_before);
    CHECK(params[0].value->isApprox(weights_before * (1.0f - 0.1f * 0.5f)));
  }
}

TEST_CASE("clipping by global norm rescales to the limit and keeps the direction", "[recurrent]") {
  Matrix a(1, 2), b(1, 1), ga(1, 2), gb(1, 1);
  ga << 3, 0;
  gb << 4;  // ||g|| = 5
  std::vector<ParameterRef> params = {{&a, &ga}, {&b, &gb}};
  CHECK(ClipGradientNorm(params, 10.0) == Approx(5.0));
  CHECK(gb(0, 0) == 4.0f);  // under the limit: untouched
  CHECK(ClipGradientNorm(params, 1.0) == Approx(5.0));
  CHECK(ga(0, 0) == Approx(0.6f));
  CHECK(gb(0, 0) == Approx(0.8f));
}

TEST_CASE("LSTM and GRU learn to continue sine waves far better than repeating the last value", "[recurrent][training]") {
  Rng rng(9);
  Lstm lstm(1, 16);
  const auto [lstm_error, lstm_baseline] = TrainSine(lstm, 400, rng);
  Gru gru(1, 16);
  const auto [gru_error, gru_baseline] = TrainSine(gru, 400, rng);
  WARN("sine continuation, held-out ½ squared error: LSTM " << lstm_error << " (repeat-last " << lstm_baseline
                                                            << "), GRU " << gru_error << " (repeat-last " << gru_baseline << ")");
  CHECK(lstm_error < 0.1 * lstm_baseline);
  CHECK(gru_error < 0.1 * gru_baseline);
}

namespace {

// The adding problem (Hochreiter & Schmidhuber 1997): at each of `steps` steps the input is a value
// u ~ U(0, 1) and a marker bit; exactly two steps are marked, one in each half, and the target read at
// the last step is the sum of the two marked values. The first marker lies 15..30 steps back, so the
// cell must carry it across the sequence.
void MakeAddingBatch(int batch, int steps, Rng& rng, Sequence& inputs, Matrix& targets) {
  inputs.assign(size_t(steps), Matrix::Zero(batch, 2));
  targets.resize(batch, 1);
  for (int n = 0; n < batch; ++n) {
    const int first = int(rng.Below(uint32_t(steps / 2))), second = steps / 2 + int(rng.Below(uint32_t(steps / 2)));
    for (int t = 0; t < steps; ++t) inputs[size_t(t)](n, 0) = rng.Uniform();
    inputs[size_t(first)](n, 1) = 1.0f;
    inputs[size_t(second)](n, 1) = 1.0f;
    targets(n, 0) = inputs[size_t(first)](n, 0) + inputs[size_t(second)](n, 0);
  }
}

// Trains on fresh batches, reading only the last hidden state; returns ½ squared error on held-out data.
template <typename Cell>
double TrainAdding(Cell& cell, int steps, int updates, Rng& rng) {
  CellWithReadout<Cell> model(cell, rng);
  Dense& readout = model.readout;
  std::vector<ParameterRef>& params = model.params;
  std::unique_ptr<Optimizer>& optimizer = model.optimizer;
  Sequence inputs, hidden, grad_inputs;
  Matrix targets, y;
  for (int u = 0; u < updates; ++u) {
    const int batch = 32;
    MakeAddingBatch(batch, steps, rng, inputs, targets);
    cell.Forward(inputs, hidden);
    readout.Forward(hidden.back(), y);
    Sequence grad_hidden(inputs.size(), Matrix::Zero(batch, cell.hidden_size()));
    readout.Backward((y - targets) / float(batch), grad_hidden.back());
    cell.Backward(grad_hidden, grad_inputs);
    ClipGradientNorm(params, 1.0);
    optimizer->Step(params);
  }
  MakeAddingBatch(512, steps, rng, inputs, targets);
  cell.Forward(inputs, hidden);
  readout.Forward(hidden.back(), y);
  return 0.5 * double((y - targets).squaredNorm()) / 512.0;
}

}  // namespace

TEST_CASE("LSTM and GRU solve the adding problem over 30 steps", "[recurrent][training][long]") {
  // Predicting the mean sum 1 scores ½ Var(u1 + u2) = ½ · 2/12 ≈ 0.083; solving it means far less.
  const double constant_predictor = 0.5 * 2.0 / 12.0;
  Rng rng(5);
  Lstm lstm(2, 16);
  const double lstm_error = TrainAdding(lstm, 30, 800, rng);
  Gru gru(2, 16);
  const double gru_error = TrainAdding(gru, 30, 800, rng);
  WARN("adding problem (30 steps), held-out ½ squared error: LSTM " << lstm_error << ", GRU " << gru_error
                                                                    << ", constant predictor " << constant_predictor);
  CHECK(lstm_error < 0.05 * constant_predictor);
  CHECK(gru_error < 0.05 * constant_predictor);
}
