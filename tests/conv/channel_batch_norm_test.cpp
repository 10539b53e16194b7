// Batch norm after a convolution (conv/channel_batch_norm.h): one mean and variance per channel over the
// batch and the map's positions, its running averages, and backprop against finite differences.
#include <catch2/catch.hpp>

#include <cmath>

#include "config/config.h"
#include "conv/channel_batch_norm.h"
#include "core/finite_difference.h"
#include "core/rng.h"
#include "networks/network_builder.h"
#include "links/config_text.h"

using namespace netlab;

namespace {

Matrix RandomImages(int n, ImageShape shape, Rng& rng, float offset) {
  Matrix x(n, shape.size());
  for (Eigen::Index i = 0; i < x.size(); ++i) x.data()[i] = offset + 2.0f * rng.Normal(0.0f, 1.0f);
  return x;
}

}  // namespace

TEST_CASE("Channel batch norm gives each channel mean 0 and variance 1 over batch and positions", "[conv][norm]") {
  const ImageShape shape{3, 4, 5};
  Rng rng(2);
  ChannelBatchNorm norm(shape);
  const Matrix x = RandomImages(6, shape, rng, 3.0f);
  Matrix y;
  norm.Forward(x, y);
  const int positions = 20, m = 6 * 20;
  for (int c = 0; c < 3; ++c) {
    const auto block = y.middleCols(c * positions, positions);
    const double mean = block.cast<double>().sum() / m;
    const double variance = (block.cast<double>().array() - mean).square().sum() / m;
    CHECK(std::abs(mean) < 1e-5);
    // var / (var + eps) with eps = 1e-5: 1 to within 1e-5 / var.
    CHECK(variance == Approx(1.0).epsilon(1e-4));
    // Running averages after one batch: 0.9 * (0, 1) + 0.1 * (batch mean, unbiased batch variance).
    const auto xc = x.middleCols(c * positions, positions).cast<double>();
    const double x_mean = xc.sum() / m, x_var = (xc.array() - x_mean).square().sum() / m;
    CHECK(norm.running_mean(0, c) == Approx(0.1 * x_mean).epsilon(1e-5));
    CHECK(norm.running_variance(0, c) == Approx(0.9 + 0.1 * x_var * m / (m - 1)).epsilon(1e-5));
  }
  // Inference uses the running statistics: channel c becomes (x - mu_run) / sqrt(var_run + eps).
  norm.SetTraining(false);
  norm.Forward(x, y);
  const double expected = (x(0, 0) - norm.running_mean(0, 0)) / std::sqrt(norm.running_variance(0, 0) + 1e-5);
  CHECK(y(0, 0) == Approx(expected).epsilon(1e-5));
}

TEST_CASE("Channel batch norm's gradients match finite differences in training and inference mode", "[conv][norm][gradient]") {
  const ImageShape shape{2, 3, 3};
  for (bool training : {true, false}) {
    INFO("training " << training);
    Rng rng(5);
    ChannelBatchNorm norm(shape);
    for (int c = 0; c < 2; ++c) {
      norm.gamma(0, c) = 0.5f + rng.Uniform(0.0f, 1.0f);
      norm.beta(0, c) = rng.Normal(0.0f, 1.0f);
      norm.running_mean(0, c) = rng.Normal(0.0f, 1.0f);
      norm.running_variance(0, c) = 0.5f + rng.Uniform(0.0f, 1.0f);
    }
    norm.SetTraining(training);
    Matrix x = RandomImages(4, shape, rng, 0.5f);
    Matrix weights = RandomImages(4, shape, rng, 0.0f);  // loss = sum(weights ⊙ y): dL/dy = weights
    const Matrix mean_before = norm.running_mean, variance_before = norm.running_variance;
    const auto loss = [&] {
      Matrix y;
      norm.Forward(x, y);
      // Forward in training mode moves the running averages; put them back so every call is the same function.
      norm.running_mean = mean_before;
      norm.running_variance = variance_before;
      return double(y.cwiseProduct(weights).sum());
    };
    loss();
    Matrix dx;
    norm.Backward(weights, dx);
    const Matrix dgamma = norm.gamma_gradient, dbeta = norm.beta_gradient;
    CHECK(GradientRelativeError(x, dx, loss, 1e-2) < 1e-2);
    CHECK(GradientRelativeError(norm.gamma, dgamma, loss, 1e-2) < 1e-2);
    CHECK(GradientRelativeError(norm.beta, dbeta, loss, 1e-2) < 1e-2);
  }
}

TEST_CASE("A convolution with batch or layer norm in a stack counts and trains its norm's parameters", "[conv][norm][workbench]") {
  Config c;
  std::string error;
  REQUIRE(ParseConfig("task=classify&dataset=digits&loss=softmax_ce&layers=conv:4:relu:3x3:s1:p1:bn,"
                      "maxpool:2x2:s2,conv:3:tanh:3x3:s1:p0:ln,16:relu",
                      c, error));
  CHECK_THAT(ConfigToText(c), Catch::Contains("layers=conv:4:relu:3x3:s1:p1:bn,maxpool:2x2:s2,conv:3:tanh:3x3:s1:p0:ln,16:relu"));
  const StackPlan plan = PlanStack(c, KnownDataShape("digits"), 10);
  REQUIRE(plan.error.empty());
  // conv 1: 1·9·4 + 4 weights and biases + 2·4 norm; conv 2 on 4x4x4: 4·9·3 + 3 + layer norm over its
  // 3x2x2 output, 2·12; dense 12 -> 16: 12·16 + 16; output 16·10 + 10.
  CHECK(plan.parameters == (40 + 8) + (111 + 24) + 208 + 170);
  Rng rng(4);
  Network net = BuildStack(c, KnownDataShape("digits"), 10, rng);
  long counted = 0;
  for (const ParameterRef& p : net.Parameters()) counted += long(p.value->size());
  CHECK(counted == plan.parameters);
  CHECK(std::string(net.layer(1).kind()) == "channel_batch_norm");  // between the conv and its ReLU
}
