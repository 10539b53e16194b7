// The lecture zoo: special activations, normalization, skips, dropout, optimizers, initializers,
// schedules, penalties and early stopping, each against finite differences or closed forms.
#include <catch2/catch.hpp>

#include <cmath>

#include "nn/dropconnect.h"
#include "nn/dropout.h"
#include "core/finite_difference.h"
#include "support/test_support.h"
#include "nn/initializer.h"
#include "nn/loss.h"
#include "nn/maxout.h"
#include "nn/network.h"
#include "nn/normalization.h"
#include "nn/prelu.h"
#include "optim/regularization.h"
#include "optim/schedule.h"
#include "nn/skip.h"
#include "nn/softmax_layer.h"
#include "train/trainer.h"
#include "networks/network_builder.h"
#include "links/config_text.h"

using namespace netlab;

namespace {

// Checks dL/d(input) and dL/d(every parameter) of `layer` for L = sum(output ⊙ probe).
void CheckLayerGradients(Layer& layer, Matrix input, int output_columns, double tolerance = 5e-3,
                         double step = 1e-2) {
  Rng rng(99);
  Matrix probe = RandomMatrix(int(input.rows()), output_columns, rng), output, grad_input;
  std::vector<ParameterRef> params;
  layer.CollectParameters(params);
  layer.Forward(input, output);
  REQUIRE(output.cols() == output_columns);
  layer.Backward(probe, grad_input);
  const auto loss = ProbeLoss(layer, input, probe);
  CHECK(GradientRelativeError(input, grad_input, loss, step) < tolerance);
  for (const ParameterRef& p : params) {
    Matrix analytic = *p.gradient;
    CHECK(GradientRelativeError(*p.value, analytic, loss, step) < tolerance);
  }
}

}  // namespace

TEST_CASE("PReLU, softmax and maxout layers match finite differences", "[zoo][gradient]") {
  Rng rng(1);
  PRelu prelu(4);
  prelu.slope << 0.25f, -0.1f, 0.5f, 1.5f;
  Matrix x = RandomMatrix(5, 4, rng);
  for (Eigen::Index i = 0; i < x.size(); ++i)
    if (std::fabs(x.data()[i]) < 0.05f) x.data()[i] = -0.4f;
  CheckLayerGradients(prelu, x, 4);
  SoftmaxLayer softmax;
  CheckLayerGradients(softmax, RandomMatrix(5, 3, rng), 3);
  Maxout maxout(3, 2);
  CheckLayerGradients(maxout, RandomMatrix(5, 6, rng), 3);
}

TEST_CASE("batch norm and layer norm match finite differences", "[zoo][gradient]") {
  Rng rng(2);
  BatchNorm batch(3);
  batch.gamma << 1.5f, 0.5f, -1.0f;
  batch.beta << 0.1f, 0.2f, 0.3f;
  CheckLayerGradients(batch, RandomMatrix(6, 3, rng, 2.0f), 3);
  batch.SetTraining(false);
  CheckLayerGradients(batch, RandomMatrix(6, 3, rng, 2.0f), 3);
  LayerNorm layer(4);
  layer.gamma << 1.5f, 0.5f, -1.0f, 2.0f;
  CheckLayerGradients(layer, RandomMatrix(5, 4, rng, 2.0f), 4);
}

TEST_CASE("residual and highway blocks match finite differences, with and without projection", "[zoo][gradient]") {
  for (const char* skip : {"residual", "highway"}) {
    for (int input_width : {4, 3}) {
      INFO(skip << " from width " << input_width);
      Config config;
      config.hidden = {{4, "tanh"}};
      config.hidden[0].skip = skip;
      config.hidden[0].norm = "layer";
      Rng rng(3);
      Network net = BuildNetwork(config, input_width, 2, rng);
      REQUIRE(std::string(net.layer(0).kind()) == skip);
      CheckLayerGradients(net.layer(0), RandomMatrix(5, input_width, rng), 4);
    }
  }
}

TEST_CASE("dropout and DropConnect backprop through the mask they drew", "[zoo][gradient]") {
  Rng rng(4);
  Matrix input = RandomMatrix(6, 5, rng), probe = RandomMatrix(6, 5, rng), out, grad;
  // A fresh layer with the same seed draws the same mask, so finite differences see the same network.
  Dropout dropout(0.4f, 77);
  dropout.Forward(input, out);
  dropout.Backward(probe, grad);
  auto dropout_loss = [&] {
    Dropout fresh(0.4f, 77);
    Matrix o;
    fresh.Forward(input, o);
    return Probe(o, probe);
  };
  CHECK(GradientRelativeError(input, grad, dropout_loss, 1e-3) < 1e-3);

  DropConnectDense dense(5, 3, 0.5f, 88);
  dense.weights = RandomMatrix(5, 3, rng);
  Matrix probe3 = RandomMatrix(6, 3, rng);
  std::vector<ParameterRef> params;
  dense.CollectParameters(params);
  dense.Forward(input, out);
  dense.Backward(probe3, grad);
  auto dropconnect_loss = [&] {
    DropConnectDense fresh(5, 3, 0.5f, 88);
    fresh.weights = dense.weights;
    fresh.bias = dense.bias;
    Matrix o;
    fresh.Forward(input, o);
    return Probe(o, probe3);
  };
  const Matrix weight_gradient = dense.weights_gradient;
  CHECK(GradientRelativeError(dense.weights, weight_gradient, dropconnect_loss, 1e-3) < 1e-3);
  CHECK(GradientRelativeError(input, grad, dropconnect_loss, 1e-3) < 1e-3);
  // Dropped weights get exactly zero gradient; about half of them are dropped.
  const long zero = (weight_gradient.array() == 0.0f).count();
  CHECK(zero >= 3);
  CHECK(zero <= 12);
}

TEST_CASE("a deep net with every block kind backprops correctly end to end", "[zoo][gradient]") {
  Config config;
  config.hidden = {{5, "prelu"}, {5, "maxout"}, {4, "elu"}, {4, "gelu"}, {3, "abs"}};
  config.hidden[0].norm = "batch";
  config.hidden[1].pieces = 3;
  config.hidden[1].skip = "residual";
  config.hidden[2].skip = "highway";
  config.hidden[3].norm = "layer";
  config.loss = "softmax_ce";
  Rng rng(5);
  const Loss& loss = *FindLoss(config.loss);
  Network net = BuildNetwork(config, 2, 2, rng);
  Matrix input = RandomMatrix(8, 2, rng, 2.0f), labels(8, 1), grad;
  for (int r = 0; r < 8; ++r) labels(r, 0) = float(r % 2);
  const Matrix target = MakeTargets(loss, labels, 2);
  loss.gradient(net.Forward(input), target, grad);
  net.Backward(grad);
  for (const ParameterRef& p : net.Parameters()) {
    Matrix analytic = *p.gradient;
    // Noise floor 1e-3: the dense bias before batch norm has a zero gradient by construction, float noise
    // of ~1e-7 / h per entry on both sides.
    CHECK(GradientRelativeError(*p.value, analytic, [&] { return loss.value(net.Forward(input), target); }, 1e-3, 1e-3) < 2e-2);
  }
}

TEST_CASE("inverted dropout keeps the expected activation and is the identity at inference", "[zoo]") {
  Dropout dropout(0.3f, 5);
  Matrix input = Matrix::Constant(400, 50, 2.0f), output;
  dropout.Forward(input, output);
  const double dropped = double((output.array() == 0.0f).count()) / double(output.size());
  CHECK(dropped == Approx(0.3).margin(0.01));
  CHECK(output.mean() == Approx(2.0).epsilon(0.02));
  // Kept units are scaled by 1 / (1 - p).
  CHECK(((output.array() == 0.0f) || ((output.array() - 2.0f / 0.7f).abs() < 1e-5f)).all());
  dropout.SetTraining(false);
  dropout.Forward(input, output);
  CHECK(output == input);
}

TEST_CASE("batch norm normalises with batch statistics in training and running ones at inference", "[zoo]") {
  BatchNorm norm(2);
  Rng rng(6);
  Matrix batch(64, 2), output;
  for (int step = 0; step < 200; ++step) {
    for (int r = 0; r < 64; ++r) {
      batch(r, 0) = rng.Normal(3.0f, 2.0f);
      batch(r, 1) = rng.Normal(-1.0f, 0.5f);
    }
    norm.Forward(batch, output);
  }
  // Training output: zero mean, unit variance per feature.
  CHECK(std::fabs(output.col(0).mean()) < 1e-5);
  CHECK((output.col(1).array() - output.col(1).mean()).square().mean() == Approx(1.0).epsilon(1e-3));
  // Running statistics approach the population's mean and variance.
  CHECK(norm.running_mean(0, 0) == Approx(3.0).margin(0.3));
  CHECK(norm.running_variance(0, 0) == Approx(4.0).epsilon(0.15));
  CHECK(norm.running_variance(0, 1) == Approx(0.25).epsilon(0.15));
  // Inference: a single sample is normalised with the running statistics.
  norm.SetTraining(false);
  Matrix one(1, 2);
  one << 5.0f, -1.0f;
  norm.Forward(one, output);
  CHECK(output(0, 0) == Approx((5.0 - norm.running_mean(0, 0)) / std::sqrt(norm.running_variance(0, 0) + 1e-5)));
}

TEST_CASE("batch norm's running variance is the unbiased n / (n - 1) estimate", "[zoo]") {
  BatchNorm norm(1);
  Matrix batch(2, 1), output;
  batch << 1.0f, 3.0f;  // mean 2; biased variance 1, unbiased 2
  for (int step = 0; step < 300; ++step) norm.Forward(batch, output);
  // r_k = 0.9 r_{k-1} + 0.1 * 2 from r_0 = 1: r_300 = 2 - 0.9^300, 2 to float precision.
  CHECK(norm.running_variance(0, 0) == Approx(2.0).epsilon(1e-5));
  CHECK(norm.running_mean(0, 0) == Approx(2.0).epsilon(1e-5));
}

TEST_CASE("batch norm with batch size 1 is refused with a message", "[zoo][config]") {
  Config c;
  c.hidden[0].norm = "batch";
  c.batch_size = 1;
  CHECK_THAT(ValidateConfig(c), Catch::Contains("Batch norm needs a batch of at least 2"));
  c.batch_size = 2;
  CHECK(ValidateConfig(c).empty());
  c.hidden[0].norm = "layer";  // layer norm works per sample
  c.batch_size = 1;
  CHECK(ValidateConfig(c).empty());
}

TEST_CASE("Nesterov, AdaGrad, RMSprop, AdamW and SGLD take their textbook first steps", "[zoo][optimizer]") {
  OptimizerSettings s;
  s.learning_rate = 0.1f;
  Matrix w(1, 1), g(1, 1);
  g << 2.0f;
  std::vector<ParameterRef> params = {{&w, &g}};
  auto run = [&](const char* kind, int steps) {
    s.kind = kind;
    w << 1.0f;
    auto opt = CreateOptimizer(s);
    for (int i = 0; i < steps; ++i) opt->Step(params);
    return double(w(0, 0));
  };
  // Nesterov: v1 = -0.2, w1 = 1 + 0.9(-0.2) - 0.2 = 0.62; v2 = -0.38, w2 = 0.62 - 0.342 - 0.2 = 0.078.
  CHECK(run("nesterov", 1) == Approx(0.62));
  CHECK(run("nesterov", 2) == Approx(0.078));
  // AdaGrad: G = 4 then 8: w = 1 - 0.1 * 2/2 - 0.1 * 2/sqrt(8).
  CHECK(run("adagrad", 2) == Approx(1.0 - 0.1 - 0.2 / std::sqrt(8.0)).epsilon(1e-6));
  // RMSprop: E = 0.1 * 4 = 0.4: w = 1 - 0.1 * 2 / sqrt(0.4).
  CHECK(run("rmsprop", 1) == Approx(1.0 - 0.2 / std::sqrt(0.4)).epsilon(1e-6));
  // AdamW: decay first, w (1 - eta lambda), then the Adam step eta.
  s.weight_decay = 0.5f;
  CHECK(run("adamw", 1) == Approx(1.0 * (1 - 0.1 * 0.5) - 0.1).epsilon(1e-6));
  // SGLD at zero temperature is SGD.
  s.temperature = 0.0f;
  CHECK(run("sgld", 1) == Approx(0.8));
}

TEST_CASE("SGLD's noise has variance 2 eta T / N per step", "[zoo][optimizer]") {
  OptimizerSettings s;
  s.kind = "sgld";
  s.learning_rate = 0.01f;
  s.temperature = 0.5f;
  s.training_samples = 4;
  Matrix w = Matrix::Zero(1, 20000), g = Matrix::Zero(1, 20000);
  std::vector<ParameterRef> params = {{&w, &g}};
  CreateOptimizer(s)->Step(params);
  // Welling & Teh's eta ~ N(0, eps) with eps = 2 eta / N, times T; the first step is undecayed.
  CHECK(double(w.array().square().mean()) == Approx(2 * 0.01 * 0.5 / 4).epsilon(0.03));
}

TEST_CASE("orthogonal, identity, zeros and LeCun initializers have their defining properties", "[zoo][initializer]") {
  Rng rng(7);
  for (auto [rows, cols] : {std::pair{8, 5}, std::pair{5, 8}, std::pair{6, 6}}) {
    Matrix w(rows, cols);
    FindInitializer("orthogonal")->fill(w, 0.0f, rng);
    const Matrix gram = rows >= cols ? Matrix(w.transpose() * w) : Matrix(w * w.transpose());
    CHECK((gram - Matrix::Identity(gram.rows(), gram.cols())).cwiseAbs().maxCoeff() < 1e-5);
  }
  Matrix w(3, 4);
  FindInitializer("identity")->fill(w, 0.0f, rng);
  CHECK(w == Matrix::Identity(3, 4));
  FindInitializer("zeros")->fill(w, 0.0f, rng);
  CHECK(w.isZero());
}

TEST_CASE("orthogonal init at the default config has gain 1: W^T W = I in every layer", "[zoo][initializer]") {
  Config config;  // default init_scale (0.5): it must not scale the orthogonal matrix
  config.initializer = "orthogonal";
  config.hidden = {{6, "tanh"}, {3, "tanh"}};
  Rng rng(8);
  Network net = BuildNetwork(config, 4, 2, rng);
  int checked = 0;
  for (const ParameterRef& p : net.Parameters()) {
    if (!p.is_weight) continue;
    const Matrix& w = *p.value;
    // Saxe et al. 2014: the fewer of rows/columns are orthonormal.
    const Matrix gram = w.rows() >= w.cols() ? Matrix(w.transpose() * w) : Matrix(w * w.transpose());
    CHECK((gram - Matrix::Identity(gram.rows(), gram.cols())).cwiseAbs().maxCoeff() < 1e-5);
    ++checked;
  }
  CHECK(checked == 3);  // 4->6, 6->3, 3->2
}

TEST_CASE("learning-rate schedules follow their closed forms", "[zoo][schedule]") {
  ScheduleConfig s;
  s.decay_steps = 100;
  s.gamma = 0.5f;
  s.kind = "constant";
  CHECK(ScheduledLearningRate(s, 0.2f, 250) == Approx(0.2));
  s.kind = "step";
  CHECK(ScheduledLearningRate(s, 0.2f, 99) == Approx(0.2));
  CHECK(ScheduledLearningRate(s, 0.2f, 250) == Approx(0.05));
  s.kind = "exponential";
  CHECK(ScheduledLearningRate(s, 0.2f, 150) == Approx(0.2 * std::pow(0.5, 1.5)));
  s.kind = "cosine";
  CHECK(ScheduledLearningRate(s, 0.2f, 0) == Approx(0.2));
  CHECK(ScheduledLearningRate(s, 0.2f, 50) == Approx(0.1 + 0.1 * 0.5));
  CHECK(ScheduledLearningRate(s, 0.2f, 100) == Approx(0.1));
  CHECK(ScheduledLearningRate(s, 0.2f, 500) == Approx(0.1));
}

TEST_CASE("L1/L2 penalties touch only weights and clipping bounds the global norm", "[zoo][regularization]") {
  Matrix w(1, 2), gw(1, 2), b(1, 1), gb(1, 1);
  w << 2.0f, -3.0f;
  gw << 1.0f, 1.0f;
  b << 5.0f;
  gb << 1.0f;
  std::vector<ParameterRef> params = {{&w, &gw, true}, {&b, &gb, false}};
  AddWeightPenalties(params, 0.1f, 0.01f);
  CHECK(gw(0, 0) == Approx(1.0 + 0.1 + 0.02));
  CHECK(gw(0, 1) == Approx(1.0 - 0.1 - 0.03));
  CHECK(gb(0, 0) == 1.0f);
  gw << 3.0f, 0.0f;
  gb << 4.0f;
  CHECK(ClipGradientNorm(params, 1.0f) == Approx(5.0));
  CHECK(ClipGradientNorm(params, 0.0f) == Approx(1.0));
  CHECK(gw(0, 0) == Approx(0.6));
}

TEST_CASE("early stopping halts on a stalled validation loss and restores the best weights", "[zoo][training]") {
  Config config;
  config.data.kind = "xor";
  config.data.noise = 0.6f;
  config.data.samples = 200;
  config.hidden = {{32, "relu"}, {32, "relu"}};
  config.regularization.validation_fraction = 0.3f;
  config.regularization.patience = 5;
  Trainer trainer(config);
  REQUIRE(trainer.validation().size() == 30);
  for (int s = 0; s < 200000 && trainer.stopped_early().empty(); ++s) trainer.Step();
  REQUIRE_FALSE(trainer.stopped_early().empty());
  CHECK(trainer.stopped_early().find("restored") != std::string::npos);
  // The restored weights give back the best validation loss the message reports.
  const double restored = trainer.Evaluate().validation_loss;
  const std::string text = trainer.stopped_early();
  const double reported = std::stod(text.substr(text.find("validation loss ", text.find("from step")) + 16));
  CHECK(restored == Approx(reported).margin(5e-5));
  const long stopped_at = trainer.step();
  trainer.Step();
  CHECK(trainer.step() == stopped_at);
}

TEST_CASE("config text round-trips every zoo option", "[zoo][config]") {
  Config c;
  c.hidden = {{6, "maxout"}, {5, "prelu"}};
  c.hidden[0].pieces = 3;
  c.hidden[0].norm = "batch";
  c.hidden[0].skip = "highway";
  c.hidden[0].dropout = 0.25f;
  c.hidden[1].dropconnect = 0.125f;
  c.hidden[1].norm = "layer";
  c.hidden[1].skip = "residual";
  c.optimizer.kind = "sgld";
  c.schedule.kind = "cosine";
  c.regularization.l2 = 0.001f;
  c.regularization.validation_fraction = 0.2f;
  Config back;
  std::string error;
  REQUIRE(ParseConfig(ConfigToText(c, '&'), back, error));
  CHECK(back.hidden == c.hidden);
  CHECK(ConfigToText(back) == ConfigToText(c));
  CHECK_FALSE(ParseConfig("layers=4:relu:bogus", back, error));
  CHECK_FALSE(ParseConfig("layers=4:maxout:k99", back, error));
  CHECK_FALSE(ParseConfig("layers=4:relu:d2", back, error));
  CHECK_FALSE(ParseConfig("output_activation=softmax", back, error));
}
