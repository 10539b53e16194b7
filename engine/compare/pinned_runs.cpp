#include "compare/pinned_runs.h"

#include <algorithm>
#include <cmath>

#include "config/config_text.h"
#include "config/course.h"
#include "config/settings.h"
#include "core/clock.h"
#include "core/text_lines.h"
#include "links/share_link.h"
#include "tasks/table.h"

namespace netlab {

std::vector<SettingDifference> ConfigDifferences(const Config& here, const Config& there) {
  std::vector<SettingDifference> differences;
  for (const Setting& s : Settings()) {
    // What the page shows and a course's keys change no curve.
    if (s.section == SettingSection::kPage || s.section == SettingSection::kCourse) continue;
    const std::string a = s.write(here), b = s.write(there);
    if (a != b) differences.push_back({s.key, a, b});
  }
  return differences;
}

std::string DifferenceLabel(const std::vector<SettingDifference>& differences, size_t most) {
  if (differences.empty()) return "same settings";
  std::string label;
  for (const SettingDifference& d : differences) {
    const std::string part = d.key + "=" + (d.here.empty() ? "(none)" : d.here);
    if (label.size() + part.size() + 2 > most) return label + (label.empty() ? "" : ", ") + "...";
    label += (label.empty() ? "" : ", ") + part;
  }
  return label;
}

void PinnedRun::Curve(const std::string& metric, std::vector<float>& steps_out, std::vector<float>& values) const {
  steps_out.clear(), values.clear();
  for (const auto& [step, numbers] : reports) {
    float value = NAN;
    for (const auto& [key, x] : numbers)
      if (key == metric) value = float(x);
    steps_out.push_back(float(step));
    values.push_back(value);
  }
}

std::string PinnedRuns::Pin(const Config& config, long steps, Reports watched) {
  if (!FindTask(config.task)) return "unknown task '" + config.task + "'";
  if (steps < 1) return "train it first: a run at step 0 has no curve to compare";
  if (steps > kMostSteps) return "a pin replays its steps: at most " + std::to_string(kMostSteps);
  if (OfTask(config.task).size() >= kMost)
    return std::to_string(kMost) + " runs of this task are pinned already: remove one first";
  PinnedRun run;
  run.config = config;
  run.config.course = CourseConfig();  // a pin is a run, not an exercise
  run.steps = steps;
  run.reports = std::move(watched);
  if (!run.reports.empty() && run.reports.back().first < steps) run.reports.clear();  // not the whole run: replay it
  runs_.push_back(std::move(run));
  return "";
}

void PinnedRuns::Remove(size_t i) {
  if (i < runs_.size()) runs_.erase(runs_.begin() + long(i));
}

bool PinnedRuns::Replaying() const {
  for (const PinnedRun& pin : runs_)
    if (!pin.done()) return true;
  return false;
}

std::vector<size_t> PinnedRuns::OfTask(const std::string& task) const {
  std::vector<size_t> of;
  for (size_t i = 0; i < runs_.size(); ++i)
    if (runs_[i].config.task == task) of.push_back(i);
  return of;
}

bool PinnedRuns::Replay(double budget_seconds, const Config& data_config, const TaskData& data) {
  const double start = NowSeconds();
  bool grew = false;
  for (PinnedRun& pin : runs_) {
    if (pin.done()) continue;
    if (!pin.replay) {
      const Task& task = *FindTask(pin.config.task);
      // Loaded data (digits, iris, Fashion-MNIST, a file) is the page's: the same kind and seed (the same
      // split) replay on it; generated data is drawn by the run itself.
      const bool loads = IsLoadedData(pin.config.data.kind);
      if (loads && !(pin.config.data.kind == data_config.data.kind && pin.config.seed == data_config.seed &&
                     pin.config.data.file == data_config.data.file)) {
        pin.failed = "its data (" + pin.config.data.kind + ", seed " + std::to_string(pin.config.seed) +
                     ") is not the data this page has loaded";
        continue;
      }
      pin.replay = task.make_run(pin.config, loads ? data : TaskData());
      if (!pin.replay->error().empty()) {
        pin.failed = pin.replay->error();
        pin.replay.reset();
        continue;
      }
      pin.reports.emplace_back(0, ParseReportNumbers(pin.replay->Report()));
      grew = true;
    }
    // About 300 points over the run's steps.
    const long every = std::max(1L, pin.steps / 300);
    while (pin.replay->steps() < pin.steps) {
      pin.replay->Step();
      const long step = pin.replay->steps();
      if (!pin.replay->diverged().empty()) {
        pin.failed = pin.replay->diverged();
        break;
      }
      if (step % every == 0 || step == pin.steps) {
        pin.reports.emplace_back(step, ParseReportNumbers(pin.replay->Report()));
        grew = true;
      }
      if (NowSeconds() - start > budget_seconds) return grew;
    }
    pin.replay.reset();  // done: its curve stays
  }
  return grew;
}

std::string PinnedRuns::ToText() const {
  std::string text;
  for (const PinnedRun& pin : runs_) text += std::to_string(pin.steps) + " " + EncodeShareLink(pin.config) + "\n";
  return text;
}

bool PinnedRuns::FromText(const std::string& text, std::string& error) {
  runs_.clear();
  int line_number = 0;
  for (const std::string& line : SplitText(text)) {
    ++line_number;
    if (line.empty()) continue;
    const size_t space = line.find(' ');
    const std::string where = "pinned run " + std::to_string(line_number);
    long long steps = 0;
    Config config;
    std::string why;
    if (space == std::string::npos || !ParseInt(line.substr(0, space), 1, kMostSteps, steps)) {
      error = where + ": should be 'STEPS LINK' with STEPS from 1 to " + std::to_string(kMostSteps);
      return false;
    }
    if (!DecodeShareLink(line.substr(space + 1), config, why)) {
      error = where + ": " + why;
      return false;
    }
    why = Pin(config, long(steps));
    if (!why.empty()) {
      error = where + ": " + why;
      return false;
    }
  }
  return true;
}

}  // namespace netlab
