#include "models/pca.h"

#include <algorithm>

namespace netlab {

Pca FitPca(const Matrix& data, int components) {
  Pca pca;
  const int d = int(data.cols());
  const Eigen::MatrixXd x = data.cast<double>();
  const Eigen::RowVectorXd mean = x.colwise().mean();
  const Eigen::MatrixXd centred = x.rowwise() - mean;
  const Eigen::MatrixXd covariance = centred.transpose() * centred / double(std::max<Eigen::Index>(x.rows(), 1));
  // Eigen returns the eigenvalues in increasing order: read them, and the vectors, from the back.
  const Eigen::SelfAdjointEigenSolver<Eigen::MatrixXd> solver(covariance);
  const int k = std::clamp(components, 0, d);
  pca.mean = mean.cast<float>();
  pca.eigenvalues = solver.eigenvalues().reverse();
  pca.components.resize(k, d);
  for (int i = 0; i < k; ++i) pca.components.row(i) = solver.eigenvectors().col(d - 1 - i).transpose().cast<float>();
  return pca;
}

Matrix Pca::Project(const Matrix& data) const { return (data.rowwise() - mean) * components.transpose(); }

Matrix Pca::Reconstruct(const Matrix& codes) const { return (codes * components).rowwise() + mean; }

double MeanSquaredReconstructionError(const Matrix& data, const Matrix& reconstruction) {
  if (data.rows() == 0) return 0.0;
  return (data - reconstruction).cast<double>().squaredNorm() / double(data.rows());
}

}  // namespace netlab
