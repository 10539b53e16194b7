#pragma once
// What the page shows of a task's run: one view per task (ui/views/<task>_view.cpp), listed in
// views/view_table.cpp beside the engine's task table (tests/views/ checks the two lists agree). A view
// draws the run it is given and keeps only its own display state: the App steps the run
// (views/task_output.h), the view never trains beside it, so the numbers on screen are the numbers
// `netlab-headless` prints for the same link.
#include <memory>
#include <string>

#include "config/config.h"
#include "data/task_data.h"
#include "train/task_run.h"

namespace netlab {

class TaskView {
 public:
  virtual ~TaskView() = default;
  // A new run to draw, built from the config the panels edit on `data` (both outlive the next Attach):
  // what the view showed of the run before is dropped.
  virtual void Attach(TaskRun& run, const TaskData& data) = 0;
  // After the App stepped the run `steps` times this frame (perhaps none): a view may spend up to
  // `budget_seconds` on measurements the run offers (an evaluation in chunks), never on training.
  // `at_once` asks for them now, whole (the Step button: one step, then its numbers).
  virtual void AfterSteps(long steps, double budget_seconds, bool at_once) { (void)steps, (void)budget_seconds, (void)at_once; }
  // Whether a measurement is under way that the next frames finish (the page keeps drawing for it).
  virtual bool measuring() const { return false; }
  // Draws the output tab `tab` (one of the task's views but layers and gradient_check, which the App
  // draws from TaskRun::Networks) in the current window, `width` x `height` points. Its sliders and
  // switches edit `show` (the page's keys, Config::show), never state of their own: what the view shows
  // is in the config and its link.
  void Draw(const std::string& tab, float width, float height, ShowConfig& show) {
    show_ = &show;
    Draw(tab, width, height);
    show_ = nullptr;
  }
  // The view's numbers as one JSON object (progress, losses, accuracies), for window.netlab.status().
  virtual std::string StatusJson() const = 0;

 protected:
  virtual void Draw(const std::string& tab, float width, float height) = 0;
  // During Draw: the keys the view's controls edit.
  ShowConfig& show() { return *show_; }

 private:
  ShowConfig* show_ = nullptr;
};

// A view of one task's run type: Attach keeps the run (as `Run`) and its data, then calls Attached,
// where the view drops what it showed of the run before.
template <class Run>
class RunView : public TaskView {
 public:
  void Attach(TaskRun& run, const TaskData& data) final {
    run_ = &dynamic_cast<Run&>(run);
    data_ = &data;
    Attached();
  }

 protected:
  virtual void Attached() {}
  Run* run_ = nullptr;
  const TaskData* data_ = nullptr;
};

// The view of `task` (Task::name); null for the playground, whose screen is the App's own
// (app/app_layout.cpp: the heatmap, the network diagram and the tabs of tabs/).
std::unique_ptr<TaskView> MakeTaskView(const std::string& task);
// The name a task's view goes by in the status JSON (status().models.views[name]) and in
// window.netlab.openWindow('models/NAME'): RBM, DBN, CNN, VAE, ...; "" for the playground.
std::string ViewNameOf(const std::string& task);
// The task whose view is called `name`, or "".
std::string TaskOfView(const std::string& name);

}  // namespace netlab
