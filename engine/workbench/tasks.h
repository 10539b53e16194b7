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

// The built-in data sets of the non-playground tasks, with their shape when it is known before loading
// (images: channels x height x width; table rows: 1 x 1 x columns). `file` (the user's own data) has
// none until it is read.
struct DataShape {
  int channels = 0, height = 0, width = 0, classes = 0;
  bool known() const { return width > 0; }
  bool images() const { return height > 1; }
};
DataShape KnownDataShape(const std::string& data_kind);

}  // namespace netlab
