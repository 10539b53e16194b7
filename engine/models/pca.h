#pragma once
// Principal component analysis: the k orthonormal directions of largest variance of the centred data,
// the eigenvectors of its covariance C = (1/n) Σ (x - μ)(x - μ)ᵀ. Projecting onto them and back is the
// best rank-k linear reconstruction (Eckart-Young): its mean squared error over the fitted rows is the
// sum of the discarded eigenvalues. The linear baseline for a deep autoencoder with a k-unit code.
#include <Eigen/Dense>

#include "core/tensor.h"

namespace netlab {

struct Pca {
  RowVector mean;               // 1 x d
  Matrix components;            // k x d, orthonormal rows, largest variance first
  Eigen::VectorXd eigenvalues;  // all d eigenvalues of C, decreasing (the first k belong to components)

  int dimensions() const { return int(mean.cols()); }
  int size() const { return int(components.rows()); }
  // Codes (x - μ) Vᵀ, n x k.
  Matrix Project(const Matrix& data) const;
  // μ + code V, n x d.
  Matrix Reconstruct(const Matrix& codes) const;
};

// Fits the mean and the top `components` directions (clamped to [0, d]) of the rows of `data`; the
// covariance and its eigendecomposition are computed in double precision.
Pca FitPca(const Matrix& data, int components);

// Mean over rows of ||x - x̂||², the per-image error the autoencoder views also report.
double MeanSquaredReconstructionError(const Matrix& data, const Matrix& reconstruction);

}  // namespace netlab
