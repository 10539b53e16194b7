#pragma once
// Discrete latent variables by the Gumbel-max trick and its softmax relaxation.
//  - Gumbel-max: with G_k = −log(−log U_k), U_k ~ Uniform(0, 1), argmax_k (log α_k + G_k) is class k with
//    probability α_k / Σ α (Gumbel 1954; Maddison, Tarlow & Minka 2014).
//  - Gumbel-softmax / Concrete: y = softmax((log α + G) / τ) is a point of the simplex that tends to the
//    one-hot Gumbel-max sample as the temperature τ falls and is differentiable in α (Jang, Gu & Poole
//    2017; Maddison, Mnih & Teh 2017).
#include <cstdint>
#include <string>
#include <vector>

#include "core/rng.h"

namespace netlab {

// One standard Gumbel draw, −log(−log U) with U strictly inside (0, 1) (53 random bits, offset by half
// a step so that neither log sees 0).
double GumbelNoise(Rng& rng);
// Fills `noise` with one Gumbel draw per class.
void GumbelNoise(Rng& rng, std::vector<double>& noise);

// argmax_k (log_alpha[k] + noise[k]).
int GumbelMax(const std::vector<double>& log_alpha, const std::vector<double>& noise);
// softmax((log_alpha + noise) / temperature), computed with the maximum subtracted so no exp overflows.
std::vector<double> RelaxedSample(const std::vector<double>& log_alpha, const std::vector<double>& noise,
                                  double temperature);

struct GumbelSettings {
  std::vector<double> alpha = {1, 2, 3, 4};  // unnormalised class weights, each > 0
  double temperature = 0.5;                   // τ of the relaxation
  int samples_per_step = 1000;
};

// Empty when the settings can run, else what is wrong (a weight that is not > 0, a temperature that is
// not > 0, no classes, no samples).
std::string GumbelSettingsError(const GumbelSettings& settings);

// The lesson's running experiment: each step draws samples_per_step noise vectors, counts the
// Gumbel-max classes and averages the relaxed samples' largest component.
class GumbelExperiment {
 public:
  explicit GumbelExperiment(const GumbelSettings& settings);
  void Reset(uint64_t seed);
  void Step();  // does nothing while error() is not empty
  const std::string& error() const { return error_; }

  long samples() const { return samples_; }
  std::vector<double> Probabilities() const;  // α / Σ α
  std::vector<double> Frequencies() const;    // Gumbel-max counts / samples
  double MeanMaxComponent() const;            // mean over samples of max_k y_k, 1 for one-hot samples
  // Pearson's χ² of the counts against Probabilities(); about classes − 1 when they match.
  double ChiSquare() const;
  const std::vector<double>& last_relaxed() const { return last_relaxed_; }

 private:
  GumbelSettings settings_;
  std::string error_;
  std::vector<double> log_alpha_;
  Rng rng_;
  std::vector<long> counts_;
  double max_component_sum_ = 0.0;
  long samples_ = 0;
  std::vector<double> noise_, last_relaxed_;
};

}  // namespace netlab
