// Runs side by side (compare/pinned_runs.h): what differs between two configs, and pinned runs whose
// curves are replayed from their links. The replay's reports are those of the same config stepped here
// by hand, so a pinned curve is the run that was pinned, and pins read back from their text replay the same.
#include <catch2/catch.hpp>

#include <memory>

#include "compare/pinned_runs.h"
#include "config/course.h"
#include "links/config_text.h"
#include "support/config_text.h"
#include "tasks/table.h"

using namespace netlab;

namespace {

void ReplayAll(PinnedRuns& pins) {
  for (int i = 0; i < 1000 && pins.Replay(10.0, Config(), TaskData()); ++i) {
  }
}

}  // namespace

TEST_CASE("config differences name the settings that differ, not the page's keys", "[compare]") {
  const Config a = Parsed("dataset=xor&layers=4:tanh&learning_rate=0.03&log_scale=1");
  const Config b = Parsed("dataset=xor&layers=8:relu&learning_rate=0.1");
  const std::vector<SettingDifference> d = ConfigDifferences(b, a);
  REQUIRE(d.size() == 2);
  CHECK(d[0].key == "layers");
  CHECK(d[0].here == "8:relu");
  CHECK(d[0].there == "4:tanh");
  CHECK(d[1].key == "learning_rate");
  CHECK(DifferenceLabel(d) == "layers=8:relu, learning_rate=0.1");
  CHECK(DifferenceLabel(d, 20) == "layers=8:relu, ...");
  CHECK(DifferenceLabel(ConfigDifferences(a, a)) == "same settings");
}

TEST_CASE("a pinned run's replayed curve is the run stepped by hand, and survives its text", "[compare]") {
  PinnedRuns pins;
  const Config config = Parsed("dataset=xor&layers=4:tanh&learning_rate=0.1&seed=2");
  REQUIRE(pins.Pin(config, 150).empty());
  REQUIRE(pins.Pin(Parsed("dataset=circle&layers=3:relu&seed=5"), 40).empty());
  ReplayAll(pins);
  const PinnedRun& pin = pins.runs()[0];
  REQUIRE(pin.done());
  REQUIRE(pin.failed.empty());
  REQUIRE(pin.reports.size() == 151);  // step 0 and every step (150 / 300 rounds up to 1)
  std::unique_ptr<TaskRun> run = FindTask("playground")->make_run(config, TaskData());
  for (const auto& [step, numbers] : pin.reports) {
    while (run->steps() < step) run->Step();
    REQUIRE(numbers == ParseReportNumbers(run->Report()));
  }
  std::vector<float> steps, losses;
  pin.Curve("test_loss", steps, losses);
  CHECK(steps.back() == 150.0f);
  CHECK(losses.size() == 151);

  // Read back from its text, the pins replay to the same reports.
  PinnedRuns back;
  std::string error;
  REQUIRE(back.FromText(pins.ToText(), error));
  REQUIRE(back.runs().size() == 2);
  ReplayAll(back);
  CHECK(back.runs()[0].reports == pin.reports);
  CHECK(back.runs()[1].reports == pins.runs()[1].reports);
}

TEST_CASE("pins are refused with a reason: a seventh, a bad line, data the page has not loaded", "[compare]") {
  PinnedRuns pins;
  for (int i = 0; i < 6; ++i) REQUIRE(pins.Pin(Parsed("seed=" + std::to_string(i + 1)), 10).empty());
  CHECK(pins.Pin(Parsed("seed=9"), 10).find("6 runs of this task are pinned already") == 0);
  CHECK(pins.Pin(Parsed("task=gan"), 10).empty());  // per task
  CHECK(pins.Pin(Parsed("seed=9"), 0).find("train it first") == 0);
  std::string error;
  CHECK_FALSE(pins.FromText("12 dataset=xor\nlots layers=4:tanh\n", error));
  CHECK(error.find("pinned run 2: should be 'STEPS LINK'") == 0);
  CHECK_FALSE(pins.FromText("12 layers=4:zz\n", error));
  CHECK(error.find("pinned run 1: ") == 0);
  // The digits of another seed are another split, which this page has not loaded.
  PinnedRuns digits;
  REQUIRE(digits.Pin(Parsed("task=classify&dataset=digits&seed=3"), 5).empty());
  digits.Replay(1.0, Parsed("task=classify&dataset=digits&seed=4"), TaskData());
  CHECK(digits.runs()[0].failed.find("is not the data this page has loaded") != std::string::npos);
}
