#pragma once
// Optimizers update a list of parameter tensors from their gradients. Each keeps its own per-parameter
// state (velocity, moments) sized on first use.
#include <memory>
#include <string>
#include <vector>

#include "tensor.h"

namespace netlab {

struct ParameterRef {
  Matrix* value;
  Matrix* gradient;
};

struct OptimizerSettings {
  std::string kind = "adam";
  float learning_rate = 0.03f;
  float momentum = 0.9f;  // momentum: velocity decay
  float beta1 = 0.9f;     // Adam: first-moment decay
  float beta2 = 0.999f;   // Adam: second-moment decay
  float epsilon = 1e-8f;  // Adam: denominator guard
};

class Optimizer {
 public:
  virtual ~Optimizer() = default;
  virtual void Step(const std::vector<ParameterRef>& parameters) = 0;
  // Hyperparameters may change between steps (a learning-rate slider) without losing state.
  void SetSettings(const OptimizerSettings& s) { settings_ = s; }
  const OptimizerSettings& settings() const { return settings_; }

 protected:
  explicit Optimizer(const OptimizerSettings& s) : settings_(s) {}
  OptimizerSettings settings_;
};

struct OptimizerKind {
  const char* name;
  const char* label;
  const char* formula;
  std::unique_ptr<Optimizer> (*create)(const OptimizerSettings&);
};

const std::vector<OptimizerKind>& OptimizerKinds();
const OptimizerKind* FindOptimizerKind(const std::string& name);
int OptimizerKindIndex(const std::string& name);
// Returns nullptr for an unknown kind.
std::unique_ptr<Optimizer> CreateOptimizer(const OptimizerSettings& settings);

}  // namespace netlab
