#include "conv/channel_batch_norm.h"

#include <cmath>

#include "nn/normalization.h"

namespace netlab {
namespace {

constexpr double kEpsilon = 1e-5;  // as nn/normalization.cpp

}  // namespace

ChannelBatchNorm::ChannelBatchNorm(ImageShape shape)
    : gamma(Matrix::Ones(1, shape.channels)),
      beta(Matrix::Zero(1, shape.channels)),
      gamma_gradient(Matrix::Zero(1, shape.channels)),
      beta_gradient(Matrix::Zero(1, shape.channels)),
      running_mean(Matrix::Zero(1, shape.channels)),
      running_variance(Matrix::Ones(1, shape.channels)),
      shape_(shape),
      inverse_std_(1, shape.channels),
      batch_mean_(1, shape.channels),
      batch_variance_(1, shape.channels) {}

void ChannelBatchNorm::Forward(const Matrix& input, Matrix& output) {
  const Eigen::Index n = input.rows(), positions = Eigen::Index(shape_.height) * shape_.width;
  const double m = double(n) * double(positions);  // values behind each channel's statistics
  // One value per channel has no variance; the layer then normalises with its running statistics.
  used_batch_statistics_ = training_ && m > 1;
  normalized_.resize(n, input.cols());
  output.resize(n, input.cols());
  for (int c = 0; c < shape_.channels; ++c) {
    const auto x = input.middleCols(c * positions, positions);
    double mean = running_mean(0, c), variance = running_variance(0, c);
    if (used_batch_statistics_) {
      // Sums in double: a 28x28 map of 64 images is 50,176 values per channel.
      mean = x.cast<double>().sum() / m;
      variance = (x.cast<double>().array() - mean).square().sum() / m;
      batch_mean_(0, c) = float(mean);
      batch_variance_(0, c) = float(variance);
    }
    const float inverse_std = float(1.0 / std::sqrt(variance + kEpsilon));
    inverse_std_(0, c) = inverse_std;
    auto normalized = normalized_.middleCols(c * positions, positions);
    normalized = (x.array() - float(mean)) * inverse_std;
    output.middleCols(c * positions, positions) = (normalized.array() * gamma(0, c) + beta(0, c)).matrix();
  }
  if (used_batch_statistics_) UpdateRunningStatistics(batch_mean_, batch_variance_, m, running_mean, running_variance);
}

// Per channel, with x^ the normalised values and m = batch x positions of them:
//   dgamma = sum dy x^,  dbeta = sum dy,  dx^ = gamma dy,
//   batch statistics: dx = inv_std / m (m dx^ - sum dx^ - x^ sum(dx^ x^)); fixed ones: dx = inv_std dx^.
void ChannelBatchNorm::Backward(const Matrix& grad_output, Matrix& grad_input) {
  const Eigen::Index n = grad_output.rows(), positions = Eigen::Index(shape_.height) * shape_.width;
  const double m = double(n) * double(positions);
  grad_input.resize(n, grad_output.cols());
  for (int c = 0; c < shape_.channels; ++c) {
    const auto dy = grad_output.middleCols(c * positions, positions);
    const auto normalized = normalized_.middleCols(c * positions, positions);
    const double sum_dy = dy.cast<double>().sum();
    const double sum_dy_x = dy.cast<double>().cwiseProduct(normalized.cast<double>()).sum();
    gamma_gradient(0, c) = float(sum_dy_x);
    beta_gradient(0, c) = float(sum_dy);
    const float g = gamma(0, c), inverse_std = inverse_std_(0, c);
    auto dx = grad_input.middleCols(c * positions, positions);
    if (!used_batch_statistics_) {
      dx = dy * (g * inverse_std);
      continue;
    }
    // With dx^ = g dy: sum dx^ = g sum_dy and sum(dx^ x^) = g sum_dy_x.
    const float mean_dy = float(sum_dy / m), mean_dy_x = float(sum_dy_x / m);
    dx = ((dy.array() - mean_dy - normalized.array() * mean_dy_x) * (g * inverse_std)).matrix();
  }
}

void ChannelBatchNorm::CollectParameters(std::vector<ParameterRef>& out) {
  out.push_back({&gamma, &gamma_gradient, false});
  out.push_back({&beta, &beta_gradient, false});
}

void ChannelBatchNorm::CollectState(std::vector<Matrix*>& out) {
  out.push_back(&running_mean);
  out.push_back(&running_variance);
}

}  // namespace netlab
