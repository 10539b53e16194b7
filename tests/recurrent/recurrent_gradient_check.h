#pragma once
// Backpropagation through time of a recurrent cell (Lstm, Gru, SimpleRnn) against centred finite
// differences: every weight, the bias and every step's input, under the probe loss L = Σ_t <h_t, P_t>.
#include <catch2/catch.hpp>

#include <cstdint>
#include <vector>

#include "core/finite_difference.h"
#include "support/model_test_helpers.h"
#include "recurrent/recurrent.h"

namespace netlab {

template <typename Cell>
void CheckCellGradients(Cell& cell, uint64_t seed = 17, int steps = 4) {
  Rng rng(seed);
  cell.Initialize(rng);
  cell.bias = RandomMatrix(1, int(cell.bias.cols()), rng, 0.5f);
  const int batch = 3, inputs = int(cell.input_weights.rows());
  Sequence x, probe, hidden, grad_inputs;
  for (int t = 0; t < steps; ++t) {
    x.push_back(RandomMatrix(batch, inputs, rng));
    probe.push_back(RandomMatrix(batch, cell.hidden_size(), rng));
  }
  std::vector<ParameterRef> params;
  cell.CollectParameters(params);
  cell.Forward(x, hidden);
  cell.Backward(probe, grad_inputs);
  // L = Σ_t <h_t, P_t>: every step's output feeds the loss, so gradients cross every recurrence.
  const auto loss = ProbeLoss(cell, x, probe);
  CHECK(GradientRelativeError(cell.input_weights, cell.input_weights_gradient, loss, 1e-2) < 1e-2);
  CHECK(GradientRelativeError(cell.recurrent_weights, cell.recurrent_weights_gradient, loss, 1e-2) < 1e-2);
  CHECK(GradientRelativeError(cell.bias, cell.bias_gradient, loss, 1e-2) < 1e-2);
  for (int t = 0; t < steps; ++t) {
    INFO("input at step " << t);
    CHECK(GradientRelativeError(x[size_t(t)], grad_inputs[size_t(t)], loss, 1e-2) < 1e-2);
  }
}

}  // namespace netlab
