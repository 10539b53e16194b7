#include "search/gaussian_process.h"

#include <cmath>

namespace netlab {

double RbfKernel(const Eigen::VectorXd& a, const Eigen::VectorXd& b, const KernelSettings& kernel) {
  const double squared_distance = (a - b).squaredNorm();
  return kernel.signal_variance * std::exp(-squared_distance / (2.0 * kernel.length_scale * kernel.length_scale));
}

bool GaussianProcess::Fit(const Eigen::MatrixXd& inputs, const Eigen::VectorXd& targets,
                          const KernelSettings& kernel) {
  kernel_ = kernel;
  inputs_ = inputs;
  targets_ = targets;
  const Eigen::Index n = inputs.rows();
  Eigen::MatrixXd covariance(n, n);
  for (Eigen::Index i = 0; i < n; ++i)
    for (Eigen::Index j = 0; j <= i; ++j)
      covariance(i, j) = covariance(j, i) = RbfKernel(inputs.row(i).transpose(), inputs.row(j).transpose(), kernel);
  covariance.diagonal().array() += kernel.noise_variance;
  cholesky_.compute(covariance);
  fitted_ = n > 0 && cholesky_.info() == Eigen::Success;
  if (fitted_) {
    alpha_ = cholesky_.solve(targets);
    fitted_ = alpha_.allFinite();
  }
  return fitted_;
}

void GaussianProcess::Predict(const Eigen::VectorXd& x, double& mean, double& variance) const {
  const double prior_variance = kernel_.signal_variance;
  if (!fitted_) {
    mean = 0.0;
    variance = prior_variance;
    return;
  }
  Eigen::VectorXd k_star(inputs_.rows());
  for (Eigen::Index i = 0; i < inputs_.rows(); ++i) k_star[i] = RbfKernel(inputs_.row(i).transpose(), x, kernel_);
  mean = k_star.dot(alpha_);
  // v = L^-1 k*, so k*^T K^-1 k* = |v|^2 (Rasmussen & Williams, Algorithm 2.1 line 5).
  const Eigen::VectorXd v = cholesky_.matrixL().solve(k_star);
  variance = std::max(0.0, prior_variance - v.squaredNorm());
}

double GaussianProcess::LogMarginalLikelihood() const {
  if (!fitted_) return -INFINITY;
  const double log_determinant_half = cholesky_.matrixLLT().diagonal().array().log().sum();
  return -0.5 * targets_.dot(alpha_) - log_determinant_half -
         0.5 * double(targets_.size()) * std::log(2.0 * 3.14159265358979323846);
}

double ExpectedImprovement(double mean, double stddev, double best) {
  const double gain = best - mean;
  if (stddev <= 1e-12) return std::max(0.0, gain);
  const double z = gain / stddev;
  const double cdf = 0.5 * std::erfc(-z / std::sqrt(2.0));
  const double pdf = std::exp(-0.5 * z * z) / std::sqrt(2.0 * 3.14159265358979323846);
  return gain * cdf + stddev * pdf;
}

}  // namespace netlab
