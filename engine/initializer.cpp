#include "initializer.h"

#include "registry.h"

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
  };
  return table;
}

const Initializer* FindInitializer(const std::string& name) { return FindByName(Initializers(), name); }
int InitializerIndex(const std::string& name) { return IndexByName(Initializers(), name); }

}  // namespace netlab
