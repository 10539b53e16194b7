// The deep Boltzmann machine lesson as a workbench task (lessons/dbm_run.h): its layers checked by the
// config, and a few epochs on binary digits raise the mean-field bound on the test digits.
#include <catch2/catch.hpp>

#include <cmath>
#include <memory>
#include <string>

#include "config/config.h"
#include "tasks/dbm/dbm_run.h"
#include "support/built_in_task_data.h"
#include "support/config_text.h"
#include "support/task_runs.h"
#include "tasks/table.h"
#include "data/task_data.h"
#include "links/config_text.h"

using namespace netlab;

TEST_CASE("The dbm task refuses layers it cannot bound exactly", "[dbm][lessons]") {
  Config config;
  std::string error;
  CHECK_FALSE(ParseConfig("task=dbm&dataset=digits&layers=21:sigmoid,8:sigmoid", config, error));  // 2^21 states
  CHECK(error.find("20") != std::string::npos);
  CHECK_FALSE(ParseConfig("task=dbm&dataset=digits&layers=16:sigmoid", config, error));
  CHECK(ParseConfig("task=dbm&dataset=digits&layers=16:sigmoid,32:sigmoid", config, error));
}

TEST_CASE("Training a DBM raises its mean-field bound on test digits", "[dbm][lessons]") {
  const Config config = Parsed("task=dbm&dataset=digits&layers=12:sigmoid,16:sigmoid&learning_rate=0.05&momentum=0.5&"
                               "l2=0.0001&batch_size=32");
  const TaskData data = BuiltInTaskData("digits", config.seed);
  const std::unique_ptr<DbmRun> run = TrainedRun<DbmRun>(config, data, 4);
  const DbmRun::Point &first = run->history().front(), &last = run->history().back();
  // At the start (weights ~0.01, biases 0) every pixel is a fair coin: the bound is 64 log(1/2) = -44.4
  // nats, and learning the pixels' biases alone lifts it by several nats.
  CHECK(first.test_bound == Approx(64.0 * std::log(0.5)).margin(0.5));
  CHECK(last.test_bound > first.test_bound + 5.0);
  CHECK(last.train_bound > first.train_bound + 5.0);
  CHECK(std::isfinite(last.log_z));
}
