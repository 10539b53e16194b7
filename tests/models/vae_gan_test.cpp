// VAE: gradients of the negative ELBO against finite differences with the noise held fixed, the KL
// term against its closed form, and the ELBO rising on digits. GAN: generated points move onto the
// ring of Gaussians.
#include <catch2/catch.hpp>

#include <cmath>

#include "core/finite_difference.h"
#include "models/gan.h"
#include "support/model_test_helpers.h"
#include "models/vae.h"

using namespace netlab;

TEST_CASE("VAE gradients of -ELBO match finite differences with fixed noise", "[vae][gradient]") {
  Rng rng(12);
  Vae vae(6, 5, 2);
  vae.Initialize(rng);
  for (Dense* layer : {&vae.encoder_layer, &vae.mean_layer, &vae.log_variance_layer, &vae.decoder.hidden_layer, &vae.decoder.output_layer})
    layer->bias = RandomMatrix(1, int(layer->bias.cols()), rng, 0.3f);
  const Matrix input = UniformMatrix(4, 6, rng);
  const Matrix noise = vae.SampleNoise(4, rng);
  std::vector<ParameterRef> params;
  vae.CollectParameters(params);
  vae.Loss(input, noise);
  vae.Backward();
  std::vector<Matrix> analytic;
  for (const ParameterRef& p : params) analytic.push_back(*p.gradient);
  auto loss = [&] { return vae.Loss(input, noise); };
  for (size_t i = 0; i < params.size(); ++i) {
    INFO("parameter " << i << " (weights and bias of encoder, mean, log-variance, decoder, output)");
    CHECK(GradientRelativeError(*params[i].value, analytic[i], loss, 1e-2) < 1e-2);
  }
}

TEST_CASE("VAE KL term equals the closed form for a posterior equal to the prior", "[vae]") {
  // With all encoder weights and biases zero, μ = 0 and log σ² = 0: q = N(0, I) = prior, so KL = 0.
  Rng rng(1);
  Vae vae(3, 4, 2);
  vae.Initialize(rng);
  vae.mean_layer.weights.setZero();
  vae.log_variance_layer.weights.setZero();
  Matrix input = Matrix::Constant(2, 3, 0.5f);
  double reconstruction = 0.0, kl = -1.0;
  vae.Loss(input, vae.SampleNoise(2, rng), &reconstruction, &kl);
  CHECK(kl == Approx(0.0).margin(1e-12));
  // Shift μ by 1 in both latent dimensions: KL = ½ Σ μ² = 1.
  vae.mean_layer.bias.setOnes();
  vae.Loss(input, vae.SampleNoise(2, rng), &reconstruction, &kl);
  CHECK(kl == Approx(1.0).epsilon(1e-6));
}

TEST_CASE("VAE training raises the ELBO on digits", "[vae][training]") {
  LabeledData train, test;
  LoadDigitsSplit(train, test);
  Rng rng(4);
  Vae vae(64, 64, 4);
  vae.Initialize(rng);
  const Matrix test_noise = vae.SampleNoise(int(test.features.rows()), rng);
  const double initial = -vae.Loss(test.features, test_noise);
  std::vector<ParameterRef> params;
  vae.CollectParameters(params);
  OptimizerSettings adam;
  adam.learning_rate = 0.003f;
  auto optimizer = CreateOptimizer(adam);
  for (int epoch = 0; epoch < 15; ++epoch)
    for (int start = 0; start + 32 <= train.features.rows(); start += 32) {
      const Matrix batch = train.features.middleRows(start, 32);
      vae.Loss(batch, vae.SampleNoise(32, rng));
      vae.Backward();
      optimizer->Step(params);
    }
  double reconstruction = 0.0, kl = 0.0;
  const double trained = -vae.Loss(test.features, test_noise, &reconstruction, &kl);
  WARN("VAE 64-64-4 on digits, test ELBO per image: " << initial << " -> " << trained << " (reconstruction "
                                                      << reconstruction << " nats, KL " << kl << " nats)");
  CHECK(trained > initial + 10.0);
  // The prior alone (decoder ignoring z) can do no better than the per-pixel entropy of the mean image;
  // a useful latent code must beat it, so the KL must be paying for itself.
  const RowVector mean = train.features.colwise().mean().cwiseMax(1e-4f).cwiseMin(1.0f - 1e-4f);
  double mean_image_nll = 0.0;
  for (Eigen::Index r = 0; r < test.features.rows(); ++r)
    for (Eigen::Index c = 0; c < 64; ++c) {
      const double x = test.features(r, c), p = mean(c);
      mean_image_nll -= x * std::log(p) + (1 - x) * std::log(1 - p);
    }
  mean_image_nll /= double(test.features.rows());
  CHECK(-trained < mean_image_nll);
  CHECK(kl > 1.0);
}

TEST_CASE("ring-of-Gaussians helpers: samples lie near the modes", "[gan]") {
  Rng rng(2);
  const Matrix points = SampleRingOfGaussians(2000, 8, 2.0f, 0.05f, rng);
  // Distance to the own mode is Rayleigh with σ = 0.05: mean σ √(π/2) ≈ 0.0627.
  CHECK(MeanDistanceToNearestMode(points, 8, 2.0f) == Approx(0.0627).epsilon(0.05));
}

TEST_CASE("the GAN's hidden layers keep their activation when their width equals the output's", "[gan]") {
  Rng rng(7);
  for (int hidden : {1, 2, 16}) {  // 2 = the generator's output width, 1 = the discriminator's
    INFO("hidden width " << hidden);
    GanSettings settings;
    settings.hidden = settings.discriminator_hidden = hidden;
    Gan gan(settings, rng);
    // Dense, leaky ReLU, Dense, leaky ReLU, Dense: the output layer is the last by position.
    for (Network* net : {&gan.generator, &gan.discriminator}) {
      REQUIRE(net->size() == 5);
      CHECK(std::string(net->layer(1).kind()) != "dense");
      CHECK(std::string(net->layer(3).kind()) != "dense");
      CHECK(std::string(net->layer(4).kind()) == "dense");
    }
  }
}

TEST_CASE("GAN generator samples move toward the ring modes", "[gan][training][long]") {
  Rng rng(6);
  GanSettings settings;
  Gan gan(settings, rng);
  Rng eval_rng(100);
  const double before = MeanDistanceToNearestMode(gan.Generate(1000, eval_rng), 8, 2.0f);
  for (int step = 0; step < 2000; ++step) gan.TrainStep(SampleRingOfGaussians(settings.batch_size, 8, 2.0f, 0.05f, rng), rng);
  const Matrix samples = gan.Generate(1000, eval_rng);
  const double after = MeanDistanceToNearestMode(samples, 8, 2.0f);
  const double mean_radius = samples.rowwise().norm().mean();
  WARN("GAN on 8 Gaussians (radius 2, sd 0.05): mean distance to nearest mode " << before << " -> " << after
                                                                                << ", mean radius " << mean_radius);
  CHECK(after < 0.5 * before);
  CHECK(std::fabs(mean_radius - 2.0) < 0.4);
  // Mode collapse (all samples on one or two modes) would pass the two checks above. A mode counts as
  // covered when at least 1/4 of its fair share (1000 / 8 / 4 = 31 samples) lies within 0.51 of it:
  // a third of the 1.53 distance between neighbouring modes (2 * 2 sin(pi / 8)), so no sample counts twice.
  const int covered = ModesCovered(samples, 8, 2.0f);
  WARN("modes covered: " << covered << " of 8");
  CHECK(covered >= 6);  // the bar: at least 6 of the 8 modes
}
