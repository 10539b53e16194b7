#pragma once
// The character transformer (task `char-transformer`, data: a corpus compiled in, `gpl-3`) as a run the
// page and the headless trainer step alike: CharTransformer (transformer/char_transformer.h) of `blocks`
// blocks, `heads` heads, the width of `layers`' one entry and `context` characters, `dropout` and
// `tied_output`; the corpus's first 90% trained on by CharTrainer (`batch_size` windows a step, the
// config's optimizer at the config's schedule with `warmup_steps`), its last 10% held out. A report is 100
// steps: "step=N train_loss=.. test_loss=.. unigram=.. bigram=..", the last batch's loss, the held-out
// loss and the add-one unigram's and bigram's on the same held-out characters (nats per character).
#include <memory>
#include <string>
#include <vector>

#include "data/task_data.h"
#include "tasks/run_base.h"
#include "transformer/char_corpus.h"
#include "transformer/char_training.h"
#include "transformer/char_transformer.h"

namespace netlab {

// Why `config` cannot train the transformer (the width not a multiple of the heads, an unknown corpus),
// or "".
std::string ValidateCharTransformer(const Config& config);

class CharTransformerRun : public RunBase {
 public:
  // Reads its corpus from the engine: the TaskData the table passes every run is not read.
  CharTransformerRun(const Config& config, const TaskData& unused);
  void Step() override;
  std::string ReportLine() override;
  std::vector<Matrix*> Parameters() override;

  CharTransformer& model() { return *model_; }
  const CharVocabulary& vocabulary() const { return vocabulary_; }
  double unigram() const { return unigram_; }
  double bigram() const { return bigram_; }
  // The last batch's mean loss (nats), as the report's train_loss.
  double last_loss() const { return last_loss_; }
  // The mean loss over the held-out characters now (nats), as the report's test_loss: ~110 forward passes
  // of `context` characters in evaluation (no dropout, no random draws), so the training is not disturbed.
  double HeldOutLossNow() { return model_ ? HeldOutLoss(*model_, held_out_) : 0.0; }
  // The held-out characters (their tokens).
  const std::vector<int>& held_out() const { return held_out_; }

 private:
  CharVocabulary vocabulary_;
  std::vector<int> held_out_;
  std::unique_ptr<CharTransformer> model_;
  std::unique_ptr<CharTrainer> trainer_;
  double unigram_ = 0.0, bigram_ = 0.0, last_loss_ = 0.0;
};

}  // namespace netlab
