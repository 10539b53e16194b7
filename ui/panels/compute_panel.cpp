#include "panels/compute_panel.h"

#include <string>

#include "imgui.h"

namespace netlab {
namespace {

// Greyed text that wraps at the panel's edge: adapter names and reasons can be long on a phone.
void DisabledWrapped(const std::string& text) {
  ImGui::PushStyleColor(ImGuiCol_Text, ImGui::GetStyleColorVec4(ImGuiCol_TextDisabled));
  ImGui::TextWrapped("%s", text.c_str());
  ImGui::PopStyleColor();
}

}  // namespace

void DrawComputeSection(GpuState& gpu, int gemm_threads) {
  ImGui::Text("CPU: SIMD GEMM on %d thread%s", gemm_threads, gemm_threads == 1 ? "" : "s");
  if (!gpu.known) {
    ImGui::TextDisabled("WebGPU: only in the browser build");
    return;
  }
  if (!gpu.available) {
    DisabledWrapped("WebGPU: off (" + gpu.adapter + ")");
    return;
  }
  ImGui::Checkbox("Train large networks on the GPU", &gpu.wanted);
  if (ImGui::IsItemHovered())
    ImGui::SetTooltip("WebGPU runs whole training steps (dense layers, loss, optimizer) with the weights kept\n"
                      "on the GPU when a step has enough multiply-adds to repay the GPU's latency.\n"
                      "Any GPU error hands training back to the CPU.");
  DisabledWrapped("Adapter: " + gpu.adapter);
  if (!gpu.status.empty()) ImGui::TextWrapped("%s%s", gpu.active ? "On the GPU: " : "On the CPU: ", gpu.status.c_str());
}

}  // namespace netlab
