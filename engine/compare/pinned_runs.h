#pragma once
// Runs side by side (issue 35): a student pins the run on screen, changes something, and sees the curves
// of both, each pinned run labelled with what differs in its config. A pin is a config and a step count:
// Netlab trains deterministically, so its curves are replayed from its link (a few milliseconds a frame)
// instead of stored, and a list of pins travels as text that another page opens to the same curves.
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "config/config.h"
#include "data/task_data.h"
#include "train/task_run.h"

namespace netlab {

// One setting that differs between two configs: its key, and its text in each.
struct SettingDifference {
  std::string key, here, there;
};
// The settings (not the page's or a course's) whose text differs between `here` and `there`, in the
// settings table's order.
std::vector<SettingDifference> ConfigDifferences(const Config& here, const Config& there);
// "learning_rate=0.1, layers=8:relu" for the values of `here` that differ, at most `most` characters
// ("..." after), or "same settings".
std::string DifferenceLabel(const std::vector<SettingDifference>& differences, size_t most = 60);

struct PinnedRun {
  Config config;
  long steps = 0;  // how far it had trained when pinned
  // Its curve as replayed: the step and the report line's numbers, about 300 points over `steps`.
  std::vector<std::pair<long, std::vector<std::pair<std::string, double>>>> reports;
  std::string failed;  // why the replay could not go on (its data missing, a NaN)
  bool done() const { return !failed.empty() || (!reports.empty() && reports.back().first >= steps); }
  // The value of `metric` at each report (NaN where missing), and the steps.
  void Curve(const std::string& metric, std::vector<float>& steps_out, std::vector<float>& values) const;

  std::unique_ptr<TaskRun> replay;  // while replaying
};

class PinnedRuns {
 public:
  static constexpr size_t kMost = 6;  // per task
  static constexpr long kMostSteps = 1000000;
  // Pins `config` trained `steps` steps; "" or why not (six of its task pinned already, too many steps).
  // `watched`: the curve the page drew for it (then nothing is replayed here; a link or the storage
  // replays it from `config`, which is the same run unless a setting changed while it trained).
  using Reports = std::vector<std::pair<long, std::vector<std::pair<std::string, double>>>>;
  std::string Pin(const Config& config, long steps, Reports watched = {});
  void Remove(size_t i);
  void Clear() { runs_.clear(); }
  // Replays the unfinished pins for about `budget_seconds`; `data` is the task data the page has for
  // `data_config` (pins of other data replay only where their task needs none). True when a curve grew.
  bool Replay(double budget_seconds, const Config& data_config, const TaskData& data);
  // The pins of `task`, in pinning order, with their index in runs().
  std::vector<size_t> OfTask(const std::string& task) const;
  const std::vector<PinnedRun>& runs() const { return runs_; }
  bool Replaying() const;  // a pin's curve is not whole yet

  // One line per pin, "steps link-fragment": what the page's storage keeps and a pins link carries.
  std::string ToText() const;
  // Replaces the pins with those of `text`; false with `error` naming the first bad line (the pins before it kept).
  bool FromText(const std::string& text, std::string& error);

 private:
  std::vector<PinnedRun> runs_;
};

}  // namespace netlab
