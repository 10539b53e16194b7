// The sigmoid belief net lesson: Gibbs inference over the two-causes net, and a DBN pretrained on the
// data to sample from (lessons/sbn_run.h).
#include "tasks/sbn/sbn_run.h"

#include <algorithm>
#include <cmath>
#include <sstream>

#include "core/json_text.h"

namespace netlab {
namespace {

std::vector<int> EvidenceOf(int evidence) {
  std::vector<int> e(3, kFree);
  e[kAlarm] = 1;
  if (evidence == SbnRun::kAlarmAndBurglar) e[kBurglar] = 1;
  if (evidence == SbnRun::kAlarmNoBurglar) e[kBurglar] = 0;
  return e;
}

}  // namespace

SbnRun::SbnRun(const Config& config, const TaskData& data) : RunBase(config), data_(data), causes_(TwoCausesNet()) {
  epoch_rows_ = long(data_.train.features.rows());
  for (int e = 0; e < kEvidenceCount; ++e) {
    chains_.emplace_back(causes_, EvidenceOf(e), kChains);
    exact_.push_back(ExactPosteriorMarginals(causes_, EvidenceOf(e)));
  }
  if (data.train.features.rows() == 0) {
    error_ = "The data set has no training samples.";
    return;
  }
  if (config.hidden.empty()) {
    error_ = "The deep belief net needs 1 to 4 dense layers.";
    return;
  }
  pretrainer_ = std::make_unique<DbnPretrainer>(data.train.features, DbnPretrainingOf(config), rng_);
}

void SbnRun::Step() {
  if (!error_.empty() || !diverged_.empty()) return;
  for (GibbsPosterior& chain : chains_)
    for (int sweep = 0; sweep < kSweepsPerStep; ++sweep) chain.Sweep(causes_, rng_);
  if (!pretrainer_->done()) {
    pretrainer_->Step(rng_);
    if (!pretrainer_->dbn().layers.back().weights.allFinite())
      diverged_ = "An RBM weight became NaN or infinite: lower the learning rate and press Reset.";
  }
  ++updates_;
}


Matrix SbnRun::DbnSamples(int count, int gibbs_steps, Rng& rng) const {
  return SampleDbn(pretrainer_->dbn(), count, gibbs_steps, rng);
}

Matrix SbnRun::RbmDreams(int count, int gibbs_steps, Rng& rng) const {
  Dbn bottom;
  if (pretrainer_->dbn().layers.empty()) return Matrix();
  bottom.layers.push_back(pretrainer_->dbn().layers.front());
  return SampleDbn(bottom, count, gibbs_steps, rng);
}

std::string SbnRun::ReportLine() {
  std::ostringstream line;
  line << Prefix() << " sweeps=" << sweeps();
  const char* keys[kEvidenceCount] = {"alarm", "alarm_burglar", "alarm_no_burglar"};
  for (int e = 0; e < kEvidenceCount; ++e)
    line << " earthquake_given_" << keys[e] << "=" << JsonNumber(Estimate(e, kEarthquake)) << " exact_" << keys[e]
         << "=" << JsonNumber(Exact(e, kEarthquake));
  if (!pretrainer_) return line.str();
  // The latest layer with a finished epoch and its reconstruction error on its own input.
  int layer = std::min(pretrainer_->layer(), pretrainer_->layers() - 1);
  if (layer > 0 && pretrainer_->EpochsDone(layer) == 0) --layer;
  line << " dbn_layer=" << layer + 1 << " dbn_epoch=" << pretrainer_->EpochsDone(layer)
       << " reconstruction_error=" << JsonNumber(pretrainer_->ReconstructionError(layer));
  return line.str();
}

}  // namespace netlab
