#include "config.h"

#include <cerrno>
#include <cmath>
#include <cstdlib>
#include <sstream>

#include "activation.h"
#include "dataset.h"
#include "input_features.h"
#include "initializer.h"
#include "loss.h"

namespace netlab {
namespace {

bool InRange(float v, float low, float high) { return std::isfinite(v) && v >= low && v <= high; }

std::string FormatFloat(float v) {
  std::ostringstream out;
  out.precision(9);  // enough digits for a float to survive the round trip exactly
  out << v;
  return out.str();
}

bool ParseFloat(const std::string& text, float& out) {
  if (text.empty() || text.size() > 64) return false;
  char* end = nullptr;
  errno = 0;
  double v = std::strtod(text.c_str(), &end);
  if (end != text.c_str() + text.size() || errno == ERANGE) return false;
  out = float(v);
  return std::isfinite(out);
}

bool ParseInt(const std::string& text, long long low, long long high, long long& out) {
  if (text.empty() || text.size() > 20) return false;
  char* end = nullptr;
  errno = 0;
  long long v = std::strtoll(text.c_str(), &end, 10);
  if (end != text.c_str() + text.size() || errno == ERANGE || v < low || v > high) return false;
  out = v;
  return true;
}

std::vector<std::string> Split(const std::string& text, char separator) {
  std::vector<std::string> parts;
  std::string part;
  std::istringstream in(text);
  while (std::getline(in, part, separator)) parts.push_back(part);
  return parts;
}

std::string Trim(const std::string& s) {
  size_t a = s.find_first_not_of(" \t\r"), b = s.find_last_not_of(" \t\r");
  return a == std::string::npos ? "" : s.substr(a, b - a + 1);
}

}  // namespace

std::string ValidateConfig(const Config& c) {
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
  for (const LayerConfig& layer : c.hidden) {
    if (layer.units < 1 || layer.units > kMaxUnits)
      return "A hidden layer needs between 1 and " + std::to_string(kMaxUnits) + " units.";
    if (!FindActivation(layer.activation)) return "Unknown activation '" + layer.activation + "'.";
  }
  if (!FindActivation(c.output_activation)) return "Unknown output activation '" + c.output_activation + "'.";
  const Loss* loss = FindLoss(c.loss);
  if (!loss) return "Unknown loss '" + c.loss + "'.";
  const DatasetKind* kind = FindDatasetKind(c.data.kind);
  if (kind->regression && loss->takes_logits)
    return "Regression data needs the squared-error loss; '" + std::string(loss->label) + "' is for classes.";
  if (!FindInitializer(c.initializer)) return "Unknown initializer '" + c.initializer + "'.";
  if (!InRange(c.init_scale, 0.0f, 100.0f)) return "The initializer scale must be between 0 and 100.";
  if (!FindOptimizerKind(c.optimizer.kind)) return "Unknown optimizer '" + c.optimizer.kind + "'.";
  if (!InRange(c.optimizer.learning_rate, 1e-7f, 10.0f)) return "The learning rate must be between 1e-7 and 10.";
  if (!InRange(c.optimizer.momentum, 0.0f, 0.9999f)) return "Momentum must be between 0 and 0.9999.";
  if (!InRange(c.optimizer.beta1, 0.0f, 0.9999f) || !InRange(c.optimizer.beta2, 0.0f, 0.999999f))
    return "Adam's betas must be in [0, 1).";
  if (!InRange(c.optimizer.epsilon, 1e-12f, 1.0f)) return "Adam's epsilon must be between 1e-12 and 1.";
  if (c.batch_size < 1 || c.batch_size > kMaxSamples)
    return "The batch size must be between 1 and " + std::to_string(kMaxSamples) + ".";
  return "";
}

std::string ConfigToText(const Config& c, char separator) {
  std::string features, layers;
  for (const std::string& f : c.features) features += (features.empty() ? "" : ",") + f;
  for (const LayerConfig& l : c.hidden)
    layers += (layers.empty() ? "" : ",") + std::to_string(l.units) + ":" + l.activation;
  std::vector<std::pair<std::string, std::string>> pairs = {
      {"dataset", c.data.kind},
      {"samples", std::to_string(c.data.samples)},
      {"noise", FormatFloat(c.data.noise)},
      {"train_fraction", FormatFloat(c.data.train_fraction)},
      {"features", features},
      {"layers", layers},
      {"output_activation", c.output_activation},
      {"loss", c.loss},
      {"initializer", c.initializer},
      {"init_scale", FormatFloat(c.init_scale)},
      {"optimizer", c.optimizer.kind},
      {"learning_rate", FormatFloat(c.optimizer.learning_rate)},
      {"momentum", FormatFloat(c.optimizer.momentum)},
      {"beta1", FormatFloat(c.optimizer.beta1)},
      {"beta2", FormatFloat(c.optimizer.beta2)},
      {"epsilon", FormatFloat(c.optimizer.epsilon)},
      {"batch_size", std::to_string(c.batch_size)},
      {"seed", std::to_string(c.seed)},
  };
  std::string text;
  for (const auto& [key, value] : pairs) text += key + "=" + value + separator;
  return text;
}

bool ParseConfig(const std::string& text, Config& out, std::string& error, std::vector<std::string>* notices) {
  constexpr size_t kMaxTextBytes = 64 * 1024;
  if (text.size() > kMaxTextBytes) {
    error = "The configuration is too long (over 64 KB).";
    return false;
  }
  Config c;
  std::string normalized = text;
  for (char& ch : normalized)
    if (ch == '&') ch = '\n';
  int line_number = 0;
  for (const std::string& raw : Split(normalized, '\n')) {
    ++line_number;
    std::string line = Trim(raw);
    if (line.empty() || line[0] == '#') continue;
    size_t eq = line.find('=');
    if (eq == std::string::npos) {
      error = "Entry " + std::to_string(line_number) + " ('" + line.substr(0, 40) + "') is not of the form key=value.";
      return false;
    }
    std::string key = Trim(line.substr(0, eq)), value = Trim(line.substr(eq + 1));
    bool ok = true;
    long long integer = 0;
    if (key == "dataset") c.data.kind = value;
    else if (key == "samples") ok = ParseInt(value, kMinSamples, kMaxSamples, integer), c.data.samples = int(integer);
    else if (key == "noise") ok = ParseFloat(value, c.data.noise);
    else if (key == "train_fraction") ok = ParseFloat(value, c.data.train_fraction);
    else if (key == "features") {
      c.features = Split(value, ',');
      ok = c.features.size() <= Features().size();
    } else if (key == "layers") {
      c.hidden.clear();
      std::vector<std::string> layers = value.empty() ? std::vector<std::string>{} : Split(value, ',');
      ok = layers.size() <= size_t(kMaxHiddenLayers);
      for (size_t i = 0; ok && i < layers.size(); ++i) {
        size_t colon = layers[i].find(':');
        LayerConfig layer;
        ok = colon != std::string::npos && ParseInt(layers[i].substr(0, colon), 1, kMaxUnits, integer);
        if (ok) {
          layer.units = int(integer);
          layer.activation = layers[i].substr(colon + 1);
          c.hidden.push_back(layer);
        }
      }
    } else if (key == "output_activation") c.output_activation = value;
    else if (key == "loss") c.loss = value;
    else if (key == "initializer") c.initializer = value;
    else if (key == "init_scale") ok = ParseFloat(value, c.init_scale);
    else if (key == "optimizer") c.optimizer.kind = value;
    else if (key == "learning_rate") ok = ParseFloat(value, c.optimizer.learning_rate);
    else if (key == "momentum") ok = ParseFloat(value, c.optimizer.momentum);
    else if (key == "beta1") ok = ParseFloat(value, c.optimizer.beta1);
    else if (key == "beta2") ok = ParseFloat(value, c.optimizer.beta2);
    else if (key == "epsilon") ok = ParseFloat(value, c.optimizer.epsilon);
    else if (key == "batch_size") ok = ParseInt(value, 1, kMaxSamples, integer), c.batch_size = int(integer);
    else if (key == "seed") ok = ParseInt(value, 0, (1ll << 53), integer), c.seed = uint64_t(integer);
    else if (notices) notices->push_back("Ignored unknown setting '" + key.substr(0, 40) + "'.");
    if (!ok) {
      error = "The value of '" + key.substr(0, 40) + "' ('" + value.substr(0, 40) + "') is malformed or out of range.";
      return false;
    }
  }
  std::string invalid = ValidateConfig(c);
  if (!invalid.empty()) {
    error = invalid;
    return false;
  }
  out = c;
  return true;
}

bool SameModelAndData(const Config& a, const Config& b) {
  Config x = a, y = b;
  x.optimizer = y.optimizer;
  x.batch_size = y.batch_size;
  return ConfigToText(x) == ConfigToText(y);
}

}  // namespace netlab
