// MADE (models/made.h) and the exact RBM log-likelihood beside it (models/rbm_hidden_partition.h):
// a tiny MADE's probabilities of all 2^D binary vectors sum to 1, no output sees its own or a later
// input, the NLL's gradient matches finite differences per tensor; a tiny RBM's log Z summed over its
// hidden states equals the brute-force sum over every (v, h) and the visible-state sum.
#include <catch2/catch.hpp>

#include <cmath>
#include <vector>

#include "core/finite_difference.h"
#include "core/rng.h"
#include "models/made.h"
#include "boltzmann/rbm.h"
#include "boltzmann/rbm_hidden_partition.h"
#include "support/test_support.h"

using namespace netlab;

namespace {

// Biases away from zero so that a wrong mask shows in every test (a zero bias can hide a missing term).
void RandomizeBiases(Made& made, Rng& rng) {
  for (Matrix& b : made.biases)
    for (Eigen::Index i = 0; i < b.size(); ++i) b.data()[i] = rng.Uniform(-1.0f, 1.0f);
}

}  // namespace

TEST_CASE("MADE's probabilities of all binary vectors sum to one", "[made]") {
  for (int inputs : {4, 6, 8}) {
    Rng rng(static_cast<uint64_t>(inputs));
    Made made(inputs, {12, 10}, *FindActivation("relu"), rng);
    RandomizeBiases(made, rng);
    const Eigen::VectorXd ll = made.LogLikelihood(AllBinaryVectors(inputs));
    // Each conditional's two values sum to 1 (σ(a) + σ(-a) = 1); the product over d sums to 1 over all
    // vectors only when a_d never depends on x_d or a later x (Germain et al. 2015, §3).
    INFO("D = " << inputs);
    CHECK(std::abs(ll.array().exp().sum() - 1.0) < 1e-9);
  }
}

TEST_CASE("MADE's output d depends on the inputs before d only", "[made]") {
  const int inputs = 8;
  Rng rng(3);
  Made made(inputs, {32, 32}, *FindActivation("tanh"), rng);
  RandomizeBiases(made, rng);
  Matrix x(1, inputs);
  for (int d = 0; d < inputs; ++d) x(0, d) = float(rng.Uniform() < 0.5f);
  Matrix base, flipped;
  made.Logits(x, base);
  for (int j = 0; j < inputs; ++j) {
    Matrix y = x;
    y(0, j) = 1.0f - y(0, j);
    made.Logits(y, flipped);
    INFO("flipped x_" << j + 1);
    // Outputs 1..j+1 (0-based 0..j) see only x_1..x_d-1, none of which is x_j+1: exactly unchanged.
    for (int d = 0; d <= j; ++d) CHECK(flipped(0, d) == base(0, d));
    // Some later output does see it (32 random degrees per layer connect every earlier input w.p. ~1).
    if (j + 1 < inputs) CHECK((flipped.row(0).tail(inputs - j - 1) - base.row(0).tail(inputs - j - 1)).norm() > 0.0f);
  }
  // The first output sees no input at all: p(x_1) is its bias alone.
  CHECK(made.masks.back().col(0).sum() == 0.0f);
}

TEST_CASE("MADE's NLL gradient matches finite differences per tensor", "[made]") {
  Rng rng(11);
  Made made(6, {9, 7}, *FindActivation("tanh"), rng);
  RandomizeBiases(made, rng);
  Matrix x(5, 6);
  for (Eigen::Index i = 0; i < x.size(); ++i) x.data()[i] = float(rng.Uniform() < 0.5f);
  made.Backward(x);
  const std::vector<Matrix> dw = made.weights_gradient, db = made.biases_gradient;
  auto nll = [&] { return -made.LogLikelihood(x).mean(); };
  for (int l = 0; l < made.layers(); ++l) {
    INFO("layer " << l);
    // Centred differences in float parameters (step 1e-2): a per-tensor relative error of 1e-3 leaves
    // room for float rounding and the O(h²) term, and a dropped mask or transposed product scores ~1.
    CHECK(GradientRelativeError(made.weights[size_t(l)], dw[size_t(l)], nll) < 1e-3);
    CHECK(GradientRelativeError(made.biases[size_t(l)], db[size_t(l)], nll) < 1e-3);
  }
}

TEST_CASE("Ancestral samples of MADE follow its own conditionals", "[made]") {
  // D = 4: the frequency of each of the 16 vectors in 40,000 samples against exp(log p(x)); the
  // binomial standard error is at most sqrt(0.25 / 40000) = 0.0025, so 0.01 is four of them.
  Rng rng(5);
  Made made(4, {8}, *FindActivation("relu"), rng);
  RandomizeBiases(made, rng);
  const Eigen::VectorXd p = made.LogLikelihood(AllBinaryVectors(4)).array().exp();
  Rng sampling(9);
  const Matrix samples = made.Sample(40000, sampling);
  std::vector<double> counts(16, 0.0);
  for (Eigen::Index r = 0; r < samples.rows(); ++r) {
    int s = 0;
    for (int d = 0; d < 4; ++d) s |= int(samples(r, d)) << d;
    counts[size_t(s)] += 1.0 / double(samples.rows());
  }
  for (int s = 0; s < 16; ++s) CHECK(std::abs(counts[size_t(s)] - p(s)) < 0.01);
}

TEST_CASE("The hidden-state sum of an RBM's log Z equals brute force over every (v, h)", "[made][rbm]") {
  Rng rng(7);
  Rbm rbm(6, 4);
  rbm.Initialize(rng, 1.0f);
  for (int i = 0; i < 6; ++i) rbm.visible_bias(0, i) = rng.Uniform(-1.0f, 1.0f);
  for (int j = 0; j < 4; ++j) rbm.hidden_bias(0, j) = rng.Uniform(-1.0f, 1.0f);
  // Z = Σ_v Σ_h exp(b·v + c·h + vᵀ W h), every one of the 2^6 x 2^4 joint states.
  double z = 0.0;
  for (int v = 0; v < 64; ++v)
    for (int h = 0; h < 16; ++h) {
      double minus_energy = 0.0;
      for (int i = 0; i < 6; ++i) minus_energy += ((v >> i) & 1) * double(rbm.visible_bias(0, i));
      for (int j = 0; j < 4; ++j) minus_energy += ((h >> j) & 1) * double(rbm.hidden_bias(0, j));
      for (int i = 0; i < 6; ++i)
        for (int j = 0; j < 4; ++j) minus_energy += ((v >> i) & 1) * ((h >> j) & 1) * double(rbm.weights(i, j));
      z += std::exp(minus_energy);
    }
  // Both sums take W h (or vW) from float products, rounded to ~1e-7 of the terms' size: 1e-6 nats.
  CHECK(std::abs(HiddenSumLogPartition(rbm) - std::log(z)) < 1e-6);
  CHECK(std::abs(HiddenSumLogPartition(rbm) - ExactLogPartition(rbm)) < 1e-6);
  // Exact log-likelihoods then sum to 1 over all visible vectors.
  const Matrix all = AllBinaryVectors(6);
  CHECK(std::abs((-rbm.FreeEnergy(all).array() - HiddenSumLogPartition(rbm)).exp().sum() - 1.0) < 1e-6);
}

TEST_CASE("The independent-Bernoulli baseline is the smoothed per-pixel share", "[made]") {
  // Column 0: 1 of 2 ones -> q = (1 + 1) / (2 + 2) = 0.5; column 1: 2 of 2 -> q = 3 / 4.
  Matrix train(2, 2);
  train << 1, 1, 0, 1;
  const Eigen::VectorXd q = BernoulliMarginals(train);
  CHECK(q(0) == Approx(0.5));
  CHECK(q(1) == Approx(0.75));
  Matrix test(1, 2);
  test << 0, 0;  // log 0.5 + log 0.25
  CHECK(BernoulliMeanLogLikelihood(q, test) == Approx(std::log(0.5) + std::log(0.25)));
  // Binarising at half intensity: 0.5 is on, just below it is off.
  Matrix grey(1, 3);
  grey << 0.49f, 0.5f, 1.0f;
  const Matrix binary = Binarize(grey);
  CHECK(binary(0, 0) == 0.0f);
  CHECK(binary(0, 1) == 1.0f);
  CHECK(binary(0, 2) == 1.0f);
}
