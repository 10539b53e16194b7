#include "boltzmann/sigmoid_belief_net.h"

#include <algorithm>
#include <cmath>
#include <limits>

namespace netlab {
namespace {

// log σ(x) and log(1 - σ(x)) = log σ(-x), without overflow for large |x|.
double LogSigmoid(double x) { return x >= 0 ? -std::log1p(std::exp(-x)) : x - std::log1p(std::exp(x)); }

// log p(s_k | s_<k) of unit k's value in `state`.
double LogConditional(const SigmoidBeliefNet& net, const std::vector<int>& state, int k) {
  double input = net.bias(k);
  for (int j = 0; j < k; ++j)
    if (state[size_t(j)]) input += net.weights(k, j);
  return LogSigmoid(state[size_t(k)] ? input : -input);
}

}  // namespace

SigmoidBeliefNet::SigmoidBeliefNet(int units)
    : weights(Eigen::MatrixXd::Zero(units, units)), bias(Eigen::VectorXd::Zero(units)) {}

double SigmoidBeliefNet::LogJoint(const std::vector<int>& state) const {
  double log_p = 0.0;
  for (int k = 0; k < units(); ++k) log_p += LogConditional(*this, state, k);
  return log_p;
}

double SigmoidBeliefNet::LogOddsGivenRest(const std::vector<int>& state, int i) const {
  std::vector<int> s = state;
  double log_odds = 0.0;
  // Only unit i's own factor and its children's (k > i with w_ki ≠ 0) depend on s_i.
  for (int k = i; k < units(); ++k) {
    if (k > i && weights(k, i) == 0.0) continue;
    s[size_t(i)] = 1;
    log_odds += LogConditional(*this, s, k);
    s[size_t(i)] = 0;
    log_odds -= LogConditional(*this, s, k);
  }
  return log_odds;
}

void SigmoidBeliefNet::GibbsSweep(std::vector<int>& state, const std::vector<int>& evidence, Rng& rng) const {
  for (int i = 0; i < units(); ++i) {
    if (evidence[size_t(i)] != kFree) continue;
    const double on = std::exp(LogSigmoid(LogOddsGivenRest(state, i)));  // p(s_i = 1 | s_-i)
    state[size_t(i)] = rng.Uniform() < on ? 1 : 0;
  }
}

std::vector<int> SigmoidBeliefNet::Sample(Rng& rng) const {
  std::vector<int> s(size_t(units()), 0);
  for (int k = 0; k < units(); ++k) {
    s[size_t(k)] = 1;
    s[size_t(k)] = rng.Uniform() < std::exp(LogConditional(*this, s, k)) ? 1 : 0;
  }
  return s;
}

std::vector<double> ExactPosteriorMarginals(const SigmoidBeliefNet& net, const std::vector<int>& evidence) {
  const int n = net.units();
  std::vector<int> free_units;
  for (int i = 0; i < n; ++i)
    if (evidence[size_t(i)] == kFree) free_units.push_back(i);
  if (free_units.size() > 20) return std::vector<double>(size_t(n), std::numeric_limits<double>::quiet_NaN());
  std::vector<int> state(size_t(n), 0);
  for (int i = 0; i < n; ++i) state[size_t(i)] = evidence[size_t(i)] == kFree ? 0 : evidence[size_t(i)];
  // Σ_s p(s) and Σ_s p(s) s_i over the free settings, scaled by the largest joint so nothing underflows.
  const long settings = 1L << free_units.size();
  std::vector<double> log_joint(size_t(settings), 0.0);
  double largest = -std::numeric_limits<double>::infinity();
  for (long code = 0; code < settings; ++code) {
    for (size_t f = 0; f < free_units.size(); ++f) state[size_t(free_units[f])] = int((code >> f) & 1);
    log_joint[size_t(code)] = net.LogJoint(state);
    largest = std::max(largest, log_joint[size_t(code)]);
  }
  double total = 0.0;
  std::vector<double> on(size_t(n), 0.0);
  for (long code = 0; code < settings; ++code) {
    const double weight = std::exp(log_joint[size_t(code)] - largest);
    total += weight;
    for (size_t f = 0; f < free_units.size(); ++f)
      if ((code >> f) & 1) on[size_t(free_units[f])] += weight;
  }
  std::vector<double> marginals(size_t(n), 0.0);
  for (int i = 0; i < n; ++i)
    marginals[size_t(i)] = evidence[size_t(i)] == kFree ? on[size_t(i)] / total : double(evidence[size_t(i)]);
  return marginals;
}

GibbsPosterior::GibbsPosterior(const SigmoidBeliefNet& net, const std::vector<int>& evidence, int chains)
    : evidence_(evidence), on_(size_t(net.units()), 0) {
  std::vector<int> start(size_t(net.units()), 0);
  for (size_t i = 0; i < start.size(); ++i) start[i] = evidence[i] == kFree ? 0 : evidence[i];
  states_.assign(size_t(std::max(1, chains)), start);
}

void GibbsPosterior::Sweep(const SigmoidBeliefNet& net, Rng& rng) {
  for (std::vector<int>& state : states_) net.GibbsSweep(state, evidence_, rng);
  if (++done_ <= burn_in) return;
  ++counted_;
  for (const std::vector<int>& state : states_)
    for (size_t i = 0; i < state.size(); ++i) on_[i] += state[i];
}

std::vector<double> GibbsPosterior::Marginals() const {
  const double counted = double(counted_) * double(states_.size());
  std::vector<double> marginals(on_.size(), 0.5);
  for (size_t i = 0; i < on_.size(); ++i)
    marginals[i] = evidence_[i] != kFree ? double(evidence_[i]) : counted_ ? double(on_[i]) / counted : 0.5;
  return marginals;
}

SigmoidBeliefNet TwoCausesNet() {
  SigmoidBeliefNet net(3);
  net.bias << -3.0, -3.0, -6.0;
  net.weights(kAlarm, kEarthquake) = 10.0;
  net.weights(kAlarm, kBurglar) = 10.0;
  return net;
}

Matrix SampleDbn(const Dbn& dbn, int count, int gibbs_steps, Rng& rng) {
  if (dbn.layers.empty() || count <= 0) return Matrix();
  const Rbm& top = dbn.layers.back();
  Matrix state, probabilities, hidden, visible_probabilities;
  SampleBernoulli(Matrix::Constant(count, top.visible(), 0.5f), state, rng);
  for (int step = 0; step < std::max(1, gibbs_steps); ++step) {
    top.HiddenProbabilities(state, probabilities);
    top.SampleHidden(probabilities, hidden, rng);
    top.VisibleProbabilities(hidden, visible_probabilities);
    SampleBernoulli(visible_probabilities, state, rng);
  }
  // A lone RBM: its visible units' probabilities given the chain's last hidden sample.
  if (dbn.layers.size() == 1) return visible_probabilities;
  // The down-pass: `state` is a binary sample of the top RBM's visible layer, h_{L-1}.
  for (int l = int(dbn.layers.size()) - 2; l >= 0; --l) {
    dbn.layers[size_t(l)].VisibleProbabilities(state, probabilities);
    if (l == 0) return probabilities;
    SampleBernoulli(probabilities, state, rng);
  }
  return probabilities;
}

}  // namespace netlab
