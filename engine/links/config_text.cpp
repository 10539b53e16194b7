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
#include "train/network_builder.h"
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

// The playground's checks (version 1): 2-D data, input features, dense hidden layers.
std::string ValidatePlayground(const Config& c) {
  if (!FindDatasetKind(c.data.kind)) return "Unknown dataset '" + c.data.kind + "'.";
  if (c.data.samples < kMinSamples || c.data.samples > kMaxSamples)
    return "Samples must be between " + std::to_string(kMinSamples) + " and " + std::to_string(kMaxSamples) + ".";
  if (!InRange(c.data.noise, 0.0f, 1.0f)) return "Noise must be between 0 and 1.";
  if (!InRange(c.data.train_fraction, 0.05f, 0.95f)) return "The training share must be between 0.05 and 0.95.";
  if (c.features.empty()) return "Choose at least one input feature.";
  if (c.features.size() > Features().size()) return "Too many input features.";
  for (const std::string& f : c.features)
    if (!FindFeature(f)) return "Unknown input feature '" + f + "'.";
  if (c.hidden.size() > size_t(kMaxHiddenLayers))
    return "At most " + std::to_string(kMaxHiddenLayers) + " hidden layers are supported.";
  for (size_t i = 0; i < c.hidden.size(); ++i)
    if (c.hidden[i].kind != "dense")
      return "Layer " + std::to_string(i + 1) + " (" + c.hidden[i].kind +
             "): the 2-D playground trains dense layers; convolution, pooling and recurrent layers need the "
             "image classification or sequence tasks.";
  const Loss* loss = FindLoss(c.loss);
  if (FindDatasetKind(c.data.kind)->regression && loss && !loss->regression)
    return "Regression data needs a regression loss; '" + std::string(loss->label) + "' is for classes.";
  return "";
}

// The lessons' keys (LessonConfig) and the layers the perceptron and flow tasks read.
std::string ValidateLesson(const Config& c) {
  const LessonConfig& l = c.lesson;
  if (!OneOf(l.perceptron_rule, {"rosenblatt", "sigmoid"}))
    return "Unknown perceptron rule '" + l.perceptron_rule + "' (rosenblatt or sigmoid).";
  if (!OneOf(l.perceptron_update, {"incremental", "batch"}))
    return "Unknown perceptron update '" + l.perceptron_update + "' (incremental or batch).";
  if (!OneOf(l.flow, {"planar", "additive_coupling", "affine_coupling"}))
    return "Unknown flow '" + l.flow + "' (planar, additive_coupling or affine_coupling).";
  if (l.flow_layers < 1 || l.flow_layers > 32) return "A flow has between 1 and 32 layers.";
  if (!InRange(l.label_noise, 0.0f, 1.0f)) return "The label noise must be between 0 and 1.";
  if (l.rbm_hidden < 1 || l.rbm_hidden > 20)
    return "The RBM beside MADE has 1 to 20 hidden units (its log Z sums over 2^h hidden states).";
  if (c.task == "made") {
    if (c.hidden.empty() || c.hidden.size() > 4) return "MADE has 1 to 4 dense hidden layers.";
    for (const LayerConfig& h : c.hidden) {
      const Activation* a = FindActivation(h.activation);
      if (h.kind != "dense" || !a || !a->elementwise)
        return "MADE's hidden layers are dense, with an elementwise activation such as relu or tanh.";
    }
  }
  if (c.task == "dbm" && (c.hidden.size() != 2 || c.hidden[0].kind != "dense" || c.hidden[1].kind != "dense" ||
                          c.hidden[0].units > 20))
    return "The deep Boltzmann machine has two dense layers, the first of at most 20 units (its log Z sums "
           "over their 2^h1 states).";
  if (!InRange(l.gumbel_temperature, 0.001f, 100.0f) || !InRange(l.gumbel_temperature_min, 0.001f, 100.0f))
    return "The Gumbel-softmax temperature and its floor must be between 0.001 and 100.";
  if (!InRange(l.gumbel_anneal, 0.0f, 1.0f)) return "The temperature's annealing rate must be between 0 and 1.";
  if (c.task == "gumbel-vae" && (c.family.latent > 16 || c.family.latent * l.categories > 256))
    return "The categorical latent has at most 16 groups and 256 categories in all (groups x categories).";
  if (!InRange(l.discount, 0.0f, 0.999f)) return "The discount gamma must be between 0 and 0.999.";
  if (!InRange(l.epsilon_start, 0.0f, 1.0f) || !InRange(l.epsilon_end, 0.0f, 1.0f))
    return "Epsilon (start and end) must be between 0 and 1.";
  if (c.task == "flow" && (c.hidden.size() != 1 || c.hidden[0].kind != "dense"))
    return "The normalizing flow reads one dense layer: the width of its coupling networks.";
  if (c.task == "flow" && c.data.kind == "drawn" && c.data.painted.empty())
    return "The drawn target needs points (points=x:y:label,...): draw some first.";
  return "";
}

// The other tasks' data and architecture (workbench/tasks.h); shapes are checked by PlanStack.
std::string ValidateTask(const Config& c, const Task& task) {
  bool known_data = false;
  for (const std::string& kind : task.data) known_data = known_data || kind == c.data.kind;
  if (!known_data) {
    std::string options;
    for (const std::string& kind : task.data) options += (options.empty() ? "" : ", ") + kind;
    return "The " + std::string(task.label) + " task reads " + options + " data, not '" + c.data.kind + "'.";
  }
  if (c.data.kind == "file" && c.data.file.empty()) return "Name the data file (data_file=...).";
  const std::string task_name = task.name;
  auto count = [&](const char* kind) {
    int n = 0;
    for (const LayerConfig& l : c.hidden) n += l.kind == kind;
    return n;
  };
  const int dense = count("dense"), recurrent = count("lstm") + count("gru") + count("rnn");
  if (task_name == "sequence" && (c.hidden.size() != 1 || recurrent != 1))
    return "The sequence task trains one recurrent layer (lstm, gru or rnn) and a linear readout.";
  const bool stacked = task_name == "rbm" || task_name == "dbn" || task_name == "autoencoder" ||
                       task_name == "vae" || task_name == "gan" || task_name == "sbn" || task_name == "dqn" ||
                       task_name == "attention" || task_name == "gumbel-vae";
  if (stacked && dense != int(c.hidden.size()))
    return "The " + std::string(task.label) + " is built from dense layers only.";
  if ((task_name == "rbm" || task_name == "vae" || task_name == "gan" || task_name == "attention" ||
       task_name == "gumbel-vae") &&
      c.hidden.size() != 1)
    return "The " + std::string(task.label) + " has one hidden layer: give exactly one.";
  if ((task_name == "dbn" || task_name == "autoencoder" || task_name == "sbn") &&
      (c.hidden.empty() || c.hidden.size() > 4))
    return "A deep belief net stacks 1 to 4 RBMs: give 1 to 4 dense layers.";
  if (task_name == "attention" && (c.family.sequence_length < 2 || c.family.sequence_length > 12))
    return "The attention toy reverses sequences of 2 to 12 tokens.";
  if (task_name == "dqn" && (c.hidden.empty() || c.hidden.size() > 4))
    return "The Q-network has 1 to 4 dense hidden layers.";
  if (task_name == "classify") {
    const Loss* loss = FindLoss(c.loss);
    if (loss && !loss->one_hot_targets)
      return "Classification into several classes needs softmax cross-entropy or the multiclass hinge loss, not '" +
             std::string(loss->label) + "'.";
    const DataShape shape = KnownDataShape(c.data.kind);
    if (shape.known()) {
      const StackPlan plan = PlanStack(c, shape, shape.classes);
      if (!plan.error.empty()) return plan.error;
    }
  }
  const std::string lesson_error = ValidateLesson(c);
  if (!lesson_error.empty()) return lesson_error;
  const FamilyConfig& f = c.family;
  if (!InRange(f.kl_weight, 0.0f, 100.0f)) return "The KL weight must be between 0 and 100.";
  if (!InRange(f.discriminator_learning_rate, 1e-7f, 10.0f))
    return "The discriminator's learning rate must be between 1e-7 and 10.";
  return "";
}

}  // namespace

std::string ValidateConfig(const Config& c) {
  const Task* task = FindTask(c.task);
  if (!task) return "Unknown task '" + c.task + "'.";
  const std::string task_error = c.task == "playground" ? ValidatePlayground(c) : ValidateTask(c, *task);
  if (!task_error.empty()) return task_error;
  if (c.hidden.size() > size_t(kMaxStackLayers))
    return "At most " + std::to_string(kMaxStackLayers) + " layers are supported.";
  for (const LayerConfig& layer : c.hidden) {
    if (layer.kind != "dense") continue;  // the other kinds are checked with their shapes (PlanStack)
    if (layer.units < 1 || layer.units > kMaxUnits)
      return "A hidden layer needs between 1 and " + std::to_string(kMaxUnits) + " units.";
    if (!FindActivation(layer.activation)) return "Unknown activation '" + layer.activation + "'.";
    if (layer.pieces < 2 || layer.pieces > kMaxMaxoutPieces)
      return "Maxout needs between 2 and " + std::to_string(kMaxMaxoutPieces) + " pieces.";
    if (!OneOf(layer.norm, {"none", "batch", "layer"})) return "Unknown normalization '" + layer.norm + "'.";
    if (!OneOf(layer.skip, {"none", "residual", "highway", "dense"})) return "Unknown skip connection '" + layer.skip + "'.";
    if (layer.skip == "dense" && c.task != "classify")
      return "The dense skip (DenseNet's concatenation) widens the next layer's input; only the classification "
             "task's layer stack takes it.";
    if (!InRange(layer.dropout, 0.0f, 0.95f) || !InRange(layer.dropconnect, 0.0f, 0.95f))
      return "Dropout and DropConnect probabilities must be between 0 and 0.95.";
  }
  if (!FindActivation(c.output_activation)) return "Unknown output activation '" + c.output_activation + "'.";
  if (!FindActivation(c.output_activation)->elementwise)
    return "The output activation must be element-wise (not " + c.output_activation + ").";
  const Loss* loss = FindLoss(c.loss);
  if (!loss) return "Unknown loss '" + c.loss + "'.";
  if (!FindInitializer(c.initializer)) return "Unknown initializer '" + c.initializer + "'.";
  if (!InRange(c.init_scale, 0.0f, 100.0f)) return "The initializer scale must be between 0 and 100.";
  const OptimizerSettings& o = c.optimizer;
  if (!FindOptimizerKind(o.kind)) return "Unknown optimizer '" + o.kind + "'.";
  if (!InRange(o.learning_rate, 1e-7f, 10.0f)) return "The learning rate must be between 1e-7 and 10.";
  if (!InRange(o.momentum, 0.0f, 0.9999f)) return "Momentum must be between 0 and 0.9999.";
  if (!InRange(o.beta1, 0.0f, 0.9999f) || !InRange(o.beta2, 0.0f, 0.999999f)) return "Adam's betas must be in [0, 1).";
  if (!InRange(o.epsilon, 1e-12f, 1.0f)) return "Epsilon must be between 1e-12 and 1.";
  if (!InRange(o.rho, 0.0f, 0.9999f)) return "RMSprop's rho must be between 0 and 0.9999.";
  if (!InRange(o.weight_decay, 0.0f, 1.0f)) return "Weight decay must be between 0 and 1.";
  if (!InRange(o.temperature, 0.0f, 1.0f)) return "The SGLD temperature must be between 0 and 1.";
  if (!OneOf(c.schedule.kind, {"constant", "step", "exponential", "cosine"}))
    return "Unknown learning-rate schedule '" + c.schedule.kind + "'.";
  if (c.schedule.decay_steps < 1) return "Decay steps must be at least 1.";
  if (!InRange(c.schedule.gamma, 0.0f, 1.0f)) return "The schedule's gamma must be between 0 and 1.";
  const RegularizationConfig& r = c.regularization;
  if (!InRange(r.l1, 0.0f, 1.0f) || !InRange(r.l2, 0.0f, 1.0f)) return "L1 and L2 strengths must be between 0 and 1.";
  if (!InRange(r.clip_norm, 0.0f, 1e6f)) return "The gradient clipping norm must be between 0 (off) and 1e6.";
  if (!InRange(r.validation_fraction, 0.0f, 0.5f)) return "The validation share must be between 0 (off) and 0.5.";
  if (r.patience < 1) return "Patience must be at least 1.";
  if (c.batch_size < 1 || c.batch_size > kMaxSamples)
    return "The batch size must be between 1 and " + std::to_string(kMaxSamples) + ".";
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
  if (!OneOf(c.layout, {"full", "compact"})) return "Unknown layout '" + c.layout + "' (full or compact).";
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
