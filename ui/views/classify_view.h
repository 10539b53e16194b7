#pragma once
// The classification task in the page: its run (workbench/classify_run.h) trained within each frame's
// budget, and its output tabs:
//   training  train and test loss per evaluation, training and test accuracy together, epoch and step
//   model     every convolution's filters and, for a chosen test image, each layer's feature maps
//   errors    the confusion matrix and per-class accuracy; a click on a cell shows those test images
//             with the model's class probabilities
//   layers, gradient_check  the playground's network views (views/views.h) on this stack
#include <memory>
#include <string>

#include "widgets/accuracy_plot.h"
#include "train/training_pace.h"
#include "tabs/tabs.h"
#include "tasks/classify/classify_run.h"

namespace netlab {

class ClassifyWorkbench {
 public:
  // A fresh run of `config` on `data` (which must stay alive until the next Rebuild); the untrained
  // model is evaluated at once, so the first point of the curves is step 0. With label_noise the run
  // trains on a copy whose training labels are shuffled (lessons/random_labels.h).
  void Rebuild(const Config& config, const TaskData& data);
  void UpdateHyperparameters(const Config& config) {
    if (run_) run_->UpdateHyperparameters(config);
  }
  // Steps for about `budget_seconds`; evaluates at each epoch's end and every few hundred steps, a few
  // milliseconds of each frame at a time (ClassifyRun::EvaluateInChunks), never a whole frame.
  void Train(double budget_seconds);
  // Goes on with an evaluation under way while paused; evaluating() says whether one is.
  void ContinueEvaluation(double budget_seconds);
  bool evaluating() const { return evaluation_due_ || (run_ && run_->evaluating()); }
  // One step and an evaluation (the step button and the s key).
  void StepOnce();
  void DrawView(const std::string& view, float width, float height);
  // {"step", "epoch", "parameters", "train_loss", "test_loss", "test_accuracy", "train_accuracy",
  //  "first_losses": the first 10 minibatch losses, "error", "diverged", "gradient_check":
  //  GradientCheckStatusJson}
  std::string StatusJson() const;
  bool built() const { return run_ != nullptr; }
  bool gradient_check_running() const { return GradientCheckRunning(gradient_check_); }
  const ClassifyRun* run() const { return run_.get(); }
  // The trained stack as ONNX: input "input" (images flattened channel-major, or table rows), output
  // "output" (one logit per class).
  bool ExportOnnx(std::string& bytes, std::string& error);

 private:
  void DrawTraining(float width, float height);
  void DrawModel();
  void DrawErrors();
  NetworkInTraining Inspected();
  // The run's Evaluate, and the training accuracy beside it.
  void Evaluate();

  std::unique_ptr<TaskData> noisy_data_;  // the shuffled-label copy the run reads (heap: moves keep it put)
  std::unique_ptr<ClassifyRun> run_;
  std::vector<AccuracyPoint> accuracy_;
  long steps_since_evaluation_ = 0;
  bool evaluation_due_ = false;  // an evaluation is asked for and has not started yet
  TrainingPace pace_;  // whether a frame trains when one step costs more than its budget
  int shown_image_ = 0;                 // the test image whose feature maps the model tab shows
  int cell_truth_ = -1, cell_predicted_ = -1;  // the confusion cell whose images are shown
  // The training rows the network views look at: 256 table rows or 64 images (a forward pass over
  // them must stay a small part of a frame).
  Matrix inspected_inputs_, inspected_targets_;
  LayerStatisticsState layer_statistics_;
  GradientCheckViewState gradient_check_;
};

}  // namespace netlab
