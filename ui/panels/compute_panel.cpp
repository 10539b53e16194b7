#include "panels/compute_panel.h"

#include "imgui.h"

namespace netlab {

void DrawComputeSection(GpuState& gpu, int gemm_threads) {
  ImGui::Text("CPU: SIMD GEMM on %d thread%s", gemm_threads, gemm_threads == 1 ? "" : "s");
  if (!gpu.known) {
    ImGui::TextDisabled("WebGPU: only in the browser build");
    return;
  }
  if (!gpu.available) {
    ImGui::TextDisabled("WebGPU: off (%s)", gpu.adapter.c_str());
    return;
  }
  ImGui::Checkbox("Train large networks on the GPU", &gpu.wanted);
  if (ImGui::IsItemHovered())
    ImGui::SetTooltip("WebGPU runs whole training steps (dense layers, loss, optimizer) with the weights kept\n"
                      "on the GPU when a step has enough multiply-adds to repay the GPU's latency.\n"
                      "Any GPU error hands training back to the CPU.");
  ImGui::TextDisabled("Adapter: %s", gpu.adapter.c_str());
  if (!gpu.status.empty()) ImGui::TextWrapped("%s%s", gpu.active ? "On the GPU: " : "On the CPU: ", gpu.status.c_str());
}

}  // namespace netlab
