#pragma once
// The classification task: the config's layer stack (workbench/layer_stack.h) trained on images or
// table rows with minibatches drawn epoch by epoch (a Fisher-Yates shuffle per epoch), the config's loss
// (softmax cross-entropy or the multiclass hinge), optimizer, schedule, L1/L2 and clipping. Test accuracy
// and the confusion matrix are measured at the end of each epoch, or whenever asked.
#include <cmath>
#include <memory>
#include <string>
#include <vector>

#include "config/config.h"
#include "data/task_data.h"
#include "nn/inference_copy.h"
#include "nn/loss.h"
#include "nn/network.h"
#include "optim/optimizer.h"
#include "tasks/run_base.h"

namespace netlab {

struct ClassifyPoint {
  long step = 0;
  double epoch = 0.0;
  double train_loss = 0.0;  // mean minibatch loss since the previous point
  double test_loss = 0.0, test_accuracy = 0.0;
  std::vector<float> layer_gradient_norms;  // |dL/dW| per weight matrix at the last step, input side first
};

class ClassifyRun : public RunBase {
 public:
  // Training rows the accuracy on the training set is measured on at each report (the labels trained on,
  // shuffled ones included): enough for a percentage, a small share of an epoch's work.
  static constexpr int kTrainAccuracyRows = 2000;

  // `data` must outlive the run. error() is set when the stack cannot be built for this data. With
  // label_noise the run trains on a copy of `data` whose training labels that share was shuffled among
  // (the random-labels lesson, tasks/classify/random_labels.h).
  ClassifyRun(const Config& config, const TaskData& data);

  // One minibatch step (nothing once diverged); epoch_ended() tells whether it completed an epoch.
  void Step() override;
  bool epoch_ended() const { return epoch_ended_; }
  // Evaluates (appending a point to history()) and gives
  // "step=N epoch=E train_loss=... test_loss=... test_accuracy=... train_accuracy=...".
  std::string ReportLine() override;
  std::string Preamble() override;
  std::vector<NamedNetwork> Networks() override;
  std::vector<Matrix*> Parameters() override;
  bool ExportOnnx(std::string& bytes, std::string& error) override;
  // train.py, notebook.ipynb, data.csv, weights.json and a README (tasks/classify/classify_pytorch.cpp).
  bool ExportPytorch(const std::string& config_text, std::vector<ExportedFile>& files, std::string& error) override;
  std::string PytorchRefusal() const override;
  // Class probabilities (softmax) for rows of features as the data has them (images flattened).
  bool Predict(const Matrix& inputs, Matrix& outputs, std::string& error) override;
  std::string HistoryCsv() const override;
  // Test loss, accuracy and confusion over the first `max_rows` test rows (all by default), appended
  // to history() with the mean training loss since the last point.
  // Runs on a copy of the network (nn/inference_copy.h), so the steps after it allocate nothing.
  const ClassifyPoint& Evaluate(int max_rows = -1);
  // The same evaluation spread over calls, for a page that must not hold a frame for it: each call
  // forwards chunks of rows until `budget_seconds` is spent (at least one chunk, of about 2 ms once the
  // first has been timed), on a copy of the weights taken when the pass began, so training may go on
  // between calls. A pass covers the first `max_rows` test rows as Evaluate does, then the first
  // `max_rows` training rows for their accuracy. Returns true when it has finished: its point (with the
  // pass's first step) is appended to history() and confusion() replaced, as an Evaluate at that step
  // would have, and pass_train_accuracy() holds the training rows' accuracy.
  bool EvaluateInChunks(int max_rows, double budget_seconds);
  bool evaluating() const { return pass_.running; }
  double pass_train_accuracy() const { return pass_.train_accuracy; }
  // Only the mean test loss over the first `max_rows` test rows (what early stopping compares): on the
  // same copy, recording nothing; allocates nothing once it has run.
  double TestLoss(int max_rows);

  // Confusion of the last Evaluate: confusion()[true class][predicted class] counts, and the test row
  // indices in each cell (for showing those images).
  const std::vector<std::vector<int>>& confusion() const { return confusion_; }
  const std::vector<int>& CellRows(int truth, int predicted) const;
  // Class probabilities (softmax of the logits) for one test row.
  std::vector<float> Probabilities(int test_row);

  void UpdateHyperparameters(const Config& config);  // live settings (CopyLiveSettings)
  long step() const { return updates_; }
  double epoch() const { return double(samples_seen_) / double(data_.train.labels.size()); }
  const std::vector<ClassifyPoint>& history() const { return history_; }
  // The first 10 minibatch losses: what a shared link must reproduce exactly, whatever the frame rate.
  const std::vector<double>& first_batch_losses() const { return first_batch_losses_; }
  Network& network() { return network_; }
  const TaskData& data() const { return data_; }
  long parameter_count() const { return parameter_count_; }
  // A training minibatch as the network reads it (for the gradient check and the layer statistics).
  void SampleBatch(int rows, Matrix& inputs, Matrix& targets) const;
  // A second network of this stack holding the current weights (the gradient check's copy).
  std::unique_ptr<Network> CopyNetwork();
  const Loss& loss() const { return *loss_; }
  // Where the minibatch stream stood once the initial weights were drawn, and each dropout or DropConnect
  // layer's mask stream before its first draw (Network::RandomStreams' order): where the PyTorch export's
  // ports of them start, so that its minibatches and masks are this run's from its first step.
  uint64_t batch_stream_start() const { return batch_stream_start_; }
  const std::vector<uint64_t>& mask_stream_starts() const { return mask_stream_starts_; }

 private:
  // The inference copy with the current weights (built on the first call).
  Network& InferenceNetwork();
  // Test rows [first, first + count) (count at most TestChunkRows) through `network`; their logits
  // are the result's first count rows. It always reads TestChunkRows rows (the missing ones zero; rows
  // do not interact at inference) so that its buffers keep one shape.
  const Matrix& TestChunkLogits(Network& network, int first, int count);
  int TestChunkRows() const;
  // The loss of one row of `logits` against class `truth`, through 1-row buffers.
  double RowLoss(const Matrix& logits, int row, int truth);

  std::unique_ptr<TaskData> noisy_;  // the data with shuffled labels, when label_noise asks for it
  const TaskData& data_;
  const Loss* loss_ = nullptr;
  Network network_;
  std::unique_ptr<Optimizer> optimizer_;
  std::vector<ParameterRef> parameters_;
  long parameter_count_ = 0;
  uint64_t batch_stream_start_ = 0;
  std::vector<uint64_t> mask_stream_starts_;
  bool epoch_ended_ = false;
  long long samples_seen_ = 0;
  Matrix inspected_inputs_, inspected_targets_;  // the training rows the gradient check and statistics read
  double loss_sum_ = 0.0;  // since the last history point
  long loss_count_ = 0;
  double report_loss_sum_ = 0.0;  // since the last ReportLine
  long report_loss_count_ = 0;
  Matrix batch_inputs_, batch_targets_, grad_output_;
  std::unique_ptr<InferenceCopy> inference_;  // made by the first evaluation
  Matrix chunk_inputs_;                 // TestChunkRows x inputs
  Matrix row_logits_, row_targets_;     // 1 x classes
  std::vector<ClassifyPoint> history_;
  std::vector<double> first_batch_losses_;
  std::vector<float> layer_gradient_norms_;
  std::vector<std::vector<int>> confusion_;
  std::vector<std::vector<std::vector<int>>> cell_rows_;

  // EvaluateInChunks's pass: its own copy of the weights (Evaluate and TestLoss refresh the other).
  struct ChunkedPass {
    bool running = false;
    ClassifyPoint point;
    int rows = 0;            // test rows, and as many training rows at most
    int set = 0, next = 0;   // set 0: test rows (loss, accuracy, confusion); 1: training rows (accuracy)
    double loss_sum = 0.0;
    int correct = 0;
    double train_accuracy = 0.0;
    int chunk_rows = 8;      // until the first chunk is timed
    bool timed = false;
    std::unique_ptr<InferenceCopy> copy;
    Matrix inputs;
    std::vector<std::vector<int>> confusion;
    std::vector<std::vector<std::vector<int>>> cell_rows;
  };
  ChunkedPass pass_;
  void StartPass(int max_rows);
  // One chunk of the pass; true when the pass has just finished.
  bool PassChunk();
};

// Classification's own checks (the task table's validate): a loss over one-hot classes, and a stack
// that fits the data's shape when the shape is known before the data is read (PlanStack).
std::string ValidateClassify(const Config& config);

}  // namespace netlab
