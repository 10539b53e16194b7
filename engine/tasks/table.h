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
  kPytorch = 1u << 6,     // --export-pytorch, Export PyTorch: train.py, a notebook, the data and the weights
};

// The hidden layers a task takes (config key `layers`): ValidateConfig checks the form and the count,
// the Network panel edits them accordingly.
enum class LayerForm {
  kNone,       // no hidden layers (the perceptron's single unit)
  kBlocks,     // the playground's dense blocks: units, activation, norm, skip, dropout each
  kStack,      // any stack of dense, convolution, pooling and flatten layers (classification)
  kSizes,      // dense layers whose sizes are the model's (RBMs, encoders, Q-network): units only
  kRecurrent,  // one recurrent cell (lstm, gru or rnn) and its units
};
struct LayerRule {
  LayerForm form;
  int min = 0, max = 0;  // how many
  const char* what = "";  // what a layer is in this task, for messages and the panel ("RBM", "coupling width")
};

// A setting a task reads (config/settings.h's key), optionally with its own label and accepted range
// (the attention toy's sequences are 2 to 12 tokens; the GAN's latent is its noise).
struct TaskSetting {
  std::string key;
  const char* label = nullptr;   // null: the setting's own
  double low = 0, high = 0;      // both 0: the setting's own range
  double slider_low = 0, slider_high = 0;  // both 0: the setting's own slider
  // "key=value": the panels leave it out while the config holds that value (a planar flow has no
  // coupling networks, so no width), null: always shown.
  const char* unless = nullptr;
  bool ShownFor(const Config& config) const;
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
  LayerRule layers;
  // Every setting its run reads: the panels show these and no other, the search varies only these, and
  // docs/config.md says which tasks read each key. (task, version and the page's keys are read by all.)
  std::vector<TaskSetting> settings;
  // Its own checks beyond the settings' ranges and the layer rule, "" when the config can train; null
  // when it has none.
  std::string (*validate)(const Config& config) = nullptr;
  bool Reads(const std::string& key) const;
  const TaskSetting* SettingOf(const std::string& key) const;
  bool Can(Capability c) const { return (can & c) != 0; }
  // Whether it trains on files (built-in sets, Fashion-MNIST or the user's): the data kinds other than
  // those generated as it trains.
  bool ReadsFiles() const;
};

const std::vector<Task>& Tasks();
const Task* FindTask(const std::string& name);

// What a capability is called in messages ("weights files", "ONNX export", ...).
const char* CapabilityName(Capability c);
// The names of the tasks that can `c`, comma-separated.
std::string TasksWith(Capability c);
// Why a task lacks `c`, as the page's disabled buttons and the command line's refusals say it: "the dqn
// task: it has no PyTorch export (available for: playground, classify, ...)".
std::string LacksCapability(const Task& task, Capability c);

}  // namespace netlab
