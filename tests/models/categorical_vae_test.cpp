// Categorical VAE through the Gumbel-softmax: gradients of the relaxed -ELBO against finite differences
// with the Gumbel noise held fixed, the KL term and the discrete ELBO against their closed forms, the
// independent-pixel baseline by hand, and a trained model on digits beating that baseline.
#include <catch2/catch.hpp>

#include <cmath>

#include "core/finite_difference.h"
#include "tasks/gumbel_vae/gumbel_vae_run.h"
#include "models/categorical_vae.h"
#include "optim/optimizer.h"
#include "support/model_test_helpers.h"
#include "links/config_text.h"

using namespace netlab;

namespace {

Matrix RandomBinary(int rows, int cols, Rng& rng) {
  Matrix m(rows, cols);
  for (Eigen::Index i = 0; i < m.size(); ++i) m.data()[i] = rng.Uniform() < 0.4 ? 1.0f : 0.0f;
  return m;
}

}  // namespace

TEST_CASE("categorical VAE gradients of the relaxed -ELBO match finite differences with fixed noise",
          "[gumbel][gradient]") {
  Rng rng(7);
  CategoricalVae vae(6, 5, 2, 3);  // 2 groups of 3 categories
  vae.Initialize(rng);
  for (Dense* layer : {&vae.encoder_layer, &vae.logits_layer, &vae.decoder.hidden_layer, &vae.decoder.output_layer})
    layer->bias = RandomMatrix(1, int(layer->bias.cols()), rng, 0.3f);
  const Matrix input = RandomBinary(4, 6, rng);
  const Matrix noise = vae.SampleNoise(4, rng);
  std::vector<ParameterRef> params;
  vae.CollectParameters(params);
  for (double temperature : {2.0, 0.7}) {
    vae.Loss(input, noise, temperature);
    vae.Backward();
    std::vector<Matrix> analytic;
    for (const ParameterRef& p : params) analytic.push_back(*p.gradient);
    auto loss = [&] { return vae.Loss(input, noise, temperature); };
    for (size_t i = 0; i < params.size(); ++i) {
      INFO("tau " << temperature << ", parameter " << i << " (weights and bias of encoder, logits, decoder, output)");
      CHECK(GradientRelativeError(*params[i].value, analytic[i], loss, 1e-2) < 1e-2);
    }
  }
}

TEST_CASE("the KL to the uniform prior is 0 for a uniform posterior and log K for a one-hot one", "[gumbel]") {
  Rng rng(2);
  CategoricalVae vae(3, 4, 1, 5);
  vae.Initialize(rng);
  const Matrix input = RandomBinary(2, 3, rng);
  vae.logits_layer.weights.setZero();  // every logit 0: q = 1/5 each = the prior
  double reconstruction = 0.0, kl = -1.0;
  vae.Loss(input, vae.SampleNoise(2, rng), 1.0, &reconstruction, &kl);
  CHECK(kl == Approx(0.0).margin(1e-9));
  // Logit 60 on one category: q is one-hot to float precision, KL = Σ q log q + log K = log 5.
  vae.logits_layer.bias(0, 2) = 60.0f;
  vae.Loss(input, vae.SampleNoise(2, rng), 1.0, &reconstruction, &kl);
  CHECK(kl == Approx(std::log(5.0)).epsilon(1e-6));
}

TEST_CASE("the discrete ELBO is log p(x) minus KL(q(z|x) || p(z|x)), both by enumeration", "[gumbel]") {
  Rng rng(9);
  const int groups = 2, categories = 3, inputs = 5;
  CategoricalVae vae(inputs, 6, groups, categories);
  vae.Initialize(rng);
  for (Dense* layer : {&vae.encoder_layer, &vae.logits_layer, &vae.decoder.hidden_layer, &vae.decoder.output_layer})
    layer->bias = RandomMatrix(1, int(layer->bias.cols()), rng, 0.5f);
  const Matrix x = RandomBinary(3, inputs, rng);
  const Matrix q = vae.Posterior(x);
  // The 9 codes (k0, k1) one-hot, decoded independently of DiscreteElbo's own enumeration.
  Matrix codes = Matrix::Zero(9, groups * categories);
  for (int k0 = 0; k0 < 3; ++k0)
    for (int k1 = 0; k1 < 3; ++k1) codes(3 * k0 + k1, k0) = codes(3 * k0 + k1, 3 + k1) = 1.0f;
  const Matrix means = vae.Decode(codes);
  double expected = 0.0;
  for (int r = 0; r < x.rows(); ++r) {
    // log p(x) = log Σ_z p(z) p(x | z) with p(z) = 1/9; p(z | x) = p(z) p(x | z) / p(x).
    std::vector<double> joint(9);
    double evidence = 0.0;
    for (int c = 0; c < 9; ++c) {
      double log_px = 0.0;
      for (int i = 0; i < inputs; ++i) log_px += x(r, i) > 0.5f ? std::log(means(c, i)) : std::log(1.0 - means(c, i));
      joint[size_t(c)] = std::exp(log_px) / 9.0;
      evidence += joint[size_t(c)];
    }
    double kl_to_posterior = 0.0;  // Σ_z q(z) log(q(z) / p(z | x))
    for (int c = 0; c < 9; ++c) {
      const double qz = double(q(r, c / 3)) * double(q(r, 3 + c % 3));
      kl_to_posterior += qz * std::log(qz / (joint[size_t(c)] / evidence));
    }
    expected += std::log(evidence) - kl_to_posterior;
  }
  expected /= double(x.rows());
  Rng unused(1);
  CHECK(vae.DiscreteElbo(x, unused) == Approx(expected).epsilon(1e-5));
}

TEST_CASE("the independent-Bernoulli baseline is each pixel's add-one share of ones", "[gumbel]") {
  Matrix train(4, 2);
  train << 1, 0,
           1, 0,
           0, 0,
           1, 1;
  const Matrix p = FitIndependentBernoulli(train);
  CHECK(p(0, 0) == Approx(4.0 / 6.0));  // (3 ones + 1) / (4 rows + 2)
  CHECK(p(0, 1) == Approx(2.0 / 6.0));  // (1 one + 1) / 6
  Matrix test(1, 2);
  test << 1, 0;
  CHECK(IndependentBernoulliLogLikelihood(test, p)(0) == Approx(std::log(4.0 / 6.0) + std::log(4.0 / 6.0)));
}

TEST_CASE("a categorical VAE on binarised digits beats independent pixels' exact test log-likelihood",
          "[gumbel][training]") {
  Config config;
  std::string error;
  REQUIRE(ParseConfig("task=gumbel-vae&dataset=digits&layers=64:tanh&latent=1&categories=10&optimizer=adam&"
                      "learning_rate=0.003&batch_size=32&seed=1",
                      config, error));
  TaskData data;
  LoadDigitsSplit(data.train, data.test);
  GumbelVaeRun run(config, data);
  REQUIRE(run.error().empty());
  const double untrained = run.TestElbo();
  for (long i = 0; i < 30 * run.StepsPerReport(); ++i) run.Step();  // 30 epochs
  REQUIRE(run.diverged().empty());
  const double trained = run.TestElbo();
  WARN("categorical VAE 64-64-(1x10) on binarised digits, test ELBO " << untrained << " -> " << trained
                                                                       << " nats; independent pixels " << run.baseline());
  // Independent pixels are the best model without a latent; an untrained decoder is worse than that.
  CHECK(untrained < run.baseline());
  CHECK(trained > run.baseline());
  // The annealed temperature after all those updates: max(0.5, 1 · exp(−0.001 · updates)).
  CHECK(run.Temperature() == Approx(std::max(0.5, std::exp(-0.001 * double(run.updates())))));
}
