#include "boltzmann/rbm.h"

#include <algorithm>
#include <cmath>
#include <limits>

#include "core/gemm.h"
#include "nn/logistic.h"

namespace netlab {

void SampleBernoulli(const Matrix& probabilities, Matrix& sample, Rng& rng) {
  sample.resize(probabilities.rows(), probabilities.cols());
  for (Eigen::Index i = 0; i < probabilities.size(); ++i)
    sample.data()[i] = rng.Uniform() < probabilities.data()[i] ? 1.0f : 0.0f;
}

Rbm::Rbm(int visible, int hidden, bool linear)
    : weights(Matrix::Zero(visible, hidden)), visible_bias(Matrix::Zero(1, visible)), hidden_bias(Matrix::Zero(1, hidden)),
      linear_hidden(linear) {}

void Rbm::Initialize(Rng& rng, float stddev) {
  for (Eigen::Index i = 0; i < weights.size(); ++i) weights.data()[i] = rng.Normal(0.0f, stddev);
  visible_bias.setZero();
  hidden_bias.setZero();
  chain_.resize(0, 0);
}

void Rbm::HiddenProbabilities(const Matrix& visible, Matrix& hidden) const {
  Multiply(visible, false, weights, false, hidden);  // the WASM SIMD GEMM in the browser
  hidden.rowwise() += hidden_bias.row(0);
  if (!linear_hidden) SigmoidInPlace(hidden);
}

void Rbm::VisibleProbabilities(const Matrix& hidden, Matrix& visible) const {
  Multiply(hidden, false, weights, true, visible);
  visible.rowwise() += visible_bias.row(0);
  SigmoidInPlace(visible);
}

void Rbm::SampleHidden(const Matrix& mean, Matrix& hidden, Rng& rng) const {
  if (linear_hidden) {
    hidden = mean;  // h = mean + N(0, 1)
    for (Eigen::Index i = 0; i < hidden.size(); ++i) hidden.data()[i] += rng.Normal(0.0f, 1.0f);
  } else {
    SampleBernoulli(mean, hidden, rng);
  }
}

void Rbm::GibbsStep(Matrix& visible, Rng& rng) const {
  Matrix probabilities, hidden;
  HiddenProbabilities(visible, probabilities);
  SampleHidden(probabilities, hidden, rng);
  VisibleProbabilities(hidden, probabilities);
  SampleBernoulli(probabilities, visible, rng);
}

Eigen::VectorXd Rbm::FreeEnergy(const Matrix& visible) const {
  Matrix activation = visible * weights;
  activation.rowwise() += hidden_bias.row(0);
  Eigen::VectorXd energy(visible.rows());
  for (Eigen::Index r = 0; r < visible.rows(); ++r) {
    double value = -visible.row(r).cast<double>().dot(visible_bias.row(0).cast<double>());
    for (Eigen::Index j = 0; j < activation.cols(); ++j) {
      const double a = double(activation(r, j));
      // log Σ_h e^(a h) over h in {0, 1}, or log ∫ e^(a h - h²/2) dh = a²/2 + log √(2π) for a linear unit.
      value -= linear_hidden ? 0.5 * a * a + 0.9189385332046727 : Softplus(a);
    }
    energy(r) = value;
  }
  return energy;
}

double Rbm::ReconstructionError(const Matrix& visible) const {
  Matrix hidden, reconstruction;
  HiddenProbabilities(visible, hidden);
  VisibleProbabilities(hidden, reconstruction);
  // Summed in double: Fashion-MNIST's 10,000 test images give 7.8 million squares, whose float sum was
  // 4e-4 off (against PyTorch's double sum in the exported train.py).
  return (visible - reconstruction).cast<double>().squaredNorm() / double(std::max<Eigen::Index>(visible.rows(), 1));
}

void Rbm::TrainStep(const Matrix& batch, const RbmTrainingSettings& settings, Rng& rng) {
  const float n = float(batch.rows());
  Matrix positive_hidden;
  HiddenProbabilities(batch, positive_hidden);

  // Negative phase: CD-k restarts at the data; PCD continues its chains. The chains are started once
  // from the first batch and keep their number when a later batch is shorter or longer (a DBN's last
  // batch of an epoch): Tieleman's particles estimate the model term whatever the batch size.
  Matrix negative_visible;
  if (settings.persistent) {
    if (chain_.rows() == 0 || chain_.cols() != batch.cols()) SampleBernoulli(batch, chain_, rng);
    negative_visible = chain_;
    for (int step = 0; step < std::max(settings.gibbs_steps, 1); ++step) GibbsStep(negative_visible, rng);
  } else if (settings.sample_visible) {
    SampleBernoulli(batch, negative_visible, rng);
    for (int step = 0; step < std::max(settings.gibbs_steps, 1); ++step) GibbsStep(negative_visible, rng);
  } else {
    // v0 = data; h ~ p(h | v), v = p(v | h), k times.
    negative_visible = batch;
    Matrix hidden_mean, hidden;
    for (int step = 0; step < std::max(settings.gibbs_steps, 1); ++step) {
      HiddenProbabilities(negative_visible, hidden_mean);
      SampleHidden(hidden_mean, hidden, rng);
      VisibleProbabilities(hidden, negative_visible);
    }
  }
  if (settings.persistent) chain_ = negative_visible;
  Matrix negative_hidden;
  HiddenProbabilities(negative_visible, negative_hidden);

  // Gradient ascent on the log-likelihood with momentum: ΔW = <v hᵀ>_data - <v hᵀ>_model - λ W, each
  // average over its own rows (n data rows, m chains).
  const float m = float(negative_visible.rows());
  Matrix grad_weights = batch.transpose() * positive_hidden / n - negative_visible.transpose() * negative_hidden / m -
                        settings.weight_decay * weights;
  Matrix grad_visible = batch.colwise().sum() / n - negative_visible.colwise().sum() / m;
  Matrix grad_hidden = positive_hidden.colwise().sum() / n - negative_hidden.colwise().sum() / m;
  if (weights_velocity_.size() != weights.size()) {
    weights_velocity_ = Matrix::Zero(weights.rows(), weights.cols());
    visible_velocity_ = Matrix::Zero(1, visible());
    hidden_velocity_ = Matrix::Zero(1, hidden());
  }
  weights_velocity_ = settings.momentum * weights_velocity_ + settings.learning_rate * grad_weights;
  visible_velocity_ = settings.momentum * visible_velocity_ + settings.learning_rate * grad_visible;
  hidden_velocity_ = settings.momentum * hidden_velocity_ + settings.learning_rate * grad_hidden;
  weights += weights_velocity_;
  visible_bias += visible_velocity_;
  hidden_bias += hidden_velocity_;
}

double ExactLogPartition(const Rbm& rbm) {
  const int visible = rbm.visible();
  if (visible > 24) return std::numeric_limits<double>::quiet_NaN();
  const long states = 1L << visible;
  // Enumerate in blocks so the free energies come from the same matrix code as everywhere else.
  const long block = std::min(states, 4096L);
  double max_value = -std::numeric_limits<double>::infinity(), sum = 0.0;
  Matrix v(block, visible);
  for (long start = 0; start < states; start += block) {
    for (long s = 0; s < block; ++s)
      for (int i = 0; i < visible; ++i) v(s, i) = float(((start + s) >> i) & 1);
    const Eigen::VectorXd energy = rbm.FreeEnergy(v);
    for (long s = 0; s < block; ++s) {
      // Running log-sum-exp of -F(v): rescale the sum whenever a new maximum appears.
      const double value = -energy(s);
      if (value > max_value) {
        sum = sum * std::exp(max_value - value) + 1.0;
        max_value = value;
      } else {
        sum += std::exp(value - max_value);
      }
    }
  }
  return max_value + std::log(sum);
}

double ExactMeanLogLikelihood(const Rbm& rbm, const Matrix& data) {
  return -rbm.FreeEnergy(data).mean() - ExactLogPartition(rbm);
}

}  // namespace netlab
