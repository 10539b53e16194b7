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
  // step counter (Adam's and SGLD's t; null for the others). Training can then move to another device
  // (the WebGPU path) and back, or be saved and restored, without the optimizer starting over.
  std::vector<std::vector<Matrix>*> StateSlots(const std::vector<ParameterRef>& parameters);
  long* StepCounter() { return counts_steps_ ? &step_ : nullptr; }
  // The stream an optimizer draws noise from (SGLD's), null for the others: a saved run keeps it.
  virtual Rng* RandomStream() { return nullptr; }

 protected:
  // `slots` state matrices per parameter; `counts_steps` for a rule that reads its step t.
  explicit Optimizer(const OptimizerSettings& s, int slots = 0, bool counts_steps = false)
      : settings_(s), slots_(size_t(slots)), counts_steps_(counts_steps) {}
  // Slot `k`, one matrix per parameter of `parameters`, zero-filled the first time they are seen.
  std::vector<Matrix>& Slot(int k, const std::vector<ParameterRef>& parameters);
  OptimizerSettings settings_;
  long step_ = 0;

 private:
  std::vector<std::vector<Matrix>> slots_;
  bool counts_steps_;
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
