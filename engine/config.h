#pragma once
// The whole playground as plain data: what the UI edits, what a link or a file carries, and what the
// engine builds a model and a trainer from. Text form: one `key=value` per line or `&`-separated.
#include <cstdint>
#include <string>
#include <vector>

#include "optimizer.h"

namespace netlab {

struct DataConfig {
  std::string kind = "circle";  // see Datasets()
  int samples = 500;
  float noise = 0.0f;           // 0..1, scales each generator's own noise
  float train_fraction = 0.5f;  // share of samples used for training; the rest is the test set
};

struct LayerConfig {
  int units = 4;
  std::string activation = "tanh";
  bool operator==(const LayerConfig& o) const { return units == o.units && activation == o.activation; }
};

struct Config {
  DataConfig data;
  std::vector<std::string> features = {"x1", "x2"};
  std::vector<LayerConfig> hidden = {{4, "tanh"}, {2, "tanh"}};
  std::string output_activation = "linear";  // only used by losses that do not take logits
  std::string loss = "sigmoid_bce";
  std::string initializer = "xavier_uniform";
  float init_scale = 0.5f;  // a or sigma for the plain uniform/normal initializers
  OptimizerSettings optimizer;
  int batch_size = 10;
  uint64_t seed = 1;
};

// Documented limits: anything beyond them is rejected with a message instead of exhausting memory.
constexpr int kMaxHiddenLayers = 12;
constexpr int kMaxUnits = 256;
constexpr int kMinSamples = 10;
constexpr int kMaxSamples = 5000;

// Empty when the config can be built, else a sentence saying what is wrong.
std::string ValidateConfig(const Config& config);

std::string ConfigToText(const Config& config, char separator = '\n');
// Reads `key=value` pairs separated by newlines or '&', starting from defaults. Unknown keys are
// reported in `notices` and skipped. Returns false with `error` set when a value is malformed or the
// result fails ValidateConfig; `out` is then left unchanged.
bool ParseConfig(const std::string& text, Config& out, std::string& error,
                 std::vector<std::string>* notices = nullptr);

// Two configs that differ only here can keep the trained weights (the optimizer reads them each step).
bool SameModelAndData(const Config& a, const Config& b);

}  // namespace netlab
