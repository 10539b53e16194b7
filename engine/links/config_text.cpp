#include "links/config_text.h"

#include "optim/optimizer.h"

#include <algorithm>
#include <cerrno>
#include <cctype>
#include <cmath>
#include <cstdlib>
#include <functional>
#include <sstream>

#include "nn/activation.h"
#include "data/dataset.h"
#include "nn/initializer.h"
#include "data/input_features.h"
#include "nn/loss.h"
#include "networks/network_builder.h"
#include "config/settings.h"
#include "tasks/examples.h"
#include "tasks/table.h"

namespace netlab {
namespace {

bool InRange(float v, float low, float high) { return std::isfinite(v) && v >= low && v <= high; }

bool OneOf(const std::string& value, std::initializer_list<const char*> options) {
  for (const char* o : options)
    if (value == o) return true;
  return false;
}

}  // namespace

namespace {

std::string Plural(int n, const std::string& what) { return std::to_string(n) + " " + what + (n == 1 ? "" : "s"); }

// The task's data kinds and layers against its row: the data it reads, the form and count of its layers.
std::string ValidateTaskRow(const Config& c, const Task& task) {
  const std::string label = task.label;
  if (!task.data.empty()) {
    bool known_data = false;
    std::string options;
    for (const std::string& kind : task.data) {
      known_data = known_data || kind == c.data.kind;
      options += (options.empty() ? "" : ", ") + kind;
    }
    if (!known_data) return "The " + label + " task reads " + options + " data, not '" + c.data.kind + "'.";
    if (c.data.kind == "file" && c.data.file.empty()) return "Name the data file (data_file=...).";
  }
  const LayerRule& rule = task.layers;
  const int count = int(c.hidden.size());
  int dense = 0, recurrent = 0;
  for (const LayerConfig& l : c.hidden) {
    dense += l.kind == "dense";
    recurrent += l.kind == "lstm" || l.kind == "gru" || l.kind == "rnn";
  }
  switch (rule.form) {
    case LayerForm::kNone:
      if (count > 0) return "The " + label + " has no hidden layers: leave layers= empty.";
      break;
    case LayerForm::kBlocks:
      for (int i = 0; i < count; ++i)
        if (c.hidden[size_t(i)].kind != "dense")
          return "Layer " + std::to_string(i + 1) + " (" + c.hidden[size_t(i)].kind + "): the " + label +
                 " trains dense layers; convolution, pooling and recurrent layers need the image classification or "
                 "sequence tasks.";
      break;
    case LayerForm::kSizes:
      if (dense != count) return "The " + label + " is built from dense layers only.";
      break;
    case LayerForm::kRecurrent:
      if (recurrent != count || count != 1)
        return "The " + label + " trains one recurrent layer (lstm, gru or rnn) and a linear readout.";
      break;
    case LayerForm::kStack:
      break;  // any kind; the shapes are checked by PlanStack (ValidateClassify)
  }
  if (count < rule.min || count > rule.max) {
    if (rule.min == rule.max && rule.min == 1) return "The " + label + " has one " + rule.what + ": give exactly one.";
    if (rule.min == rule.max) return "The " + label + " has " + Plural(rule.min, rule.what) + ": give exactly " +
                                     std::to_string(rule.min) + ".";
    return "The " + label + " takes " + std::to_string(rule.min) + " to " + Plural(rule.max, rule.what) + ", not " +
           std::to_string(count) + ".";
  }
  for (const LayerConfig& layer : c.hidden)
    if (layer.skip == "dense" && rule.form != LayerForm::kStack)
      return "The dense skip (DenseNet's concatenation) widens the next layer's input; only the classification "
             "task's layer stack takes it.";
  // A range of its own for a setting (the attention toy's 2 to 12 tokens).
  for (const TaskSetting& own : task.settings) {
    if (!(own.high > own.low)) continue;
    const Setting& s = *FindSetting(own.key);
    Config& edit = const_cast<Config&>(c);  // the accessors only read here
    const double v = s.as_int ? double(s.as_int(edit)) : s.as_float ? double(s.as_float(edit)) : 0.0;
    if (v < own.low || v > own.high) return "For the " + label + " task, " + OutOfRange(s, own.low, own.high, v);
  }
  return task.validate ? task.validate(c) : "";
}

}  // namespace

std::string ValidateConfig(const Config& c) {
  const Task* task = FindTask(c.task);
  if (!task) return "Unknown task '" + c.task + "'.";
  const std::string range_error = ValidateSettings(c);
  if (!range_error.empty()) return range_error;
  if (c.hidden.size() > size_t(kMaxStackLayers))
    return "At most " + std::to_string(kMaxStackLayers) + " layers are supported.";
  const std::string task_error = ValidateTaskRow(c, *task);
  if (!task_error.empty()) return task_error;
  for (const LayerConfig& layer : c.hidden) {
    if (layer.kind != "dense") continue;  // the other kinds are checked with their shapes (PlanStack)
    if (layer.units < 1 || layer.units > kMaxUnits)
      return "A hidden layer needs between 1 and " + std::to_string(kMaxUnits) + " units.";
    if (!FindActivation(layer.activation)) return "Unknown activation '" + layer.activation + "'.";
    if (layer.pieces < 2 || layer.pieces > kMaxMaxoutPieces)
      return "Maxout needs between 2 and " + std::to_string(kMaxMaxoutPieces) + " pieces.";
    if (!OneOf(layer.norm, {"none", "batch", "layer"})) return "Unknown normalization '" + layer.norm + "'.";
    if (!OneOf(layer.skip, {"none", "residual", "highway", "dense"})) return "Unknown skip connection '" + layer.skip + "'.";
    if (!InRange(layer.dropout, 0.0f, 0.95f) || !InRange(layer.dropconnect, 0.0f, 0.95f))
      return "Dropout and DropConnect probabilities must be between 0 and 0.95.";
  }
  if (!FindActivation(c.output_activation)) return "Unknown output activation '" + c.output_activation + "'.";
  if (!FindActivation(c.output_activation)->elementwise)
    return "The output activation must be element-wise (not " + c.output_activation + ").";
  const Loss* loss = FindLoss(c.loss);
  if (!loss) return "Unknown loss '" + c.loss + "'.";
  if (!FindInitializer(c.initializer)) return "Unknown initializer '" + c.initializer + "'.";
  const OptimizerSettings& o = c.optimizer;
  if (!FindOptimizerKind(o.kind)) return "Unknown optimizer '" + o.kind + "'.";
  for (const LayerConfig& layer : c.hidden)
    if (layer.norm == "batch" && c.batch_size < 2)
      return "Batch norm needs a batch of at least 2 samples to measure a variance: raise the batch size or "
             "use layer norm.";
  bool known_view = false;
  std::string views;
  for (const std::string& v : task->views) {
    known_view = known_view || v == c.view;
    views += (views.empty() ? "" : ", ") + v;
  }
  if (!known_view) return "Unknown view '" + c.view + "' for the " + task->label + " task (" + views + ").";
  if (!OneOf(c.palette, {"standard", "colorblind"}))
    return "Unknown palette '" + c.palette + "' (standard or colorblind).";
  return ValidateCourse(c.course);
}

Config TaskDefaults(const std::string& name) {
  Config c;
  const Task* task = FindTask(name);
  if (!task) return c;
  ConfigEntries entries;
  std::string error;
  ReadConfigEntries(ExampleConfigText(task->example), c, entries, error);  // tests/tasks: every example reads
  if (std::find(entries.given.begin(), entries.given.end(), "view") == entries.given.end()) c.view = task->views.front();
  return c;
}

bool ParseConfig(const std::string& text, Config& out, std::string& error, std::vector<std::string>* notices) {
  // Read once to learn the task and the version, then again over that task's defaults (its example
  // config); versions 1 and 2 read over Config()'s.
  Config named;
  ConfigEntries entries;
  if (!ReadConfigEntries(text, named, entries, error)) return false;
  const bool before_3 = named.version < 3;
  Config c = before_3 ? Config() : TaskDefaults(named.task);
  const std::string view = c.view;
  entries = ConfigEntries();
  if (!ReadConfigEntries(text, c, entries, error)) return false;
  const auto given = [&](const char* key) {
    return std::find(entries.given.begin(), entries.given.end(), std::string(key)) != entries.given.end();
  };
  if (before_3) {
    // Version 2's two task defaults: a task opens on its first view, with its own loss (classification's
    // softmax cross-entropy; Config()'s sigmoid cross-entropy is for two classes).
    const Config defaults = TaskDefaults(c.task);
    if (!given("view")) c.view = defaults.view;
    if (!given("loss")) c.loss = defaults.loss;
  } else if (!given("view")) {
    c.view = view;
  }
  std::string invalid = ValidateConfig(c);
  if (!invalid.empty()) {
    error = invalid;
    return false;
  }
  if (notices) {
    const std::string origin = c.version > kConfigVersion
                                   ? " (from a newer config version " + std::to_string(c.version) + ")"
                                   : "";
    for (const std::string& key : entries.unknown) notices->push_back("Ignored unknown setting '" + key + "'" + origin + ".");
  }
  c.version = kConfigVersion;
  out = c;
  return true;
}

bool SameModelAndData(const Config& a, const Config& b) {
  Config x = a;
  CopyLiveSettings(b, x);
  return ConfigToText(x) == ConfigToText(b);
}

}  // namespace netlab
