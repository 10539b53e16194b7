// "Gradient check": backprop against centred finite differences for every parameter tensor of the
// network on screen (the playground's or a classification stack), on 16 training samples.
#include <algorithm>
#include <cstdio>

#include "widgets/layout.h"
#include "core/clock.h"
#include "core/json_text.h"
#include "platform/item_locator.h"

#include "imgui.h"
#include "nn/loss.h"
#include "tabs/tabs.h"

namespace netlab {
namespace {

// The check's share of a frame: a quarter of a 30 fps frame, beside training's share.
constexpr double kFrameShareSeconds = 0.008;

}  // namespace

void DrawGradientCheckView(GradientCheckViewState& s, const NetworkInTraining& network) {
  ImGui::TextWrapped(
      "Compares each backprop gradient a with the numerical n = (L(w + h) - L(w - h)) / 2h (h = 5e-3, or 1e-3 "
      "where ReLU-like units or max pooling have kinks), and shows the "
      "relative error |a - n| / (|a| + |n|) per tensor, in inference mode (dropout off, batch norm on running statistics) and in training mode "
      "(batch norm on batch statistics, dropout masks held fixed). Values near 1e-3 "
      "or below mean backprop is right; an isolated large error next to ReLU-like units can be a kink, where a "
      "finite difference is not a derivative.");
  if (!network.loss_label.empty()) ImGui::TextWrapped("The loss checked: %s.", network.loss_label.c_str());
  const bool running = s.check && !s.check->done();
  const bool run = !running && ImGui::Button("Run gradient check");
  if (!running) NoteItemRect("Run gradient check");  // for the browser tests' clicks
  if (run) {
    // A copy, so that training can go on while a large network is checked over many frames.
    if (network.checked_loss) {
      s.check = std::make_unique<GradientCheck>(network.checked_loss());
    } else {
      const Eigen::Index n = std::min<Eigen::Index>(16, network.inputs->rows());
      s.check = std::make_unique<GradientCheck>(network.copy(), *network.loss, network.inputs->topRows(n),
                                                network.targets->topRows(n));
    }
    s.checked_at_step = network.step;
  }
  if (!s.check) return;
  if (!s.check->done()) {
    // One parameter entry (two forwards of the batch) at a time until this frame's share is spent.
    const double start = NowSeconds();
    while (!s.check->Advance(1) && NowSeconds() - start < kFrameShareSeconds) {
    }
  }
  const GradientCheckReport& report = s.check->report();
  if (!s.check->done()) {
    char progress[80];
    std::snprintf(progress, sizeof progress, "%ld / %ld parameters", s.check->entries_done(),
                  s.check->entries_total());
    ImGui::ProgressBar(float(s.check->entries_done()) / float(std::max(1L, s.check->entries_total())),
                       ImVec2(-ButtonWidth("Cancel check") - ImGui::GetStyle().ItemSpacing.x, 0), progress);
    ImGui::SameLine();
    const bool cancel = ImGui::Button("Cancel check");
    NoteItemRect("Cancel check");
    if (cancel) {
      s.check.reset();
      return;
    }
  } else {
    const ImVec4 color = report.worst < 1e-2 ? ImVec4(0.1f, 0.55f, 0.1f, 1) : ImVec4(0.75f, 0.1f, 0.1f, 1);
    char text[80];
    std::snprintf(text, sizeof text, "worst relative error %.2e (at step %ld)", report.worst, s.checked_at_step);
    SameLineIfFits(ImGui::CalcTextSize(text).x);
    ImGui::TextColored(color, "%s", text);
  }
  // Columns as wide as their contents; on a narrow screen the table scrolls sideways instead of cutting them.
  if (ImGui::BeginTable("check", 2, ImGuiTableFlags_Borders | ImGuiTableFlags_RowBg | ImGuiTableFlags_SizingFixedFit |
                                        ImGuiTableFlags_ScrollX)) {
    ImGui::TableSetupColumn("parameter tensor");
    ImGui::TableSetupColumn("relative error |a - n| / (|a| + |n|)");
    ImGui::TableHeadersRow();
    for (size_t i = 0; i < report.names.size(); ++i) {
      ImGui::TableNextRow();
      ImGui::TableNextColumn();
      ImGui::TextUnformatted(report.names[i].c_str());
      ImGui::TableNextColumn();
      const double e = report.relative_error[i];
      ImGui::TextColored(e < 1e-2 ? ImVec4(0.1f, 0.55f, 0.1f, 1) : ImVec4(0.75f, 0.1f, 0.1f, 1), "%.2e", e);
    }
    ImGui::EndTable();
  }
}

std::string GradientCheckStatusJson(const GradientCheckViewState& s) {
  if (!s.check) return "{\"state\":\"idle\"}";
  return std::string("{\"state\":") + (s.check->done() ? "\"done\"" : "\"running\"") +
         ",\"done\":" + std::to_string(s.check->entries_done()) +
         ",\"total\":" + std::to_string(s.check->entries_total()) +
         ",\"worst\":" + JsonNumber(s.check->report().worst) + "}";
}

}  // namespace netlab
