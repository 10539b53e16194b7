#pragma once
// What most tasks' runs share (train/task_run.h): the config, the run's own random stream (the config's
// seed, so the same config gives the same numbers in the page and headless), one batcher over the
// training rows, the update count and the error and divergence messages.
#include <string>
#include <vector>

#include "core/rng.h"
#include "nn/network.h"
#include "train/batcher.h"
#include "train/task_run.h"

namespace netlab {

class RunBase : public TaskRun {
 public:
  const Config& config() const override { return config_; }
  long steps() const override { return updates_; }
  std::string error() const override { return error_; }
  std::string diverged() const override { return diverged_; }
  // Updates taken so far (the page's views and the tests read it by this name too).
  long updates() const { return updates_; }
  // Passes over the training rows completed.
  long epochs_done() const { return batcher_.passes(); }
  // Minibatches per pass over the training rows (epoch_rows_), 0 for a run that counts no epochs.
  long StepsPerEpoch() const override { return epoch_rows_ > 0 ? EpochBatches(size_t(epoch_rows_)) : 0; }
  // report_every_ when the run sets one, else an epoch.
  long StepsPerReport() const override { return report_every_ > 0 ? report_every_ : StepsPerEpoch(); }

 protected:
  explicit RunBase(const Config& config) : config_(config), rng_(config.seed) {}
  // The next minibatch (config.batch_size rows) of `rows`, the training rows reshuffled each pass, into
  // `batch`, their indices into batch_rows_; true when it ended a pass.
  bool NextBatch(const Matrix& rows, Matrix& batch);
  // Minibatches in one pass over `rows` training rows (at least 1).
  long EpochBatches(size_t rows) const { return Batcher::BatchesPerPass(rows, config_.batch_size); }
  // The values of `parameters` (TaskRun::Parameters of the models that keep ParameterRefs).
  static std::vector<Matrix*> ValuesOf(const std::vector<ParameterRef>& parameters);
  // A network's parameters, then its state (batch-norm statistics).
  static std::vector<Matrix*> BuffersOf(Network& network);
  // ReportPrefix for this run: step=updates, and epoch= for the runs with StepsPerEpoch.
  std::string Prefix() const { return ReportPrefix(updates_, StepsPerEpoch()); }

  Config config_;
  // The rows one epoch passes over (0: the run counts no epochs), and the updates between two reports
  // (0: an epoch); each run sets them in its constructor.
  long epoch_rows_ = 0, report_every_ = 0;
  Rng rng_;
  Batcher batcher_;
  std::vector<int> batch_rows_;
  std::string error_, diverged_;
  long updates_ = 0;
};

}  // namespace netlab
