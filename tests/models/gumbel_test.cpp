// Discrete latents: Gumbel-max samples follow α, and the relaxed samples approach one-hot as τ falls.
#include <catch2/catch.hpp>

#include <algorithm>
#include <cmath>

#include "models/gumbel.h"

using namespace netlab;

TEST_CASE("standard Gumbel noise has mean Euler's gamma and variance pi^2/6", "[gumbel]") {
  Rng rng(3);
  const int n = 200000;
  double sum = 0.0, sum_sq = 0.0;
  for (int i = 0; i < n; ++i) {
    const double g = GumbelNoise(rng);
    sum += g;
    sum_sq += g * g;
  }
  const double mean = sum / n, variance = sum_sq / n - mean * mean;
  const double euler_gamma = 0.5772156649015329, pi2_6 = 3.141592653589793 * 3.141592653589793 / 6.0;
  // Standard error of the mean: sqrt(π²/6 / n) = 0.0029; 5 of them.
  CHECK(std::fabs(mean - euler_gamma) < 5.0 * std::sqrt(pi2_6 / n));
  // Var of the sample variance ≈ (μ4 − σ⁴)/n with μ4 = 27/5·σ⁴ for the Gumbel (excess kurtosis 12/5).
  CHECK(std::fabs(variance - pi2_6) < 5.0 * std::sqrt((27.0 / 5.0 - 1.0) * pi2_6 * pi2_6 / n));
}

TEST_CASE("Gumbel-max sample frequencies match alpha / sum(alpha)", "[gumbel]") {
  GumbelSettings settings;
  settings.alpha = {1, 2, 3, 4, 0.5};
  settings.samples_per_step = 20000;
  GumbelExperiment experiment(settings);
  experiment.Reset(11);
  for (int step = 0; step < 5; ++step) experiment.Step();
  const double n = double(experiment.samples());
  REQUIRE(n == 100000);
  const std::vector<double> p = experiment.Probabilities(), f = experiment.Frequencies();
  REQUIRE(p.size() == 5);
  CHECK(p[3] == Approx(4.0 / 10.5));
  for (size_t k = 0; k < p.size(); ++k) {
    // Each count is Binomial(n, p_k): 4 standard deviations sqrt(p (1 − p) / n) of the frequency.
    INFO("class " << k << " p " << p[k] << " f " << f[k]);
    CHECK(std::fabs(f[k] - p[k]) < 4.0 * std::sqrt(p[k] * (1.0 - p[k]) / n));
  }
  // Pearson χ² with 4 degrees of freedom: P(χ² > 18.47) = 0.001 (standard χ² table).
  CHECK(experiment.ChiSquare() < 18.47);
}

TEST_CASE("the relaxed sample's argmax is the Gumbel-max sample of the same noise", "[gumbel]") {
  const std::vector<double> log_alpha = {std::log(0.1), std::log(0.6), std::log(0.3)};
  Rng rng(5);
  std::vector<double> noise(3);
  for (int i = 0; i < 1000; ++i) {
    GumbelNoise(rng, noise);
    for (double tau : {5.0, 0.5, 0.05}) {
      const std::vector<double> y = RelaxedSample(log_alpha, noise, tau);
      CHECK(int(std::max_element(y.begin(), y.end()) - y.begin()) == GumbelMax(log_alpha, noise));
      double sum = 0.0;
      for (double v : y) sum += v;
      CHECK(sum == Approx(1.0).epsilon(1e-12));
    }
  }
}

TEST_CASE("relaxed samples approach one-hot as the temperature falls", "[gumbel]") {
  const std::vector<double> alpha = {1, 2, 3, 4};
  const int n = 20000;
  const double temperatures[] = {10.0, 1.0, 0.1, 0.01, 0.001};
  double previous = 0.0;
  for (double tau : temperatures) {
    GumbelSettings settings;
    settings.alpha = alpha;
    settings.temperature = tau;
    settings.samples_per_step = n;
    GumbelExperiment experiment(settings);
    experiment.Reset(21);  // the same noise at every τ: each sample's max component can only grow as τ falls
    experiment.Step();
    const double mean_max = experiment.MeanMaxComponent();
    INFO("tau " << tau << " mean max component " << mean_max);
    CHECK(mean_max > previous);
    previous = mean_max;
    // Bound on E[1 − max_k y_k]. Write E_k = exp(−(log α_k + G_k)) ~ Exponential(α_k): the largest
    // perturbed logit is the first clock, and the gap Δ to the second largest is log(T2 / T1), with T1 ~
    // Exp(A) and T2 − T1 ~ Exp(A − α_win) independent (memorylessness), A = Σ α. So P(Δ ≤ δ) =
    // P(T2 − T1 ≤ (e^δ − 1) T1) ≤ e^δ − 1. And 1 − max y ≤ (K − 1) exp(−Δ / τ). Splitting at Δ = δ:
    // E[1 − max y] ≤ (e^δ − 1) + (K − 1) e^(−δ/τ); take the best δ on a grid.
    double bound = 1.0;
    for (double delta = 1e-6; delta < 10.0; delta *= 1.01)
      bound = std::min(bound, std::expm1(delta) + 3.0 * std::exp(-delta / tau));
    // Plus sampling noise: 1 − max y lies in [0, 1], so its mean has standard error ≤ 0.5 / sqrt(n).
    CHECK(1.0 - mean_max <= bound + 4.0 * 0.5 / std::sqrt(double(n)));
  }
  CHECK(previous > 0.97);  // at τ = 0.001 the bound gives 1 − 0.0102 − 0.0141 = 0.976
}

TEST_CASE("invalid Gumbel settings are refused with a message, not run", "[gumbel]") {
  GumbelSettings settings;
  settings.alpha = {1, 0, 2};
  GumbelExperiment experiment(settings);
  CHECK_FALSE(experiment.error().empty());
  experiment.Step();
  CHECK(experiment.samples() == 0);
  settings.alpha = {1, 2};
  settings.temperature = 0.0;
  CHECK_FALSE(GumbelSettingsError(settings).empty());
  settings.temperature = 1.0;
  CHECK(GumbelSettingsError(settings).empty());
}
