#include "train/task_run.h"

#include "core/json_text.h"
#include "train/history_csv.h"

namespace netlab {

std::string TaskRun::Report() {
  reports_.push_back(ReportLine());
  return reports_.back();
}

std::string TaskRun::HistoryCsv() const { return ReportLinesCsv(reports_); }

std::string ReportPrefix(long steps, long steps_per_epoch) {
  std::string prefix = "step=" + std::to_string(steps);
  if (steps_per_epoch > 0) prefix += " epoch=" + JsonNumber(double(steps) / double(steps_per_epoch));
  return prefix;
}

}  // namespace netlab
