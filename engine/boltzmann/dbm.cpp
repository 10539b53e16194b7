#include "boltzmann/dbm.h"

#include <algorithm>
#include <cmath>
#include <limits>

#include "core/gemm.h"
#include "boltzmann/rbm.h"
#include "nn/logistic.h"

namespace netlab {
namespace {

// H(μ) = -Σ μ log μ + (1 - μ) log(1 - μ) of one row, with 0 log 0 = 0.
double BernoulliEntropy(const Matrix& mean, Eigen::Index row) {
  double h = 0.0;
  for (Eigen::Index j = 0; j < mean.cols(); ++j) {
    const double m = mean(row, j);
    if (m > 0.0) h -= m * std::log(m);
    if (m < 1.0) h -= (1.0 - m) * std::log1p(-m);
  }
  return h;
}

// σ(a W + c) or σ(a Wᵀ + c) (+ extra, already multiplied), into `out`.
void LayerMeans(const Matrix& a, const Matrix& w, bool transpose, const Matrix& bias, Matrix& out) {
  Multiply(a, false, w, transpose, out);
  out.rowwise() += bias.row(0);
  SigmoidInPlace(out);
}

void FirstLayerMeans(const Dbm& dbm, const Matrix& v, const Matrix& h2, Matrix& out) {
  Matrix top;
  Multiply(v, false, dbm.w1, false, out);   // v W1
  Multiply(h2, false, dbm.w2, true, top);   // h2 W2ᵀ
  out += top;
  out.rowwise() += dbm.c1.row(0);
  SigmoidInPlace(out);
}

}  // namespace

Dbm::Dbm(int visible, int hidden1, int hidden2)
    : w1(Matrix::Zero(visible, hidden1)), w2(Matrix::Zero(hidden1, hidden2)), b(Matrix::Zero(1, visible)),
      c1(Matrix::Zero(1, hidden1)), c2(Matrix::Zero(1, hidden2)) {}

void Dbm::Initialize(Rng& rng, float stddev) {
  for (Eigen::Index i = 0; i < w1.size(); ++i) w1.data()[i] = rng.Normal(0.0f, stddev);
  for (Eigen::Index i = 0; i < w2.size(); ++i) w2.data()[i] = rng.Normal(0.0f, stddev);
  b.setZero();
  c1.setZero();
  c2.setZero();
  chain_v_.resize(0, 0);
  dw1_.resize(0, 0);
}

MeanField Dbm::Posterior(const Matrix& v, int steps) const {
  MeanField q;
  LayerMeans(v, w1, false, c1, q.h1);     // μ1 = σ(v W1 + c1): h2's input not yet known
  LayerMeans(q.h1, w2, false, c2, q.h2);  // μ2 = σ(μ1 W2 + c2)
  for (int s = 0; s < steps; ++s) {
    FirstLayerMeans(*this, v, q.h2, q.h1);
    LayerMeans(q.h1, w2, false, c2, q.h2);
  }
  return q;
}

double Dbm::FixedPointResidual(const Matrix& v, const MeanField& q) const {
  Matrix h1, h2;
  FirstLayerMeans(*this, v, q.h2, h1);
  LayerMeans(q.h1, w2, false, c2, h2);
  return std::max(double((h1 - q.h1).cwiseAbs().maxCoeff()), double((h2 - q.h2).cwiseAbs().maxCoeff()));
}

Eigen::VectorXd Dbm::UnnormalisedBound(const Matrix& v, const MeanField& q) const {
  // -E_q[E] = b·v + c1·μ1 + c2·μ2 + vᵀ W1 μ1 + μ1ᵀ W2 μ2 (q factorises, so E_q[h1 h2ᵀ] = μ1 μ2ᵀ).
  const Eigen::MatrixXd vd = v.cast<double>(), m1 = q.h1.cast<double>(), m2 = q.h2.cast<double>();
  const Eigen::MatrixXd vw = vd * w1.cast<double>(), mw = m1 * w2.cast<double>();
  Eigen::VectorXd bound(v.rows());
  for (Eigen::Index r = 0; r < v.rows(); ++r)
    bound(r) = vd.row(r).dot(b.row(0).cast<double>()) + m1.row(r).dot(c1.row(0).cast<double>()) +
               m2.row(r).dot(c2.row(0).cast<double>()) + vw.row(r).dot(m1.row(r)) + mw.row(r).dot(m2.row(r)) +
               BernoulliEntropy(q.h1, r) + BernoulliEntropy(q.h2, r);
  return bound;
}

void Dbm::GibbsSweep(Matrix& v, Matrix& h1, Matrix& h2, Rng& rng) const {
  Matrix mean;
  FirstLayerMeans(*this, v, h2, mean);
  SampleBernoulli(mean, h1, rng);
  LayerMeans(h1, w1, true, b, mean);  // p(v | h1) = σ(h1 W1ᵀ + b)
  SampleBernoulli(mean, v, rng);
  LayerMeans(h1, w2, false, c2, mean);  // p(h2 | h1) = σ(h1 W2 + c2)
  SampleBernoulli(mean, h2, rng);
}

void Dbm::TrainStep(const Matrix& batch, const DbmTrainingSettings& settings, Rng& rng) {
  const MeanField q = Posterior(batch, settings.mean_field_steps);
  if (chain_v_.rows() != settings.chains || chain_v_.cols() != visible()) {
    // Chains from uniform noise, their hidden layers from the means given that noise.
    chain_v_.resize(settings.chains, visible());
    for (Eigen::Index i = 0; i < chain_v_.size(); ++i) chain_v_.data()[i] = rng.Uniform() < 0.5f ? 1.0f : 0.0f;
    chain_h1_ = Matrix::Zero(settings.chains, hidden1());
    chain_h2_ = Matrix::Zero(settings.chains, hidden2());
  }
  for (int s = 0; s < std::max(1, settings.gibbs_steps); ++s) GibbsSweep(chain_v_, chain_h1_, chain_h2_, rng);

  const float n = float(batch.rows()), m = float(chain_v_.rows());
  // ΔW1 = <v μ1ᵀ>_data - <v h1ᵀ>_model - λ W1, ΔW2 = <μ1 μ2ᵀ>_data - <h1 h2ᵀ>_model - λ W2 (eq. 6 with q).
  const Matrix g_w1 = batch.transpose() * q.h1 / n - chain_v_.transpose() * chain_h1_ / m - settings.weight_decay * w1;
  const Matrix g_w2 = q.h1.transpose() * q.h2 / n - chain_h1_.transpose() * chain_h2_ / m - settings.weight_decay * w2;
  const Matrix g_b = batch.colwise().sum() / n - chain_v_.colwise().sum() / m;
  const Matrix g_c1 = q.h1.colwise().sum() / n - chain_h1_.colwise().sum() / m;
  const Matrix g_c2 = q.h2.colwise().sum() / n - chain_h2_.colwise().sum() / m;
  if (dw1_.size() != w1.size()) {
    dw1_ = Matrix::Zero(w1.rows(), w1.cols());
    dw2_ = Matrix::Zero(w2.rows(), w2.cols());
    db_ = Matrix::Zero(1, visible());
    dc1_ = Matrix::Zero(1, hidden1());
    dc2_ = Matrix::Zero(1, hidden2());
  }
  const float mu = settings.momentum, eta = settings.learning_rate;
  dw1_ = mu * dw1_ + eta * g_w1;
  dw2_ = mu * dw2_ + eta * g_w2;
  db_ = mu * db_ + eta * g_b;
  dc1_ = mu * dc1_ + eta * g_c1;
  dc2_ = mu * dc2_ + eta * g_c2;
  w1 += dw1_;
  w2 += dw2_;
  b += db_;
  c1 += dc1_;
  c2 += dc2_;
}

Matrix Dbm::Sample(int count, int steps, Rng& rng) const {
  Matrix v(count, visible()), h1 = Matrix::Zero(count, hidden1()), h2 = Matrix::Zero(count, hidden2());
  for (Eigen::Index i = 0; i < v.size(); ++i) v.data()[i] = rng.Uniform() < 0.5f ? 1.0f : 0.0f;
  for (int s = 0; s < steps; ++s) GibbsSweep(v, h1, h2, rng);
  return v;
}

void AddDbmHiddenStates(const Dbm& dbm, long first, long count, RunningLogSumExp& total) {
  const int hidden = dbm.hidden1();
  Matrix h(count, hidden), down, up;
  for (long s = 0; s < count; ++s)
    for (int j = 0; j < hidden; ++j) h(s, j) = float(((first + s) >> j) & 1);
  Multiply(h, false, dbm.w1, true, down);  // h1 W1ᵀ: count x visible
  Multiply(h, false, dbm.w2, false, up);   // h1 W2: count x hidden2
  for (long s = 0; s < count; ++s) {
    double value = 0.0;
    for (int j = 0; j < hidden; ++j) value += double(h(s, j)) * double(dbm.c1(0, j));
    for (int i = 0; i < dbm.visible(); ++i) value += Softplus(double(down(s, i)) + double(dbm.b(0, i)));
    for (int k = 0; k < dbm.hidden2(); ++k) value += Softplus(double(up(s, k)) + double(dbm.c2(0, k)));
    total.Add(value);
  }
}

double ExactDbmLogPartition(const Dbm& dbm) {
  if (dbm.hidden1() > kMaxDbmEnumerated) return std::numeric_limits<double>::quiet_NaN();
  StateSum sum(dbm.hidden1());
  sum.Advance(sum.states(), [&](long first, long count, RunningLogSumExp& t) { AddDbmHiddenStates(dbm, first, count, t); });
  return sum.Value();
}

double MeanFieldBound(const Dbm& dbm, const Matrix& v, int steps, double log_partition) {
  return dbm.UnnormalisedBound(v, dbm.Posterior(v, steps)).mean() - log_partition;
}

}  // namespace netlab
