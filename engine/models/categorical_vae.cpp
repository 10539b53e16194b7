#include "models/categorical_vae.h"

#include <algorithm>
#include <cmath>

#include "models/gumbel.h"
#include "nn/initializer.h"
#include "nn/logistic.h"

namespace netlab {
namespace {

Matrix Tanh(const Matrix& m) { return m.array().tanh().matrix(); }

// Row-wise log-softmax of each group's `categories` columns of `scores`, in double.
Eigen::MatrixXd GroupLogSoftmax(const Matrix& scores, int categories) {
  Eigen::MatrixXd out = scores.cast<double>();
  for (Eigen::Index r = 0; r < out.rows(); ++r)
    for (Eigen::Index start = 0; start < out.cols(); start += categories) {
      auto block = out.block(r, start, 1, categories);
      const double top = block.maxCoeff();
      const double log_sum = top + std::log((block.array() - top).exp().sum());
      block.array() -= log_sum;
    }
  return out;
}

// Σ_i x_i z_i − softplus(z_i) over the columns: log p(x | z) of binary x under σ(z), one value a row.
double BernoulliLogLikelihood(const float* x, const float* logits, Eigen::Index n) {
  double total = 0.0;
  for (Eigen::Index i = 0; i < n; ++i) total += double(x[i]) * logits[i] - Softplus(double(logits[i]));
  return total;
}

}  // namespace

CategoricalVae::CategoricalVae(int inputs, int hidden, int groups, int categories)
    : encoder_layer(inputs, hidden),
      logits_layer(hidden, groups * categories),
      decoder(groups * categories, hidden, inputs),
      groups_(groups),
      categories_(categories) {}

void CategoricalVae::Initialize(Rng& rng) {
  const Initializer* xavier = FindInitializer("xavier_normal");
  for (Dense* layer : {&encoder_layer, &logits_layer, &decoder.hidden_layer, &decoder.output_layer}) {
    xavier->fill(layer->weights, 1.0f, rng);
    layer->bias.setZero();
  }
}

Matrix CategoricalVae::SampleNoise(int rows, Rng& rng) const {
  Matrix noise(rows, groups_ * categories_);
  for (Eigen::Index i = 0; i < noise.size(); ++i) noise.data()[i] = float(GumbelNoise(rng));
  return noise;
}

double CategoricalVae::Loss(const Matrix& input, const Matrix& noise, double temperature, double* reconstruction,
                            double* kl) {
  input_ = input;
  temperature_ = temperature;
  Matrix pre, scores;
  encoder_layer.Forward(input, pre);
  encoder_hidden_ = Tanh(pre);
  logits_layer.Forward(encoder_hidden_, scores);
  const Eigen::MatrixXd log_q = GroupLogSoftmax(scores, categories_);
  posterior_ = log_q.array().exp().matrix().cast<float>();
  // y_g = softmax((l_g + G_g) / τ): the log-softmax of the perturbed, scaled scores, exponentiated.
  const Matrix perturbed = ((scores + noise).array() / float(temperature)).matrix();
  relaxed_ = GroupLogSoftmax(perturbed, categories_).array().exp().matrix().cast<float>();
  const double batch = double(input.rows());
  const double reconstruction_term = decoder.Loss(relaxed_, input);
  // KL(q || uniform) = Σ_k q_k log q_k + log K per group.
  const double kl_term =
      ((log_q.array().exp() * log_q.array()).sum() + double(groups_) * batch * std::log(double(categories_))) / batch;
  if (reconstruction) *reconstruction = reconstruction_term;
  if (kl) *kl = kl_term;
  return reconstruction_term + kl_term;
}

void CategoricalVae::Backward() {
  const float batch = float(input_.rows());
  Matrix grad_pre, grad_relaxed, grad_encoder, grad_input;
  decoder.Backward(input_, grad_relaxed);
  Matrix grad_scores(relaxed_.rows(), relaxed_.cols());
  for (Eigen::Index r = 0; r < relaxed_.rows(); ++r)
    for (Eigen::Index start = 0; start < relaxed_.cols(); start += categories_) {
      const auto y = relaxed_.block(r, start, 1, categories_).array();
      const auto dy = grad_relaxed.block(r, start, 1, categories_).array();
      const auto q = posterior_.block(r, start, 1, categories_).array();
      const Eigen::ArrayXXf log_q = q.max(1e-30f).log();
      // Softmax Jacobian: ∂y/∂s applied to dy is y ⊙ (dy − y·dy), and s = (l + G) / τ.
      const Eigen::ArrayXXf from_sample = y * (dy - (y * dy).sum()) / float(temperature_);
      // ∂/∂l of Σ q log q with q = softmax(l): q ⊙ (log q − Σ q log q).
      const Eigen::ArrayXXf from_kl = q * (log_q - (q * log_q).sum()) / batch;
      grad_scores.block(r, start, 1, categories_) = (from_sample + from_kl).matrix();
    }
  logits_layer.Backward(grad_scores, grad_encoder);
  grad_pre = (grad_encoder.array() * (1.0f - encoder_hidden_.array().square())).matrix();
  encoder_layer.Backward(grad_pre, grad_input);
}

void CategoricalVae::CollectParameters(std::vector<ParameterRef>& out) {
  for (Dense* layer : {&encoder_layer, &logits_layer, &decoder.hidden_layer, &decoder.output_layer})
    layer->CollectParameters(out);
}

Matrix CategoricalVae::Posterior(const Matrix& input) {
  Matrix pre, scores;
  encoder_layer.Forward(input, pre);
  logits_layer.Forward(Tanh(pre), scores);
  return GroupLogSoftmax(scores, categories_).array().exp().matrix().cast<float>();
}

Matrix CategoricalVae::Decode(const Matrix& codes) { return decoder.Means(codes); }

double CategoricalVae::DiscreteElbo(const Matrix& input, Rng& rng, int samples) {
  const Matrix q = Posterior(input);
  const Eigen::Index rows = input.rows(), width = groups_ * categories_;
  double total = 0.0;
  // KL(q || uniform) per row, summed over the groups.
  for (Eigen::Index r = 0; r < rows; ++r)
    for (Eigen::Index j = 0; j < width; ++j) {
      const double p = q(r, j);
      if (p > 0.0) total -= p * std::log(p);
    }
  total -= double(rows) * groups_ * std::log(double(categories_));
  long codes = 1;
  for (int g = 0; g < groups_ && codes <= kMaxEnumerated; ++g) codes *= categories_;
  Matrix pre, logits;
  if (codes <= kMaxEnumerated) {
    // Every code once: code c has category (c / K^g) mod K in group g.
    Matrix code_matrix = Matrix::Zero(codes, width);
    for (long c = 0; c < codes; ++c)
      for (long g = 0, rest = c; g < groups_; ++g, rest /= categories_)
        code_matrix(c, g * categories_ + rest % categories_) = 1.0f;
    logits = decoder.Logits(code_matrix);
    for (Eigen::Index r = 0; r < rows; ++r)
      for (long c = 0; c < codes; ++c) {
        double weight = 1.0;  // q(z = code | x) = Π_g q_g(k_g)
        for (long g = 0, rest = c; g < groups_; ++g, rest /= categories_) weight *= q(r, g * categories_ + rest % categories_);
        if (weight > 0.0) total += weight * BernoulliLogLikelihood(&input(r, 0), &logits(c, 0), input.cols());
      }
    return total / double(rows);
  }
  // Too many codes: hard Gumbel-max samples from q (models/gumbel.h).
  std::vector<double> log_q(static_cast<size_t>(categories_)), noise(static_cast<size_t>(categories_));
  Matrix code_matrix = Matrix::Zero(samples, width);
  for (Eigen::Index r = 0; r < rows; ++r) {
    code_matrix.setZero();
    for (int s = 0; s < samples; ++s)
      for (int g = 0; g < groups_; ++g) {
        for (int k = 0; k < categories_; ++k) log_q[size_t(k)] = std::log(std::max(1e-30, double(q(r, g * categories_ + k))));
        GumbelNoise(rng, noise);
        code_matrix(s, g * categories_ + GumbelMax(log_q, noise)) = 1.0f;
      }
    logits = decoder.Logits(code_matrix);
    for (int s = 0; s < samples; ++s)
      total += BernoulliLogLikelihood(&input(r, 0), &logits(s, 0), input.cols()) / double(samples);
  }
  return total / double(rows);
}

Eigen::VectorXd IndependentBernoulliLogLikelihood(const Matrix& input, const Matrix& means) {
  Eigen::VectorXd out(input.rows());
  for (Eigen::Index r = 0; r < input.rows(); ++r) {
    double total = 0.0;
    for (Eigen::Index i = 0; i < input.cols(); ++i) {
      const double p = means(0, i), x = input(r, i);
      total += x * std::log(p) + (1.0 - x) * std::log(1.0 - p);
    }
    out(r) = total;
  }
  return out;
}

Matrix FitIndependentBernoulli(const Matrix& train) {
  Matrix means(1, train.cols());
  for (Eigen::Index i = 0; i < train.cols(); ++i)
    means(0, i) = float((train.col(i).cast<double>().sum() + 1.0) / (double(train.rows()) + 2.0));
  return means;
}

}  // namespace netlab
