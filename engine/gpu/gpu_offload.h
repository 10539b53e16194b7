#pragma once
// Whether a trainer's steps can move to the WebGPU path (web/netlab-gpu.js), and what that path needs
// to rebuild the network there. The GPU keeps the weights resident and runs a whole step (forward,
// loss gradient, backward, update) per submission, because the browser can only read GPU results back
// asynchronously: a synchronous per-product offload from inside a CPU step is impossible on the page's
// main thread. So the decision is per network, from the sizes of its products: a step goes to the GPU
// when the products it contains are large enough to repay the dispatch and read-back latency.
#include <string>
#include <vector>

#include "config/config.h"

namespace netlab {

// Multiply-adds per training step below which the CPU (WASM SIMD GEMM, ~30 GFLOPS in Chromium) finishes
// a step faster than a GPU submission round trip (~0.2-0.5 ms of dispatch and queue latency): 2^23
// multiply-adds take ~0.5 ms on the CPU.
constexpr double kGpuMinMultiplyAdds = double(1 << 23);

struct GpuProduct {
  std::string name;  // "layer 2 forward", "layer 2 weight gradient", ...
  double multiply_adds = 0.0;
};

// What the WebGPU kernels implement (shaders/dense.wgsl, loss.wgsl, optimizer.wgsl, bound by name in
// web/netlab-gpu.js). This is the one list: the plan refuses anything else, and the page only follows
// the plan. Left out: gelu (WGSL has no erf), prelu/softmax/maxout (layers of their own), hinge, sgld
// (its noise stream is the engine's Rng).
const std::vector<std::string>& GpuActivations();
const std::vector<std::string>& GpuLosses();
const std::vector<std::string>& GpuOptimizers();

struct GpuPlan {
  // Empty when every block of the network has a GPU kernel; else why this net trains on the CPU.
  std::string unsupported;
  std::vector<int> sizes;                // units per layer boundary: inputs, hidden..., outputs
  std::vector<std::string> activations;  // one per hidden layer
  std::string loss;
  std::vector<GpuProduct> products;      // the matrix products of one step at the configured batch size
  double multiply_adds = 0.0;            // their sum
  bool large_enough = false;             // multiply_adds >= kGpuMinMultiplyAdds
};

// `inputs` input features and `outputs` output units, as the trainer built the network.
GpuPlan PlanGpuTraining(const Config& config, int inputs, int outputs);

}  // namespace netlab
