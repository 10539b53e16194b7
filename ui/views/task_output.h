#pragma once
// The output of a task beyond the playground: the data it trains on (the data choice: a built-in set,
// the Fashion-MNIST subset the platform fetches, or the user's files), the task's run built from the
// config on that data by the task table (tasks/table.h), and the task's view (views/task_view.h), which
// draws the run. The App steps the run here within each frame's budget, once, whatever tab is on screen;
// the view never trains. The platform reaches the data choice through App::task_output() to deliver files.
#include <memory>
#include <string>
#include <vector>

#include "core/rng.h"
#include "links/weights_file.h"
#include "panels/models_data_choice.h"
#include "tabs/network_tabs.h"
#include "pacing/training_pace.h"
#include "views/task_view.h"

namespace netlab {

class TaskOutput {
 public:
  // The task of `config` with its settings, data set and seed: the run is rebuilt once the data is there,
  // then takes `weights` when given (a weights file the student opened; build_error() says if it could not).
  void SetTask(const Config& config, std::shared_ptr<const LoadedWeights> weights = nullptr);
  // Live settings the run takes without a rebuild (the classification run's optimizer, learning rate,
  // batch size, penalties): true when it took them.
  bool TakeLiveSettings(const Config& config);
  // Builds the run when it is due and the data is there; steps it within `budget_seconds` (at most
  // `step_limit` steps) when `playing`; lets the view measure with what is left. Returns the seconds spent.
  double Step(double budget_seconds, long step_limit, bool playing);
  // One step and its numbers (the Step button, the s key).
  void StepOnce();
  // `count` steps, then the numbers (window.netlab.step).
  void StepTimes(long count);
  // The run's report line, as netlab-headless prints it after the same steps ("" before the run is built).
  std::string ReportLine() { return run_ ? run_->Report() : ""; }
  // Draws the output tab `tab` of the task's views ("layers" and "gradient_check" over the run's networks);
  // its controls edit `show` (the page's keys of the config being edited).
  void Draw(const std::string& tab, float width, float height, ShowConfig& show);
  // The data row (source combo, "Open files...", sizes, messages); returns the data kind now chosen
  // (digits, iris, fashion or file), for the config.
  std::string DrawDataRow();

  TaskRun* run() { return run_.get(); }
  const TaskRun* run() const { return run_.get(); }
  // Why the last build failed ("" when it did not); the run built before it, if any, goes on.
  const std::string& build_error() const { return build_error_; }
  const TaskData& data() {
    Rng rng = DataRng();
    data_.EnsureLoaded(rng);
    return data_.data();
  }
  int data_generation() const { return data_.generation(); }
  bool data_ready() const { return data_.loaded() && !data_.loading(); }
  // A measurement or a gradient check under way: the page keeps drawing frames for it, even paused.
  bool busy() const { return GradientCheckRunning(network_tabs_.check) || (view_ && view_->measuring()); }

  // How the platform fetches files for the data choice, and the files it read (or why it could not).
  void SetDataActions(ModelsDataActions actions) { data_.SetActions(std::move(actions)); }
  void ReceiveDataFiles(const std::string& name, const std::vector<DataFile>& files, const std::string& error) {
    Rng rng = DataRng();
    data_.Receive(name, files, error, rng);
  }
  // Switches to the built-in data set `name`; false if there is no such set here.
  bool SelectData(const std::string& name) {
    Rng rng = DataRng();
    return data_.Select(name, rng);
  }

  // {"data": name, "train": rows, "test": rows, "loading": bool, "notice": text, "error": text, "kind":
  //  data kind, "view": the view's name, "views": {name: the view's status}, "network": the Layers and
  //  Gradient check tabs' chosen network, "gradient_check": GradientCheckStatusJson}
  std::string StatusJson() const;
  // The view's status alone ("null" before the run is built).
  std::string ViewStatusJson() const { return view_ && run_ ? view_->StatusJson() : "null"; }

 private:
  // The data's split stream, from the config's seed (data/task_data.h's DataSeed).
  Rng DataRng() const { return Rng(DataSeed(config_.seed)); }
  void BuildIfDue();

  Config config_;
  ModelsDataChoice data_;
  std::unique_ptr<TaskRun> run_;
  std::unique_ptr<TaskView> view_;
  int built_for_ = -1;  // the data generation run_ was built for; -1: a build is due
  std::string build_error_;
  std::shared_ptr<const LoadedWeights> pending_weights_;  // for the next run built
  TrainingPace pace_;
  NetworkTabsState network_tabs_;
  std::string network_name_;  // the chosen network's name when last drawn
};

}  // namespace netlab
