#include "nn/initializer.h"

#include "core/registry.h"

#include <algorithm>
#include <cmath>

namespace netlab {
namespace {

void FillUniform(Matrix& w, float limit, Rng& rng) {
  for (Eigen::Index i = 0; i < w.size(); ++i) w.data()[i] = rng.Uniform(-limit, limit);
}
void FillNormal(Matrix& w, float stddev, Rng& rng) {
  for (Eigen::Index i = 0; i < w.size(); ++i) w.data()[i] = rng.Normal(0.0f, stddev);
}

void Uniform(Matrix& w, float scale, Rng& rng) { FillUniform(w, scale, rng); }
void Normal(Matrix& w, float scale, Rng& rng) { FillNormal(w, scale, rng); }

// Glorot & Bengio 2010: Var(W) = 2 / (fan_in + fan_out); U(-a, a) has variance a²/3.
void XavierUniform(Matrix& w, float, Rng& rng) {
  FillUniform(w, std::sqrt(6.0f / float(w.rows() + w.cols())), rng);
}
void XavierNormal(Matrix& w, float, Rng& rng) {
  FillNormal(w, std::sqrt(2.0f / float(w.rows() + w.cols())), rng);
}
// He et al. 2015: Var(W) = 2 / fan_in keeps the variance of ReLU activations constant across layers.
void HeUniform(Matrix& w, float, Rng& rng) { FillUniform(w, std::sqrt(6.0f / float(w.rows())), rng); }
void HeNormal(Matrix& w, float, Rng& rng) { FillNormal(w, std::sqrt(2.0f / float(w.rows())), rng); }

void Zeros(Matrix& w, float, Rng&) { w.setZero(); }

// LeCun et al. 1998: Var(W) = 1 / fan_in, the variance-preserving choice for tanh/SELU-like units.
void LecunUniform(Matrix& w, float, Rng& rng) { FillUniform(w, std::sqrt(3.0f / float(w.rows())), rng); }
void LecunNormal(Matrix& w, float, Rng& rng) { FillNormal(w, std::sqrt(1.0f / float(w.rows())), rng); }

// Saxe et al. 2014: the Q factor of a Gaussian matrix, with the signs of R's diagonal folded in so Q is
// uniformly (Haar) distributed. Rows or columns are orthonormal, whichever is fewer, with gain 1 as the
// name promises (W^T W = I); `init_scale` is the knob of the plain uniform/normal initializers only.
void Orthogonal(Matrix& w, float, Rng& rng) {
  const Eigen::Index rows = std::max(w.rows(), w.cols()), cols = std::min(w.rows(), w.cols());
  Eigen::MatrixXd gaussian(rows, cols);
  for (Eigen::Index i = 0; i < gaussian.size(); ++i) gaussian.data()[i] = rng.Normal();
  Eigen::HouseholderQR<Eigen::MatrixXd> qr(gaussian);
  Eigen::MatrixXd q = qr.householderQ() * Eigen::MatrixXd::Identity(rows, cols);
  const Eigen::MatrixXd r = qr.matrixQR();
  for (Eigen::Index c = 0; c < cols; ++c)
    if (r(c, c) < 0) q.col(c) = -q.col(c);
  if (w.rows() >= w.cols()) w = q.cast<float>();
  else w = q.transpose().cast<float>();
}

// Identity (Le et al. 2015 for ReLU RNNs): ones on the diagonal, zeros elsewhere, for non-square
// matrices too.
void Identity(Matrix& w, float, Rng&) { w.setIdentity(); }

}  // namespace

const std::vector<Initializer>& Initializers() {
  static const std::vector<Initializer> table = {
      {"uniform", "Uniform U(-a, a)", "W ~ U(-a, a), a = scale", Uniform},
      {"normal", "Normal N(0, s)", "W ~ N(0, s^2), s = scale", Normal},
      {"xavier_uniform", "Xavier/Glorot uniform", "W ~ U(-a, a), a = sqrt(6 / (fan_in + fan_out))",
       XavierUniform},
      {"xavier_normal", "Xavier/Glorot normal", "W ~ N(0, 2 / (fan_in + fan_out))", XavierNormal},
      {"he_uniform", "He/Kaiming uniform", "W ~ U(-a, a), a = sqrt(6 / fan_in)", HeUniform},
      {"he_normal", "He/Kaiming normal", "W ~ N(0, 2 / fan_in)", HeNormal},
      {"lecun_uniform", "LeCun uniform", "W ~ U(-a, a), a = sqrt(3 / fan_in)", LecunUniform},
      {"lecun_normal", "LeCun normal", "W ~ N(0, 1 / fan_in)", LecunNormal},
      {"orthogonal", "Orthogonal", "W = Q from QR of a Gaussian matrix (W^T W = I)", Orthogonal},
      {"identity", "Identity", "W = I (ones on the diagonal)", Identity},
      {"zeros", "Zeros", "W = 0 (all units stay identical: symmetry is never broken)", Zeros},
  };
  return table;
}

const Initializer* FindInitializer(const std::string& name) { return FindByName(Initializers(), name); }
int InitializerIndex(const std::string& name) { return IndexByName(Initializers(), name); }

}  // namespace netlab
