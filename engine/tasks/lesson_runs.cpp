#include "tasks/lesson_runs.h"

#include "tasks/dbm/dbm_run.h"
#include "tasks/flow/flow_run.h"
#include "tasks/made/made_run.h"
#include "tasks/perceptron/perceptron_run.h"

namespace netlab {

std::unique_ptr<FamilyRun> MakeLessonRun(const Config& config, const TaskData& data) {
  if (config.task == "perceptron") return std::make_unique<PerceptronRun>(config);
  if (config.task == "flow") return std::make_unique<FlowRun>(config);
  if (config.task == "made") return std::make_unique<MadeRun>(config, data);
  if (config.task == "dbm") return std::make_unique<DbmRun>(config, data);
  return nullptr;
}

}  // namespace netlab
