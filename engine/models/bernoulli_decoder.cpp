#include "models/bernoulli_decoder.h"

#include "nn/logistic.h"

namespace netlab {

double BernoulliDecoder::Loss(const Matrix& codes, const Matrix& targets) {
  Matrix pre;
  hidden_layer.Forward(codes, pre);
  hidden_ = pre.array().tanh().matrix();
  output_layer.Forward(hidden_, logits_);
  return SumBernoulliNll(logits_, targets) / double(targets.rows());
}

void BernoulliDecoder::Backward(const Matrix& targets, Matrix& grad_codes) {
  const float batch = float(targets.rows());
  Matrix grad_hidden;
  // ∂BCE/∂logits = σ(logits) − x; through tanh, 1 − g².
  Matrix grad_logits = logits_;
  SigmoidInPlace(grad_logits);
  grad_logits = (grad_logits - targets) / batch;
  output_layer.Backward(grad_logits, grad_hidden);
  const Matrix grad_pre = (grad_hidden.array() * (1.0f - hidden_.array().square())).matrix();
  hidden_layer.Backward(grad_pre, grad_codes);
}

Matrix BernoulliDecoder::Logits(const Matrix& codes) {
  Matrix pre, logits;
  hidden_layer.Forward(codes, pre);
  output_layer.Forward(pre.array().tanh().matrix(), logits);
  return logits;
}

Matrix BernoulliDecoder::Means(const Matrix& codes) {
  Matrix means = Logits(codes);
  SigmoidInPlace(means);
  return means;
}

}  // namespace netlab
