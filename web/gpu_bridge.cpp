// Entry points for web/netlab-gpu-trainer.js, which runs the playground's training steps on WebGPU:
// the app says what the network is and whether the GPU should take it (engine/gpu/gpu_offload.h), hands
// out the trainer's own mini-batches in order, counts the steps the GPU finished, and takes the
// weights back after each frame's steps so that the plots, views and CPU fallback see them.
#include <emscripten.h>

#include <cstdio>
#include <string>

#include "gpu/gpu_offload.h"
#include "core/json_text.h"
#include "web_app.h"

namespace {

std::string JsonNames(const std::vector<std::string>& names) {
  std::string list;
  for (const std::string& name : names) list += (list.empty() ? "" : ",") + netlab::JsonString(name);
  return "[" + list + "]";
}

netlab::Matrix* Parameter(int index) {
  netlab::App* app = WebApp();
  if (!app) return nullptr;
  std::vector<netlab::ParameterRef> parameters = app->trainer().network().Parameters();
  return index >= 0 && size_t(index) < parameters.size() ? parameters[size_t(index)].value : nullptr;
}

}  // namespace

extern "C" {

// What the page found: a device (available) with its adapter, or why not. `wanted` is the default of
// the user's switch.
EMSCRIPTEN_KEEPALIVE void netlab_gpu_set_available(int available, const char* adapter, int wanted) {
  netlab::App* app = WebApp();
  if (!app) return;
  netlab::GpuState& gpu = app->gpu();
  gpu.known = true;
  gpu.available = available != 0;
  gpu.adapter = adapter;
  gpu.wanted = available != 0 && wanted != 0;
}

EMSCRIPTEN_KEEPALIVE void netlab_gpu_set_wanted(int wanted) {
  if (WebApp()) WebApp()->gpu().wanted = wanted != 0;
}

// While active the app trains nothing itself; `status` says what the page does and why.
EMSCRIPTEN_KEEPALIVE void netlab_gpu_set_active(int active, const char* status) {
  netlab::App* app = WebApp();
  if (!app) return;
  if (!active && app->gpu().active) app->trainer().AbandonExternalSteps();
  app->SetGpuActive(active != 0, status);
}

// The network and its optimizer as the GPU path needs them, plus what the app is doing.
EMSCRIPTEN_KEEPALIVE const char* netlab_gpu_plan_json() {
  static std::string json;
  netlab::App* app = WebApp();
  if (!app) return "null";
  // Read every frame while the page runs (the GPU trainer's decision): the trainer as shown, so that
  // asking does not stop the playground's training thread.
  const netlab::Trainer& trainer = app->shown_trainer();
  const netlab::Config& c = trainer.config();
  const netlab::GpuPlan plan =
      netlab::PlanGpuTraining(c, int(trainer.train_inputs().cols()), int(trainer.train_targets().cols()));
  std::string sizes, activations;
  for (int s : plan.sizes) sizes += (sizes.empty() ? "" : ",") + std::to_string(s);
  for (const std::string& a : plan.activations) activations += (activations.empty() ? "" : ",") + netlab::JsonString(a);
  const netlab::OptimizerSettings& o = c.optimizer;
  json = "{\"generation\":" + std::to_string(app->trainer_generation()) +
         ",\"local_steps\":" + std::to_string(trainer.local_steps()) +
         ",\"wanted\":" + (app->gpu().wanted ? "true" : "false") + ",\"playing\":" + (app->playing() ? "true" : "false") +
         ",\"steps_per_frame\":" + std::to_string(app->fastest() ? 0 : app->steps_per_frame()) +
         ",\"fastest\":" + (app->fastest() ? "true" : "false") +
         ",\"ended\":" + (trainer.diverged().empty() && trainer.stopped_early().empty() ? "false" : "true") +
         ",\"unsupported\":" + netlab::JsonString(plan.unsupported) + ",\"large_enough\":" + (plan.large_enough ? "true" : "false") +
         ",\"multiply_adds\":" + netlab::JsonNumber(plan.multiply_adds) + ",\"threshold\":" + netlab::JsonNumber(netlab::kGpuMinMultiplyAdds) +
         ",\"sizes\":[" + sizes + "],\"activations\":[" + activations + "],\"loss\":" + netlab::JsonString(plan.loss) +
         ",\"optimizer\":{\"kind\":" + netlab::JsonString(o.kind) + ",\"learning_rate\":" + netlab::JsonNumber(o.learning_rate) +
         ",\"momentum\":" + netlab::JsonNumber(o.momentum) + ",\"beta1\":" + netlab::JsonNumber(o.beta1) + ",\"beta2\":" + netlab::JsonNumber(o.beta2) +
         ",\"epsilon\":" + netlab::JsonNumber(o.epsilon) + ",\"rho\":" + netlab::JsonNumber(o.rho) +
         ",\"weight_decay\":" + netlab::JsonNumber(o.weight_decay) + "}" +
         ",\"kernels\":{\"activations\":" + JsonNames(netlab::GpuActivations()) +
         ",\"losses\":" + JsonNames(netlab::GpuLosses()) + ",\"optimizers\":" + JsonNames(netlab::GpuOptimizers()) + "}}";
  return json.c_str();
}

// Weights and biases in order (layer 1 weights, layer 1 bias, ...), row-major float32 in the heap.
EMSCRIPTEN_KEEPALIVE int netlab_gpu_parameter_count() {
  return WebApp() ? int(WebApp()->trainer().network().Parameters().size()) : 0;
}
EMSCRIPTEN_KEEPALIVE float* netlab_gpu_parameter(int index) {
  netlab::Matrix* m = Parameter(index);
  return m ? m->data() : nullptr;
}
EMSCRIPTEN_KEEPALIVE int netlab_gpu_parameter_size(int index) {
  netlab::Matrix* m = Parameter(index);
  return m ? int(m->size()) : 0;
}
// After the page wrote GPU weights into those arrays: check them and refresh the metrics.
EMSCRIPTEN_KEEPALIVE void netlab_gpu_parameters_loaded() {
  if (!WebApp()) return;
  WebApp()->trainer().ParametersReplaced();
  WebApp()->trainer().Evaluate();
}

// The optimizer's state (engine/optim/optimizer.h StateSlots): `slot` x parameter matrices shaped like the
// parameters, and its step counter (Adam's t; -1 when the optimizer keeps none).
EMSCRIPTEN_KEEPALIVE int netlab_gpu_state_slots() {
  netlab::App* app = WebApp();
  return app ? int(app->trainer().optimizer().StateSlots(app->trainer().parameters()).size()) : 0;
}
EMSCRIPTEN_KEEPALIVE float* netlab_gpu_state(int slot, int index) {
  netlab::App* app = WebApp();
  if (!app) return nullptr;
  const auto slots = app->trainer().optimizer().StateSlots(app->trainer().parameters());
  if (slot < 0 || size_t(slot) >= slots.size() || index < 0 || size_t(index) >= slots[size_t(slot)]->size()) return nullptr;
  return (*slots[size_t(slot)])[size_t(index)].data();
}
EMSCRIPTEN_KEEPALIVE double netlab_gpu_state_step() {
  long* counter = WebApp() ? WebApp()->trainer().optimizer().StepCounter() : nullptr;
  return counter ? double(*counter) : -1.0;
}
EMSCRIPTEN_KEEPALIVE void netlab_gpu_set_state_step(double step) {
  long* counter = WebApp() ? WebApp()->trainer().optimizer().StepCounter() : nullptr;
  if (counter && step >= 0) *counter = long(step);
}

// The next mini-batch, exactly as the CPU would train on it; returns its learning rate (after the
// schedule), or -1 once training has ended.
EMSCRIPTEN_KEEPALIVE float netlab_gpu_draw_batch() { return WebApp() ? WebApp()->trainer().DrawExternalBatch() : -1.0f; }
EMSCRIPTEN_KEEPALIVE int netlab_gpu_batch_rows() {
  return WebApp() ? int(WebApp()->trainer().external_batch_inputs().rows()) : 0;
}
EMSCRIPTEN_KEEPALIVE const float* netlab_gpu_batch_inputs() {
  return WebApp() ? WebApp()->trainer().external_batch_inputs().data() : nullptr;
}
EMSCRIPTEN_KEEPALIVE const float* netlab_gpu_batch_targets() {
  return WebApp() ? WebApp()->trainer().external_batch_targets().data() : nullptr;
}
// The drawn steps whose results the page dropped (the trainer moved on meanwhile).
EMSCRIPTEN_KEEPALIVE void netlab_gpu_abandon_steps() {
  if (WebApp()) WebApp()->trainer().AbandonExternalSteps();
}
EMSCRIPTEN_KEEPALIVE void netlab_gpu_count_step(double batch_loss) {
  if (WebApp()) WebApp()->trainer().CountExternalStep(batch_loss);
}

}  // extern "C"
