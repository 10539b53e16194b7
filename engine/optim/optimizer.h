#pragma once
// Optimizers update a list of parameter tensors from their gradients. Each keeps its own per-parameter
// state (velocity, moments) sized on first use.
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "core/rng.h"
#include "core/tensor.h"
#include "nn/parameter.h"
#include "optim/settings.h"

namespace netlab {


class Optimizer {
 public:
  virtual ~Optimizer() = default;
  virtual void Step(const std::vector<ParameterRef>& parameters) = 0;
  // Hyperparameters may change between steps (a learning-rate slider) without losing state.
  void SetSettings(const OptimizerSettings& s) { settings_ = s; }
  const OptimizerSettings& settings() const { return settings_; }
  // The per-parameter state, slot by slot (momentum and Nesterov: velocity; AdaGrad: G; RMSprop: E;
  // Adam/AdamW: m, then v), each slot one matrix per parameter, sized and zeroed on first use; and the
  // step counter (Adam's and SGLD's t; null for the others). Training can then move to another device (the WebGPU
  // path) and back without the optimizer starting over.
  virtual std::vector<std::vector<Matrix>*> StateSlots(const std::vector<ParameterRef>&) { return {}; }
  virtual long* StepCounter() { return nullptr; }
  // The stream an optimizer draws noise from (SGLD's), null for the others: a saved run keeps it.
  virtual Rng* RandomStream() { return nullptr; }

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
