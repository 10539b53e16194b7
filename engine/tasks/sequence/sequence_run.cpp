// The sequence task: backpropagation through time on fresh sine waves, one batch per step.
#include <limits>
#include <sstream>

#include "core/json_text.h"
#include "export/onnx_recurrent.h"
#include "tasks/sequence/sequence_run.h"

namespace netlab {

SequenceRun::SequenceRun(const Config& config) : RunBase(config) {
  const LayerConfig cell = config.hidden.empty() ? LayerConfig{16, "tanh", 2, "none", "none", 0, 0, "lstm"}
                                                 : config.hidden[0];
  model_ = std::make_unique<SineRegressor>(cell.kind, cell.units, rng_);
  if (!model_->valid()) error_ = "Unknown recurrent cell '" + cell.kind + "'.";
  OptimizerSettings settings = config.optimizer;
  settings.seed = config.seed;
  optimizer_ = CreateOptimizer(settings);
  Rng validation_rng(4242);
  MakeSineBatch(64, config.family.sequence_length, config.data.noise, validation_rng, validation_);
}

void SequenceRun::Step() {
  if (!error_.empty() || !diverged_.empty()) return;
  MakeSineBatch(config_.batch_size, config_.family.sequence_length, config_.data.noise, rng_, batch_);
  const float clip = config_.regularization.clip_norm;
  last_ = model_->TrainStep(batch_, *optimizer_, clip > 0.0f ? double(clip) : std::numeric_limits<double>::infinity());
  if (!last_.applied) {
    diverged_ = "The loss or a gradient became NaN or infinite: lower the learning rate or clip the gradient norm.";
    return;
  }
  if (updates_ == 0) first_loss_ = last_.loss;
  ++updates_;
}

double SequenceRun::ValidationLoss() { return model_->Evaluate(validation_); }

std::string SequenceRun::ReportLine() {
  std::ostringstream line;
  line << Prefix() << " train_loss=" << JsonNumber(last_.loss)
       << " validation_loss=" << JsonNumber(ValidationLoss()) << " gradient_norm=" << JsonNumber(last_.gradient_norm);
  return line.str();
}

bool SequenceRun::ExportOnnx(std::string& bytes, std::string& error) { return ExportSequenceOnnx(*model_, bytes, error); }

}  // namespace netlab
