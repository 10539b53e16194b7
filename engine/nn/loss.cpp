#include "nn/loss.h"

#include "nn/activation.h"
#include "core/registry.h"

#include <algorithm>
#include <cmath>

namespace netlab {
namespace {

// ½ (y - t)², the lecture's squared loss, so that dL/dy = y - t.
double MseValue(const Matrix& y, const Matrix& t) {
  // Accumulate in double: the loss curve and finite-difference checks need more than float's 7 digits.
  return 0.5 * (y.cast<double>() - t.cast<double>()).squaredNorm() / double(y.rows());
}
void MseGradient(const Matrix& y, const Matrix& t, Matrix& g) { g = (y - t) / float(y.rows()); }
void IdentityPredict(const Matrix& y, Matrix& p) { p = y; }

// |y - t|, mean over the batch; the subgradient at y = t is taken as 0.
double MaeValue(const Matrix& y, const Matrix& t) {
  return (y.cast<double>() - t.cast<double>()).cwiseAbs().sum() / double(y.rows());
}
void MaeGradient(const Matrix& y, const Matrix& t, Matrix& g) {
  g = (y - t).unaryExpr([](float d) { return d > 0.0f ? 1.0f : (d < 0.0f ? -1.0f : 0.0f); }) / float(y.rows());
}

// Binary cross-entropy on a logit z: -t log σ(z) - (1-t) log(1-σ(z)) = softplus(z) - t z.
double BceValue(const Matrix& z, const Matrix& t) { return SumBernoulliNll(z, t) / double(z.rows()); }
void SigmoidPredict(const Matrix& z, Matrix& p) {
  p.resize(z.rows(), z.cols());
  for (Eigen::Index i = 0; i < z.size(); ++i) p.data()[i] = Sigmoid(z.data()[i]);
}
void BceGradient(const Matrix& z, const Matrix& t, Matrix& g) {
  SigmoidPredict(z, g);
  g = (g - t) / float(z.rows());
}

// Softmax cross-entropy: L = logsumexp(z) - z·t, with the row maximum subtracted before exp.
void SoftmaxPredict(const Matrix& z, Matrix& p) {
  p.resize(z.rows(), z.cols());
  for (Eigen::Index r = 0; r < z.rows(); ++r) {
    float m = z.row(r).maxCoeff();
    p.row(r) = (z.row(r).array() - m).exp().matrix();
    p.row(r) /= p.row(r).sum();
  }
}
double SoftmaxCeValue(const Matrix& z, const Matrix& t) {
  double total = 0.0;
  for (Eigen::Index r = 0; r < z.rows(); ++r) {
    double m = z.row(r).maxCoeff();
    double sum = 0.0;
    for (Eigen::Index c = 0; c < z.cols(); ++c) sum += std::exp(double(z(r, c)) - m);
    double log_sum_exp = m + std::log(sum);
    for (Eigen::Index c = 0; c < z.cols(); ++c) total += double(t(r, c)) * (log_sum_exp - double(z(r, c)));
  }
  return total / double(z.rows());
}
void SoftmaxCeGradient(const Matrix& z, const Matrix& t, Matrix& g) {
  SoftmaxPredict(z, g);
  g = (g - t) / float(z.rows());
}

// Multiclass SVM hinge (Weston & Watkins 1999, CS231n form): L = sum_{j != y} max(0, s_j - s_y + 1).
double HingeValue(const Matrix& s, const Matrix& t) {
  double total = 0.0;
  for (Eigen::Index r = 0; r < s.rows(); ++r) {
    Eigen::Index y;
    t.row(r).maxCoeff(&y);
    for (Eigen::Index j = 0; j < s.cols(); ++j)
      if (j != y) total += std::max(0.0, double(s(r, j)) - double(s(r, y)) + 1.0);
  }
  return total / double(s.rows());
}
void HingeGradient(const Matrix& s, const Matrix& t, Matrix& g) {
  g = Matrix::Zero(s.rows(), s.cols());
  for (Eigen::Index r = 0; r < s.rows(); ++r) {
    Eigen::Index y;
    t.row(r).maxCoeff(&y);
    for (Eigen::Index j = 0; j < s.cols(); ++j)
      if (j != y && s(r, j) - s(r, y) + 1.0f > 0.0f) {
        g(r, j) += 1.0f;
        g(r, y) -= 1.0f;
      }
  }
  g /= float(s.rows());
}

}  // namespace

const std::vector<Loss>& Losses() {
  static const std::vector<Loss> table = {
      {"mse", "Squared error", "L = 1/2 (y - t)^2, mean over the batch", false, false, MseValue,
       MseGradient, IdentityPredict, true},
      {"mae", "Absolute error", "L = |y - t|, mean over the batch", false, false, MaeValue, MaeGradient,
       IdentityPredict, true},
      {"sigmoid_bce", "Sigmoid cross-entropy",
       "L = log(1 + e^z) - t z  (= -t log s(z) - (1-t) log(1-s(z)))", true, false, BceValue, BceGradient,
       SigmoidPredict},
      {"softmax_ce", "Softmax cross-entropy", "L = log sum_k e^z_k - z_t  (max-shifted)", true, true,
       SoftmaxCeValue, SoftmaxCeGradient, SoftmaxPredict},
      // Shown as softmax of the scores so the heatmap has a class-1 "probability" to draw.
      {"hinge", "Multiclass hinge (SVM)", "L = sum_{j != y} max(0, s_j - s_y + 1)", true, true, HingeValue,
       HingeGradient, SoftmaxPredict},
  };
  return table;
}

int OutputUnits(const Loss& loss, int classes) {
  return (loss.one_hot_targets && classes > 1) ? classes : 1;
}

Matrix MakeTargets(const Loss& loss, const Matrix& labels, int classes) {
  if (!loss.one_hot_targets || classes < 2) return labels;
  Matrix targets = Matrix::Zero(labels.rows(), classes);
  for (Eigen::Index i = 0; i < labels.rows(); ++i) {
    int c = std::clamp(int(labels(i, 0)), 0, classes - 1);
    targets(i, c) = 1.0f;
  }
  return targets;
}

const Loss* FindLoss(const std::string& name) { return FindByName(Losses(), name); }
int LossIndex(const std::string& name) { return IndexByName(Losses(), name); }

}  // namespace netlab
