// XOR worked by hand (Goodfellow, Bengio & Courville 2016, §6.1; tasks/xor_by_hand/): the numbers the book
// derives, checked against the derivation, not against the code's last output. Least squares over the four
// points gives w = 0, b = ½, J = ¼; the book's 2-2-1 ReLU net maps the points to (0,0), (1,0), (1,0), (2,1)
// and outputs exactly 0, 1, 1, 0; the cost's gradient is the chain rule (central differences agree); and
// with every hidden unit off the net trains as the constant b alone, whose descent has a closed form.
#include <catch2/catch.hpp>

#include <algorithm>
#include <array>
#include <cmath>
#include <memory>
#include <string>

#include "config/config.h"
#include "support/config_text.h"
#include "tasks/examples.h"
#include "tasks/table.h"
#include "tasks/xor_by_hand/xor_by_hand_run.h"
#include "tasks/xor_by_hand/xor_net.h"

using namespace netlab;

namespace {

// The book's solution, written out here rather than read from the config's defaults.
XorNet BookNet() {
  XorNet net;
  net.W[0][0] = 1, net.W[0][1] = 1, net.W[1][0] = 1, net.W[1][1] = 1;
  net.c[0] = 0, net.c[1] = -1;
  net.w[0] = 1, net.w[1] = -2;
  net.b = 0;
  return net;
}

// One of the nine weights by its index in Weights below, for perturbing it.
double& Weight(XorNet& net, int k) {
  double* all[9] = {&net.W[0][0], &net.W[0][1], &net.W[1][0], &net.W[1][1], &net.c[0], &net.c[1], &net.w[0], &net.w[1], &net.b};
  return *all[k];
}

// The nine weights in one list: W₁₁, W₁₂, W₂₁, W₂₂, c₁, c₂, w₁, w₂, b.
std::array<double, 9> Weights(const XorNet& net) {
  return {net.W[0][0], net.W[0][1], net.W[1][0], net.W[1][1], net.c[0], net.c[1], net.w[0], net.w[1], net.b};
}

std::unique_ptr<TaskRun> RunOf(const Config& config) { return FindTask("xor-by-hand")->make_run(config, TaskData()); }

}  // namespace

TEST_CASE("XOR by least squares: the normal equations give w = 0, b = 1/2 and J = 1/4", "[xor]") {
  const XorLinear fit = XorLeastSquares();
  CHECK(fit.w[0] == Approx(0.0).margin(1e-12));
  CHECK(fit.w[1] == Approx(0.0).margin(1e-12));
  CHECK(fit.b == Approx(0.5).margin(1e-12));
  // J = ¼ Σ (y − ½)² = ¼ · 4 · ¼.
  CHECK(XorCost(fit) == Approx(0.25).margin(1e-12));
  // At the least-squares θ* the residual is orthogonal to X's columns, so for any step d
  // J(θ* + d) = J(θ*) + ¼ Σₙ (d₁x₁ + d₂x₂ + d₃)²: θ* is the minimum, and no line does better.
  const double steps[][3] = {{0.3, 0, 0}, {0, -0.2, 0.1}, {1, 1, -1}, {-0.5, 0.25, 0.125}};
  for (const auto& d : steps) {
    XorLinear moved = fit;
    moved.w[0] += d[0], moved.w[1] += d[1], moved.b += d[2];
    double extra = 0;
    for (const auto& x : {std::pair<double, double>{0, 0}, {0, 1}, {1, 0}, {1, 1}}) {
      const double r = d[0] * x.first + d[1] * x.second + d[2];
      extra += r * r;
    }
    CHECK(XorCost(moved) == Approx(0.25 + 0.25 * extra).margin(1e-12));
  }
}

TEST_CASE("XOR by the book's ReLU net: h = (0,0), (1,0), (1,0), (2,1) and f = 0, 1, 1, 0 exactly", "[xor]") {
  const XorNet net = BookNet();
  // Goodfellow et al. §6.1: XW + c = [0 −1; 1 0; 1 0; 2 1], rectified [0 0; 1 0; 1 0; 2 1], times w: 0, 1, 1, 0.
  const double hidden[4][2] = {{0, 0}, {1, 0}, {1, 0}, {2, 1}};
  const double outputs[4] = {0, 1, 1, 0};
  const double points[4][2] = {{0, 0}, {0, 1}, {1, 0}, {1, 1}};
  for (int n = 0; n < 4; ++n) {
    INFO("x = (" << points[n][0] << ", " << points[n][1] << ")");
    const std::array<double, 2> h = net.Hidden(points[n][0], points[n][1]);
    CHECK(h[0] == hidden[n][0]);
    CHECK(h[1] == hidden[n][1]);
    CHECK(net.Output(points[n][0], points[n][1]) == outputs[n]);
  }
  CHECK(XorCost(net) == 0.0);
  CHECK(XorSolved(net));
  // J = 0 is the least J can be: the gradient there is zero, so gradient descent leaves the solution be.
  CHECK(Weights(XorCostGradient(net)) == std::array<double, 9>{});
  XorNet stepped = net;
  for (int i = 0; i < 100; ++i) XorGradientStep(stepped, 0.5);
  CHECK(Weights(stepped) == Weights(net));
}

TEST_CASE("XOR net: the cost's gradient agrees with central differences away from the kinks", "[xor]") {
  Rng rng(7);
  int checked = 0;
  while (checked < 20) {
    XorNet net = RandomXorNet(rng);
    net.c[0] = rng.Uniform(-1, 1), net.c[1] = rng.Uniform(-1, 1), net.b = rng.Uniform(-1, 1);
    // Central differences across max(0, z)'s kink would average its two slopes: skip nets with a z near 0.
    bool near_kink = false;
    for (int n = 0; n < kXorPoints; ++n)
      for (double z : net.Preactivation(kXorX[n][0], kXorX[n][1])) near_kink = near_kink || std::abs(z) < 1e-3;
    if (near_kink) continue;
    ++checked;
    const std::array<double, 9> g = Weights(XorCostGradient(net));
    for (int k = 0; k < 9; ++k) {
      constexpr double h = 1e-6;
      XorNet up = net, down = net;
      Weight(up, k) += h, Weight(down, k) -= h;
      const double numeric = (XorCost(up) - XorCost(down)) / (2 * h);
      INFO("weight " << k);
      CHECK(g[k] == Approx(numeric).margin(1e-8));
    }
  }
}

TEST_CASE("XOR net with both hidden units off trains as its bias alone: b_k = 1/2 - 1/2 (1 - 2 eta)^k, J -> 1/4", "[xor]") {
  // With c = (−1, −1) and W = 0 every z is −1: h = 0, f = b at every point. ∂J/∂b = Σ ½ (b − yₙ) = 2b − 1,
  // so b − ½ ← (1 − 2η)(b − ½): the net learns the best constant, ½, which is the least-squares line's
  // output too, and no other weight moves (ReLU passes no gradient below 0).
  XorNet net;
  net.c[0] = -1, net.c[1] = -1, net.w[0] = 0.7, net.w[1] = -0.3, net.b = 0;
  const double eta = 0.1;
  for (int k = 1; k <= 10; ++k) {
    XorGradientStep(net, eta);
    CHECK(net.b == Approx(0.5 - 0.5 * std::pow(1 - 2 * eta, k)).margin(1e-12));
  }
  CHECK(net.w[0] == 0.7);
  CHECK(net.w[1] == -0.3);
  CHECK(net.c[0] == -1);
  for (int k = 0; k < 300; ++k) XorGradientStep(net, eta);
  CHECK(XorCost(net) == Approx(0.25).margin(1e-12));
  CHECK_FALSE(XorSolved(net));
}

TEST_CASE("xor-by-hand's run: the example is the book's net, by hand it stays, and its report says so", "[xor]") {
  const Config example = Parsed(ExampleConfigText("xor-by-hand"));
  REQUIRE(example.task == "xor-by-hand");
  for (const bool train : {false, true}) {
    Config config = example;
    config.lesson.xor_train = train;
    XorByHandRun run(config, TaskData());
    CHECK(Weights(run.net()) == Weights(BookNet()));
    for (int i = 0; i < 50; ++i) run.Step();
    // By hand the steps change nothing and the lesson has no end; trained, it ends after kLessonSteps.
    CHECK(run.Progress() == (train ? 50.0 / XorByHandRun::kLessonSteps : -1.0));
    // Trained or not, the book's weights stay: their gradient is zero.
    CHECK(run.ReportLine() ==
          "step=50 cost=0 f00=0 f01=1 f10=1 f11=0 solved=1 linear_cost=0.25 w11=1 w12=1 w21=1 w22=1 c1=0 c2=-1 "
          "w1=1 w2=-2 b=0");
  }
}

TEST_CASE("xor-by-hand: each weight key sets its own weight, xor_wij from input i to hidden unit j", "[xor]") {
  const Config config = Parsed(
      "version=3&task=xor-by-hand&xor_w11=2&xor_w12=3&xor_w21=5&xor_w22=7&xor_c1=-1.5&xor_c2=-4&xor_w1=0.5&xor_w2=0.25&xor_b=0.125");
  const XorNet net = XorNetOf(config);
  // z(x) = Wᵀx + c by hand: at (1, 0) z = (W₁₁ + c₁, W₁₂ + c₂), at (0, 1) z = (W₂₁ + c₁, W₂₂ + c₂).
  CHECK(net.Preactivation(1, 0) == std::array<double, 2>{2 - 1.5, 3 - 4});
  CHECK(net.Preactivation(0, 1) == std::array<double, 2>{5 - 1.5, 7 - 4});
  CHECK(net.OutputOfHidden({1, 0}) == 0.5 + 0.125);
  CHECK(net.OutputOfHidden({0, 1}) == 0.25 + 0.125);
  // A moved weight reaches the report: f(1,1) = 2 · 1 − 1.5 · 1 = ½ with w₂ = −1.5, J = ¼ · ½² = 1/16.
  const std::string line = RunOf(Parsed("version=3&task=xor-by-hand&xor_w2=-1.5"))->ReportLine();
  CHECK(line.find(" cost=0.0625 f00=0 f01=1 f10=1 f11=0.5 ") != std::string::npos);
}

TEST_CASE("xor-by-hand from random weights: the seed decides, and some starts solve XOR while others stall", "[xor]") {
  const auto run_of = [](int seed) {
    return std::make_unique<XorByHandRun>(
        Parsed("version=3&task=xor-by-hand&xor_init=random&xor_train=1&learning_rate=0.1&seed=" + std::to_string(seed)),
        TaskData());
  };
  // Glorot & Bengio's limits for 2 → 2 and 2 → 1: √(6/4) and √(6/3); the biases start at 0.
  for (int seed = 1; seed <= 5; ++seed) {
    const std::unique_ptr<XorByHandRun> run = run_of(seed);  // alive while `start` is read
    const XorNet& start = run->start();
    for (int i = 0; i < 2; ++i)
      for (int j = 0; j < 2; ++j) CHECK(std::abs(start.W[i][j]) <= std::sqrt(1.5));
    CHECK(std::abs(start.w[0]) <= std::sqrt(2.0));
    CHECK(start.c[0] == 0);
    CHECK(start.b == 0);
  }
  CHECK(run_of(1)->ReportLine() == run_of(1)->ReportLine());
  CHECK(run_of(1)->ReportLine() != run_of(2)->ReportLine());
  // What the lesson shows: gradient descent from a random start may find the solution or settle where a
  // unit is off at some points (a plateau of J > 0). Over 20 seeds both happen; a solved run has J → 0.
  int solved = 0, stalled = 0;
  for (int seed = 1; seed <= 20; ++seed) {
    const std::unique_ptr<XorByHandRun> run = run_of(seed);
    for (int i = 0; i < 3000; ++i) run->Step();
    if (XorSolved(run->net())) {
      ++solved;
      CHECK(XorCost(run->net()) < 1e-6);
    } else {
      ++stalled;
    }
    // The recorded costs start at step 0, rise in step, and are thinned to at most 512.
    CHECK(run->cost_steps().front() == 0.0f);
    CHECK(run->costs().size() <= 513);
    CHECK(std::is_sorted(run->cost_steps().begin(), run->cost_steps().end()));
  }
  CHECK(solved > 0);
  CHECK(stalled > 0);
}
