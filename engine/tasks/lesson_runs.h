#pragma once
// The lessons' tasks (engine/lessons) as workbench runs: perceptron (lessons/perceptron_run.h), flow
// (lessons/flow_run.h), made (lessons/made_run.h) and dbm (lessons/dbm_run.h). MakeFamilyRun asks here for the tasks it does not know.
#include <memory>

#include "tasks/task_run.h"

namespace netlab {

// The run for config.task when it is a lesson here; null otherwise.
std::unique_ptr<FamilyRun> MakeLessonRun(const Config& config, const TaskData& data);

}  // namespace netlab
