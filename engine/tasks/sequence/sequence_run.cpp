// The sequence task: backpropagation through time on fresh sine waves, one batch per step.
#include <algorithm>
#include <limits>
#include <sstream>

#include "core/json_text.h"
#include "export/onnx_recurrent.h"
#include "networks/model_losses.h"
#include "tasks/sequence/sequence_run.h"

namespace netlab {

LayerConfig SequenceRun::Cell(const Config& config) {
  return config.hidden.empty() ? LayerConfig{16, "tanh", 2, "none", "none", 0, 0, "lstm"} : config.hidden[0];
}

SequenceRun::SequenceRun(const Config& config, const TaskData&) : RunBase(config) {
  const LayerConfig cell = Cell(config);
  model_ = std::make_unique<SineRegressor>(cell.kind, cell.units, rng_);
  wave_stream_start_ = rng_.state();
  if (!model_->valid()) error_ = "Unknown recurrent cell '" + cell.kind + "'.";
  OptimizerSettings settings = config.optimizer;
  settings.seed = config.seed;
  optimizer_ = CreateOptimizer(settings);
  Rng validation_rng(kValidationSeed);
  MakeSineBatch(kValidationWaves, config.family.sequence_length, config.data.noise, validation_rng, validation_);
  report_every_ = 200;
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
  weight_norms_.Record(updates_, model_->parameters());
  loss_history_.Add(std::max(last_.loss, 1e-12));
  gradient_history_.Add(std::max(last_.gradient_norm, 1e-12));
  ++updates_;
}

bool SequenceRun::clipped() const {
  const float clip = config_.regularization.clip_norm;
  return clip > 0.0f && last_.gradient_norm > double(clip);
}

std::vector<NamedNetwork> SequenceRun::Networks() {
  if (!error_.empty()) return {};
  constexpr int kWaves = 8;
  NamedNetwork named{model_->cell_kind(), {}};
  NetworkInTraining& n = named.network;
  const int steps = config_.family.sequence_length;
  const float noise = config_.data.noise;
  n.step = updates_;
  n.batch_label = std::to_string(kWaves) + " waves of " + std::to_string(steps) + " steps";
  n.loss_label = "the mean squared error of the next-value predictions over every step of " + std::to_string(kWaves) +
                 " fixed waves (backpropagation through time)";
  const SineRegressor& model = *model_;
  n.checked_loss = [&model, steps, noise] {
    Rng wave_rng(2024);  // the same waves every time
    SineBatch batch;
    MakeSineBatch(kWaves, steps, noise, wave_rng, batch);
    return SequenceLoss(model, std::move(batch));
  };
  weight_norms_.AppendTo(n.gradient_norms);
  return {named};
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
