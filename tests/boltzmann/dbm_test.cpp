// The deep Boltzmann machine (models/dbm.h): on a tiny 4-3-2 DBM the mean-field fixed point satisfies its
// equations, its bound lies below the exact log p(v) of every visible vector (all by enumeration), and
// the bound is exact when W2 = 0 (the posterior then factorises); the h1-sum log Z equals brute force.
#include <catch2/catch.hpp>

#include <algorithm>
#include <cmath>

#include "core/rng.h"
#include "boltzmann/dbm.h"

using namespace netlab;

namespace {

Dbm TinyDbm(uint64_t seed, float w2_scale) {
  Rng rng(seed);
  Dbm dbm(4, 3, 2);
  dbm.Initialize(rng, 1.0f);  // N(0, 1) weights: a posterior far from factorised
  dbm.w2 *= w2_scale;
  for (Eigen::Index i = 0; i < dbm.b.size(); ++i) dbm.b.data()[i] = rng.Uniform(-1.0f, 1.0f);
  for (Eigen::Index i = 0; i < dbm.c1.size(); ++i) dbm.c1.data()[i] = rng.Uniform(-1.0f, 1.0f);
  for (Eigen::Index i = 0; i < dbm.c2.size(); ++i) dbm.c2.data()[i] = rng.Uniform(-1.0f, 1.0f);
  return dbm;
}

double Bit(int state, int i) { return double((state >> i) & 1); }

// -E(v, h1, h2) for the states' bits.
double MinusEnergy(const Dbm& d, int v, int h1, int h2) {
  double e = 0.0;
  for (int i = 0; i < d.visible(); ++i) e += Bit(v, i) * d.b(0, i);
  for (int j = 0; j < d.hidden1(); ++j) e += Bit(h1, j) * d.c1(0, j);
  for (int k = 0; k < d.hidden2(); ++k) e += Bit(h2, k) * d.c2(0, k);
  for (int i = 0; i < d.visible(); ++i)
    for (int j = 0; j < d.hidden1(); ++j) e += Bit(v, i) * Bit(h1, j) * d.w1(i, j);
  for (int j = 0; j < d.hidden1(); ++j)
    for (int k = 0; k < d.hidden2(); ++k) e += Bit(h1, j) * Bit(h2, k) * d.w2(j, k);
  return e;
}

// log Σ_h1,h2 e^-E(v, h1, h2) for every v (index = v's bits), and log Z, by brute force.
Eigen::VectorXd LogUnnormalised(const Dbm& d) {
  Eigen::VectorXd out(1 << d.visible());
  for (int v = 0; v < (1 << d.visible()); ++v) {
    double sum = 0.0;
    for (int h1 = 0; h1 < (1 << d.hidden1()); ++h1)
      for (int h2 = 0; h2 < (1 << d.hidden2()); ++h2) sum += std::exp(MinusEnergy(d, v, h1, h2));
    out(v) = std::log(sum);
  }
  return out;
}

Matrix AllVisible(int visible) {
  Matrix x(1 << visible, visible);
  for (int s = 0; s < (1 << visible); ++s)
    for (int i = 0; i < visible; ++i) x(s, i) = float(Bit(s, i));
  return x;
}

double LogSumExp(const Eigen::VectorXd& x) {
  const double top = x.maxCoeff();
  return top + std::log((x.array() - top).exp().sum());
}

}  // namespace

TEST_CASE("The DBM's h1-sum log Z equals brute force over every (v, h1, h2)", "[dbm]") {
  const Dbm dbm = TinyDbm(3, 1.0f);
  // The sum takes h1 W1ᵀ and h1 W2 from float products (rounded to ~1e-7 of their size): 1e-6 nats.
  CHECK(std::abs(ExactDbmLogPartition(dbm) - LogSumExp(LogUnnormalised(dbm))) < 1e-6);
}

TEST_CASE("The DBM's mean-field fixed point satisfies its equations and bounds log p(v)", "[dbm]") {
  const Dbm dbm = TinyDbm(5, 1.0f);
  const Matrix v = AllVisible(4);
  const MeanField q = dbm.Posterior(v, 200);
  // Each sweep is a coordinate ascent on L, so it converges; 1e-6 is above float rounding of σ (6e-8).
  CHECK(dbm.FixedPointResidual(v, q) < 1e-6);
  const Eigen::VectorXd log_tilde = LogUnnormalised(dbm), bound = dbm.UnnormalisedBound(v, q);
  const double log_z = LogSumExp(log_tilde);
  double largest_gap = 0.0;
  for (int s = 0; s < 16; ++s) {
    INFO("v = " << s);
    // Jensen: L(v) = log p(v) - KL(q || p(h | v)) <= log p(v); 1e-9 allows double rounding only.
    CHECK(bound(s) - log_z <= log_tilde(s) - log_z + 1e-9);
    largest_gap = std::max(largest_gap, log_tilde(s) - bound(s));
  }
  // With N(0, 1) weights between h1 and h2 the posterior is not factorised: some gap is clearly there.
  CHECK(largest_gap > 1e-3);
}

TEST_CASE("With W2 = 0 the DBM's mean-field bound is exact", "[dbm]") {
  // h2 is then independent of h1 and v, and p(h1 | v) = Π σ(v W1 + c1): q is the true posterior, KL = 0.
  const Dbm dbm = TinyDbm(7, 0.0f);
  const Matrix v = AllVisible(4);
  const Eigen::VectorXd log_tilde = LogUnnormalised(dbm), bound = dbm.UnnormalisedBound(v, dbm.Posterior(v, 5));
  // Float means (σ rounded to ~6e-8) enter the double sums: 1e-5 nats.
  for (int s = 0; s < 16; ++s) CHECK(std::abs(bound(s) - log_tilde(s)) < 1e-5);
}
