#include "nn/normalization.h"

#include <cmath>

namespace netlab {
namespace {

constexpr float kEpsilon = 1e-5f;
constexpr float kRunningMomentum = 0.9f;

}  // namespace

void UpdateRunningStatistics(const Matrix& mean, const Matrix& variance, double count, Matrix& running_mean,
                             Matrix& running_variance) {
  running_mean = kRunningMomentum * running_mean + (1.0f - kRunningMomentum) * mean;
  const float unbiased = float(count) / float(count - 1);
  running_variance = kRunningMomentum * running_variance + ((1.0f - kRunningMomentum) * unbiased) * variance;
}

BatchNorm::BatchNorm(int features)
    : gamma(Matrix::Ones(1, features)),
      beta(Matrix::Zero(1, features)),
      gamma_gradient(Matrix::Zero(1, features)),
      beta_gradient(Matrix::Zero(1, features)),
      running_mean(Matrix::Zero(1, features)),
      running_variance(Matrix::Ones(1, features)) {}

void BatchNorm::Forward(const Matrix& input, Matrix& output) {
  const Eigen::Index n = input.rows();
  // A batch of one has no variance to normalise by; the config refuses batch norm with batch size 1
  // (ValidateConfig), and a layer handed one anyway falls back to the running statistics.
  used_batch_statistics_ = training_ && n > 1;
  // Members, not locals: after the first batch of a size nothing here allocates.
  Matrix& mean = batch_mean_;
  Matrix& variance = batch_variance_;
  if (used_batch_statistics_) {
    mean = input.colwise().mean();
    variance = (input.rowwise() - mean.row(0)).array().square().colwise().mean();
    UpdateRunningStatistics(mean, variance, double(n), running_mean, running_variance);
  } else {
    mean = running_mean;
    variance = running_variance;
  }
  inverse_std_ = (variance.array() + kEpsilon).rsqrt().matrix();
  normalized_ = ((input.rowwise() - mean.row(0)).array().rowwise() * inverse_std_.row(0).array()).matrix();
  output = (normalized_.array().rowwise() * gamma.row(0).array()).rowwise() + beta.row(0).array();
}

// With batch statistics: dx = (1/N) inv_std (N dx^ - sum dx^ - x^ sum(dx^ ⊙ x^)), dx^ = dy ⊙ gamma.
// With fixed (running) statistics the layer is affine: dx = dy ⊙ gamma ⊙ inv_std.
void BatchNorm::Backward(const Matrix& grad_output, Matrix& grad_input) {
  const float n = float(grad_output.rows());
  gamma_gradient = grad_output.cwiseProduct(normalized_).colwise().sum();
  beta_gradient = grad_output.colwise().sum();
  grad_normalized_ = (grad_output.array().rowwise() * gamma.row(0).array()).matrix();
  if (!used_batch_statistics_) {
    grad_input = (grad_normalized_.array().rowwise() * inverse_std_.row(0).array()).matrix();
    return;
  }
  sum_grad_ = grad_normalized_.colwise().sum();
  sum_grad_x_ = grad_normalized_.cwiseProduct(normalized_).colwise().sum();
  // inv_std / N into a member first: broadcasting an expression row by row makes Eigen evaluate it into a
  // heap temporary on every call.
  scaled_inverse_std_ = inverse_std_ / n;
  grad_input = ((n * grad_normalized_.array()).rowwise() - sum_grad_.row(0).array() -
                normalized_.array().rowwise() * sum_grad_x_.row(0).array())
                   .rowwise() *
               scaled_inverse_std_.row(0).array();
}

void BatchNorm::CollectParameters(std::vector<ParameterRef>& out) {
  out.push_back({&gamma, &gamma_gradient, false});
  out.push_back({&beta, &beta_gradient, false});
}

void BatchNorm::CollectState(std::vector<Matrix*>& out) {
  out.push_back(&running_mean);
  out.push_back(&running_variance);
}

LayerNorm::LayerNorm(int features)
    : gamma(Matrix::Ones(1, features)),
      beta(Matrix::Zero(1, features)),
      gamma_gradient(Matrix::Zero(1, features)),
      beta_gradient(Matrix::Zero(1, features)) {}

void LayerNorm::Forward(const Matrix& input, Matrix& output) {
  const Eigen::Index n = input.rows();
  normalized_.resize(input.rows(), input.cols());
  inverse_std_.resize(n, 1);
  for (Eigen::Index r = 0; r < n; ++r) {
    const float mean = input.row(r).mean();
    const float variance = (input.row(r).array() - mean).square().mean();
    inverse_std_(r, 0) = 1.0f / std::sqrt(variance + kEpsilon);
    normalized_.row(r) = ((input.row(r).array() - mean) * inverse_std_(r, 0)).matrix();
  }
  output = (normalized_.array().rowwise() * gamma.row(0).array()).rowwise() + beta.row(0).array();
}

// Per row, with F features: dx = (1/F) inv_std (F dx^ - sum dx^ - x^ sum(dx^ ⊙ x^)).
void LayerNorm::Backward(const Matrix& grad_output, Matrix& grad_input) {
  const float f = float(grad_output.cols());
  gamma_gradient = grad_output.cwiseProduct(normalized_).colwise().sum();
  beta_gradient = grad_output.colwise().sum();
  grad_normalized_ = (grad_output.array().rowwise() * gamma.row(0).array()).matrix();
  grad_input.resize(grad_output.rows(), grad_output.cols());
  for (Eigen::Index r = 0; r < grad_output.rows(); ++r) {
    const float sum_grad = grad_normalized_.row(r).sum();
    const float sum_grad_x = grad_normalized_.row(r).dot(normalized_.row(r));
    grad_input.row(r) = ((f * grad_normalized_.row(r).array() - sum_grad - normalized_.row(r).array() * sum_grad_x) *
                         (inverse_std_(r, 0) / f))
                            .matrix();
  }
}

void LayerNorm::CollectParameters(std::vector<ParameterRef>& out) {
  out.push_back({&gamma, &gamma_gradient, false});
  out.push_back({&beta, &beta_gradient, false});
}

}  // namespace netlab
