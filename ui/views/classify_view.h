#pragma once
// The classification task's view (views/task_view.h) of its run (tasks/classify/classify_run.h): the
// output tabs
//   training  train and test loss per evaluation, training and test accuracy together, epoch and step
//   model     every convolution's filters and, for a chosen test image, each layer's feature maps
//   errors    the confusion matrix and per-class accuracy; a click on a cell shows those test images
//             with the model's class probabilities
// (layers and gradient_check: the App's network tabs over ClassifyRun::Networks). It evaluates while
// the run trains, a few milliseconds of a frame at a time, and trains nothing.
#include <memory>
#include <string>

#include "tasks/classify/classify_run.h"
#include "views/task_view.h"
#include "widgets/accuracy_plot.h"

namespace netlab {

class ClassifyView : public TaskView {
 public:
  void Attach(TaskRun& run, const TaskData& data) override;
  void AfterSteps(long steps, double budget_seconds, bool at_once) override;
  bool measuring() const override { return evaluation_due_ || run_->evaluating(); }
  void Draw(const std::string& tab, float width, float height) override;
  // {"step", "epoch", "parameters", "train_loss", "test_loss", "test_accuracy", "train_accuracy",
  //  "first_losses": the first 10 minibatch losses, "error", "diverged"}
  std::string StatusJson() const override;

 private:
  void DrawTraining(float width, float height);
  void DrawModel();
  void DrawErrors();
  // The run's Evaluate, and the training accuracy beside it.
  void Evaluate();
  // Goes on with the evaluation under way (or due) for at most `budget_seconds`.
  void ContinueEvaluation(double budget_seconds);

  ClassifyRun* run_ = nullptr;
  std::vector<AccuracyPoint> accuracy_;
  long steps_since_evaluation_ = 0;
  bool evaluation_due_ = false;  // an evaluation is asked for and has not started yet
};

}  // namespace netlab
