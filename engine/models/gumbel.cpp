#include "models/gumbel.h"

#include <algorithm>
#include <cmath>

namespace netlab {

double GumbelNoise(Rng& rng) {
  const double u = (double(rng.NextBits() >> 11) + 0.5) * (1.0 / 9007199254740992.0);  // in (0, 1)
  return -std::log(-std::log(u));
}

void GumbelNoise(Rng& rng, std::vector<double>& noise) {
  for (double& g : noise) g = GumbelNoise(rng);
}

int GumbelMax(const std::vector<double>& log_alpha, const std::vector<double>& noise) {
  int best = 0;
  for (size_t k = 1; k < log_alpha.size(); ++k)
    if (log_alpha[k] + noise[k] > log_alpha[size_t(best)] + noise[size_t(best)]) best = int(k);
  return best;
}

std::vector<double> RelaxedSample(const std::vector<double>& log_alpha, const std::vector<double>& noise,
                                  double temperature) {
  std::vector<double> y(log_alpha.size());
  double top = -INFINITY;
  for (size_t k = 0; k < y.size(); ++k) {
    y[k] = (log_alpha[k] + noise[k]) / temperature;
    top = std::max(top, y[k]);
  }
  double sum = 0.0;
  for (double& v : y) sum += (v = std::exp(v - top));
  for (double& v : y) v /= sum;
  return y;
}

std::string GumbelSettingsError(const GumbelSettings& s) {
  if (s.alpha.empty()) return "the categorical distribution needs at least one class";
  for (double a : s.alpha)
    if (!(a > 0.0) || !std::isfinite(a)) return "every class weight alpha must be a finite number above 0";
  if (!(s.temperature > 0.0) || !std::isfinite(s.temperature)) return "the temperature must be a finite number above 0";
  if (s.samples_per_step < 1) return "samples per step must be at least 1";
  return "";
}

GumbelExperiment::GumbelExperiment(const GumbelSettings& settings) : settings_(settings) { Reset(1); }

void GumbelExperiment::Reset(uint64_t seed) {
  log_alpha_.clear();
  error_ = GumbelSettingsError(settings_);
  if (error_.empty())
    for (double a : settings_.alpha) log_alpha_.push_back(std::log(a));
  rng_ = Rng(seed);
  counts_.assign(log_alpha_.size(), 0);
  max_component_sum_ = 0.0;
  samples_ = 0;
  noise_.assign(log_alpha_.size(), 0.0);
  last_relaxed_.clear();
}

void GumbelExperiment::Step() {
  if (log_alpha_.empty()) return;
  for (int s = 0; s < settings_.samples_per_step; ++s) {
    GumbelNoise(rng_, noise_);
    ++counts_[size_t(GumbelMax(log_alpha_, noise_))];
    last_relaxed_ = RelaxedSample(log_alpha_, noise_, settings_.temperature);
    max_component_sum_ += *std::max_element(last_relaxed_.begin(), last_relaxed_.end());
    ++samples_;
  }
}

std::vector<double> GumbelExperiment::Probabilities() const {
  double total = 0.0;
  for (double a : settings_.alpha) total += a;
  std::vector<double> p;
  if (!error_.empty()) return p;
  for (double a : settings_.alpha) p.push_back(a / total);
  return p;
}

std::vector<double> GumbelExperiment::Frequencies() const {
  std::vector<double> f;
  for (long c : counts_) f.push_back(samples_ > 0 ? double(c) / double(samples_) : 0.0);
  return f;
}

double GumbelExperiment::MeanMaxComponent() const { return samples_ > 0 ? max_component_sum_ / double(samples_) : 0.0; }

double GumbelExperiment::ChiSquare() const {
  const std::vector<double> p = Probabilities();
  double chi = 0.0;
  for (size_t k = 0; k < p.size(); ++k) {
    const double expected = p[k] * double(samples_);
    chi += (double(counts_[k]) - expected) * (double(counts_[k]) - expected) / expected;
  }
  return chi;
}

}  // namespace netlab
