#pragma once
// Gaussian-process regression, the surrogate model of Bayesian optimisation (Rasmussen & Williams 2006,
// Algorithm 2.1). Prior f ~ GP(0, k) with the RBF kernel
//   k(a, b) = signal_variance * exp(-|a - b|^2 / (2 length_scale^2)),
// observations y = f(x) + N(0, noise_variance). With K = k(X, X) + noise_variance I = L L^T:
//   mean(x*)     = k*^T K^-1 y
//   variance(x*) = k(x*, x*) - k*^T K^-1 k*
// Computed in double: K is often nearly singular when samples cluster near an optimum.
#include <Eigen/Dense>

namespace netlab {

struct KernelSettings {
  double length_scale = 0.2;
  double signal_variance = 1.0;
  double noise_variance = 1e-6;
};

double RbfKernel(const Eigen::VectorXd& a, const Eigen::VectorXd& b, const KernelSettings& kernel);

class GaussianProcess {
 public:
  // Inputs one per row. Returns false (and predicts the prior) when K is not positive definite.
  bool Fit(const Eigen::MatrixXd& inputs, const Eigen::VectorXd& targets, const KernelSettings& kernel);
  void Predict(const Eigen::VectorXd& x, double& mean, double& variance) const;
  // log p(y | X) = -y^T K^-1 y / 2 - sum(log diag L) - n log(2 pi) / 2, for choosing the kernel.
  double LogMarginalLikelihood() const;
  bool fitted() const { return fitted_; }
  const KernelSettings& kernel() const { return kernel_; }

 private:
  KernelSettings kernel_;
  Eigen::MatrixXd inputs_;
  Eigen::VectorXd targets_;
  Eigen::LLT<Eigen::MatrixXd> cholesky_;
  Eigen::VectorXd alpha_;  // K^-1 y
  bool fitted_ = false;
};

// Expected improvement below `best` for a Gaussian prediction N(mean, stddev^2) (Jones et al. 1998):
//   z = (best - mean) / stddev,  EI = (best - mean) Phi(z) + stddev phi(z).
double ExpectedImprovement(double mean, double stddev, double best);

}  // namespace netlab
