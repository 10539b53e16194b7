// The gradient check as a job advanced a few parameter entries at a time (so a big network does not
// freeze the page): the same numbers as checking every tensor in one go, its progress, and cancelling.
#include <catch2/catch.hpp>

#include <string>

#include "core/finite_difference.h"
#include "support/sign_flipped_dense.h"
#include "teaching/gradient_check.h"
#include "networks/model_shape.h"
#include "train/trainer.h"
#include "networks/network_builder.h"

using namespace netlab;

namespace {

Config CheckedConfig() {
  Config config;
  config.hidden = {{5, "tanh"}, {3, "softplus"}};
  config.hidden[1].norm = "batch";
  config.hidden[0].dropout = 0.3f;  // training mode: the masks are held fixed
  return config;
}

Network BuildChecked(const Config& config) {
  const ModelShape shape = ShapeForConfig(config);
  Rng rng(11);  // the same seed twice: two identical networks, dropout's own generators included
  return BuildNetwork(config, shape.inputs, shape.outputs, rng);
}

// The check written out tensor by tensor with GradientRelativeError (finite_difference.h), as the view
// ran it in one call before it became incremental: inference mode, then training mode with held masks.
std::vector<double> WholeTensorErrors(Network& network, const Loss& loss, const Matrix& inputs,
                                      const Matrix& targets, double step) {
  std::vector<double> errors;
  for (bool training : {false, true}) {
    network.SetTraining(training);
    network.HoldMasks(training);
    Matrix grad;
    loss.gradient(network.Forward(inputs), targets, grad);
    network.Backward(grad);
    auto value = [&] { return loss.value(network.Forward(inputs), targets); };
    for (const ParameterRef& p : network.Parameters())
      errors.push_back(GradientRelativeError(*p.value, *p.gradient, value, step, 1e-3));  // the check's floor
  }
  network.HoldMasks(false);
  network.SetTraining(false);
  return errors;
}

std::vector<Matrix> ParameterValues(Network& network) {
  std::vector<Matrix> values;
  for (const ParameterRef& p : network.Parameters()) values.push_back(*p.value);
  return values;
}

// The parameters, then the running statistics.
std::vector<Matrix> Snapshot(Network& network) {
  std::vector<Matrix> values = ParameterValues(network);
  for (Matrix* m : network.State()) values.push_back(*m);
  return values;
}

}  // namespace

TEST_CASE("the incremental gradient check gives exactly the whole-tensor check's errors", "[views]") {
  const Config config = CheckedConfig();
  Trainer trainer(config);  // for its features and targets
  const Matrix inputs = trainer.train_inputs().topRows(16), targets = trainer.train_targets().topRows(16);
  const Loss& loss = *FindLoss(config.loss);
  Network reference_network = BuildChecked(config), checked_network = BuildChecked(config);
  // tanh and softplus are smooth: the check steps h = 5e-3, about float's eps^(1/3).
  const std::vector<double> reference = WholeTensorErrors(reference_network, loss, inputs, targets, 5e-3);

  const std::vector<Matrix> before = Snapshot(checked_network), parameters_before = ParameterValues(checked_network);
  GradientCheck check(checked_network, loss, inputs, targets);
  long parameters = 0;
  for (const ParameterRef& p : checked_network.Parameters()) parameters += long(p.value->size());
  CHECK(check.entries_total() == 2 * parameters);  // every parameter once per mode
  CHECK(check.report().step == 5e-3);
  long last = 0;
  // 7 entries a call: steps that end inside tensors, across tensor ends and across the change of mode.
  while (!check.Advance(7)) {
    CHECK(check.entries_done() == last + 7);
    last = check.entries_done();
    CHECK(ParameterValues(checked_network) == parameters_before);  // between calls none is left perturbed
  }
  CHECK(check.entries_done() == check.entries_total());
  CHECK(Snapshot(checked_network) == before);  // running statistics put back too
  REQUIRE(check.report().relative_error.size() == reference.size());
  for (size_t i = 0; i < reference.size(); ++i) {
    INFO(check.report().names[i]);
    CHECK(check.report().relative_error[i] == reference[i]);  // bit for bit: the same forwards, the same sums
  }
  CHECK(check.report().worst < 1e-2);  // and the network's backprop is right
  // The one-call function is the same job run to the end.
  Network third = BuildChecked(config);
  CHECK(CheckNetworkGradients(third, loss, inputs, targets).relative_error == check.report().relative_error);
}

TEST_CASE("the gradient check's progress and result on a one-weight-vector network", "[views]") {
  // y = 0.3 x1 - 0.2 x2 + b with a backward that flips the sign of dL/dW: for the weights a = -n, so
  // |a - n| / (|a| + |n|) = 2|n| / 2|n| = 1; the bias gradient is right, and the loss is quadratic in it,
  // so its centred difference is exact but for float rounding.
  Network network = SignFlippedNetwork();
  Matrix inputs(2, 2), targets(2, 1);
  inputs << 1, 2, -1, 0.5f;
  targets << 1, 0;
  GradientCheck check(network, *FindLoss("mse"), inputs, targets);
  CHECK(check.entries_total() == 6);  // (2 weights + 1 bias) x 2 modes
  CHECK_FALSE(check.Advance(1));
  CHECK(check.report().names.empty());  // the weights tensor is not finished after one of its two entries
  CHECK_FALSE(check.Advance(1));
  REQUIRE(check.report().names.size() == 1);
  CHECK(check.report().names[0] == "inference #1 weights 2x1");
  CHECK(check.report().relative_error[0] == Approx(1.0).margin(1e-4));
  CHECK_FALSE(check.Advance(2));  // the bias, then the training mode's first weight
  CHECK(check.entries_done() == 4);
  REQUIRE(check.report().names.size() == 2);
  CHECK(check.report().names[1] == "inference #2 bias/gain 1x1");
  CHECK(check.report().relative_error[1] < 1e-4);
  CHECK(check.Advance(100));  // asks for more than is left: stops at the end
  CHECK(check.entries_done() == 6);
  REQUIRE(check.report().names.size() == 4);
  CHECK(check.report().names[3] == "training #2 bias/gain 1x1");
  CHECK(check.report().worst == Approx(1.0).margin(1e-4));
  CHECK(check.Advance(1));  // a finished check stays finished
  CHECK(check.entries_done() == 6);
}

TEST_CASE("a gradient check dropped half way leaves the network as it was", "[views]") {
  const Config config = CheckedConfig();
  Trainer trainer(config);
  for (int s = 0; s < 20; ++s) trainer.Step();  // running statistics that differ from their start
  const std::vector<Matrix> before = Snapshot(trainer.network());
  {
    GradientCheck check(trainer.network(), *FindLoss(config.loss), trainer.train_inputs().topRows(16),
                        trainer.train_targets().topRows(16));
    while (check.entries_done() < check.entries_total() * 3 / 4) check.Advance(5);  // into training mode
  }
  CHECK(Snapshot(trainer.network()) == before);
  // And the network trains on as before: not stuck in training mode with held masks.
  trainer.Step();
  CHECK(trainer.diverged().empty());
}

TEST_CASE("a check of a copy is unaffected by the original training on", "[views]") {
  const Config config = CheckedConfig();
  Trainer trainer(config);
  for (int s = 0; s < 20; ++s) trainer.Step();
  const Loss& loss = *FindLoss(config.loss);
  const Matrix inputs = trainer.train_inputs().topRows(16), targets = trainer.train_targets().topRows(16);
  std::unique_ptr<Network> copy = CopyOfNetwork(config, trainer.network()),
                           second_copy = CopyOfNetwork(config, trainer.network());
  CHECK(Snapshot(*copy) == Snapshot(trainer.network()));
  GradientCheck check(std::move(copy), loss, inputs, targets);
  while (!check.Advance(13)) trainer.Step();  // the trainer goes on between frames
  CHECK(trainer.step() > 20);
  const GradientCheckReport alone = CheckNetworkGradients(*second_copy, loss, inputs, targets);
  CHECK(check.report().relative_error == alone.relative_error);
}

TEST_CASE("the check steps eps^(1/3) on smooth networks and less where a kink could be straddled", "[views]") {
  // A finite difference across ReLU's kink at 0 is not its derivative: (|h| - 0) / 2h = 1/2 for
  // max(0, w) at w = 0, where backprop says 0 or 1. The smaller step straddles kinks less often.
  const Loss& loss = *FindLoss("mse");
  const Matrix inputs = Matrix::Constant(2, 2, 0.5f), targets = Matrix::Constant(2, 1, 0.1f);
  struct Case { std::vector<LayerConfig> hidden; double step; };
  const Case cases[] = {
      {{{4, "tanh"}, {3, "sigmoid"}}, 5e-3},
      {{{4, "tanh"}, {3, "relu"}}, 1e-3},
      {{{4, "abs"}}, 1e-3},
      {{{4, "maxout"}}, 1e-3},
  };
  for (const Case& c : cases) {
    Config config;
    config.hidden = c.hidden;
    INFO(config.hidden.back().activation);
    Network network = BuildChecked(config);
    CHECK(network.Smooth() == (c.step == 5e-3));
    GradientCheck check(network, loss, inputs, targets);
    CHECK(check.report().step == c.step);
  }
  // A residual block is as smooth as the block inside it.
  Config config;
  config.hidden = {{4, "tanh"}, {4, "relu"}};
  config.hidden[1].skip = "residual";
  Network network = BuildChecked(config);
  CHECK_FALSE(network.Smooth());
}
