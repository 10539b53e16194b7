#pragma once
// The hyperparameters of a Config that a search may vary, as a registry: each entry names a Config
// field, its default search range and how to write a value into a Config. Searching over a new knob
// (dropout, weight decay) is one more entry.
#include <string>
#include <vector>

#include "config/config.h"
#include "search/search_space.h"

namespace netlab {

struct ConfigHyperparameter {
  const char* name;
  const char* label;
  const char* tooltip;
  DimensionKind kind;
  bool log_scale;
  double low, high;          // default search range
  double limit_low, limit_high;  // the widest range the config accepts
  // Categorical: the registry's names to choose among.
  std::vector<std::string> (*choices)();
  // Writes `value` (a range value, or an index into dimension.choices) into the config.
  void (*apply)(Config& config, const Dimension& dimension, double value);
  // The config's current value in the same form (for fixing the dimensions a plot does not vary).
  double (*read)(const Config& config, const Dimension& dimension);
  // Whether it applies to a classification task's layer stack (depth does not: a stack's rows differ).
  bool for_layer_stacks = true;
  // The setting it writes (config/settings.h), or null for those that edit the layers.
  const char* setting = nullptr;
};

const std::vector<ConfigHyperparameter>& ConfigHyperparameters();
const ConfigHyperparameter* FindConfigHyperparameter(const std::string& name);

// A dimension over the entry's default range (all choices for categories).
Dimension DefaultDimension(const ConfigHyperparameter& parameter);

// Units apply to the dense rows of a stack (a playground's hidden layers are all dense); activation and
// dropout to every row that has them.
// `base` with every dimension of `space` (matched to the registry by name) set to the point's value.
// Applied in registry order; dimensions whose name is not in the registry are ignored.
Config ApplySearchPoint(const Config& base, const SearchSpace& space, const SearchPoint& point);

}  // namespace netlab
