#pragma once
// Every task Netlab trains, one row each: how its run is made, what data it reads, the output tabs that
// show it, its default config (its example in examples/configs/, compiled in: tasks/examples.h) and what
// it can do beyond training. The config parser, the links, the panels, the task picker, the command
// line, the search and docs/config.md read this table; nothing outside it compares task names.
// tests/tasks/table_test.cpp checks every row: its example parses and round-trips through a link, its
// run steps, and each capability it claims works (the page's views: tests/views/).
#include <memory>
#include <string>
#include <vector>

#include "config/config.h"
#include "data/task_data.h"
#include "train/task_run.h"

namespace netlab {

// What a task's run can do beyond training; the command line refuses a flag whose capability the task
// lacks, naming the flag and the task, and the page hides the button.
enum Capability : unsigned {
  kWeights = 1u << 0,     // its parameters go into weights files (--save-weights, --weights, Save weights)
  kOnnx = 1u << 1,        // --export-onnx, Export ONNX
  kPredict = 1u << 2,     // --predict: the model's outputs for rows of a CSV
  kDatasetCsv = 1u << 4,  // --dataset-csv, Data CSV: the table it trains on
  kNetworks = 1u << 5,    // networks for the gradient check and the layer statistics
};

struct Task {
  const char* name;     // as a config spells it (task=...)
  const char* label;    // as the task picker shows it
  const char* group;    // the picker's heading: supervised, sequences, generative, energy-based, reinforcement, lessons
  const char* summary;  // one line under the label
  std::vector<std::string> data;   // data kinds it reads (dataset=...); empty: the playground's 2-D generators
  std::vector<std::string> views;  // output tabs, the first one shown by default
  const char* example;  // examples/configs/<example>.cfg: the config the task starts from
  unsigned can;         // Capability bits
  std::unique_ptr<TaskRun> (*make_run)(const Config& config, const TaskData& data);
  bool Can(Capability c) const { return (can & c) != 0; }
  // Whether it trains on files (built-in sets, Fashion-MNIST or the user's): the data kinds other than
  // those generated as it trains.
  bool ReadsFiles() const;
};

const std::vector<Task>& Tasks();
const Task* FindTask(const std::string& name);

// What a capability is called in messages ("weights files", "ONNX export", ...).
const char* CapabilityName(Capability c);

}  // namespace netlab
