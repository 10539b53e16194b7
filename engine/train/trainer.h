#pragma once
// Mini-batch training of a Network on a generated 2-D dataset: config -> data + model -> steps -> metrics.
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "config/config.h"
#include "data/dataset.h"
#include "data/input_features.h"
#include "nn/loss.h"
#include "nn/network.h"
#include "optim/optimizer.h"
#include "train/early_stopping.h"
#include "train/metrics.h"
#include "networks/network_in_training.h"
#include "tfplayground/experiment.h"

namespace netlab {

class Trainer {
 public:
  // `config` must have passed ValidateConfig.
  explicit Trainer(const Config& config);

  // One mini-batch step. Does nothing once training has diverged (see diverged()).
  void Step();

  // The external-step protocol (train/external_steps.cpp). Steps taken elsewhere (the WebGPU path) on the trainer's own batches, in the order Step() would
  // take them: DrawExternalBatch fills external_batch_inputs/targets with the next mini-batch and returns
  // the (scheduled) learning rate for it, or a negative value once training has ended; steps may be drawn
  // ahead of being counted. CountExternalStep records one finished step with its batch loss. After the
  // weights were copied back into network(), ParametersReplaced checks them like Step() does.
  float DrawExternalBatch();
  const Matrix& external_batch_inputs() const { return batch_inputs_; }
  const Matrix& external_batch_targets() const { return batch_targets_; }
  void CountExternalStep(double batch_loss);
  void ParametersReplaced();
  // The optimizer and the parameters it updates, for copying its state to the GPU and back.
  Optimizer& optimizer() { return *optimizer_; }
  const std::vector<ParameterRef>& parameters() const { return parameters_; }
  // Steps Step() took itself: when this moves, a copy of the weights kept elsewhere is stale.
  long local_steps() const { return local_steps_; }
  // Forgets drawn steps that will never be counted (the GPU failed while they were in flight).
  void AbandonExternalSteps() { external_steps_drawn_ = 0; }

  // Computes losses and accuracies on the whole train and test sets and appends them to history().
  const MetricsPoint& Evaluate();
  // The same metrics for the weights of one step, computed a chunk of rows at a time on a copy of the
  // network, so that a large network's evaluation is spread over frames while training goes on. A call
  // starts a pass when none is running (copying the weights), forwards chunks until `budget_seconds`
  // is spent (at least one), and returns true when it finished the pass and appended its point.
  bool EvaluateInChunks(double budget_seconds);

  // Takes over the live settings (CopyLiveSettings); the trained weights and optimizer state are kept.
  void UpdateHyperparameters(const Config& config);

  // Predictions (probability of class 1, or the regression value) for arbitrary 2-D points.
  void Predict(const Matrix& points, Matrix& prediction);

  // A trainer that trains on another thread (train/background_training.h) and the copy of it that the
  // page draws. A picture holds the weights and state buffers, the counters and the metrics points
  // appended since the last picture; a copy built from the same config that shows every picture in
  // turn has the trainer's weights, step and history (thinned alike: it appends the same points).
  struct Picture {
    std::vector<Matrix> buffers;
    long step = 0, local_steps = 0;
    int64_t samples_seen = 0;
    std::vector<MetricsPoint> new_points;
    std::string diverged;
  };
  // From now on, points appended to history() are kept for TakePicture too (off: they are not).
  void KeepPicturePoints(bool keep) {
    keep_picture_points_ = keep;
    picture_points_.clear();
  }
  // Copies the state into `picture` (no allocation once its buffers have their shapes) and moves the
  // kept points onto the end of its new_points.
  void TakePicture(Picture& picture);
  // The copy's side: takes the picture's state and appends its new points (then cleared).
  void ShowPicture(Picture& picture);
  // The copy starts from the trainer's whole history.
  void CopyHistoryFrom(const Trainer& other) { history_ = other.history_; }

  // Faithful mode (config.tf_playground set): the trainer runs TF Playground's own experiment
  // (tfplayground/experiment.h) on its data; a step is one of its epochs, and every step appends its
  // losses to history(), so the curve is the one TF Playground draws. Null otherwise.
  const tfplayground::Experiment* tf_playground() const { return faithful_.get(); }
  const Config& config() const { return config_; }
  long step() const { return step_; }
  double epoch() const { return faithful_ ? double(faithful_->epoch()) : double(samples_seen_) / double(data_.train.size()); }
  const DataSplit& data() const { return data_; }
  const std::vector<MetricsPoint>& history() const { return history_; }
  bool is_regression() const { return data_.train.classes == 0; }
  // Set when a loss or parameter became NaN or infinite; training stops and this says why.
  const std::string& diverged() const { return diverged_; }
  // Set when early stopping ended training (the best weights are restored); says when and why.
  const std::string& stopped_early() const { return early_stopping_.message(); }
  const Dataset& validation() const { return validation_; }
  Network& network() { return network_; }
  // The minibatch stream's state when the first batch is drawn (after the weights were): where the
  // PyTorch export's port of the Rng starts, so that its batches are these.
  uint64_t batch_stream_start() const { return batch_stream_start_; }
  // Each dropout and DropConnect layer's mask stream then (Network::RandomStreams, in layer order).
  const std::vector<uint64_t>& mask_stream_starts() const { return mask_stream_starts_; }
  // The training set as the network sees it: input features and loss targets, one row per sample.
  const Matrix& train_inputs() const { return train_inputs_; }
  const Matrix& train_targets() const { return train_targets_; }

 private:
  // Fills batch_inputs_/batch_targets_ with the next mini-batch; false when early stopping ended training.
  bool DrawBatch();
  bool CheckParametersFinite();
  void EndOfEpoch();
  void FaithfulStep();
  void FaithfulPredict(const Matrix& points, Matrix& prediction);
  MetricsPoint FaithfulMetrics();
  void EvaluateSet(const Matrix& inputs, const Matrix& targets, const Dataset& set, double& loss,
                   double& accuracy);
  // Fills in a point's learning rate and gradient norms, checks its losses and appends it.
  const MetricsPoint& AppendMetrics(MetricsPoint& point);

  Config config_;
  Rng rng_;
  uint64_t batch_stream_start_ = 0;
  std::vector<uint64_t> mask_stream_starts_;
  DataSplit data_;
  std::vector<const Feature*> features_;
  const Loss* loss_;
  Network network_;
  std::unique_ptr<Optimizer> optimizer_;
  std::vector<ParameterRef> parameters_;
  Matrix train_inputs_, train_targets_, test_inputs_, test_targets_, validation_inputs_, validation_targets_;
  Dataset validation_;
  EarlyStopping early_stopping_;
  std::vector<Matrix*> model_buffers_;  // parameters, then state: what early stopping snapshots
  // The end of an epoch's validation pass runs on a second network, given network_'s weights first:
  // forwarding 40 validation rows through network_ would resize every layer's buffers, and the next
  // batch back, so each epoch's last step would allocate.
  std::unique_ptr<Network> validation_network_;
  std::vector<Matrix*> validation_buffers_;  // validation_network_'s, in model_buffers_'s order
  // EvaluateInChunks's pass: a copy of the weights at `point.step`, the set being read (0 train, 1 test,
  // 2 validation) and the next row, the sums over the rows read so far.
  struct ChunkedEvaluation {
    std::unique_ptr<Network> network;
    std::vector<Matrix*> buffers;  // in model_buffers_'s order
    bool running = false;
    MetricsPoint point;
    int set = 0;
    Eigen::Index row = 0;
    double loss_sum = 0.0, correct = 0.0;
    Matrix labels, prediction;
  };
  ChunkedEvaluation chunked_;
  double last_gradient_norm_ = 0.0;
  std::vector<float> last_layer_gradient_norms_;
  Matrix batch_inputs_, batch_targets_, grad_output_, scratch_;
  std::vector<int> order_;
  size_t cursor_ = 0;
  long step_ = 0;
  long external_steps_drawn_ = 0;  // drawn by DrawExternalBatch and not yet counted
  long local_steps_ = 0;
  int64_t samples_seen_ = 0;  // 64-bit: wasm32 long would wrap after 2^31 samples (hours of training)
  std::vector<MetricsPoint> history_;
  bool keep_picture_points_ = false;
  std::vector<MetricsPoint> picture_points_;  // appended since the last TakePicture, when kept
  std::string diverged_;
  std::unique_ptr<tfplayground::Experiment> faithful_;

  // Save and restore every member above that training changes (train/run_snapshot.h).
  friend std::string SaveRunSnapshot(Trainer& trainer);
  friend bool RestoreRunSnapshot(const std::string& bytes, std::unique_ptr<Trainer>& out, std::string& error);
};

// The trainer's network as the network views and the exports read it (train/network_in_training.h).
NetworkInTraining NetworkOf(Trainer& trainer);

}  // namespace netlab
