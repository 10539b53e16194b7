#include "nn/activation.h"

#include "core/parallel_ranges.h"
#include "core/registry.h"

#include <cmath>

namespace netlab {
namespace {

constexpr float kLeakySlope = 0.01f;

float LinearValue(float x) { return x; }
float LinearDerivative(float, float) { return 1.0f; }

float ReluValue(float x) { return x > 0.0f ? x : 0.0f; }
float ReluDerivative(float x, float) { return x > 0.0f ? 1.0f : 0.0f; }

float LeakyReluValue(float x) { return x > 0.0f ? x : kLeakySlope * x; }
float LeakyReluDerivative(float x, float) { return x > 0.0f ? 1.0f : kLeakySlope; }

float AbsValue(float x) { return std::fabs(x); }
float AbsDerivative(float x, float) { return x > 0.0f ? 1.0f : (x < 0.0f ? -1.0f : 0.0f); }

// ELU with alpha = 1 (Clevert et al. 2016): x for x > 0, e^x - 1 otherwise; f' = f + 1 there.
float EluValue(float x) { return x > 0.0f ? x : std::expm1(x); }
float EluDerivative(float x, float y) { return x > 0.0f ? 1.0f : y + 1.0f; }

// GELU, exact form (Hendrycks & Gimpel 2016): x Phi(x), f' = Phi(x) + x phi(x).
float GeluValue(float x) { return 0.5f * x * (1.0f + std::erf(x * 0.70710678f)); }
float GeluDerivative(float x, float) {
  return 0.5f * (1.0f + std::erf(x * 0.70710678f)) + x * 0.39894228f * std::exp(-0.5f * x * x);
}

float SigmoidValue(float x) { return Sigmoid(x); }
float SigmoidDerivative(float, float y) { return y * (1.0f - y); }

float TanhValue(float x) { return std::tanh(x); }
float TanhDerivative(float, float y) { return 1.0f - y * y; }

float SoftplusValue(float x) { return Softplus(x); }
float SoftplusDerivative(float x, float) { return Sigmoid(x); }

// Swish / SiLU (Ramachandran et al. 2017; Elfwing et al. 2018): x σ(x); f' = σ(x) + f (1 − σ(x)).
float SwishValue(float x) { return x * Sigmoid(x); }
float SwishDerivative(float x, float y) {
  const float s = Sigmoid(x);
  return s + y * (1.0f - s);
}

// Mish (Misra 2019): x tanh(softplus(x)); f' = tanh(sp) + x (1 − tanh²(sp)) σ(x), as sp' = σ.
float MishValue(float x) { return x * std::tanh(Softplus(x)); }
float MishDerivative(float x, float) {
  const float t = std::tanh(Softplus(x));
  return t + x * (1.0f - t * t) * Sigmoid(x);
}

// Sine (periodic units, as SIREN's; TF Playground's sin features made into a layer): f' = cos x.
float SineValue(float x) { return std::sin(x); }
float SineDerivative(float x, float) { return std::cos(x); }

// Gaussian (a radial-basis unit): e^(−x²); f' = −2 x f.
float GaussianValue(float x) { return std::exp(-x * x); }
float GaussianDerivative(float x, float y) { return -2.0f * x * y; }

}  // namespace

const std::vector<Activation>& Activations() {
  static const std::vector<Activation> table = {
      {"linear", "Linear", "f(x) = x", LinearValue, LinearDerivative},
      {"relu", "ReLU", "f(x) = max(0, x)", ReluValue, ReluDerivative, true, true},
      {"leaky_relu", "Leaky ReLU", "f(x) = x if x > 0 else 0.01 x", LeakyReluValue, LeakyReluDerivative, true, true},
      {"sigmoid", "Sigmoid", "f(x) = 1 / (1 + e^-x),  f' = f (1 - f)", SigmoidValue, SigmoidDerivative},
      {"tanh", "Tanh", "f(x) = tanh(x),  f' = 1 - f^2", TanhValue, TanhDerivative},
      {"softplus", "Softplus", "f(x) = log(1 + e^x),  f' = sigmoid(x)", SoftplusValue, SoftplusDerivative},
      {"abs", "Absolute value", "f(x) = |x|  (absolute-value rectification)", AbsValue, AbsDerivative, true, true},
      {"elu", "ELU", "f(x) = x if x > 0 else e^x - 1", EluValue, EluDerivative},
      {"gelu", "GELU", "f(x) = x Phi(x), Phi the standard normal CDF", GeluValue, GeluDerivative},
      {"prelu", "PReLU", "f(x) = x if x > 0 else a x, slope a learned per unit (starts at 0.25)", nullptr,
       nullptr, false, true},
      {"softmax", "Softmax", "f(x)_i = e^x_i / sum_j e^x_j over the layer", nullptr, nullptr, false},
      {"maxout", "Maxout", "f(x) = max over k linear pieces (k set per layer)", nullptr, nullptr, false, true},
      // Added after the table's first links; the order is the panels' and the docs', not a link's.
      {"swish", "Swish (SiLU)", "f(x) = x σ(x),  f' = σ(x) + f (1 − σ(x))", SwishValue, SwishDerivative},
      {"mish", "Mish", "f(x) = x tanh(softplus(x))", MishValue, MishDerivative},
      {"sine", "Sine", "f(x) = sin x,  f' = cos x", SineValue, SineDerivative},
      {"gaussian", "Gaussian", "f(x) = e^(−x²),  f' = −2x f", GaussianValue, GaussianDerivative},
  };
  return table;
}

namespace {

// The loops with the activation's function inlined, so that the compiler vectorises them (through the
// table's function pointer each element costs a call); the same function, so the same bits.
using ValueRange = void (*)(const float* in, float* out, long begin, long end);
using DerivativeRange = void (*)(const float* in, const float* out, const float* grad_out, float* grad_in,
                                 long begin, long end);

template <float (*Value)(float)>
void ValueLoop(const float* in, float* out, long begin, long end) {
  for (long i = begin; i < end; ++i) out[i] = Value(in[i]);
}
template <float (*Derivative)(float, float)>
void DerivativeLoop(const float* in, const float* out, const float* grad_out, float* grad_in, long begin, long end) {
  for (long i = begin; i < end; ++i) grad_in[i] = grad_out[i] * Derivative(in[i], out[i]);
}

ValueRange InlinedValue(const Activation& act) {
  if (act.value == ReluValue) return ValueLoop<ReluValue>;
  if (act.value == LeakyReluValue) return ValueLoop<LeakyReluValue>;
  if (act.value == LinearValue) return ValueLoop<LinearValue>;
  if (act.value == AbsValue) return ValueLoop<AbsValue>;
  return nullptr;
}
DerivativeRange InlinedDerivative(const Activation& act) {
  if (act.derivative == ReluDerivative) return DerivativeLoop<ReluDerivative>;
  if (act.derivative == LeakyReluDerivative) return DerivativeLoop<LeakyReluDerivative>;
  if (act.derivative == LinearDerivative) return DerivativeLoop<LinearDerivative>;
  if (act.derivative == AbsDerivative) return DerivativeLoop<AbsDerivative>;
  if (act.derivative == SigmoidDerivative) return DerivativeLoop<SigmoidDerivative>;
  if (act.derivative == TanhDerivative) return DerivativeLoop<TanhDerivative>;
  return nullptr;
}

}  // namespace

void ApplyActivationRange(const Activation& act, const float* in, float* out, long begin, long end) {
  if (const ValueRange inlined = InlinedValue(act)) inlined(in, out, begin, end);
  else
    for (long i = begin; i < end; ++i) out[i] = act.value(in[i]);
}

void ActivationBackwardRange(const Activation& act, const float* in, const float* out, const float* grad_out,
                             float* grad_in, long begin, long end) {
  if (const DerivativeRange inlined = InlinedDerivative(act)) inlined(in, out, grad_out, grad_in, begin, end);
  else
    for (long i = begin; i < end; ++i) grad_in[i] = grad_out[i] * act.derivative(in[i], out[i]);
}

void ApplyActivation(const Activation& act, const Matrix& input, Matrix& output) {
  output.resize(input.rows(), input.cols());
  ForEachRange(long(input.size()),
               [&](long begin, long end) { ApplyActivationRange(act, input.data(), output.data(), begin, end); });
}

void ActivationBackward(const Activation& act, const Matrix& input, const Matrix& output,
                        const Matrix& grad_output, Matrix& grad_input) {
  grad_input.resize(input.rows(), input.cols());
  ForEachRange(long(input.size()), [&](long begin, long end) {
    ActivationBackwardRange(act, input.data(), output.data(), grad_output.data(), grad_input.data(), begin, end);
  });
}

const Activation* FindActivation(const std::string& name) { return FindByName(Activations(), name); }
int ActivationIndex(const std::string& name) { return IndexByName(Activations(), name); }

}  // namespace netlab
