#pragma once
// Sigmoid belief network (Neal 1992, "Connectionist learning of belief networks"): binary units
// s_1 .. s_n in a fixed order, each unit's parents earlier than itself, with
//   p(s_i = 1 | s_<i) = σ(b_i + Σ_{j<i} w_ij s_j),   p(s) = Π_i p(s_i | s_<i).
// Drawing a sample is one pass in order (ancestral sampling); inferring the causes of what was observed
// is not: the posterior over the unobserved units does not factorise, because two causes of one
// observed effect compete to explain it ("explaining away"). Neal samples it by Gibbs sampling, each
// unobserved unit in turn from its conditional given all the others (Neal 1992, section 3):
//   log p(s_i=1 | s_-i) / p(s_i=0 | s_-i) = b_i + Σ_{j<i} w_ij s_j
//                                           + Σ_{k>i} [log p(s_k | s_<k, s_i=1) - log p(s_k | s_<k, s_i=0)],
// the prior from the unit's parents plus what each of its children says about it.
#include <vector>

#include "core/rng.h"
#include "core/tensor.h"
#include "boltzmann/dbn.h"

namespace netlab {

// Evidence for inference: kFree for an unobserved unit, 0 or 1 for an observed one.
constexpr int kFree = -1;

class SigmoidBeliefNet {
 public:
  explicit SigmoidBeliefNet(int units);
  int units() const { return int(bias.size()); }

  // log p(s) of a full binary state.
  double LogJoint(const std::vector<int>& state) const;
  // log p(s_i=1 | s_-i) - log p(s_i=0 | s_-i): the Gibbs conditional's log-odds above.
  double LogOddsGivenRest(const std::vector<int>& state, int i) const;
  // One Gibbs sweep over the units that `evidence` leaves free, in order, in place in `state` (whose
  // observed units must already hold the evidence).
  void GibbsSweep(std::vector<int>& state, const std::vector<int>& evidence, Rng& rng) const;
  // Ancestral sample of every unit.
  std::vector<int> Sample(Rng& rng) const;

  Eigen::MatrixXd weights;  // units x units, weights(i, j) from parent j to child i; zero unless j < i
  Eigen::VectorXd bias;     // units
};

// p(s_i = 1 | evidence) for every unit by summing the joint over all settings of the free units, in
// double precision (observed units give their observed value). At most 20 free units; NaNs otherwise.
std::vector<double> ExactPosteriorMarginals(const SigmoidBeliefNet& net, const std::vector<int>& evidence);

// Gibbs estimates of the same marginals from `chains` independent chains, each started with the free
// units off: `burn_in` sweeps discarded, then the fraction of the counted states in which each unit was
// on. Where the posterior has separated modes, one chain's states are correlated over many sweeps, so
// several short chains give a steadier estimate than one long one.
class GibbsPosterior {
 public:
  GibbsPosterior(const SigmoidBeliefNet& net, const std::vector<int>& evidence, int chains = 1);
  void Sweep(const SigmoidBeliefNet& net, Rng& rng);  // one sweep of every chain; counted after `burn_in`
  std::vector<double> Marginals() const;
  long sweeps() const { return counted_; }  // counted sweeps per chain
  int chains() const { return int(states_.size()); }
  int burn_in = 50;

 private:
  std::vector<int> evidence_;
  std::vector<std::vector<int>> states_;
  std::vector<long> on_;
  long done_ = 0, counted_ = 0;
};

// The two-causes example (units: 0 earthquake, 1 burglar, 2 alarm; both causes are parents of the
// alarm). Each cause is rare, p = σ(-3) ≈ 0.047; the alarm is almost never on without a cause,
// σ(-6) ≈ 0.0025, and almost surely with one, σ(-6 + 10) ≈ 0.982 (σ(14) with both). Observing the alarm
// makes each cause as likely as not (0.500); observing the burglar as well makes the earthquake about as
// unlikely as before (0.048; its prior 0.047): the burglar explains the alarm away. Observing that there
// was no burglar makes the earthquake almost certain (0.952).
SigmoidBeliefNet TwoCausesNet();
enum TwoCausesUnit { kEarthquake = 0, kBurglar = 1, kAlarm = 2 };

// A deep belief net as a generative model (Hinton, Osindero & Teh 2006): its top two layers are an
// undirected RBM and the layers below are a sigmoid belief net whose weights are the lower RBMs'
// (p(h_{l-1} = 1 | h_l) = σ(b_l + W_l h_l)). Samples: `gibbs_steps` alternating Gibbs steps in the top RBM
// from random states, then one ancestral down-pass, binary at every layer except the visible one, which
// gives its probabilities p(v | h_1). One row per sample, `count` rows.
Matrix SampleDbn(const Dbn& dbn, int count, int gibbs_steps, Rng& rng);

}  // namespace netlab
