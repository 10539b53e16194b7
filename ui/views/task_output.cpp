#include "views/task_output.h"

#include "core/clock.h"
#include "core/json_text.h"
#include "imgui.h"
#include "tasks/classify/classify_run.h"
#include "tasks/table.h"
#include "pacing/frame_training.h"

namespace netlab {
namespace {

const TaskData& NoData() {
  static const TaskData none;
  return none;
}

}  // namespace

void TaskOutput::SetTask(const Config& config, std::shared_ptr<const LoadedWeights> weights) {
  const bool other_task = config.task != config_.task || !view_;
  config_ = config;
  pending_weights_ = std::move(weights);
  if (other_task) view_ = MakeTaskView(config.task);
  built_for_ = -1;
  network_tabs_ = NetworkTabsState();
  network_name_.clear();
  Rng data_rng = DataRng();
  if (FindTask(config.task)->ReadsFiles()) data_.SelectKind(config.data.kind, config.data.file, data_rng);
}

bool TaskOutput::TakeLiveSettings(const Config& config) {
  auto* classify = dynamic_cast<ClassifyRun*>(run_.get());
  if (!classify) return false;
  classify->UpdateHyperparameters(config);
  config_ = config;
  return true;
}

void TaskOutput::BuildIfDue() {
  const Task& task = *FindTask(config_.task);
  const bool reads_files = task.ReadsFiles();
  if (reads_files) {
    Rng data_rng = DataRng();
    if (!data_.EnsureLoaded(data_rng) || data_.loading()) return;
    if (built_for_ == data_.generation()) return;
  } else if (built_for_ >= 0) {
    return;
  }
  const TaskData& data = reads_files ? data_.data() : NoData();
  std::unique_ptr<TaskRun> fresh = task.make_run(config_, data);
  built_for_ = reads_files ? data_.generation() : 0;
  // A config that cannot train on this data says why; a run built before it (on other settings) goes on.
  build_error_ = fresh->error();
  if (build_error_.empty() && pending_weights_) {
    std::string error;
    if (!ApplyWeights(*pending_weights_, fresh->Parameters(), error)) build_error_ = "Could not load those weights: " + error;
    pending_weights_.reset();
  }
  if (!build_error_.empty() && run_) return;
  run_ = std::move(fresh);
  pace_.Reset();
  if (view_) view_->Attach(*run_, data);
}

double TaskOutput::Step(double budget_seconds, long step_limit, bool playing) {
  const double start = NowSeconds();
  BuildIfDue();
  if (!run_) return 0.0;
  const long steps = playing ? StepWithinBudget(*run_, pace_, budget_seconds, step_limit) : 0;
  if (view_) view_->AfterSteps(steps, std::max(0.0, budget_seconds - (NowSeconds() - start)), false);
  return NowSeconds() - start;
}

void TaskOutput::StepOnce() {
  BuildIfDue();
  if (!run_ || !run_->error().empty()) return;
  run_->Step();
  if (view_) view_->AfterSteps(1, 1e9, true);
}

void TaskOutput::StepTimes(long count) {
  BuildIfDue();
  if (!run_ || !run_->error().empty()) return;
  for (long i = 0; i < count; ++i) run_->Step();
  if (view_) view_->AfterSteps(count, 1e9, true);
}

void TaskOutput::Draw(const std::string& tab, float width, float height, ShowConfig& show) {
  if (!run_) {
    if (!data_.error().empty()) ImGui::TextWrapped("Could not load the data: %s", data_.error().c_str());
    else ImGui::TextUnformatted("Loading the data...");
    return;
  }
  if (!run_->error().empty()) {
    ImGui::TextWrapped("%s", run_->error().c_str());
    return;
  }
  if (tab == "layers" || tab == "gradient_check") {
    const std::vector<NamedNetwork> networks = run_->Networks();
    DrawNetworkTab(tab, network_tabs_, networks, show.network);
    network_name_ = network_tabs_.chosen < networks.size() ? networks[network_tabs_.chosen].name : "";
    return;
  }
  if (!run_->diverged().empty()) ImGui::TextColored(ImVec4(0.85f, 0.2f, 0.1f, 1), "%s", run_->diverged().c_str());
  if (view_) view_->Draw(tab, width, height, show);
}

std::string TaskOutput::DrawDataRow() {
  Rng data_rng = DataRng();
  data_.DrawRow(data_rng);
  return data_.kind();
}

std::string TaskOutput::StatusJson() const {
  const TaskData& d = data_.data();
  const std::string name = ViewNameOf(config_.task);
  return "{\"data\":" + JsonString(d.name) + ",\"train\":" + std::to_string(d.train.features.rows()) +
         ",\"test\":" + std::to_string(d.test.features.rows()) + ",\"loading\":" + (data_.loading() ? "true" : "false") +
         ",\"notice\":" + JsonString(data_.notice()) + ",\"error\":" + JsonString(data_.error()) +
         ",\"kind\":" + JsonString(data_.kind()) + ",\"view\":" + JsonString(name) + ",\"views\":{" +
         (view_ && run_ ? JsonString(name) + ":" + view_->StatusJson() : std::string()) +
         "},\"network\":" + JsonString(network_name_) +
         ",\"gradient_check\":" + GradientCheckStatusJson(network_tabs_.check) + "}";
}

}  // namespace netlab
