#include <cmath>
#include <cstdio>
#include <string>

#include "imgui.h"
#include "platform/item_locator.h"
#include "tabs/tabs.h"
#include "widgets/layout.h"
#include "widgets/line_plot.h"

namespace netlab {

CompareClicks DrawCompareView(const PinnedRuns& pins, const Config& current, const std::vector<MetricsPoint>& history,
                              bool regression, const std::string& message) {
  CompareClicks clicks;
  ImGui::TextWrapped("Pin this run, change a setting, train again: each pinned run's curve stays, named by what "
                     "differs from the run on screen. A pin is its link and its steps, replayed here step for step.");
  clicks.pin = ImGui::Button("Pin this run");
  NoteItemRect("Pin this run");
  if (ImGui::IsItemHovered()) ImGui::SetTooltip("Up to %zu runs per task, kept in this browser.", PinnedRuns::kMost);
  const std::vector<size_t> mine = pins.OfTask(current.task);
  if (!pins.runs().empty()) {
    SameLineIfFits(ButtonWidth("Copy pins link"));
    clicks.copy_link = ImGui::Button("Copy pins link");
    NoteItemRect("Copy pins link");
    if (ImGui::IsItemHovered()) ImGui::SetTooltip("A link that opens this page with these pinned runs.");
  }
  if (!message.empty()) ImGui::TextWrapped("%s", message.c_str());

  // The pins: a swatch in the curve's colour, what differs, the steps, Open and Remove.
  for (size_t k = 0; k < mine.size(); ++k) {
    const PinnedRun& pin = pins.runs()[mine[k]];
    ImGui::PushID(int(mine[k]));
    const ImVec2 at = ImGui::GetCursorScreenPos();
    const float h = ImGui::GetTextLineHeight();
    ImGui::GetWindowDrawList()->AddRectFilled(ImVec2(at.x, at.y + 0.2f * h), ImVec2(at.x + h, at.y + h), SeriesColor(int(k)));
    ImGui::Dummy(ImVec2(h, h));
    ImGui::SameLine();
    if (ImGui::SmallButton("Open")) clicks.open = int(mine[k]);
    NoteItemRect(("pin " + std::to_string(k + 1) + " open").c_str());
    if (ImGui::IsItemHovered()) ImGui::SetTooltip("Opens this run's settings and trains it to step %ld again.", pin.steps);
    ImGui::SameLine();
    if (ImGui::SmallButton("Remove")) clicks.remove = int(mine[k]);
    ImGui::SameLine();
    const std::string label = DifferenceLabel(ConfigDifferences(pin.config, current), 200);
    if (!pin.failed.empty())
      ImGui::TextWrapped("pin %zu, %ld steps: %s. Not replayed: %s", k + 1, pin.steps, label.c_str(), pin.failed.c_str());
    else if (!pin.done())
      ImGui::TextWrapped("pin %zu, %ld steps: %s (replaying, step %ld)", k + 1, pin.steps, label.c_str(),
                         pin.reports.empty() ? 0L : pin.reports.back().first);
    else
      ImGui::TextWrapped("pin %zu, %ld steps: %s", k + 1, pin.steps, label.c_str());
    ImGui::PopID();
  }
  if (mine.empty()) ImGui::TextDisabled("No run pinned yet.");

  // Test loss and (for classification) test accuracy: each pin in its colour, the run on screen in black.
  static std::vector<float> now_steps, now_loss, now_accuracy;
  HistoryColumn(history, &MetricsPoint::step, now_steps);
  HistoryColumn(history, &MetricsPoint::test_loss, now_loss);
  HistoryColumn(history, &MetricsPoint::test_accuracy, now_accuracy);
  static std::vector<std::vector<float>> pin_steps, pin_loss, pin_accuracy;
  pin_steps.resize(mine.size()), pin_loss.resize(mine.size()), pin_accuracy.resize(mine.size());
  std::vector<float> unused;
  for (size_t k = 0; k < mine.size(); ++k) {
    pins.runs()[mine[k]].Curve("test_loss", pin_steps[k], pin_loss[k]);
    pins.runs()[mine[k]].Curve("test_accuracy", unused, pin_accuracy[k]);
  }
  const ImVec2 avail = ImGui::GetContentRegionAvail();
  const int plots = regression ? 1 : 2;
  const bool side_by_side = avail.x > 2.2f * avail.y / float(plots) && plots == 2;
  const float width = side_by_side ? (avail.x - ImGui::GetStyle().ItemSpacing.x) / 2.0f : avail.x;
  const float height = std::max(LinePlotHeight(width) * 0.6f,
                                side_by_side ? avail.y - 4.0f : (avail.y - 4.0f * float(plots)) / float(plots));
  for (int p = 0; p < plots; ++p) {
    LinePlot plot;
    plot.x_label = "step";
    if (p == 0) plot.y_low = 0.0f;
    plot.percent = p == 1;
    // The pins first and wide, the run on screen last and thin: a pin of the same run stays visible under it.
    for (size_t k = 0; k < mine.size(); ++k) {
      char name[32];
      std::snprintf(name, sizeof name, "pin %zu", k + 1);
      plot.series.push_back({name, p == 0 ? &pin_loss[k] : &pin_accuracy[k], &pin_steps[k], SeriesColor(int(k)), 3.0f});
    }
    plot.series.push_back({p == 0 ? "test loss, on screen" : "test accuracy, on screen", p == 0 ? &now_loss : &now_accuracy,
                           &now_steps, IM_COL32(20, 20, 20, 255), 1.5f});
    if (p == 1 && side_by_side) ImGui::SameLine();
    ImGui::PushID(p);
    ImGui::BeginGroup();  // the legend row and the frame side by side with the other plot as one
    DrawLinePlot(plot, width, height);
    ImGui::EndGroup();
    ImGui::PopID();
    NoteItemRect(p == 0 ? "compare loss plot" : "compare accuracy plot");
  }
  return clicks;
}

}  // namespace netlab
