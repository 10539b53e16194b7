#include "models/vae.h"

#include <cmath>

#include "nn/initializer.h"
#include "nn/logistic.h"

namespace netlab {
namespace {

Matrix Tanh(const Matrix& m) { return m.array().tanh().matrix(); }

}  // namespace

Vae::Vae(int inputs, int hidden, int latent)
    : encoder_layer(inputs, hidden),
      mean_layer(hidden, latent),
      log_variance_layer(hidden, latent),
      decoder(latent, hidden, inputs) {}

void Vae::Initialize(Rng& rng) {
  const Initializer* xavier = FindInitializer("xavier_normal");
  for (Dense* layer : {&encoder_layer, &mean_layer, &log_variance_layer, &decoder.hidden_layer, &decoder.output_layer}) {
    xavier->fill(layer->weights, 1.0f, rng);
    layer->bias.setZero();
  }
}

Matrix Vae::SampleNoise(int rows, Rng& rng) const {
  Matrix noise(rows, latent());
  for (Eigen::Index i = 0; i < noise.size(); ++i) noise.data()[i] = rng.Normal();
  return noise;
}

double Vae::Loss(const Matrix& input, const Matrix& noise, double* reconstruction, double* kl) {
  input_ = input;
  noise_ = noise;
  Matrix pre;
  encoder_layer.Forward(input, pre);
  encoder_hidden_ = Tanh(pre);
  mean_layer.Forward(encoder_hidden_, mean_);
  log_variance_layer.Forward(encoder_hidden_, log_variance_);
  latent_ = (mean_.array() + (0.5f * log_variance_.array()).exp() * noise.array()).matrix();
  const double batch = double(input.rows());
  const double reconstruction_term = decoder.Loss(latent_, input);
  const double kl_term =
      0.5 * (mean_.cast<double>().array().square() + log_variance_.cast<double>().array().exp() - 1.0 -
             log_variance_.cast<double>().array()).sum() / batch;
  if (reconstruction) *reconstruction = reconstruction_term;
  if (kl) *kl = kl_term;
  return reconstruction_term + double(kl_weight) * kl_term;
}

void Vae::Backward() {
  const float batch = float(input_.rows());
  Matrix grad, grad_pre, grad_latent;
  decoder.Backward(input_, grad_latent);
  // z = μ + e^{v/2} ε: ∂z/∂μ = 1, ∂z/∂v = ½ e^{v/2} ε. KL: ∂/∂μ = μ, ∂/∂v = ½ (e^v - 1).
  const Eigen::ArrayXXf sigma = (0.5f * log_variance_.array()).exp();
  const Matrix grad_mean = grad_latent + kl_weight * mean_ / batch;
  const Matrix grad_log_variance =
      (grad_latent.array() * 0.5f * sigma * noise_.array() + kl_weight * 0.5f * (sigma.square() - 1.0f) / batch)
          .matrix();
  Matrix grad_from_mean, grad_from_variance;
  mean_layer.Backward(grad_mean, grad_from_mean);
  log_variance_layer.Backward(grad_log_variance, grad_from_variance);
  grad_pre = ((grad_from_mean + grad_from_variance).array() * (1.0f - encoder_hidden_.array().square())).matrix();
  encoder_layer.Backward(grad_pre, grad);
}

void Vae::CollectParameters(std::vector<ParameterRef>& out) {
  for (Dense* layer : {&encoder_layer, &mean_layer, &log_variance_layer, &decoder.hidden_layer, &decoder.output_layer})
    layer->CollectParameters(out);
}

Matrix Vae::Decode(const Matrix& latent_codes) { return decoder.Means(latent_codes); }

Matrix Vae::EncodeMean(const Matrix& input) {
  Matrix pre, mean;
  encoder_layer.Forward(input, pre);
  mean_layer.Forward(Tanh(pre), mean);
  return mean;
}

}  // namespace netlab
