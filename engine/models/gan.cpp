#include "models/gan.h"

#include <cmath>
#include <limits>

#include "nn/activation.h"
#include "nn/activation_layer.h"
#include "nn/dense.h"
#include "nn/initializer.h"
#include "nn/loss.h"

namespace netlab {

Matrix SampleRingOfGaussians(int count, int modes, float radius, float spread, Rng& rng) {
  Matrix points(count, 2);
  for (int i = 0; i < count; ++i) {
    const float angle = 6.2831853f * float(rng.Below(uint32_t(modes))) / float(modes);
    points(i, 0) = radius * std::cos(angle) + rng.Normal(0.0f, spread);
    points(i, 1) = radius * std::sin(angle) + rng.Normal(0.0f, spread);
  }
  return points;
}

double MeanDistanceToNearestMode(const Matrix& points, int modes, float radius) {
  double total = 0.0;
  for (Eigen::Index i = 0; i < points.rows(); ++i) {
    double best = std::numeric_limits<double>::infinity();
    for (int m = 0; m < modes; ++m) {
      const double angle = 6.283185307179586 * m / modes;
      best = std::min(best, std::hypot(points(i, 0) - radius * std::cos(angle), points(i, 1) - radius * std::sin(angle)));
    }
    total += best;
  }
  return total / double(points.rows());
}

int ModesCovered(const Matrix& points, int modes, float radius) {
  // A third of the distance 2 r sin(π / modes) between neighbouring modes (0.51 for 8 modes on radius 2).
  const double reach = 2.0 * radius * std::sin(3.141592653589793 / modes) / 3.0;
  const double fair_quarter = double(points.rows()) / modes / 4.0;
  int covered = 0;
  for (int m = 0; m < modes; ++m) {
    const double angle = 6.283185307179586 * m / modes;
    int near = 0;
    for (Eigen::Index i = 0; i < points.rows(); ++i)
      near += std::hypot(points(i, 0) - radius * std::cos(angle), points(i, 1) - radius * std::sin(angle)) < reach;
    covered += near >= int(fair_quarter);
  }
  return covered;
}

namespace {

// inputs -> hidden -> hidden -> outputs with leaky ReLU between, He-initialised; the output layer is
// the last of the three by position (a hidden width equal to the output width is still hidden).
Network Mlp(int inputs, int hidden, int outputs, Rng& rng) {
  Network net;
  const int widths[] = {inputs, hidden, hidden, outputs};
  constexpr int kLayers = 3;
  for (int layer = 0; layer < kLayers; ++layer) {
    const bool is_output = layer == kLayers - 1;
    auto dense = std::make_unique<Dense>(widths[layer], widths[layer + 1]);
    FindInitializer(is_output ? "xavier_normal" : "he_normal")->fill(dense->weights, 1.0f, rng);
    net.Add(std::move(dense));
    if (!is_output) net.Add(std::make_unique<ActivationLayer>(*FindActivation("leaky_relu")));
  }
  return net;
}

}  // namespace

Gan::Gan(const GanSettings& settings, Rng& rng)
    : generator(Mlp(settings.noise_size, settings.hidden, 2, rng)),
      discriminator(Mlp(2, settings.discriminator_hidden, 1, rng)),
      settings_(settings),
      generator_optimizer_(CreateOptimizer(settings.optimizer)) {
  OptimizerSettings discriminator_settings = settings.optimizer;
  discriminator_settings.learning_rate = settings.discriminator_learning_rate;
  discriminator_optimizer_ = CreateOptimizer(discriminator_settings);
}

Matrix Gan::SampleNoise(int count, Rng& rng) const {
  Matrix noise(count, settings_.noise_size);
  for (Eigen::Index i = 0; i < noise.size(); ++i) noise.data()[i] = rng.Normal();
  return noise;
}

std::unique_ptr<Network> Gan::CopyOfGenerator() {
  Rng rng(1);  // the initial weights are overwritten
  auto copy = std::make_unique<Network>(Mlp(settings_.noise_size, settings_.hidden, 2, rng));
  CopyWeightsAndState(generator, *copy);
  return copy;
}

std::unique_ptr<Network> Gan::CopyOfDiscriminator() {
  Rng rng(1);  // the initial weights are overwritten
  auto copy = std::make_unique<Network>(Mlp(2, settings_.discriminator_hidden, 1, rng));
  CopyWeightsAndState(discriminator, *copy);
  return copy;
}

Matrix Gan::Generate(int count, Rng& rng) { return generator.Forward(SampleNoise(count, rng)); }

double Gan::TrainStep(const Matrix& real, Rng& rng) {
  const Loss& bce = *FindLoss("sigmoid_bce");
  const int count = int(real.rows());
  const Matrix ones = Matrix::Ones(count, 1), zeros = Matrix::Zero(count, 1);
  Matrix grad;

  // Discriminator: real labelled 1, generated labelled 0; gradients of both halves are summed.
  const Matrix fake = Generate(count, rng);
  std::vector<ParameterRef> d_params = discriminator.Parameters();
  const Matrix& real_logits = discriminator.Forward(real);
  double d_loss = bce.value(real_logits, ones);
  bce.gradient(real_logits, ones, grad);
  discriminator.Backward(grad);
  std::vector<Matrix> real_gradients;
  for (const ParameterRef& p : d_params) real_gradients.push_back(*p.gradient);
  const Matrix& fake_logits = discriminator.Forward(fake);
  d_loss += bce.value(fake_logits, zeros);
  bce.gradient(fake_logits, zeros, grad);
  discriminator.Backward(grad);
  for (size_t i = 0; i < d_params.size(); ++i) *d_params[i].gradient += real_gradients[i];
  discriminator_gradient_norms_.clear();
  for (const ParameterRef& p : d_params)
    if (p.is_weight) discriminator_gradient_norms_.push_back(p.gradient->norm());
  discriminator_optimizer_->Step(d_params);

  // Generator: push D(G(z)) towards "real"; D's weights are not updated here.
  const Matrix generated = Generate(count, rng);
  const Matrix& generated_logits = discriminator.Forward(generated);
  generator_loss_ = bce.value(generated_logits, ones);
  bce.gradient(generated_logits, ones, grad);
  discriminator.Backward(grad);
  generator.Backward(discriminator.InputGradient());
  std::vector<ParameterRef> g_params = generator.Parameters();
  generator_optimizer_->Step(g_params);
  return d_loss;
}

}  // namespace netlab
