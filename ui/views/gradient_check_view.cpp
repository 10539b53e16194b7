// "Gradient check": backprop against centred finite differences for every parameter tensor of the
// playground's current network, on 16 training samples.
#include <algorithm>
#include <cstdio>

#include "app/layout.h"

#include "imgui.h"
#include "nn/loss.h"
#include "views/views.h"

namespace netlab {

void DrawGradientCheckView(GradientCheckViewState& s, Trainer& trainer) {
  ImGui::TextWrapped(
      "Compares each backprop gradient a with the numerical n = (L(w + h) - L(w - h)) / 2h, h = 1e-3, and shows the "
      "relative error |a - n| / (|a| + |n|) per tensor, in inference mode (dropout off, batch norm on running statistics) and in training mode "
      "(batch norm on batch statistics, dropout masks held fixed). Values near 1e-3 "
      "or below mean backprop is right; an isolated large error next to ReLU-like units can be a kink, where a "
      "finite difference is not a derivative.");
  if (ImGui::Button("Run gradient check")) {
    const Loss& loss = *FindLoss(trainer.config().loss);
    const Eigen::Index n = std::min<Eigen::Index>(16, trainer.train_inputs().rows());
    s.report = CheckNetworkGradients(trainer.network(), loss, trainer.train_inputs().topRows(n),
                                     trainer.train_targets().topRows(n));
    s.has_report = true;
    s.checked_at_step = trainer.step();
  }
  if (!s.has_report) return;
  const ImVec4 color = s.report.worst < 1e-2 ? ImVec4(0.1f, 0.55f, 0.1f, 1) : ImVec4(0.75f, 0.1f, 0.1f, 1);
  char text[80];
  std::snprintf(text, sizeof text, "worst relative error %.2e (at step %ld)", s.report.worst, s.checked_at_step);
  SameLineIfFits(ImGui::CalcTextSize(text).x);
  ImGui::TextColored(color, "%s", text);
  // Columns as wide as their contents; on a narrow screen the table scrolls sideways instead of cutting them.
  if (ImGui::BeginTable("check", 2, ImGuiTableFlags_Borders | ImGuiTableFlags_RowBg | ImGuiTableFlags_SizingFixedFit |
                                        ImGuiTableFlags_ScrollX)) {
    ImGui::TableSetupColumn("parameter tensor");
    ImGui::TableSetupColumn("relative error |a - n| / (|a| + |n|)");
    ImGui::TableHeadersRow();
    for (size_t i = 0; i < s.report.names.size(); ++i) {
      ImGui::TableNextRow();
      ImGui::TableNextColumn();
      ImGui::TextUnformatted(s.report.names[i].c_str());
      ImGui::TableNextColumn();
      const double e = s.report.relative_error[i];
      ImGui::TextColored(e < 1e-2 ? ImVec4(0.1f, 0.55f, 0.1f, 1) : ImVec4(0.75f, 0.1f, 0.1f, 1), "%.2e", e);
    }
    ImGui::EndTable();
  }
}

}  // namespace netlab
