#include "search/config_search_space.h"

#include <algorithm>
#include <cmath>

#include "nn/activation.h"
#include "nn/initializer.h"
#include "optim/optimizer.h"
#include "core/registry.h"

namespace netlab {
namespace {

template <class Entry>
std::vector<std::string> NamesOf(const std::vector<Entry>& table) {
  std::vector<std::string> names;
  for (const Entry& e : table) names.push_back(e.name);
  return names;
}

double IndexOf(const Dimension& d, const std::string& name) {
  auto found = std::find(d.choices.begin(), d.choices.end(), name);
  return found == d.choices.end() ? 0.0 : double(found - d.choices.begin());
}

const std::string& ChoiceAt(const Dimension& d, double value) {
  return d.choices[std::min(d.choices.size() - 1, size_t(std::max(0.0, value)))];
}

// Depth, width and activation edit every hidden layer alike, so a search point is one architecture
// whatever order the dimensions are applied in: new layers copy the last one.
void SetDepth(Config& c, double value) {
  const size_t depth = size_t(value);
  if (c.hidden.empty() && depth > 0) c.hidden.push_back(LayerConfig{});
  c.hidden.resize(depth, c.hidden.empty() ? LayerConfig{} : c.hidden.back());
}

}  // namespace

const std::vector<ConfigHyperparameter>& ConfigHyperparameters() {
  static const std::vector<ConfigHyperparameter> table = {
      {"learning_rate", "Learning rate", "Step size of the optimizer; searched on a log scale.",
       DimensionKind::kContinuous, true, 1e-4, 1.0, 1e-7, 10.0, nullptr,
       [](Config& c, const Dimension&, double v) { c.optimizer.learning_rate = float(v); },
       [](const Config& c, const Dimension&) { return double(c.optimizer.learning_rate); }, true, "learning_rate"},
      {"optimizer", "Optimizer", "Update rule: any optimizer of the registry (SGD, momentum, Nesterov, AdaGrad, RMSprop, Adam, ...).", DimensionKind::kCategorical, false,
       0, 0, 0, 0, [] { return NamesOf(OptimizerKinds()); },
       [](Config& c, const Dimension& d, double v) { c.optimizer.kind = ChoiceAt(d, v); },
       [](const Config& c, const Dimension& d) { return IndexOf(d, c.optimizer.kind); }, true, "optimizer"},
      {"hidden_layers", "Hidden layers", "Depth: number of hidden layers, each like the last one.",
       DimensionKind::kInteger, false, 1, 3, 0, kMaxHiddenLayers, nullptr,
       [](Config& c, const Dimension&, double v) { SetDepth(c, v); },
       [](const Config& c, const Dimension&) { return double(c.hidden.size()); }, false},
      {"hidden_units", "Units per layer", "Width: units in every hidden (dense) layer.", DimensionKind::kInteger, true, 2,
       32, 1, kMaxUnits, nullptr,
       [](Config& c, const Dimension&, double v) {
         for (LayerConfig& l : c.hidden)
           if (l.kind == "dense") l.units = int(v);
       },
       [](const Config& c, const Dimension&) {
         for (const LayerConfig& l : c.hidden)
           if (l.kind == "dense") return double(l.units);
         return 4.0;
       }},
      {"activation", "Activation", "Activation of every hidden layer.", DimensionKind::kCategorical, false, 0, 0,
       0, 0, [] { return NamesOf(Activations()); },
       [](Config& c, const Dimension& d, double v) {
         for (LayerConfig& l : c.hidden) l.activation = ChoiceAt(d, v);
       },
       [](const Config& c, const Dimension& d) { return IndexOf(d, c.hidden.empty() ? "tanh" : c.hidden[0].activation); }},
      {"dropout", "Dropout", "Dropout probability of every hidden layer (switched off when scoring).",
       DimensionKind::kContinuous, false, 0.0, 0.5, 0.0, 0.95, nullptr,
       [](Config& c, const Dimension&, double v) {
         for (LayerConfig& l : c.hidden) l.dropout = float(v);
       },
       [](const Config& c, const Dimension&) { return double(c.hidden.empty() ? 0.0f : c.hidden[0].dropout); }},
      {"initializer", "Initializer", "How the weights start.", DimensionKind::kCategorical, false, 0, 0, 0, 0,
       [] { return NamesOf(Initializers()); },
       [](Config& c, const Dimension& d, double v) { c.initializer = ChoiceAt(d, v); },
       [](const Config& c, const Dimension& d) { return IndexOf(d, c.initializer); }, true, "initializer"},
      {"batch_size", "Batch size", "Samples per step; searched on a log scale.", DimensionKind::kInteger, true, 1,
       64, 1, kMaxSamples, nullptr, [](Config& c, const Dimension&, double v) { c.batch_size = int(v); },
       [](const Config& c, const Dimension&) { return double(c.batch_size); }, true, "batch_size"},
  };
  return table;
}

const ConfigHyperparameter* FindConfigHyperparameter(const std::string& name) {
  return FindByName(ConfigHyperparameters(), name);
}

Dimension DefaultDimension(const ConfigHyperparameter& p) {
  Dimension d;
  d.name = p.name;
  d.kind = p.kind;
  d.log_scale = p.log_scale;
  d.low = p.low;
  d.high = p.high;
  if (p.choices) d.choices = p.choices();
  return d;
}

Config ApplySearchPoint(const Config& base, const SearchSpace& space, const SearchPoint& point) {
  Config config = base;
  // Registry order, not the space's: depth is set before width and activation fill the layers.
  for (const ConfigHyperparameter& p : ConfigHyperparameters())
    for (size_t i = 0; i < space.size() && i < point.size(); ++i)
      if (space.dimensions[i].name == p.name) p.apply(config, space.dimensions[i], point[i]);
  return config;
}

}  // namespace netlab
