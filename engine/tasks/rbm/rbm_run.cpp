// The RBM task: CD-k or persistent CD on the training images, one minibatch per step.
#include <sstream>

#include "core/json_text.h"
#include "tasks/rbm/rbm_run.h"

namespace netlab {

RbmRun::RbmRun(const Config& config, const TaskData& data)
    : RunBase(config), data_(data), rbm_(data.inputs(), config.hidden.empty() ? 1 : config.hidden[0].units) {
  if (data.train.labels.empty()) error_ = "The data set has no training samples.";
  rbm_.Initialize(rng_);
  ApplyCdSettings(config, settings_);
  epoch_rows_ = long(data_.train.labels.size());
}

void RbmRun::Step() {
  if (!error_.empty() || !diverged_.empty()) return;
  NextBatch(data_.train.features, batch_);
  rbm_.TrainStep(batch_, settings_, rng_);
  ++updates_;
  if (!rbm_.weights.allFinite()) diverged_ = "A weight became NaN or infinite: lower the learning rate and press Reset.";
}


std::string RbmRun::ReportLine() {
  std::ostringstream line;
  line << Prefix() << " test_reconstruction_error=" << JsonNumber(TestReconstructionError());
  return line.str();
}

}  // namespace netlab
