// Every backward pass against centred finite differences.
#include <catch2/catch.hpp>

#include "nn/activation.h"
#include "nn/activation_layer.h"
#include "nn/dense.h"
#include "core/finite_difference.h"
#include "support/test_support.h"
#include "nn/loss.h"
#include "nn/network.h"
#include "core/rng.h"
#include "networks/network_builder.h"

using namespace netlab;

TEST_CASE("the per-tensor relative error fails an all-zero gradient however small the true one is", "[gradient]") {
  // L = 1e-5 (p1 + 2 p2 + 3 p3): the true gradient is 1e-5 (1, 2, 3), far below the old 1e-2 floor that
  // let an analytic gradient of zero pass.
  Matrix p(1, 3), right(1, 3), zero = Matrix::Zero(1, 3);
  p << 0.5f, -0.25f, 2.0f;
  right << 1e-5f, 2e-5f, 3e-5f;
  auto loss = [&] { return 1e-5 * (double(p(0, 0)) + 2.0 * double(p(0, 1)) + 3.0 * double(p(0, 2))); };
  CHECK(GradientRelativeError(p, zero, loss) == Approx(1.0));  // |0 - n| / (0 + |n|)
  CHECK(GradientRelativeError(p, right, loss) < 1e-6);         // float rounding of the step only
  // Half the true gradient: |n/2 - n| / (|n/2| + |n|) = 1/3.
  CHECK(GradientRelativeError(p, Matrix(0.5f * right), loss) == Approx(1.0 / 3.0).epsilon(1e-5));
}

TEST_CASE("each activation's derivative matches finite differences", "[gradient]") {
  Rng rng(7);
  for (const Activation& act : Activations()) {
    if (!act.elementwise) continue;  // PReLU, softmax and maxout are layers, checked in zoo_test.cpp
    INFO(act.name);
    // Keep inputs away from the kinks of ReLU-like functions, where the derivative is undefined.
    Matrix input = RandomMatrix(6, 5, rng, 2.0f);
    for (Eigen::Index i = 0; i < input.size(); ++i)
      if (std::fabs(input.data()[i]) < 0.05f) input.data()[i] = 0.3f;
    Matrix probe = RandomMatrix(6, 5, rng), output, grad_input;
    ApplyActivation(act, input, output);
    ActivationBackward(act, input, output, probe, grad_input);
    auto loss = [&] {
      Matrix out;
      ApplyActivation(act, input, out);
      return Probe(out, probe);
    };
    CHECK(GradientRelativeError(input, grad_input, loss, 1e-3) < 1e-2);
  }
}

TEST_CASE("dense layer gradients for weights, bias and input match finite differences", "[gradient]") {
  Rng rng(11);
  Dense dense(4, 3);
  dense.weights = RandomMatrix(4, 3, rng);
  dense.bias = RandomMatrix(1, 3, rng);
  Matrix input = RandomMatrix(5, 4, rng), probe = RandomMatrix(5, 3, rng), output, grad_input;
  std::vector<ParameterRef> params;
  dense.CollectParameters(params);
  dense.Forward(input, output);
  dense.Backward(probe, grad_input);
  const auto loss = ProbeLoss(dense, input, probe);
  CHECK(GradientRelativeError(dense.weights, dense.weights_gradient, loss) < 1e-3);
  CHECK(GradientRelativeError(dense.bias, dense.bias_gradient, loss) < 1e-3);
  CHECK(GradientRelativeError(input, grad_input, loss) < 1e-3);
}

TEST_CASE("each loss's gradient matches finite differences", "[gradient]") {
  Rng rng(3);
  for (const Loss& loss : Losses()) {
    INFO(loss.name);
    Matrix output = RandomMatrix(6, 3, rng, 2.0f);
    Matrix target = Matrix::Zero(6, 3);
    for (int r = 0; r < 6; ++r) {
      if (loss.one_hot_targets) target(r, r % 3) = 1.0f;
      else if (loss.takes_logits) target.row(r) = (RandomMatrix(1, 3, rng).array() > 0).cast<float>().matrix();
      else target.row(r) = RandomMatrix(1, 3, rng);
    }
    Matrix grad;
    loss.gradient(output, target, grad);
    CHECK(GradientRelativeError(output, grad, [&] { return loss.value(output, target); }, 1e-3) < 1e-3);
  }
}

TEST_CASE("losses stay finite for huge logits", "[loss]") {
  Matrix z(2, 2);
  z << 1000.0f, -1000.0f, -1000.0f, 1000.0f;
  Matrix t(2, 2);
  t << 1.0f, 0.0f, 1.0f, 0.0f;
  // Sample 1 is right with margin 2000 (loss 0); sample 2 is wrong by 2000 (loss 2000).
  CHECK(FindLoss("softmax_ce")->value(z, t) == Approx(1000.0));
  Matrix zb(2, 1), tb(2, 1);
  zb << 1000.0f, -1000.0f;
  tb << 1.0f, 1.0f;
  // softplus(1000) - 1000 = 0 and softplus(-1000) + 0 = 0 + 1000 for the second: mean 500.
  CHECK(FindLoss("sigmoid_bce")->value(zb, tb) == Approx(500.0));
}

TEST_CASE("a whole network's backprop matches finite differences for every parameter", "[gradient]") {
  for (const char* loss_name : {"mse", "sigmoid_bce", "softmax_ce"}) {
    INFO(loss_name);
    Config config;
    config.hidden = {{5, "tanh"}, {4, "softplus"}, {3, "sigmoid"}};
    config.loss = loss_name;
    config.output_activation = "tanh";
    Rng rng(5);
    const Loss& loss = *FindLoss(loss_name);
    const int outputs = OutputUnits(loss, 2);
    Network net = BuildNetwork(config, 2, outputs, rng);
    Matrix input = RandomMatrix(7, 2, rng, 2.0f), labels(7, 1);
    for (int r = 0; r < 7; ++r) labels(r, 0) = float(r % 2);
    Matrix target = MakeTargets(loss, labels, 2), grad;
    loss.gradient(net.Forward(input), target, grad);
    net.Backward(grad);
    for (const ParameterRef& p : net.Parameters())
      CHECK(GradientRelativeError(*p.value, *p.gradient, [&] { return loss.value(net.Forward(input), target); },
                             1e-3) < 1e-2);
  }
}

TEST_CASE("a network's first dense layer skips the data's gradient and keeps every parameter gradient", "[gradient]") {
  // dX = dY Wᵀ of the first layer is read by nobody when the input is data; leaving it out must not
  // change a single bit of dW or db (a separate product), and the input gradient must be empty rather
  // than stale or zero.
  Rng rng(19);
  Dense full(6, 4), first(6, 4);
  full.weights = first.weights = RandomMatrix(6, 4, rng);
  full.bias = first.bias = RandomMatrix(1, 4, rng);
  first.set_input_gradient_needed(false);
  const Matrix input = RandomMatrix(9, 6, rng), probe = RandomMatrix(9, 4, rng);
  Matrix output, grad_full, grad_first = RandomMatrix(9, 6, rng);
  full.Forward(input, output);
  full.Backward(probe, grad_full);
  first.Forward(input, output);
  first.Backward(probe, grad_first);
  CHECK((first.weights_gradient.array() == full.weights_gradient.array()).all());
  CHECK((first.bias_gradient.array() == full.bias_gradient.array()).all());
  CHECK(grad_full.rows() == 9);
  CHECK(grad_first.size() == 0);

  // BuildNetwork marks its first layer; the trained parameters' gradients match finite differences.
  Config config;
  config.hidden = {{5, "relu"}, {3, "tanh"}};
  Network net = BuildNetwork(config, 6, 2, rng);
  const Loss& loss = *FindLoss("softmax_ce");
  Matrix targets = Matrix::Zero(9, 2), grad;
  for (int r = 0; r < 9; ++r) targets(r, r % 2) = 1.0f;
  loss.gradient(net.Forward(input), targets, grad);
  net.Backward(grad);
  CHECK(net.InputGradient().size() == 0);
  for (const ParameterRef& p : net.Parameters())
    CHECK(GradientRelativeError(*p.value, *p.gradient, [&] { return loss.value(net.Forward(input), targets); },
                                1e-3) < 1e-2);

  // A first block with a residual skip reads its inside's input gradient: it is left alone.
  config.hidden = {{6, "tanh"}};
  config.hidden[0].skip = "residual";
  Network skip = BuildNetwork(config, 6, 2, rng);
  loss.gradient(skip.Forward(input), targets, grad);
  skip.Backward(grad);
  Matrix x = input;
  CHECK(GradientRelativeError(x, skip.InputGradient(), [&] { return loss.value(skip.Forward(x), targets); }, 1e-3) <
        1e-2);
}
