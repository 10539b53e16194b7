#include "widgets/confusion_matrix.h"

#include <algorithm>
#include <cmath>
#include <cstdio>

#include "imgui.h"
#include "platform/item_locator.h"
#include "widgets/plots.h"
#include "platform/layout_report.h"

namespace netlab {

void DrawConfusionMatrix(const std::vector<std::vector<int>>& confusion, const std::vector<std::string>& names,
                         int& truth, int& predicted) {
  const int classes = int(confusion.size());
  if (classes == 0) return;
  std::vector<std::string> labels = names;
  for (int c = int(labels.size()); c < classes; ++c) labels.push_back(std::to_string(c));
  float label_width = 0.0f;
  for (const std::string& l : labels) label_width = std::max(label_width, ImGui::CalcTextSize(l.c_str()).x);
  label_width += 8.0f;
  // The class labels down the left and across the top, the cells, and the per-class accuracy, which
  // must fit beside them; a cell holds its count at least.
  const float accuracy_width = ImGui::CalcTextSize("100%").x + 8.0f;
  const float smallest = std::max(ImGui::GetFontSize() * 1.2f, ImGui::CalcTextSize("0000").x + 4.0f);
  const float cell = std::clamp((ImGui::GetContentRegionAvail().x - accuracy_width - label_width) / float(classes),
                                smallest, ImGui::GetFontSize() * 3.0f);
  // Column labels: the class names where they all fit over their cells, else the indices, and then the
  // rows say "3 Dress" so that a column can be looked up.
  std::vector<std::string> columns = labels;
  bool names_fit = true;
  for (const std::string& l : labels) names_fit = names_fit && ImGui::CalcTextSize(l.c_str()).x + 4.0f <= cell;
  if (!names_fit) {
    for (int c = 0; c < classes; ++c) {
      columns[size_t(c)] = std::to_string(c);
      if (c < int(names.size())) labels[size_t(c)] = std::to_string(c) + " " + names[size_t(c)];
    }
    label_width = 0.0f;
    for (const std::string& l : labels) label_width = std::max(label_width, ImGui::CalcTextSize(l.c_str()).x);
    label_width += 8.0f;
  }
  ImDrawList* draw = ImGui::GetWindowDrawList();
  const ImVec2 origin = ImGui::GetCursorScreenPos();
  const float top = ImGui::GetFontSize() + 6.0f;  // the column labels' row
  const ImU32 ink = IM_COL32(60, 60, 60, 255);
  char text[16];
  for (int p = 0; p < classes; ++p) {
    const std::string& column = columns[size_t(p)];
    const float x = origin.x + label_width + cell * float(p) + (cell - ImGui::CalcTextSize(column.c_str()).x) / 2;
    draw->AddText(ImVec2(x, origin.y + 2.0f), ink, column.c_str());
  }
  const bool safe = ColorBlindPalette();
  for (int t = 0; t < classes; ++t) {
    int total = 0;
    for (int n : confusion[size_t(t)]) total += n;
    const float y = origin.y + top + cell * float(t);
    draw->AddText(ImVec2(origin.x, y + (cell - ImGui::GetFontSize()) / 2), ink, labels[size_t(t)].c_str());
    for (int p = 0; p < classes; ++p) {
      const int n = confusion[size_t(t)][size_t(p)];
      const ImVec2 a(origin.x + label_width + cell * float(p), y);
      const ImVec2 b(a.x + cell - 1.0f, a.y + cell - 1.0f);
      // Share of the true class: dark on the diagonal when right, dark off it when wrong (vermillion
      // rather than red in the colour-blind palette).
      const float share = total > 0 ? float(n) / float(total) : 0.0f, s = std::sqrt(share);
      const ImVec4 right(1.0f - 0.8f * share, 1.0f - 0.5f * share, 1.0f - 0.2f * share, 1);
      const ImVec4 wrong = safe ? ImVec4(1.0f - 0.16f * s, 1.0f - 0.63f * s, 1.0f - 0.9f * s, 1)
                                : ImVec4(1.0f, 1.0f - 0.9f * s, 1.0f - 0.9f * s, 1);
      draw->AddRectFilled(a, b, ImGui::ColorConvertFloat4ToU32(t == p ? right : wrong));
      if (t == truth && p == predicted) draw->AddRect(a, b, IM_COL32(0, 0, 0, 255), 0.0f, 0, 2.0f);
      std::snprintf(text, sizeof text, "%d", n);
      const ImVec2 size = ImGui::CalcTextSize(text);
      draw->AddText(ImVec2(a.x + (cell - size.x) / 2, a.y + (cell - size.y) / 2),
                    share > 0.6f ? IM_COL32(255, 255, 255, 255) : IM_COL32(30, 30, 30, 255), text);
      ImGui::SetCursorScreenPos(a);
      ImGui::PushID(t * classes + p);
      if (ImGui::InvisibleButton("cell", ImVec2(cell - 1.0f, cell - 1.0f))) truth = t, predicted = p;
      if (ImGui::IsItemHovered())
        ImGui::SetTooltip("%d test samples of class %s predicted as %s", n, labels[size_t(t)].c_str(),
                          labels[size_t(p)].c_str());
      ImGui::PopID();
    }
    std::snprintf(text, sizeof text, "%.0f%%", total > 0 ? 100.0 * confusion[size_t(t)][size_t(t)] / total : 0.0);
    draw->AddText(ImVec2(origin.x + label_width + cell * float(classes) + 4.0f, y + (cell - ImGui::GetFontSize()) / 2),
                  ink, text);
  }
  ImGui::SetCursorScreenPos(origin);
  ImGui::Dummy(ImVec2(label_width + cell * float(classes) + accuracy_width, top + cell * float(classes)));
  NoteFigure(ImGui::GetItemRectMin(), ImGui::GetItemRectMax());  // for the layout report's figure share
  NoteItemRect("confusion matrix");
}

}  // namespace netlab
