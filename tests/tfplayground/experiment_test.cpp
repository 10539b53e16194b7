// TF Playground's data, weights and epochs against an independent derivation: the expected numbers
// come from tests/tfplayground/reference.mjs (written from TF Playground's definitions on top of the
// npm seedrandom 2.4.4 package, sharing no code with engine/tfplayground/), printed with full precision.
#include <catch2/catch.hpp>

#include <cmath>

#include "tfplayground/experiment.h"

using namespace netlab::tfplayground;

namespace {

// glibc's and V8's sin/cos/tanh/exp may differ in the last bit; everything else is exact.
void RequireClose(double got, double expected) { REQUIRE(got == Approx(expected).epsilon(1e-13).margin(1e-15)); }

struct FirstPoints {
  const char* name;
  int samples;
  Point first, second;
  double next;  // the stream's next value after the whole set: it checks the number of draws
};

}  // namespace

TEST_CASE("each generator's first points and draw count match the reference", "[tfplayground]") {
  // reference.mjs generate(name, samples, 0.25, seedrandom('0.26916')).
  const FirstPoints cases[] = {
      {"circle", 500, {-0.6416756034367374, 1.8750784775230096, 1}, {0.46955231410300907, 2.402404810697106, 1},
       0.9449000857258224},
      {"xor", 500, {3.227336881365301, 4.775233440750983, 1}, {5.091447901216726, -4.992802827539344, -1},
       0.9449000857258224},
      {"gauss", 500, {3.2704302241738854, -0.21543291103087103, 1}, {0.9673849042216034, 4.813650858587915, 1},
       0.8851675023703475},
      {"spiral", 500, {0.14636684406826506, 0.22376167203754915, 1}, {0.2071808998760373, -0.008423971991536331, 1},
       0.6090509609940211},
      {"reg-plane", 1200, {3.5128042576383613, 5.370280128901179, 0.9950465827487025},
       {5.7497374814600715, -5.631363393047213, -0.06527367168793813}, 0.5362197176127461},
      {"reg-gauss", 1200, {3.5128042576383613, 5.370280128901179, 0}, {5.7497374814600715, -5.631363393047213, 0},
       0.5362197176127461},
  };
  for (const FirstPoints& c : cases) {
    INFO(c.name);
    SeedRandom random("0.26916");
    const std::vector<Point> points = Generate(c.name, c.samples, 0.25, random);
    REQUIRE(points.size() == size_t(c.samples));
    RequireClose(points[0].x, c.first.x);
    RequireClose(points[0].y, c.first.y);
    RequireClose(points[0].label, c.first.label);
    RequireClose(points[1].x, c.second.x);
    RequireClose(points[1].y, c.second.y);
    RequireClose(points[1].label, c.second.label);
    REQUIRE(random.Next() == c.next);
  }
}

TEST_CASE("the default link's shuffle, first weights and first epochs match the reference", "[tfplayground]") {
  Settings s;  // TF Playground's defaults: circle, 4,2 tanh, lr 0.03, batch 10, 50% train
  s.seed = "0.26916";
  Experiment experiment(s);
  REQUIRE(experiment.train().size() == 250);
  REQUIRE(experiment.test().size() == 250);
  // reference.mjs run(defaults, 2): train[0] after the shuffle, then node 1's two input weights.
  RequireClose(experiment.train()[0].x, 0.17857357610859217);
  RequireClose(experiment.train()[0].y, -0.6348771213238815);
  REQUIRE(experiment.train()[0].label == 1);
  const Node& first = experiment.network().layers()[1][0];
  REQUIRE(first.weights[0] == -0.37747400124621294);  // random - 0.5 is exact: no maths library involved
  REQUIRE(first.weights[1] == -0.1903790148807583);
  REQUIRE(first.bias == 0.1);
  // The loss curve, epochs 0, 1 and 2: {train, test}.
  const double curve[3][2] = {{0.5076941044972917, 0.517759283636487},
                              {0.4968670579781657, 0.5034618516437724},
                              {0.4911909893534419, 0.4969414474565392}};
  for (int e = 0; e < 3; ++e) {
    if (e > 0) experiment.Epoch();
    REQUIRE(experiment.epoch() == e);
    RequireClose(experiment.train_loss(), curve[e][0]);
    RequireClose(experiment.test_loss(), curve[e][1]);
  }
}

TEST_CASE("initZero still draws every weight, then zeroes weights and biases", "[tfplayground]") {
  Settings s;
  s.seed = "0.26916";
  s.init_zero = true;
  Experiment zero(s);
  for (size_t l = 1; l < zero.network().layers().size(); ++l)
    for (const Node& node : zero.network().layers()[l]) {
      REQUIRE(node.bias == 0);
      for (double w : node.weights) REQUIRE(w == 0);
    }
  // With every weight 0 the output is tanh(0) = 0, so each loss is the mean of 1/2 (0 - ±1)^2 = 1/2.
  REQUIRE(zero.train_loss() == 0.5);
  REQUIRE(zero.test_loss() == 0.5);
}

TEST_CASE("no hidden layer: the inputs feed the output node directly", "[tfplayground]") {
  Settings s;
  s.seed = "1";
  s.network_shape.clear();
  s.regression = true;
  s.reg_dataset = "reg-plane";
  Experiment experiment(s);
  REQUIRE(experiment.network().layers().size() == 2);
  REQUIRE(experiment.network().layers()[1][0].weights.size() == 2);
  // reg-plane's label is (x + y) / 10, a linear function of the inputs: plain gradient descent on a
  // linear output brings the loss far below its start (a convex problem with a zero-loss optimum).
  const double start = experiment.train_loss();
  for (int e = 0; e < 50; ++e) experiment.Epoch();
  REQUIRE(experiment.train_loss() < start / 100);
}

TEST_CASE("an L1 step across zero kills the link for good", "[tfplayground]") {
  // One link, one sample with zero gradient on the weight (input 0): only the penalty moves it.
  netlab::tfplayground::SeedRandom random("0.26916");
  Network network({1, 1}, "tanh", true, "L1", false, random);
  const double w0 = network.layers()[1][0].weights[0];  // 0.7927336881365301 - 0.5 (the seed's first value)
  REQUIRE(w0 == 0.7927336881365301 - 0.5);
  network.Forward({0.0});
  network.Backward(0.0);
  // learning rate 1, rate 0.2: 0.29273... - 0.2 stays positive; the second step would cross 0.
  network.Update(1.0, 0.2);
  REQUIRE(network.layers()[1][0].weights[0] == w0 - 0.2);
  network.Forward({0.0});
  network.Backward(0.0);
  network.Update(1.0, 0.2);
  REQUIRE(network.layers()[1][0].weights[0] == 0);
  REQUIRE(network.layers()[1][0].dead[0]);
  network.Forward({1.0});
  network.Backward(5.0);
  network.Update(1.0, 0.2);
  REQUIRE(network.layers()[1][0].weights[0] == 0);  // dead links take no more updates
}

TEST_CASE("leftover samples of an epoch carry into the next update", "[tfplayground]") {
  // 250 training points, batch 3: 83 updates in epoch 1 and one point left accumulated, so epoch 2's
  // first update (after 2 more points) averages 3 samples across the epoch boundary.
  Settings s;
  s.seed = "0.26916";
  s.batch_size = 3;
  Experiment experiment(s);
  experiment.Epoch();
  const Node& output = experiment.network().layers().back()[0];
  REQUIRE(output.num_accumulated == 250 % 3);
}
