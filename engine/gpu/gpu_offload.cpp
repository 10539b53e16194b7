#include "gpu/gpu_offload.h"

#include <algorithm>
#include <string>
#include <vector>

#include "nn/loss.h"

namespace netlab {
namespace {

bool Has(const std::vector<std::string>& names, const std::string& name) {
  return std::find(names.begin(), names.end(), name) != names.end();
}

// The GPU step is a plain stack of dense layers with element-wise activations, a loss with a linear
// output layer, and an optimizer update, each with a kernel: anything else in the config needs the CPU.
std::string Unsupported(const Config& config) {
  for (size_t i = 0; i < config.hidden.size(); ++i) {
    const LayerConfig& l = config.hidden[i];
    const std::string layer = "layer " + std::to_string(i + 1) + " ";
    if (!Has(GpuActivations(), l.activation)) return "the " + l.activation + " activation has no GPU kernel.";
    if (l.norm != "none") return layer + "uses " + l.norm + " norm, which runs on the CPU only.";
    if (l.skip != "none") return layer + "has a " + l.skip + " skip, which runs on the CPU only.";
    if (l.dropout > 0.0f) return layer + "uses dropout, which runs on the CPU only.";
    if (l.dropconnect > 0.0f) return layer + "uses DropConnect, which runs on the CPU only.";
  }
  const RegularizationConfig& r = config.regularization;
  if (r.l1 > 0.0f || r.l2 > 0.0f) return "L1/L2 penalties run on the CPU only.";
  if (r.clip_norm > 0.0f) return "Gradient clipping runs on the CPU only.";
  if (r.validation_fraction > 0.0f) return "Early stopping checks the weights every epoch, on the CPU.";
  if (!Has(GpuLosses(), config.loss)) return "the " + config.loss + " loss has no GPU kernel.";
  if (!Has(GpuOptimizers(), config.optimizer.kind))
    return "the " + config.optimizer.kind + " optimizer has no GPU kernel.";
  const Loss* loss = FindLoss(config.loss);
  if (loss && !loss->takes_logits && config.output_activation != "linear")
    return "An output activation other than linear runs on the CPU only.";
  return "";
}

}  // namespace

const std::vector<std::string>& GpuActivations() {
  static const std::vector<std::string> names = {"linear", "relu", "leaky_relu", "sigmoid", "tanh", "softplus", "abs", "elu"};
  return names;
}
const std::vector<std::string>& GpuLosses() {
  static const std::vector<std::string> names = {"mse", "mae", "sigmoid_bce", "softmax_ce"};
  return names;
}
const std::vector<std::string>& GpuOptimizers() {
  static const std::vector<std::string> names = {"sgd", "momentum", "nesterov", "adagrad", "rmsprop", "adam", "adamw"};
  return names;
}

GpuPlan PlanGpuTraining(const Config& config, int inputs, int outputs) {
  GpuPlan plan;
  plan.unsupported = Unsupported(config);
  // Faithful mode is TF Playground's node-by-node network (tfplayground/network.h), CPU only.
  if (config.tf_playground) plan.unsupported = "TF Playground mode trains TF Playground's own network on the CPU.";
  plan.loss = config.loss;
  plan.sizes.push_back(inputs);
  for (const LayerConfig& l : config.hidden) {
    plan.sizes.push_back(l.units);
    plan.activations.push_back(l.activation);
  }
  plan.sizes.push_back(outputs);
  const double batch = std::max(1, config.batch_size);
  for (size_t l = 0; l + 1 < plan.sizes.size(); ++l) {
    const double product = batch * plan.sizes[l] * plan.sizes[l + 1];
    const std::string layer = "layer " + std::to_string(l + 1);
    plan.products.push_back({layer + " forward", product});
    plan.products.push_back({layer + " weight gradient", product});
    // The first layer's input gradient is never needed.
    if (l > 0) plan.products.push_back({layer + " input gradient", product});
  }
  for (const GpuProduct& p : plan.products) plan.multiply_adds += p.multiply_adds;
  plan.large_enough = plan.multiply_adds >= kGpuMinMultiplyAdds;
  return plan;
}

}  // namespace netlab
