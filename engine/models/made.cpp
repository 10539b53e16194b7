#include "models/made.h"

#include <algorithm>
#include <cmath>

#include "core/gemm.h"
#include "nn/logistic.h"

namespace netlab {

Made::Made(int inputs, const std::vector<int>& hidden, const Activation& activation, Rng& rng)
    : activation_(activation) {
  std::vector<int> input_degrees(static_cast<size_t>(inputs));
  for (int d = 0; d < inputs; ++d) input_degrees[size_t(d)] = d + 1;  // m(d) = d, 1-based
  degrees_.push_back(input_degrees);
  for (int width : hidden) {
    // m(k) ~ U{min m of the layer below, ..., D - 1} (Germain et al. §4.2); with D = 1 every degree is 0
    // and the single output sees nothing, as p(x_1) must.
    const int low = std::min(*std::min_element(degrees_.back().begin(), degrees_.back().end()), inputs - 1);
    const int span = std::max(inputs - low, 1);
    std::vector<int> d(static_cast<size_t>(width));
    for (int& m : d) m = low + int(rng.Below(uint32_t(span)));
    degrees_.push_back(d);
  }
  for (size_t l = 0; l < degrees_.size(); ++l) {  // the last l: into the outputs
    const std::vector<int>& in = degrees_[l];
    const bool output = l + 1 == degrees_.size();
    const int fan_out = output ? inputs : int(degrees_[l + 1].size());
    Matrix mask(int(in.size()), fan_out);
    for (int j = 0; j < int(in.size()); ++j)
      for (int k = 0; k < fan_out; ++k)
        mask(j, k) = output ? float(k + 1 > in[size_t(j)])                 // output d: d > m(k), eq. 13
                            : float(degrees_[l + 1][size_t(k)] >= in[size_t(j)]);  // hidden: m(k) >= m(j), eq. 12
    // Glorot-uniform on the full fan-in; the mask then removes the forbidden connections.
    const float limit = std::sqrt(6.0f / float(in.size() + size_t(fan_out)));
    Matrix w(int(in.size()), fan_out);
    for (Eigen::Index i = 0; i < w.size(); ++i) w.data()[i] = rng.Uniform(-limit, limit);
    weights.push_back(w.cwiseProduct(mask));
    masks.push_back(mask);
    biases.push_back(Matrix::Zero(1, fan_out));
  }
  for (size_t l = 0; l < weights.size(); ++l) {
    weights_gradient.push_back(Matrix::Zero(weights[l].rows(), weights[l].cols()));
    biases_gradient.push_back(Matrix::Zero(1, weights[l].cols()));
  }
}

void Made::Forward(const Matrix& x, std::vector<Matrix>& pre, std::vector<Matrix>& post) const {
  pre.resize(weights.size());
  post.resize(weights.size() + 1);
  post[0] = x;
  for (size_t l = 0; l < weights.size(); ++l) {
    const Matrix masked = weights[l].cwiseProduct(masks[l]);
    Multiply(post[l], false, masked, false, pre[l]);  // z = h (W ⊙ M) + b
    pre[l].rowwise() += biases[l].row(0);
    if (l + 1 < weights.size()) ApplyActivation(activation_, pre[l], post[l + 1]);
  }
}

void Made::Logits(const Matrix& x, Matrix& logits) const {
  std::vector<Matrix> pre, post;
  Forward(x, pre, post);
  logits = pre.back();
}

Eigen::VectorXd Made::LogLikelihood(const Matrix& x) const {
  Matrix logits;
  Logits(x, logits);
  Eigen::VectorXd ll = Eigen::VectorXd::Zero(x.rows());
  for (Eigen::Index r = 0; r < x.rows(); ++r)
    for (Eigen::Index d = 0; d < x.cols(); ++d) {
      const double a = logits(r, d);
      ll(r) -= Softplus(a) - double(x(r, d)) * a;  // log σ(a) = -softplus(-a) = a - softplus(a)
    }
  return ll;
}

double Made::Backward(const Matrix& x) {
  std::vector<Matrix> pre, post;
  Forward(x, pre, post);
  const float n = float(std::max<Eigen::Index>(x.rows(), 1));
  double nll = 0.0;
  for (Eigen::Index i = 0; i < x.size(); ++i) {
    const double a = pre.back().data()[i];
    nll += Softplus(a) - double(x.data()[i]) * a;
  }
  // ∂NLL/∂a = σ(a) - x, per row, averaged over the rows.
  Matrix grad = pre.back();
  SigmoidInPlace(grad);
  grad = (grad - x) / n;
  for (size_t l = weights.size(); l-- > 0;) {
    Multiply(post[l], true, grad, false, weights_gradient[l]);  // dW = hᵀ dZ, then ⊙ M
    weights_gradient[l] = weights_gradient[l].cwiseProduct(masks[l]);
    biases_gradient[l] = grad.colwise().sum();                  // db = 1ᵀ dZ
    if (l == 0) break;
    const Matrix masked = weights[l].cwiseProduct(masks[l]);
    Matrix grad_post;
    Multiply(grad, false, masked, true, grad_post);  // dH = dZ (W ⊙ M)ᵀ
    ActivationBackward(activation_, pre[l - 1], post[l], grad_post, grad);  // dZ = dH ⊙ f'(z)
  }
  return nll / double(n);
}

Matrix Made::Sample(int count, Rng& rng) const {
  Matrix x = Matrix::Zero(count, inputs());
  Matrix logits;
  for (int d = 0; d < inputs(); ++d) {
    Logits(x, logits);  // column d depends only on the columns before d, which are drawn already
    for (int r = 0; r < count; ++r) x(r, d) = rng.Uniform() < Sigmoid(logits(r, d)) ? 1.0f : 0.0f;
  }
  return x;
}

void Made::CollectParameters(std::vector<ParameterRef>& out) {
  for (size_t l = 0; l < weights.size(); ++l) {
    out.push_back({&weights[l], &weights_gradient[l], true});
    out.push_back({&biases[l], &biases_gradient[l], false});
  }
}

Matrix Binarize(const Matrix& features) {
  return features.unaryExpr([](float v) { return v >= 0.5f ? 1.0f : 0.0f; });
}

Eigen::VectorXd BernoulliMarginals(const Matrix& train) {
  Eigen::VectorXd q(train.cols());
  for (Eigen::Index d = 0; d < train.cols(); ++d)
    q(d) = (double(train.col(d).sum()) + 1.0) / (double(train.rows()) + 2.0);
  return q;
}

double BernoulliMeanLogLikelihood(const Eigen::VectorXd& q, const Matrix& data) {
  double total = 0.0;
  for (Eigen::Index r = 0; r < data.rows(); ++r)
    for (Eigen::Index d = 0; d < data.cols(); ++d)
      total += data(r, d) > 0.5f ? std::log(q(d)) : std::log1p(-q(d));
  return total / double(std::max<Eigen::Index>(data.rows(), 1));
}

}  // namespace netlab
