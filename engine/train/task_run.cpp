#include "train/task_run.h"

#include "core/json_text.h"

namespace netlab {

std::string ReportPrefix(long steps, long steps_per_epoch) {
  std::string prefix = "step=" + std::to_string(steps);
  if (steps_per_epoch > 0) prefix += " epoch=" + JsonNumber(double(steps) / double(steps_per_epoch));
  return prefix;
}

}  // namespace netlab
