#pragma once
// The "Compute" section: where training runs. In the browser the page reports whether WebGPU is there
// (web/netlab-gpu-trainer.js); the user switches its use; the page says what it is doing and why.
#include <string>

namespace netlab {

struct GpuState {
  bool known = false;      // set once the page has looked for WebGPU (never on the desktop)
  bool available = false;  // a device was created
  std::string adapter;     // the adapter, or why there is no GPU
  bool wanted = false;     // the user's switch; defaults on for hardware adapters, off for software ones
  bool active = false;     // the page is stepping on the GPU now
  std::string status;      // what the page does with this network, and why
};

void DrawComputeSection(GpuState& gpu, int gemm_threads);

}  // namespace netlab
