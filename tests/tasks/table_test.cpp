// Every row of the task table (tasks/table.h), checked the way ggml pins its op table: its example config
// exists, parses to its task and comes back the same through a share link; its run builds on the example's
// data, steps and reports in the common format; and every capability the row claims works — weights
// files hold every parameter (a fresh run loaded from one exports the same ONNX and predicts the same
// outputs), the ONNX export and predictions exist, the history and data tables have rows, and each
// network passes the gradient check against finite differences. A task that claims nothing is asked
// nothing. The page's side of each row (its view draws) is tests/views/.
#include <catch2/catch.hpp>

#include <cmath>
#include <set>
#include <string>

#include "data/task_data.h"
#include "links/config_text.h"
#include "links/share_link.h"
#include "links/weights_file.h"
#include "support/built_in_task_data.h"
#include "support/config_text.h"
#include "config/settings.h"
#include "tasks/examples.h"
#include "tasks/table.h"
#include "teaching/gradient_check.h"

using namespace netlab;

namespace {

// The data a config names, as the command line reads it: the built-in sets from web/data, nothing for
// the tasks that draw their own.
TaskData DataFor(const Config& config) {
  if (config.data.kind == "digits" || config.data.kind == "iris") return BuiltInTaskData(config.data.kind, config.seed);
  return TaskData();
}

Config ExampleOf(const Task& task) {
  const char* text = ExampleConfigText(task.example);
  INFO("examples/configs/" << task.example << ".cfg");
  REQUIRE(text != nullptr);
  return Parsed(text);
}

// A task's run built on its example and the example's data, which stay here as long as the run.
struct ExampleRun {
  explicit ExampleRun(const Task& task) : config(ExampleOf(task)), data(DataFor(config)), run(task.make_run(config, data)) {}
  const Config config;
  const TaskData data;
  const std::unique_ptr<TaskRun> run;
};

}  // namespace

TEST_CASE("the task table: unique names, a known group, views and an example of its own for every row", "[tasks]") {
  std::set<std::string> names;
  const std::set<std::string> groups = {"supervised", "sequences", "generative", "energy-based", "reinforcement", "lessons"};
  for (const Task& task : Tasks()) {
    INFO(task.name);
    CHECK(names.insert(task.name).second);
    CHECK(groups.count(task.group) == 1);
    CHECK_FALSE(task.views.empty());
    CHECK(task.make_run != nullptr);
    CHECK(std::string(task.summary).size() > 20);
    CHECK(ExampleConfigText(task.example) != nullptr);
  }
  CHECK(FindTask("no such task") == nullptr);
}

TEST_CASE("every task's example parses to its task and round-trips through a share link", "[tasks]") {
  for (const Task& task : Tasks()) {
    INFO(task.name);
    const Config config = ExampleOf(task);
    CHECK(config.task == task.name);
    Config back;
    std::string error;
    REQUIRE(DecodeShareLink(EncodeShareLink(config), back, error));
    CHECK(ConfigToText(back) == ConfigToText(config));
  }
}

TEST_CASE("every task's run builds on its example, steps and reports in the common format", "[tasks]") {
  for (const Task& task : Tasks()) {
    INFO(task.name);
    const ExampleRun example(task);
    const std::unique_ptr<TaskRun>& run = example.run;
    REQUIRE(run->error() == "");
    CHECK(run->config().task == task.name);
    CHECK(run->StepsPerReport() > 0);
    for (int i = 0; i < 5; ++i) run->Step();
    CHECK(run->steps() == 5);
    CHECK(run->diverged() == "");
    const std::string line = run->ReportLine();
    INFO(line);
    CHECK(line.rfind("step=5 ", 0) == 0);
    // Tasks counted in epochs say which epoch: 5 updates of StepsPerEpoch.
    if (run->StepsPerEpoch() > 0) CHECK(line.find(" epoch=") != std::string::npos);
  }
}

TEST_CASE("every capability a task claims works, and the weights file holds all of the model", "[tasks]") {
  for (const Task& task : Tasks()) {
    INFO(task.name);
    const ExampleRun example(task);
    const TaskData& data = example.data;
    const std::unique_ptr<TaskRun>& run = example.run;
    for (int i = 0; i < 7; ++i) run->Step();
    run->ReportLine();
    std::string error;
    if (task.Can(kWeights)) {
      REQUIRE_FALSE(run->Parameters().empty());
      const std::string bytes = SaveWeights(run->config(), run->Parameters());
      LoadedWeights loaded;
      REQUIRE(ParseWeights(bytes, loaded, error));
      std::unique_ptr<TaskRun> fresh = task.make_run(loaded.config, data);
      REQUIRE(ApplyWeights(loaded, fresh->Parameters(), error));
      CHECK(SaveWeights(fresh->config(), fresh->Parameters()) == bytes);
      // The loaded model is the trained one: the same export and the same predictions (what the file is for).
      std::string a, b;
      if (task.Can(kOnnx)) {
        REQUIRE(run->ExportOnnx(a, error));
        REQUIRE(fresh->ExportOnnx(b, error));
        CHECK(a == b);
      }
      if (task.Can(kPredict)) {
        const Matrix rows = data.train.features.rows() > 0 ? Matrix(data.train.features.topRows(4))
                                                           : Matrix(Matrix::Constant(4, 2, 0.25f));
        Matrix out_a, out_b;
        REQUIRE(run->Predict(rows, out_a, error));
        REQUIRE(fresh->Predict(rows, out_b, error));
        CHECK(out_a == out_b);
      }
    }
    if (task.Can(kOnnx)) {
      std::string bytes;
      INFO(error);
      REQUIRE(run->ExportOnnx(bytes, error));
      CHECK(bytes.size() > 100);
    } else {
      std::string bytes;
      CHECK_FALSE(run->ExportOnnx(bytes, error));
      CHECK(error.find(task.name) != std::string::npos);
    }
    if (task.Can(kPredict)) {
      const Matrix rows = data.train.features.rows() > 0 ? Matrix(data.train.features.topRows(3))
                                                         : Matrix(Matrix::Constant(3, 2, -0.5f));
      Matrix outputs;
      REQUIRE(run->Predict(rows, outputs, error));
      CHECK(outputs.rows() == 3);
      CHECK(outputs.allFinite());
    }
    {
      // Every task has a history: its own, or its reports (the ReportLine above is not one; Report is).
      run->Report();
      const std::string csv = run->HistoryCsv();
      CHECK(std::count(csv.begin(), csv.end(), '\n') >= 2);  // a header and a row at least
      CHECK(csv.rfind("step", 0) == 0);
    }
    if (task.Can(kDatasetCsv)) {
      const std::string csv = run->DatasetCsv();
      CHECK(std::count(csv.begin(), csv.end(), '\n') > 10);
    }
    if (task.Can(kNetworks)) {
      // A pretrained model (the deep autoencoder) has its network to check once pretraining ends.
      std::vector<NamedNetwork> networks = run->Networks();
      for (long s = 0; networks.empty() && s < 20 * run->StepsPerReport() * 10; ++s) {
        run->Step();
        networks = run->Networks();
      }
      REQUIRE_FALSE(networks.empty());
      for (const NamedNetwork& n : networks) {
        INFO(n.name);
        if (!n.network.network) continue;  // a model whose loss is a CheckedLoss is checked in tests/teaching
        std::unique_ptr<Network> copy = n.network.copy();
        const Matrix inputs = n.network.inputs->topRows(std::min<Eigen::Index>(8, n.network.inputs->rows()));
        const Matrix targets = n.network.targets->topRows(inputs.rows());
        const GradientCheckReport report = CheckNetworkGradients(*copy, *n.network.loss, inputs, targets);
        std::string errors;
        for (size_t t = 0; t < report.names.size(); ++t)
          errors += report.names[t] + ": " + std::to_string(report.relative_error[t]) + "\n";
        INFO(errors);
        CHECK(report.worst < 1e-2);
      }
    } else {
      CHECK(run->Networks().empty());  // the capability and the run agree both ways
    }
  }
}

TEST_CASE("every setting a task lists is a setting, with its own range inside the setting's", "[tasks]") {
  for (const Task& task : Tasks()) {
    INFO(task.name);
    std::set<std::string> seen;
    for (const TaskSetting& own : task.settings) {
      INFO(own.key);
      const Setting* setting = FindSetting(own.key);
      REQUIRE(setting != nullptr);
      CHECK(seen.insert(own.key).second);  // listed once
      if (own.high > own.low) CHECK((own.low >= setting->low && own.high <= setting->high));
      if (own.unless) {
        const std::string rule = own.unless;
        CHECK(FindSetting(rule.substr(0, rule.find('='))) != nullptr);  // "key=value" names a setting
      }
    }
    CHECK(task.Reads("seed") == (std::string(task.name) != "no such"));  // every run draws from the seed
  }
}

// The other direction, which keeps the panels honest: a setting a task does not list changes nothing
// its run reports. Each numeric, yes/no or choice setting outside the list is moved to another accepted
// value, and the report after a few steps must be the example's, to the digit; a run that read the
// setting would move (tests/cli/every_flag_test.sh does the same for the flags).
TEST_CASE("a setting a task does not list changes nothing its run reports", "[tasks]") {
  for (const Task& task : Tasks()) {
    const Config example = ExampleOf(task);
    const TaskData data = DataFor(example);
    const auto report = [&](const Config& config) {
      std::unique_ptr<TaskRun> run = task.make_run(config, data);
      for (int i = 0; i < 3; ++i) run->Step();
      return run->ReportLine();
    };
    const std::string expected = report(example);
    for (const Setting& s : Settings()) {
      if (task.Reads(s.key) || s.section == SettingSection::kPage || s.section == SettingSection::kCourse) continue;
      Config moved = example;
      if (s.as_float && s.HasRange()) {
        float& v = s.as_float(moved);
        v = float(v == float(s.SliderHigh()) ? s.SliderLow() : 0.5 * (s.SliderLow() + s.SliderHigh()));
      } else if (s.as_int && s.HasRange()) {
        int& v = s.as_int(moved);
        v = v + 1 <= s.high ? v + 1 : v - 1;
      } else if (s.as_bool) {
        s.as_bool(moved) = !s.as_bool(moved);
      } else if (s.as_text && s.choices.size() > 1) {
        std::string& v = s.as_text(moved);
        v = v == s.choices[0].value ? s.choices[1].value : s.choices[0].value;
      } else {
        continue;  // text, lists and registry names (the table test above builds each task's own)
      }
      INFO(task.name << ": " << s.key << " moved to " << s.write(moved));
      if (!ValidateSettings(moved).empty()) continue;  // a value the task's own range refuses
      CHECK(report(moved) == expected);
    }
  }
}

// TaskRun::Progress: a lesson with an end starts at 0, never moves back, and reaches 1 where its story
// ends by the run's own account: the deep autoencoder when its trainer is done (every pretraining epoch of
// every layer and every fine-tuning epoch), DQN when ε has reached its floor and 1,000 moves more, the DBN
// after its pretraining and ten fine-tuning epochs, attention after 1,000 updates. The others have none.
TEST_CASE("a lesson's progress starts at 0, never falls, and is 1 exactly where its story ends", "[tasks]") {
  std::set<std::string> with_end;
  for (const Task& task : Tasks()) {
    INFO(task.name);
    const ExampleRun example(task);
    TaskRun& run = *example.run;
    if (run.Progress() < 0.0) continue;
    with_end.insert(task.name);
    CHECK(run.Progress() == 0.0);
    double last = 0.0;
    long steps_at_end = -1;
    for (long i = 0; i < 200000 && steps_at_end < 0; ++i) {
      run.Step();
      const double p = run.Progress();
      REQUIRE(p >= last);
      REQUIRE(p <= 1.0);
      last = p;
      if (p == 1.0) steps_at_end = run.steps();
    }
    INFO("ended at step " << steps_at_end);
    REQUIRE(steps_at_end > 0);
    const std::string line = run.ReportLine();
    INFO(line);
    if (task.name == std::string("dqn")) {
      CHECK(steps_at_end == 4000);  // the example's 3,000-move ε decay + 1,000
      CHECK(line.find(" epsilon=0.05") != std::string::npos);
    } else if (task.name == std::string("attention")) {
      CHECK(steps_at_end == 1000);
      CHECK(line.find(" test_accuracy=1 ") != std::string::npos);
    } else if (task.name == std::string("autoencoder") || task.name == std::string("dbn")) {
      CHECK(line.find("phase=fine_tuning") != std::string::npos);
      run.Step();  // the run trains on past its lesson when asked (Continue, --steps)
      CHECK(run.steps() == steps_at_end + (task.name == std::string("dbn") ? 1 : 0));
      CHECK(run.Ended() == (task.name == std::string("autoencoder")));
    }
  }
  CHECK(with_end == std::set<std::string>{"attention", "autoencoder", "dbn", "dqn"});
}
