// Backprop inspector: the lecture's computational graph, every node's forward value and backward
// gradient, editable inputs and weights, and one gradient-descent step at a time.
#include <algorithm>
#include <cstdio>
#include <string>
#include <vector>

#include "widgets/layout.h"
#include "imgui.h"
#include "teaching/differentiation_modes.h"
#include "teaching/scalar_graph.h"
#include "tabs/tabs.h"
#include "platform/layout_report.h"

namespace netlab {
namespace {

constexpr float kInputWidth = 90.0f;

// An input's width with its label, for SameLineIfFits.
float LabeledWidth(const char* label, float input_width) {
  return input_width + ImGui::GetStyle().ItemInnerSpacing.x + ImGui::CalcTextSize(label).x;
}

void InputDouble(const char* label, double& value) {
  ImGui::SetNextItemWidth(kInputWidth);
  ImGui::InputDouble(label, &value, 0.0, 0.0, "%.4f");
}

// Nodes are placed in columns by depth (inputs at depth 0) and drawn as boxes with value and gradient.
void DrawGraph(ScalarGraph& graph, float width, float height) {
  std::vector<ScalarGraph::Node>& nodes = graph.nodes();
  std::vector<int> depth(nodes.size(), 0), row(nodes.size(), 0), per_depth;
  for (size_t i = 0; i < nodes.size(); ++i) {
    if (nodes[i].a >= 0) depth[i] = std::max(depth[i], depth[size_t(nodes[i].a)] + 1);
    if (nodes[i].b >= 0) depth[i] = std::max(depth[i], depth[size_t(nodes[i].b)] + 1);
    if (int(per_depth.size()) <= depth[i]) per_depth.resize(size_t(depth[i]) + 1, 0);
    row[i] = per_depth[size_t(depth[i])]++;
  }
  const int columns = int(per_depth.size());
  const int rows = *std::max_element(per_depth.begin(), per_depth.end());
  // Each box fits its widest label; when the columns do not fit the width, the graph scrolls sideways
  // instead of drawing labels over each other.
  std::vector<std::string> labels(nodes.size());
  float widest = 0.0f;
  for (size_t i = 0; i < nodes.size(); ++i) {
    char text[160];
    std::snprintf(text, sizeof text, "%s\n= %.4f\ngrad %.4f", nodes[i].name.c_str(), nodes[i].value, nodes[i].gradient);
    labels[i] = text;
    widest = std::max(widest, ImGui::CalcTextSize(text).x);
  }
  const float box_w = std::max(widest + 10.0f, std::min(130.0f, width / float(columns) - 14.0f));
  const float box_h = 3.0f * ImGui::GetTextLineHeight() + 6.0f;
  height = std::max(height, float(std::max(rows, 1)) * (box_h + 8.0f));  // rows of boxes never touch
  const float needed = float(columns) * (box_w + 14.0f);
  const bool scrolls = needed > width;
  if (scrolls) {
    ImGui::BeginChild("graph", ImVec2(width, height + ImGui::GetStyle().ScrollbarSize), false,
                      ImGuiWindowFlags_HorizontalScrollbar);
    width = needed;
  }
  ImDrawList* draw = ImGui::GetWindowDrawList();
  const ImVec2 origin = ImGui::GetCursorScreenPos();
  auto center = [&](size_t i) {
    const float x = origin.x + (float(depth[i]) + 0.5f) * width / float(columns);
    const float y = origin.y + (float(row[i]) + 0.5f) * height / float(std::max(rows, 1));
    return ImVec2(x, y);
  };
  for (size_t i = 0; i < nodes.size(); ++i)
    for (int operand : {nodes[i].a, nodes[i].b})
      if (operand >= 0) {
        ImVec2 from = center(size_t(operand)), to = center(i);
        draw->AddLine(ImVec2(from.x + box_w / 2, from.y), ImVec2(to.x - box_w / 2, to.y), IM_COL32(120, 120, 120, 255),
                      1.5f);
      }
  for (size_t i = 0; i < nodes.size(); ++i) {
    const ImVec2 c = center(i);
    const ImVec2 a(c.x - box_w / 2, c.y - box_h / 2), b(c.x + box_w / 2, c.y + box_h / 2);
    const bool input = nodes[i].op == ScalarGraph::Op::kInput;
    draw->AddRectFilled(a, b, input ? IM_COL32(230, 240, 255, 255) : IM_COL32(255, 250, 230, 255), 4.0f);
    draw->AddRect(a, b, IM_COL32(90, 90, 90, 255), 4.0f);
    draw->AddText(ImVec2(a.x + 5, a.y + 2), IM_COL32(20, 20, 20, 255), labels[i].c_str());
  }
  ImGui::Dummy(ImVec2(width, height));
  NoteFigure(ImGui::GetItemRectMin(), ImGui::GetItemRectMax());  // for the layout report's figure share
  if (scrolls) ImGui::EndChild();
}

// The same two derivatives four ways, with the arithmetic each needed (teaching/differentiation_modes.h).
void DrawDifferentiationModes(const std::vector<double>& v) {
  const LecturePoint point{v[0], v[1], v[2], v[3], v[4]};
  const DifferentiationComparison c = CompareDifferentiationModes(point, 1e-6);
  if (!ImGui::CollapsingHeader("Four ways to differentiate", ImGuiTreeNodeFlags_DefaultOpen)) return;
  ImGui::TextWrapped(
      "The same dL/dw1 and dL/dw2 four ways. Finite differences use h = 1e-6 and two passes per weight; forward "
      "mode carries one derivative per pass on dual numbers; reverse mode gets every weight's derivative from "
      "one forward and one backward pass. One plain evaluation of L costs %ld operations.",
      c.forward_pass_operations);
  if (ImGui::BeginTable("modes", 5, ImGuiTableFlags_Borders | ImGuiTableFlags_RowBg)) {
    ImGui::TableSetupColumn("method");
    ImGui::TableSetupColumn("dL/dw1");
    ImGui::TableSetupColumn("dL/dw2");
    ImGui::TableSetupColumn("operations");
    ImGui::TableSetupColumn("graph passes");
    ImGui::TableHeadersRow();
    for (const DerivativeEstimate* m : c.All()) {
      ImGui::TableNextRow();
      ImGui::TableNextColumn();
      ImGui::TextUnformatted(m->method.c_str());
      ImGui::TableNextColumn();
      ImGui::Text("%.10f", m->d_w1);
      ImGui::TableNextColumn();
      ImGui::Text("%.10f", m->d_w2);
      ImGui::TableNextColumn();
      ImGui::Text("%ld", m->operations);
      ImGui::TableNextColumn();
      if (m->graph_passes > 0)
        ImGui::Text("%d", m->graph_passes);
      else
        ImGui::TextUnformatted("formula");
    }
    ImGui::EndTable();
  }
}

}  // namespace

void DrawBackpropView(BackpropViewState& s, ShowConfig& show) {
  ImGui::TextWrapped(
      "The lecture's example: u_in = w₁ x₁³ + w₂ x₂, u_out = σ(u_in), L = ½ (u_out − y)². Forward values "
      "flow left to right; gradients dL/d(node) flow back by the chain rule. Edit any number.");
  if (show.backprop.size() != 5) show.backprop = ShowConfig().backprop;
  double& w1 = show.backprop[0];
  double& w2 = show.backprop[1];
  double& x1 = show.backprop[2];
  double& x2 = show.backprop[3];
  double& y = show.backprop[4];
  InputDouble("w1", w1);
  SameLineIfFits(LabeledWidth("w2", kInputWidth));
  InputDouble("w2", w2);
  SameLineIfFits(LabeledWidth("x1", kInputWidth));
  InputDouble("x1", x1);
  SameLineIfFits(LabeledWidth("x2", kInputWidth));
  InputDouble("x2", x2);
  SameLineIfFits(LabeledWidth("y", kInputWidth));
  InputDouble("y", y);
  LectureExample e = BuildLectureExample(w1, w2, x1, x2, y);
  ImGui::SetNextItemWidth(120);
  ImGui::InputFloat("step size ε", &show.backprop_step, 0.0f, 0.0f, "%.4f");
  show.backprop_step = std::clamp(show.backprop_step, 1e-6f, 10.0f);
  SameLineIfFits(ButtonWidth("Gradient step"));
  if (ImGui::Button("Gradient step")) {
    // w <- w - epsilon dL/dw for both weights at once.
    w1 -= double(show.backprop_step) * e.graph.node(e.w1).gradient;
    w2 -= double(show.backprop_step) * e.graph.node(e.w2).gradient;
    ++s.steps_taken;
    e = BuildLectureExample(w1, w2, x1, x2, y);
  }
  SameLineIfFits(ButtonWidth("Lecture values"));
  if (ImGui::Button("Lecture values")) {
    s = BackpropViewState();
    show.backprop = ShowConfig().backprop;
    show.backprop_step = ShowConfig().backprop_step;
  }
  // The step's numbers share a row while they fit.
  char text[4][48];
  std::snprintf(text[0], sizeof text[0], "Steps taken: %d", s.steps_taken);
  std::snprintf(text[1], sizeof text[1], "L = %.4f", e.graph.node(e.loss).value);
  std::snprintf(text[2], sizeof text[2], "dL/dw1 = %.4f", e.graph.node(e.w1).gradient);
  std::snprintf(text[3], sizeof text[3], "dL/dw2 = %.4f", e.graph.node(e.w2).gradient);
  for (int i = 0; i < 4; ++i) {
    if (i) SameLineIfFits(ImGui::CalcTextSize(text[i]).x, 20.0f);
    ImGui::TextUnformatted(text[i]);
  }
  const ImVec2 avail = ImGui::GetContentRegionAvail();
  DrawGraph(e.graph, avail.x, std::max(200.0f, std::min(avail.y - 150.0f, 380.0f)));
  DrawDifferentiationModes(show.backprop);
  // Columns as wide as their contents; on a narrow screen the table scrolls sideways instead of cutting them.
  if (ImGui::BeginTable("nodes", 4, ImGuiTableFlags_Borders | ImGuiTableFlags_RowBg | ImGuiTableFlags_SizingFixedFit |
                                        ImGuiTableFlags_ScrollX)) {
    ImGui::TableSetupColumn("node");
    ImGui::TableSetupColumn("operation");
    ImGui::TableSetupColumn("forward value");
    ImGui::TableSetupColumn("dL/d(node)");
    ImGui::TableHeadersRow();
    for (const ScalarGraph::Node& n : e.graph.nodes()) {
      ImGui::TableNextRow();
      ImGui::TableNextColumn();
      ImGui::TextUnformatted(n.name.c_str());
      ImGui::TableNextColumn();
      ImGui::TextUnformatted(ScalarGraph::OpLabel(n.op));
      ImGui::TableNextColumn();
      ImGui::Text("%.6f", n.value);
      ImGui::TableNextColumn();
      ImGui::Text("%.6f", n.gradient);
    }
    ImGui::EndTable();
  }
}

}  // namespace netlab
