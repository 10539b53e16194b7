#pragma once
// A task's run, as the page and the command line both drive it: built from a Config (and the data it
// names) by the task table (tasks/table.h), stepped one minibatch update at a time, and measured in one
// report line. `netlab-headless --steps N --report-every N` prints the line the page's
// window.netlab.reportLine() returns after window.netlab.step(N): the page draws the run it is given and
// never trains beside it.
#include <string>
#include <vector>

#include "config/config.h"
#include "core/exported_file.h"
#include "core/tensor.h"
#include "networks/network_in_training.h"

namespace netlab {

class TaskRun {
 public:
  virtual ~TaskRun() = default;
  virtual const Config& config() const = 0;

  // One minibatch update (TF Playground mode: one of TF Playground's epochs). Does nothing once the run
  // has an error or diverged.
  virtual void Step() = 0;
  // Updates taken so far.
  virtual long steps() const = 0;
  // Updates between two reports when none is asked for: an epoch for the tasks counted in epochs.
  virtual long StepsPerReport() const = 0;
  // Updates of one pass over the training data (for --epochs); 0 for the tasks that do not count epochs.
  virtual long StepsPerEpoch() const { return 0; }

  // "step=N ..." with what the task measures now (it may evaluate on the test data: not every frame).
  virtual std::string ReportLine() = 0;
  // ReportLine, kept: the command line's reports and the page's reportLine() are the history that
  // HistoryCsv writes for a run that keeps no richer one.
  std::string Report();
  // A line said once before the reports ("parameters=3658 train=1438 test=359"), or "".
  virtual std::string Preamble() { return ""; }
  // Why the config cannot train on its data (the run then does nothing), "" when it can.
  virtual std::string error() const { return ""; }
  // Why training stopped (a NaN loss), "" while it goes on.
  virtual std::string diverged() const { return ""; }
  // How far the lesson's story has got, 0 to 1, for the tasks that tell one with an end (the deep
  // autoencoder's and the DBN's pretraining and fine-tuning, DQN's exploration schedule, attention
  // learning to reverse): the page paces it so that a class can watch it, shows it as a bar and stops
  // at 1 ("finished: replay or continue"). -1: a run without a planned end. The run itself trains on
  // past 1 when asked (the command line's --steps).
  virtual double Progress() const { return -1.0; }
  // Whether the run has nothing left to train (the deep autoencoder after its last fine-tuning epoch):
  // its Step does nothing more, so the page offers Replay and no Continue.
  virtual bool Ended() const { return false; }

  // The networks the gradient check and the layer statistics inspect, each with the loss it trains.
  virtual std::vector<NamedNetwork> Networks() { return {}; }
  // Every trained parameter and state buffer in a fixed order: what a weights file holds. Empty for a
  // run whose model has none to save.
  virtual std::vector<Matrix*> Parameters() { return {}; }
  // The model as an ONNX file (engine/export); false with `error` saying why when it has none.
  virtual bool ExportOnnx(std::string& bytes, std::string& error) {
    (void)bytes;
    error = "the " + config().task + " task has no ONNX export";
    return false;
  }
  // The model's outputs for each row of `inputs` (--predict); false with `error` when it has no such map.
  virtual bool Predict(const Matrix& inputs, Matrix& outputs, std::string& error) {
    (void)inputs, (void)outputs;
    error = "the " + config().task + " task has no outputs to predict";
    return false;
  }
  // The metrics over time as CSV (a header line, a row per record): by default a row per Report, a
  // column per key of its lines ("step", "epoch", ...), in the order the keys first appear.
  virtual std::string HistoryCsv() const;
  // The data it trains on as CSV, "" when that is not a table (images, data drawn as it trains).
  virtual std::string DatasetCsv() const { return ""; }
  // The run as a PyTorch folder (train.py, notebook.ipynb, its data and weights; the task's own
  // *_pytorch.cpp says what); false with `error` saying why when it has none or its config cannot be
  // written out. `config_text` is quoted in the files: where the run came from.
  // Why this run's config cannot be exported to PyTorch ("" when it can): cheap, for a button to say why
  // it is disabled before anything is written.
  virtual std::string PytorchRefusal() const {
    return "the " + config().task + " task has no PyTorch export";
  }
  virtual bool ExportPytorch(const std::string& config_text, std::vector<ExportedFile>& files, std::string& error) {
    (void)config_text, (void)files;
    error = "the " + config().task + " task has no PyTorch export";
    return false;
  }

 private:
  std::vector<std::string> reports_;
};

// "step=N": how every report line starts; "step=N epoch=E" for the runs counted in epochs (E = the
// passes over the training data so far, as a decimal of up to 9 digits).
std::string ReportPrefix(long steps, long steps_per_epoch);

}  // namespace netlab
