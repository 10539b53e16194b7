#include "widgets/layout.h"

#include <algorithm>

namespace netlab {

// Widths in font lines, measured on the 13 px font: the widest control row (a layer row: number, units
// slider, activation combo, remove button and tags) is about 330 px = 25 lines; the output's header
// (losses, accuracy and the two window buttons) needs about 620 px = 48 lines on one row, but wraps.
constexpr float kControlsMinLines = 26.0f, kControlsMaxLines = 34.0f, kOutputMinLines = 34.0f;

float SideBySideMinWidth(float font_size) { return (kControlsMinLines + kOutputMinLines) * font_size; }

ScreenLayout ComputeScreenLayout(float width, float height, float font_size, bool output_only, bool show_controls) {
  ScreenLayout layout;
  if (output_only) {
    layout.output = {0, 0, width, height};
    return layout;
  }
  if (width >= SideBySideMinWidth(font_size)) {
    // A third of the screen for the controls, within what their rows need and what reads well.
    const float controls = std::clamp(width * 0.3f, kControlsMinLines * font_size, kControlsMaxLines * font_size);
    layout.controls = {0, 0, controls, height};
    layout.output = {controls, 0, width - controls, height};
    return layout;
  }
  // One window at a time below a bar of two buttons: a frame's height plus the window padding.
  layout.narrow = true;
  const float bar_height = std::min(height, 2.2f * font_size);
  layout.bar = {0, 0, width, bar_height};
  const Region below = {0, bar_height, width, std::max(0.0f, height - bar_height)};
  if (show_controls) layout.controls = below;
  else layout.output = below;
  return layout;
}

}  // namespace netlab

#include "imgui.h"

namespace netlab {

void SameLineIfFits(float next_width, float spacing) {
  const float gap = spacing < 0.0f ? ImGui::GetStyle().ItemSpacing.x : spacing;
  const float right = ImGui::GetWindowPos().x + ImGui::GetWindowContentRegionMax().x;
  if (ImGui::GetItemRectMax().x + gap + next_width <= right) ImGui::SameLine(0.0f, gap);
}

bool SectionHeader(const char* label, const char* help, int tree_node_flags) {
  const bool open = ImGui::CollapsingHeader(label, tree_node_flags | ImGuiTreeNodeFlags_AllowOverlap);
  const float right = ImGui::GetItemRectMax().x;
  ImGui::SameLine(0.0f, 0.0f);
  ImGui::SetCursorScreenPos(ImVec2(right - ImGui::CalcTextSize("?").x - ImGui::GetStyle().FramePadding.x * 2.0f,
                                   ImGui::GetItemRectMin().y));
  ImGui::PushID(label);
  ImGui::AlignTextToFramePadding();
  ImGui::TextDisabled("?");
  ImGui::PopID();
  if (ImGui::IsItemHovered()) {
    ImGui::BeginTooltip();
    ImGui::PushTextWrapPos(ImGui::GetFontSize() * 28.0f);
    ImGui::TextUnformatted(help);
    ImGui::PopTextWrapPos();
    ImGui::EndTooltip();
  }
  return open;
}

// SmallButton keeps the horizontal frame padding (it drops only the vertical one).
float ButtonWidth(const char* label) {
  return ImGui::CalcTextSize(label, nullptr, true).x + 2.0f * ImGui::GetStyle().FramePadding.x;
}

void DrawDerivation(const char* text) {
  if (!ImGui::TreeNode("The formula")) return;
  ImGui::TextWrapped("%s", text);
  ImGui::TreePop();
}

}  // namespace netlab
