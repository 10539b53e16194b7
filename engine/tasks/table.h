#pragma once
// What the workbench can train (Config::task), each with the data sets it reads and the tabs of the
// output area that show it. One table, read by the config's validation, the panels and the headless
// runner, so that adding a task is one entry here and its run (workbench/task_run.h).
#include <string>
#include <vector>

namespace netlab {

struct Task {
  const char* name;   // as a config spells it
  const char* label;  // as the task combo shows it
  const char* summary;
  std::vector<std::string> data;   // data kinds it reads; empty: the 2-D generators (data/dataset.h)
  std::vector<std::string> views;  // output tabs, the first one shown by default
  bool counted_in_epochs;          // headless --epochs counts passes over the training set
};

const std::vector<Task>& Tasks();
const Task* FindTask(const std::string& name);

}  // namespace netlab
