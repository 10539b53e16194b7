#include "lessons/lesson_runs.h"

#include "lessons/flow_run.h"
#include "lessons/perceptron_run.h"

namespace netlab {

std::unique_ptr<FamilyRun> MakeLessonRun(const Config& config) {
  if (config.task == "perceptron") return std::make_unique<PerceptronRun>(config);
  if (config.task == "flow") return std::make_unique<FlowRun>(config);
  return nullptr;
}

}  // namespace netlab
