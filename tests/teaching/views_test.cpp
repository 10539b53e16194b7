// The engine behind the teaching views: backprop inspector graph, gradient check, optimizer race.
#include <catch2/catch.hpp>

#include <cmath>

#include "nn/dense.h"
#include "support/sign_flipped_dense.h"
#include "teaching/gradient_check.h"
#include "optim/loss_surface.h"
#include "teaching/optimizer_race.h"
#include "teaching/scalar_graph.h"
#include "train/trainer.h"

using namespace netlab;

TEST_CASE("the backprop inspector graph reproduces the lecture's numbers", "[views][lecture]") {
  LectureExample e = BuildLectureExample(0.02, 0.01, 3, 5, 0);
  const ScalarGraph& g = e.graph;
  CHECK(g.node(e.u_in).value == Approx(0.59));
  CHECK(g.node(e.u_out).value == Approx(0.6434).margin(5e-5));
  CHECK(g.node(e.loss).value == Approx(0.2070).margin(5e-5));
  // dL/dw1 = (u_out - y) u_out (1 - u_out) x1^3 with u_out = σ(0.59) = 1 / (1 + e^-0.59) = 0.6433651,
  // y = 0, x1 = 3: 0.6433651^2 * 0.3566349 * 27 = 3.985682 (the notes' 3.9851 rounds u_out first).
  CHECK(g.node(e.w1).gradient == Approx(3.98568).margin(5e-6));
  // Every node's gradient against a centred difference of the whole graph in that input.
  for (int input : {e.x1, e.x2, e.w1, e.w2, e.y}) {
    auto loss_at = [&](double delta) {
      double v[5] = {0.02, 0.01, 3, 5, 0};
      const int order[5] = {e.w1, e.w2, e.x1, e.x2, e.y};
      for (int k = 0; k < 5; ++k)
        if (order[k] == input) v[k] += delta;
      LectureExample shifted = BuildLectureExample(v[0], v[1], v[2], v[3], v[4]);
      return shifted.graph.node(shifted.loss).value;
    };
    const double numeric = (loss_at(1e-6) - loss_at(-1e-6)) / 2e-6;
    CHECK(g.node(input).gradient == Approx(numeric).epsilon(1e-6));
  }
  // The notes then move w1 to -0.0599 (w2 unchanged) and get L = .0148; exactly it is .01490.
  LectureExample after = BuildLectureExample(-0.0599, 0.01, 3, 5, 0);
  CHECK(after.graph.node(after.loss).value == Approx(0.0148).margin(2e-4));
}

TEST_CASE("the gradient check passes a correct network and flags a wrong backward pass", "[views]") {
  Config config;
  // Smooth activations: at a ReLU kink a finite difference is not a derivative (CS231n's "kinks").
  config.hidden = {{5, "tanh"}, {3, "softplus"}};
  config.hidden[1].norm = "batch";
  config.hidden[0].dropout = 0.3f;  // training mode: the check must hold the masks fixed
  Trainer trainer(config);
  for (int s = 0; s < 50; ++s) trainer.Step();
  const Loss& loss = *FindLoss(config.loss);
  Matrix inputs = trainer.data().train.points.topRows(16), targets = trainer.data().train.labels.topRows(16);
  GradientCheckReport good = CheckNetworkGradients(trainer.network(), loss, inputs, targets);
  // Every tensor twice: inference mode, then training mode.
  CHECK(good.relative_error.size() == 2 * trainer.network().Parameters().size());
  CHECK(good.worst < 1e-2);
  const std::vector<Matrix*> state = trainer.network().State();
  REQUIRE(state.size() == 2);  // batch norm's running mean and variance
  const Matrix running_variance = *state[1];
  CheckNetworkGradients(trainer.network(), loss, inputs, targets);
  CHECK(*state[1] == running_variance);  // the training-mode forwards left the statistics as they were

  // A dense layer whose backward gets the sign of the weight gradient wrong: the check must notice.
  Network broken = SignFlippedNetwork();
  GradientCheckReport bad = CheckNetworkGradients(broken, loss, inputs, targets);
  // |a - n| / (|a| + |n|) with a = -n is exactly 1, the largest the measure can be.
  CHECK(bad.worst > 0.99);
}

TEST_CASE("the gradient check catches a backward pass that is wrong only in training mode", "[views]") {
  // Doubles its input while training, is the identity at inference, and backprops as the identity:
  // right at inference, wrong by a factor 2 in training, as a batch norm whose backward ignored the
  // batch statistics would be.
  struct TrainingOnlyDouble : Layer {
    const char* kind() const override { return "training_only_double"; }
    void Forward(const Matrix& input, Matrix& output) override { output = training_ ? Matrix(2.0f * input) : input; }
    void Backward(const Matrix& grad_output, Matrix& grad_input) override { grad_input = grad_output; }
  };
  Network net;
  auto first = std::make_unique<Dense>(2, 3);
  first->weights << 0.3f, -0.2f, 0.5f, 0.1f, 0.4f, -0.6f;
  net.Add(std::move(first));
  net.Add(std::make_unique<TrainingOnlyDouble>());
  auto second = std::make_unique<Dense>(3, 1);
  second->weights << 0.7f, -0.3f, 0.2f;
  net.Add(std::move(second));
  const Loss& loss = *FindLoss("mse");
  Rng rng(3);
  Matrix inputs(8, 2), targets(8, 1);
  for (Eigen::Index i = 0; i < inputs.size(); ++i) inputs.data()[i] = rng.Normal();
  for (Eigen::Index i = 0; i < targets.size(); ++i) targets.data()[i] = rng.Normal();
  GradientCheckReport report = CheckNetworkGradients(net, loss, inputs, targets);
  REQUIRE(report.relative_error.size() == 8);  // 4 tensors, two modes
  for (size_t i = 0; i < 4; ++i) CHECK(report.relative_error[i] < 1e-2);  // inference: right
  // Training: the first layer's weight gradient is half the true one: relative error 0.5 / 1.5 or more.
  CHECK(report.relative_error[4] > 0.3);
}

TEST_CASE("each loss surface's gradient matches finite differences", "[views][race]") {
  for (const LossSurface& s : LossSurfaces()) {
    INFO(s.name);
    for (auto [x, y] : {std::pair{0.3, -0.7}, std::pair{-1.2, 1.1}, std::pair{s.start_x, s.start_y}}) {
      double dx = 0, dy = 0;
      s.gradient(x, y, dx, dy);
      const double h = 1e-6;
      CHECK(dx == Approx((s.value(x + h, y) - s.value(x - h, y)) / (2 * h)).epsilon(1e-5).margin(1e-6));
      CHECK(dy == Approx((s.value(x, y + h) - s.value(x, y - h)) / (2 * h)).epsilon(1e-5).margin(1e-6));
    }
    double dx = 1, dy = 1;
    s.gradient(s.minimum_x, s.minimum_y, dx, dy);
    CHECK(std::hypot(dx, dy) < 1e-9);  // the listed minimum (or saddle point) is stationary
  }
}

TEST_CASE("the race: momentum beats SGD on the ill-conditioned quadratic, Adam reaches Rosenbrock's valley floor", "[views][race]") {
  OptimizerSettings sgd, momentum;
  sgd.kind = "sgd";
  momentum.kind = "momentum";
  sgd.learning_rate = momentum.learning_rate = 0.01f;
  OptimizerRace quadratic(*FindLossSurface("quadratic"), {sgd, momentum});
  const double start = quadratic.Value(quadratic.racers()[0]);
  quadratic.Step(200);
  const double sgd_value = quadratic.Value(quadratic.racers()[0]);
  const double momentum_value = quadratic.Value(quadratic.racers()[1]);
  CHECK(sgd_value < start);
  CHECK(momentum_value < sgd_value / 10);
  CHECK(quadratic.racers()[0].path_x.size() == 201);

  OptimizerSettings adam;
  adam.kind = "adam";
  adam.learning_rate = SuggestedRaceLearningRate("adam");
  OptimizerRace rosenbrock(*FindLossSurface("rosenbrock"), {adam});
  rosenbrock.Step(3000);
  CHECK(rosenbrock.Value(rosenbrock.racers()[0]) < 0.05);

  OptimizerSettings huge;
  huge.kind = "sgd";
  huge.learning_rate = 5.0f;
  OptimizerRace runaway(*FindLossSurface("rosenbrock"), {huge});
  runaway.Step(100);
  CHECK(runaway.racers()[0].escaped);
}
