// The attention lesson: learning to reverse a sequence through dot-product attention (lessons/attention_run.h).
#include "tasks/attention/attention_run.h"

#include <cmath>
#include <sstream>

#include "core/json_text.h"

namespace netlab {

AttentionRun::AttentionRun(const Config& config, const TaskData&) : RunBase(config) {
  report_every_ = 200;
  const int length = config.family.sequence_length;
  vocabulary_ = config.lesson.vocabulary;
  if (config.hidden.size() != 1 || length < 2 || length > kMaxLength || vocabulary_ < 2 || vocabulary_ > kMaxVocabulary) {
    error_ = "The attention toy needs one dense layer (its width), a sequence length of 2 to " +
             std::to_string(kMaxLength) + " and a vocabulary of 2 to " + std::to_string(kMaxVocabulary) + " tokens.";
    return;
  }
  model_ = std::make_unique<ReverseAttention>(length, vocabulary_, config.hidden[0].units, rng_);
  OptimizerSettings settings = config.optimizer;
  settings.seed = config.seed;
  optimizer_ = CreateOptimizer(settings);
  parameters_ = model_->Parameters();
  Rng test_rng(DataSeedOf(config.seed));
  test_ = model_->SampleSequences(200, test_rng);
}

uint64_t AttentionRun::DataSeedOf(uint64_t seed) { return seed * 0x9E3779B97F4A7C15ull + 1; }

void AttentionRun::Step() {
  if (!error_.empty() || !diverged_.empty()) return;
  last_loss_ = model_->Loss(model_->SampleSequences(std::max(1, config_.batch_size), rng_), true);
  optimizer_->Step(parameters_);
  ++updates_;
  if (!std::isfinite(last_loss_)) diverged_ = "The loss became NaN or infinite: lower the learning rate and press Reset.";
}

std::string AttentionRun::ReportLine() {
  if (!model_) return "error=" + error_;
  std::ostringstream line;
  line << Prefix() << " train_loss=" << JsonNumber(last_loss_)
       << " test_loss=" << JsonNumber(model_->Loss(test_, false)) << " test_accuracy=" << JsonNumber(model_->Accuracy(test_))
       << " anti_diagonal=" << JsonNumber(model_->AntiDiagonalWeight(test_));
  return line.str();
}

}  // namespace netlab
