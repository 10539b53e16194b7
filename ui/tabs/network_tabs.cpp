#include "tabs/network_tabs.h"

#include "widgets/layout.h"
#include "imgui.h"
#include "platform/item_locator.h"

namespace netlab {

void DrawNetworkTab(const std::string& view, NetworkTabsState& state, const std::vector<NamedNetwork>& networks,
                    int& chosen) {
  if (networks.empty()) {
    ImGui::TextUnformatted("This task has no network to show here yet.");
    return;
  }
  if (chosen < 0 || size_t(chosen) >= networks.size()) chosen = 0;
  if (size_t(chosen) != state.chosen) {  // another network (a click, or a link): its views start afresh
    state.chosen = size_t(chosen);
    state.layers = LayerStatisticsState();
    state.check = GradientCheckViewState();
  }
  if (networks.size() > 1) {
    ImGui::AlignTextToFramePadding();
    ImGui::TextUnformatted("Network:");
    for (size_t i = 0; i < networks.size(); ++i) {
      const ImGuiStyle& style = ImGui::GetStyle();
      SameLineIfFits(ImGui::GetFrameHeight() + style.ItemInnerSpacing.x + ImGui::CalcTextSize(networks[i].name.c_str()).x);
      if (ImGui::RadioButton(networks[i].name.c_str(), state.chosen == i)) chosen = int(i);
      NoteItemRect(("network " + networks[i].name).c_str());  // for the browser tests' clicks
    }
  }
  const NetworkInTraining& network = networks[state.chosen].network;
  if (view == "gradient_check") DrawGradientCheckView(state.check, network);
  else DrawLayerStatisticsView(state.layers, network);
}

}  // namespace netlab
