#pragma once
// A task's run as the task table builds it (tasks/table.h), trained for a few reports.
#include <catch2/catch.hpp>

#include <memory>

#include "config/config.h"
#include "data/task_data.h"
#include "tasks/table.h"

namespace netlab {

// The run the table makes for `config`'s task on `data`, which must be a `Run`, after `reports` reports'
// worth of steps without diverging. `data` must outlive it.
template <class Run>
std::unique_ptr<Run> TrainedRun(const Config& config, const TaskData& data, long reports) {
  std::unique_ptr<TaskRun> family = FindTask(config.task)->make_run(config, data);
  REQUIRE(dynamic_cast<Run*>(family.get()));
  std::unique_ptr<Run> run(static_cast<Run*>(family.release()));
  REQUIRE(run->error().empty());
  for (long i = 0; i < reports * run->StepsPerReport(); ++i) run->Step();
  REQUIRE(run->diverged().empty());
  return run;
}

}  // namespace netlab
