#pragma once
// The sigmoid belief net lesson (task `sbn`) as a run the page and the headless trainer step alike:
//   - inference in a directed net: Gibbs chains over the two-causes net (models/sigmoid_belief_net.h)
//     with the alarm observed, alone and with the burglar observed on or off, whose estimates of
//     p(earthquake | evidence) approach the exact posteriors (explaining away);
//   - generation from a deep belief net: RBMs of the dense layers' sizes pretrained greedily on the
//     data (as the DBN task does), sampled by Gibbs in the top RBM and the sigmoid down-pass, beside the
//     bottom RBM's own dreams.
// One step is kSweepsPerStep Gibbs sweeps of each chain and, until pretraining ends, one CD update; a
// report is one pretraining epoch's worth of steps.
#include <memory>
#include <string>
#include <vector>

#include "boltzmann/sigmoid_belief_net.h"
#include "data/task_data.h"
#include "optim/optimizer.h"
#include "tasks/cd_settings.h"
#include "tasks/run_base.h"

namespace netlab {

class SbnRun : public RunBase {
 public:
  SbnRun(const Config& config, const TaskData& data);
  void Step() override;
  // "step=N epoch=E sweeps=.. earthquake_given_alarm=.. exact_alarm=.. ..": each chain's estimate of
  // p(earthquake | evidence) beside the exact one, then the DBN's pretraining (dbn_layer, dbn_epoch).
  std::string ReportLine() override;

  // The evidence of each chain: the alarm alone, the alarm and the burglar, the alarm and no burglar.
  enum Evidence { kAlarmOnly = 0, kAlarmAndBurglar = 1, kAlarmNoBurglar = 2, kEvidenceCount = 3 };
  // With the alarm alone a chain swaps between "earthquake" and "burglar" only through the rare states
  // with both or neither on, so it mixes slowly (its states are correlated over about 43 sweeps): many
  // chains, a few cheap sweeps each per step.
  static constexpr int kChains = 64, kSweepsPerStep = 4;
  const SigmoidBeliefNet& causes() const { return causes_; }
  // p(unit = 1 | evidence): exact by enumeration, and the chain's estimate so far.
  double Exact(int evidence, int unit) const { return exact_[size_t(evidence)][size_t(unit)]; }
  double Estimate(int evidence, int unit) const { return chains_[size_t(evidence)].Marginals()[size_t(unit)]; }
  long sweeps() const { return chains_[0].sweeps(); }  // per chain

  const DbnPretrainer& pretrainer() const { return *pretrainer_; }
  // `count` DBN samples (SampleDbn) and the bottom RBM's dreams (its own Gibbs chains from noise, p(v|h)),
  // each after `gibbs_steps` steps, drawn from `rng` (the view's, so drawing does not move the run's stream).
  Matrix DbnSamples(int count, int gibbs_steps, Rng& rng) const;
  Matrix RbmDreams(int count, int gibbs_steps, Rng& rng) const;

 private:
  const TaskData& data_;
  SigmoidBeliefNet causes_;
  std::vector<GibbsPosterior> chains_;
  std::vector<std::vector<double>> exact_;
  std::unique_ptr<DbnPretrainer> pretrainer_;
};

}  // namespace netlab
