#pragma once
// The whole playground as plain data: what the UI edits, what a link or a file carries, and what the
// engine builds a model and a trainer from. Text form: one `key=value` per line or `&`-separated.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "data/painted_points.h"
#include "optim/optimizer.h"
#include "tfplayground/settings.h"

namespace netlab {

struct DataConfig {
  std::string kind = "circle";  // see Datasets()
  int samples = 500;
  float noise = 0.0f;           // 0..1, scales each generator's own noise
  float train_fraction = 0.5f;  // share of samples used for training; the rest is the test set
  std::vector<PaintedPoint> painted;  // added on the heatmap; they join the training set (painted_points.h)
};

// One hidden block: Dense -> [normalization] -> activation -> [dropout], optionally wrapped in a skip.
struct LayerConfig {
  int units = 4;
  std::string activation = "tanh";
  int pieces = 2;            // maxout: linear pieces per unit
  std::string norm = "none";  // none | batch | layer
  std::string skip = "none";  // none | residual | highway
  float dropout = 0.0f;      // probability of dropping a unit's output (inverted dropout)
  float dropconnect = 0.0f;  // probability of dropping each weight of the block's dense layer
  bool operator==(const LayerConfig& o) const {
    return units == o.units && activation == o.activation && pieces == o.pieces && norm == o.norm &&
           skip == o.skip && dropout == o.dropout && dropconnect == o.dropconnect;
  }
};

struct RegularizationConfig {
  float l1 = 0.0f;         // adds l1 * sign(w) to weight gradients
  float l2 = 0.0f;         // adds l2 * w to weight gradients (L2 penalty l2/2 |w|²)
  float clip_norm = 0.0f;  // rescales the global gradient norm to at most this; 0 = off
  float validation_fraction = 0.0f;  // share of training data held out for early stopping; 0 = off
  int patience = 10;       // evaluations without validation improvement before stopping
};

struct ScheduleConfig {
  std::string kind = "constant";  // constant | step | exponential | cosine
  int decay_steps = 1000;         // step: period of each drop; exponential: e-folding-like scale; cosine: period
  float gamma = 0.5f;             // step/exponential: factor per decay_steps; cosine: floor as a share of eta0
};

// Bumped when a key changes meaning; readers of an older version ignore a newer version's unknown keys.
constexpr int kConfigVersion = 1;

struct Config {
  int version = kConfigVersion;  // of the text this was read from; always written as kConfigVersion
  DataConfig data;
  std::vector<std::string> features = {"x1", "x2"};
  std::vector<LayerConfig> hidden = {{4, "tanh"}, {2, "tanh"}};
  std::string output_activation = "linear";  // only used by losses that do not take logits
  std::string loss = "sigmoid_bce";
  std::string initializer = "xavier_uniform";
  float init_scale = 0.5f;  // a or sigma for the plain uniform/normal initializers
  OptimizerSettings optimizer;
  ScheduleConfig schedule;
  RegularizationConfig regularization;
  int batch_size = 10;
  uint64_t seed = 1;
  std::string view = "playground";  // UI: the tab in front: playground | backprop | gradient_check | layers | race
  std::string layout = "full";  // UI: full (controls + output) | compact (output only, as when embedded)
  // Set when the config was opened from a TensorFlow Playground link: the run then follows TF
  // Playground's own computation (tfplayground/experiment.h). Any edit of the config clears it.
  std::optional<tfplayground::Settings> tf_playground;
};

// Documented limits: anything beyond them is rejected with a message instead of exhausting memory.
constexpr int kMaxHiddenLayers = 12;
constexpr int kMaxUnits = 256;
constexpr int kMinSamples = 10;
constexpr int kMaxSamples = 5000;
constexpr int kMaxMaxoutPieces = 8;
constexpr size_t kMaxConfigTextBytes = 64 * 1024;

// Empty when the config can be built, else a sentence saying what is wrong.
std::string ValidateConfig(const Config& config);

std::string ConfigToText(const Config& config, char separator = '\n');
// Reads `key=value` pairs separated by newlines or '&', starting from defaults. Unknown keys are
// reported in `notices` and skipped (saying so when the text comes from a newer config version). Returns false with `error` set when a value is malformed or the
// result fails ValidateConfig; `out` is then left unchanged.
bool ParseConfig(const std::string& text, Config& out, std::string& error,
                 std::vector<std::string>* notices = nullptr);

// The settings a running trainer can take over without rebuilding: optimizer and its hyperparameters,
// schedule, batch size, penalties, clipping and patience.
void CopyLiveSettings(const Config& from, Config& to);
// True when a and b differ only in live settings, so the trained weights can be kept.
bool SameModelAndData(const Config& a, const Config& b);

}  // namespace netlab
