// The MADE lesson as a workbench task (lessons/made_run.h): read from a config like any task, its keys
// left out of links while default, its bad settings refused, and after a few epochs on binary digits
// MADE's exact test log-likelihood beats the independent-pixel baseline's.
#include <catch2/catch.hpp>

#include <cmath>
#include <memory>
#include <string>

#include "config/config.h"
#include "tasks/made/made_run.h"
#include "support/built_in_task_data.h"
#include "support/config_text.h"
#include "support/task_runs.h"
#include "tasks/table.h"
#include "data/task_data.h"
#include "links/config_text.h"

using namespace netlab;

TEST_CASE("The made task reads its keys and refuses what it cannot train", "[made][lessons]") {
  const Config made = Parsed("task=made&dataset=digits&layers=64:relu&optimizer=adam&learning_rate=0.003");
  CHECK(made.lesson.rbm_hidden == 16);
  CHECK(ConfigToText(made).find("rbm_hidden") == std::string::npos);  // default: left out of the link
  const Config small = Parsed("task=made&dataset=digits&layers=64:relu&rbm_hidden=12");
  CHECK(small.lesson.rbm_hidden == 12);
  CHECK(ConfigToText(small).find("rbm_hidden=12") != std::string::npos);
  CHECK_FALSE(Refusal("task=made&dataset=digits&layers=64:relu&rbm_hidden=21").empty());  // 2^21 states: refused
  CHECK(Refusal("task=made&dataset=digits&layers=64:softmax").find("elementwise") != std::string::npos);
  CHECK(Refusal("task=made&dataset=digits&layers=").find("1 to 4") != std::string::npos);
}

TEST_CASE("After a few epochs MADE's exact test log-likelihood beats independent pixels", "[made][lessons]") {
  const Config config =
      Parsed("task=made&dataset=digits&layers=64:relu&optimizer=adam&learning_rate=0.003&batch_size=32&rbm_hidden=10");
  const TaskData data = BuiltInTaskData("digits", config.seed);
  const std::unique_ptr<MadeRun> run = TrainedRun<MadeRun>(config, data, 5);
  const MadeRun::Point& last = run->history().back();
  CHECK(last.epoch >= 4);
  // Independent pixels ignore every correlation between pixels; any autoregressive model that learnt one
  // scores higher on held-out digits (both numbers are exact log-likelihoods in nats per image).
  CHECK(last.made_test > run->baseline_test());
  CHECK(last.made_train > run->history().front().made_train);
  CHECK(std::isfinite(last.rbm_test));
  CHECK(run->ReportLine().find("made_test_ll=") != std::string::npos);
}
