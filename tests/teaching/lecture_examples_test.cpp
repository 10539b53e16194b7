// Hand-worked examples from the course notes, reproduced by the engine's layers.
#include <catch2/catch.hpp>

#include "nn/activation.h"
#include "nn/activation_layer.h"
#include "nn/dense.h"
#include "core/finite_difference.h"
#include "nn/loss.h"

using namespace netlab;

TEST_CASE("lecture backprop example: u_in = w1 x1^3 + w2 x2, sigmoid, squared loss", "[lecture]") {
  // w = [.02, .01], x = [3, 5], y = 0. The cubed input is a fixed feature, so the net is a dense unit on
  // [x1^3, x2] without bias, followed by a sigmoid and the loss 1/2 (u_out - y)^2.
  Dense unit(2, 1);
  unit.weights << 0.02f, 0.01f;
  ActivationLayer sigmoid(*FindActivation("sigmoid"));
  const Loss& squared = *FindLoss("mse");
  Matrix input(1, 2), target = Matrix::Zero(1, 1), u_in, u_out, grad_out, grad_u_in, grad_x;
  input << 27.0f, 5.0f;
  std::vector<ParameterRef> params;
  unit.CollectParameters(params);

  unit.Forward(input, u_in);
  sigmoid.Forward(u_in, u_out);
  CHECK(u_in(0, 0) == Approx(0.59).epsilon(1e-5));
  CHECK(u_out(0, 0) == Approx(0.6434).margin(5e-5));
  CHECK(squared.value(u_out, target) == Approx(0.2070).margin(5e-5));

  squared.gradient(u_out, target, grad_out);
  sigmoid.Backward(grad_out, grad_u_in);
  unit.Backward(grad_u_in, grad_x);
  // dL/dw1 = (u_out - y) u_out (1 - u_out) x1^3 with u_out = σ(0.59) = 1 / (1 + e^-0.59) = 0.6433651 and
  // y = 0: 0.6433651^2 * 0.3566349 * 27 = 3.98568 (the notes' 3.9851 rounds u_out to .6434 first).
  // Float arithmetic on 0.02f, 0.01f, 27, 5 is good to a few 1e-7 relative.
  CHECK(unit.weights_gradient(0, 0) == Approx(3.98568).margin(1e-5));
  // dL/dw2 = (u_out - y) u_out (1 - u_out) x2 = 0.6433651^2 * 0.3566349 * 5 = 0.738089
  CHECK(unit.weights_gradient(1, 0) == Approx(0.738089).margin(2e-6));

  auto loss = [&] {
    Matrix a, b;
    unit.Forward(input, a);
    sigmoid.Forward(a, b);
    return squared.value(b, target);
  };
  CHECK(GradientRelativeError(unit.weights, unit.weights_gradient, loss, 1e-4) < 1e-3);
}

TEST_CASE("the exact XOR ReLU network outputs 0, 1, 1, 0", "[lecture]") {
  // Goodfellow et al. 6.1: h = relu(x W + c), y = h w + b with W = [[1,1],[1,1]], c = [0,-1],
  // w = [1,-2], b = 0.
  Dense hidden(2, 2), output(2, 1);
  hidden.weights << 1, 1, 1, 1;
  hidden.bias << 0, -1;
  output.weights << 1, -2;
  output.bias << 0;
  ActivationLayer relu(*FindActivation("relu"));
  Matrix x(4, 2), h, a, y;
  x << 0, 0, 0, 1, 1, 0, 1, 1;
  hidden.Forward(x, h);
  relu.Forward(h, a);
  output.Forward(a, y);
  CHECK(y(0, 0) == 0.0f);
  CHECK(y(1, 0) == 1.0f);
  CHECK(y(2, 0) == 1.0f);
  CHECK(y(3, 0) == 0.0f);
}
