#include "tasks/char_transformer/char_transformer_run.h"

#include <cmath>
#include <sstream>

#include "core/json_text.h"

namespace netlab {
namespace {

TransformerShape ShapeOf(const Config& config, int vocabulary) {
  TransformerShape shape;
  shape.vocabulary = vocabulary;
  shape.context = config.lesson.context;
  shape.width = config.hidden.size() == 1 ? config.hidden[0].units : 0;
  shape.heads = config.lesson.heads;
  shape.blocks = config.lesson.blocks;
  shape.dropout = config.lesson.dropout;
  shape.tied = config.lesson.tied_output;
  return shape;
}

}  // namespace

std::string ValidateCharTransformer(const Config& config) {
  const BuiltInCorpus* corpus = FindBuiltInCorpus(config.data.kind);
  if (!corpus) return "char-transformer trains on a built-in corpus: dataset=gpl-3.";
  const std::string problem = TransformerShapeProblem(ShapeOf(config, 2));
  if (!problem.empty()) return "char-transformer: " + problem + ".";
  if (std::string(corpus->text).size() / 10 < size_t(config.lesson.context) + 1)
    return "char-transformer: the context is longer than the held-out text.";
  return "";
}

CharTransformerRun::CharTransformerRun(const Config& config, const TaskData&) : RunBase(config) {
  report_every_ = 100;
  error_ = ValidateCharTransformer(config);
  if (!error_.empty()) return;
  const std::string text = FindBuiltInCorpus(config.data.kind)->text;
  vocabulary_ = VocabularyOf(text);
  const size_t split = text.size() * 9 / 10;
  const std::string train = text.substr(0, split), held_out = text.substr(split);
  unigram_ = UnigramCrossEntropy(train, held_out, vocabulary_);
  bigram_ = BigramCrossEntropy(train, held_out, vocabulary_);
  held_out_ = vocabulary_.Encode(held_out);
  // The initial weights from the run's stream, the dropout masks and the batches from streams of their own.
  model_ = std::make_unique<CharTransformer>(ShapeOf(config, vocabulary_.size()), rng_, rng_.NextBits());
  CharTrainingSettings settings;
  settings.batch = std::max(1, config.batch_size);
  settings.optimizer = config.optimizer;
  settings.optimizer.seed = config.seed;
  settings.schedule = config.schedule;
  trainer_ = std::make_unique<CharTrainer>(*model_, vocabulary_.Encode(train), settings, rng_.NextBits());
}

void CharTransformerRun::Step() {
  if (!error_.empty() || !diverged_.empty()) return;
  last_loss_ = trainer_->Step();
  ++updates_;
  if (!std::isfinite(last_loss_)) diverged_ = "The loss became NaN or infinite: lower the learning rate and press Reset.";
}

std::string CharTransformerRun::ReportLine() {
  if (!model_) return "error=" + error_;
  std::ostringstream line;
  line << Prefix() << " train_loss=" << JsonNumber(last_loss_) << " test_loss=" << JsonNumber(HeldOutLoss(*model_, held_out_))
       << " unigram=" << JsonNumber(unigram_) << " bigram=" << JsonNumber(bigram_);
  return line.str();
}

std::vector<Matrix*> CharTransformerRun::Parameters() {
  std::vector<Matrix*> values;
  if (model_)
    for (const NamedParameter& p : model_->Parameters()) values.push_back(p.value);
  return values;
}

}  // namespace netlab
