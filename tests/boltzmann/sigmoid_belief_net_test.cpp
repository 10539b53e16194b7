// Sigmoid belief nets (Neal 1992): the Gibbs conditional against the joint, the Gibbs posterior of a tiny
// net against exact enumeration, explaining away on the two-causes net against its closed form, and
// samples of a tiny DBN (top RBM Gibbs, then the sigmoid down-pass) against the exact marginals.
#include <catch2/catch.hpp>

#include <cmath>
#include <vector>

#include "boltzmann/sigmoid_belief_net.h"

using namespace netlab;

namespace {

double Sigma(double x) { return 1.0 / (1.0 + std::exp(-x)); }

// 7 units in three layers, 2 -> 3 -> 2, every unit wired to the whole layer above, weights ~ N(0, 2²)
// and biases ~ N(0, 1): strong enough that the posterior is far from the prior and from factorising.
SigmoidBeliefNet LayeredNet(Rng& rng) {
  SigmoidBeliefNet net(7);
  const int layer_of[7] = {0, 0, 1, 1, 1, 2, 2};
  for (int i = 0; i < 7; ++i) {
    net.bias(i) = rng.Normal();
    for (int j = 0; j < i; ++j)
      if (layer_of[j] == layer_of[i] - 1) net.weights(i, j) = 2.0 * rng.Normal();
  }
  return net;
}

}  // namespace

TEST_CASE("the Gibbs conditional's log-odds are the joint's log-ratio with the unit on and off", "[sbn]") {
  Rng rng(3);
  const SigmoidBeliefNet net = LayeredNet(rng);
  for (int trial = 0; trial < 20; ++trial) {
    std::vector<int> s = net.Sample(rng);
    for (int i = 0; i < net.units(); ++i) {
      std::vector<int> on = s, off = s;
      on[size_t(i)] = 1;
      off[size_t(i)] = 0;
      // p(s_i | s_-i) ∝ p(s), so the log-odds are log p(on) - log p(off) exactly (up to rounding).
      CHECK(net.LogOddsGivenRest(s, i) == Approx(net.LogJoint(on) - net.LogJoint(off)).margin(1e-9));
    }
  }
}

TEST_CASE("the joint of a tiny SBN sums to one and ancestral samples follow it", "[sbn]") {
  Rng rng(5);
  const SigmoidBeliefNet net = LayeredNet(rng);
  double total = 0.0;
  std::vector<int> s(7);
  for (int code = 0; code < 128; ++code) {
    for (int i = 0; i < 7; ++i) s[size_t(i)] = (code >> i) & 1;
    total += std::exp(net.LogJoint(s));
  }
  CHECK(total == Approx(1.0).margin(1e-12));
  // The mean of the last unit over 40,000 ancestral samples against its exact marginal; its standard
  // error is at most sqrt(0.25 / 40000) = 0.0025, the margin four of them.
  const std::vector<double> exact = ExactPosteriorMarginals(net, std::vector<int>(7, kFree));
  double on = 0.0;
  for (int n = 0; n < 40000; ++n) on += net.Sample(rng)[6];
  CHECK(on / 40000 == Approx(exact[6]).margin(0.01));
}

TEST_CASE("Gibbs sampling of the hidden units given the visible ones matches exact enumeration", "[sbn]") {
  Rng rng(11);
  const SigmoidBeliefNet net = LayeredNet(rng);
  // The bottom layer (units 5, 6) observed, for all four settings.
  for (int code = 0; code < 4; ++code) {
    std::vector<int> evidence(7, kFree);
    evidence[5] = code & 1;
    evidence[6] = (code >> 1) & 1;
    const std::vector<double> exact = ExactPosteriorMarginals(net, evidence);
    GibbsPosterior gibbs(net, evidence, 100);
    for (int sweep = 0; sweep < 400 + gibbs.burn_in; ++sweep) gibbs.Sweep(net, rng);
    const std::vector<double> estimate = gibbs.Marginals();
    // 100 chains x 400 sweeps: independent samples would give a standard error of at most 0.0025; Gibbs
    // samples are correlated (Neal 1992 reports slow mixing with strong weights), so the margin allows an
    // effective sample size of 1/16 of that, four standard errors of 0.005.
    for (int i = 0; i < 5; ++i) {
      INFO("observed code " << code << ", unit " << i);
      CHECK(estimate[size_t(i)] == Approx(exact[size_t(i)]).margin(0.02));
    }
    CHECK(estimate[5] == evidence[5]);
    CHECK(estimate[6] == evidence[6]);
  }
}

TEST_CASE("explaining away: the burglar explains the alarm, and the earthquake falls back to its prior", "[sbn]") {
  const SigmoidBeliefNet net = TwoCausesNet();
  // The closed form over the four settings of the two causes, each with prior p = σ(-3):
  //   p(E=1 | A=1) = [p(1-p)σ(4) + p²σ(14)] / [(1-p)²σ(-6) + 2p(1-p)σ(4) + p²σ(14)]
  //   p(E=1 | A=1, B=1) = p²σ(14) / [p(1-p)σ(4) + p²σ(14)]
  const double p = Sigma(-3.0);
  const double none = (1 - p) * (1 - p) * Sigma(-6.0), one = p * (1 - p) * Sigma(4.0), both = p * p * Sigma(14.0);
  const double given_alarm = (one + both) / (none + 2 * one + both);
  const double given_alarm_and_burglar = both / (one + both);
  const double given_alarm_no_burglar = one / (none + one);
  std::vector<int> alarm(3, kFree), alarm_burglar(3, kFree), alarm_no_burglar(3, kFree);
  alarm[kAlarm] = alarm_burglar[kAlarm] = alarm_no_burglar[kAlarm] = 1;
  alarm_burglar[kBurglar] = 1;
  alarm_no_burglar[kBurglar] = 0;
  CHECK(ExactPosteriorMarginals(net, alarm)[kEarthquake] == Approx(given_alarm).epsilon(1e-12));
  CHECK(ExactPosteriorMarginals(net, alarm_burglar)[kEarthquake] == Approx(given_alarm_and_burglar).epsilon(1e-12));
  CHECK(ExactPosteriorMarginals(net, alarm_no_burglar)[kEarthquake] == Approx(given_alarm_no_burglar).epsilon(1e-12));
  // The lesson's numbers: 0.500, then back near the prior 0.047 (the header's comment).
  CHECK(given_alarm == Approx(0.500).margin(0.001));
  CHECK(given_alarm_and_burglar == Approx(0.048).margin(0.001));
  CHECK(std::abs(given_alarm_and_burglar - p) < 0.002);
  // And Gibbs finds them. Given the alarm alone a chain leaves "earthquake, no burglar" for "burglar, no
  // earthquake" only through a rare state (each sweep: p ≈ 0.048 · 0.952 ≈ 0.046), so its states are
  // correlated over about 2 / 0.046 ≈ 43 sweeps: 400 chains x 1000 sweeps give about 9,300 effective
  // samples, a standard error of 0.5 / sqrt(9300) ≈ 0.005; the margin is 0.025, five of them.
  Rng rng(2);
  GibbsPosterior gibbs_alarm(net, alarm, 400), gibbs_both(net, alarm_burglar, 400);
  for (int sweep = 0; sweep < 1000 + 50; ++sweep) {
    gibbs_alarm.Sweep(net, rng);
    gibbs_both.Sweep(net, rng);
  }
  CHECK(gibbs_alarm.Marginals()[kEarthquake] == Approx(given_alarm).margin(0.025));
  CHECK(gibbs_alarm.Marginals()[kBurglar] == Approx(given_alarm).margin(0.025));
  CHECK(gibbs_both.Marginals()[kEarthquake] == Approx(given_alarm_and_burglar).margin(0.025));
}

TEST_CASE("DBN samples (top RBM Gibbs, then the sigmoid down-pass) follow the DBN's exact marginals", "[sbn][dbn]") {
  // A DBN of 4 visible, 3 and 2 hidden units with weights ~ N(0, 1.5²). Its generative model:
  //   p(h1) = Σ_h2 e^{-E_top(h1, h2)} / Z_top,  p(v_i = 1 | h1) = σ(b_i + W_i·h1).
  Rng rng(7);
  Dbn dbn;
  dbn.layers.emplace_back(4, 3);
  dbn.layers.emplace_back(3, 2);
  for (Rbm& rbm : dbn.layers) {
    for (Eigen::Index i = 0; i < rbm.weights.size(); ++i) rbm.weights.data()[i] = 1.5f * rng.Normal();
    for (Eigen::Index i = 0; i < rbm.visible_bias.size(); ++i) rbm.visible_bias.data()[i] = rng.Normal();
    for (Eigen::Index i = 0; i < rbm.hidden_bias.size(); ++i) rbm.hidden_bias.data()[i] = rng.Normal();
  }
  const Rbm &bottom = dbn.layers[0], &top = dbn.layers[1];
  // Exact E[p(v_i | h1)] and E[p(v_i | h1) p(v_j | h1)] = p(v_i = 1, v_j = 1), by enumerating h1 and h2.
  Eigen::VectorXd mean = Eigen::VectorXd::Zero(4);
  Eigen::MatrixXd pair = Eigen::MatrixXd::Zero(4, 4);
  double z = 0.0;
  for (int a = 0; a < 8; ++a)
    for (int b = 0; b < 4; ++b) {
      Eigen::VectorXd h1(3), h2(2);
      for (int k = 0; k < 3; ++k) h1(k) = (a >> k) & 1;
      for (int k = 0; k < 2; ++k) h2(k) = (b >> k) & 1;
      const double weight = std::exp(top.visible_bias.row(0).cast<double>().dot(h1) +
                                     top.hidden_bias.row(0).cast<double>().dot(h2) +
                                     h1.dot(top.weights.cast<double>() * h2));
      Eigen::VectorXd pv(4);
      for (int i = 0; i < 4; ++i) pv(i) = Sigma(bottom.visible_bias(0, i) + bottom.weights.row(i).cast<double>().dot(h1));
      z += weight;
      mean += weight * pv;
      pair += weight * pv * pv.transpose();
    }
  mean /= z;
  pair /= z;
  // 20,000 independent chains of 30 Gibbs steps each; outputs lie in [0, 1], so the standard errors are
  // at most sqrt(0.25 / 20000) = 0.0035, the margin four of them.
  const Matrix samples = SampleDbn(dbn, 20000, 30, rng);
  REQUIRE(samples.rows() == 20000);
  REQUIRE(samples.cols() == 4);
  const Eigen::MatrixXd s = samples.cast<double>();
  for (int i = 0; i < 4; ++i) {
    CHECK(s.col(i).mean() == Approx(mean(i)).margin(0.014));
    for (int j = i + 1; j < 4; ++j) CHECK(s.col(i).cwiseProduct(s.col(j)).mean() == Approx(pair(i, j)).margin(0.014));
  }
}
