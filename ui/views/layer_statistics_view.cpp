// Initializer / vanishing-gradient view: what each layer outputs on the training set, how large the
// weight gradients are, and how the per-layer gradient norms evolve. Sigmoid with a large init shows
// saturated outputs (piled at 0 and 1) and gradient norms that shrink towards the input.
#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstring>

#include "app/layout.h"
#include "imgui.h"
#include "widgets/plots.h"
#include "views/views.h"

namespace netlab {
namespace {

void DrawGradientNormHistory(const Trainer& trainer, float width, float height) {
  const auto& history = trainer.history();
  ImDrawList* draw = ImGui::GetWindowDrawList();
  const ImVec2 origin = DrawPlotFrame(width, height);
  size_t layers = 0;
  double low = 1e300, high = -1e300;
  for (const MetricsPoint& m : history) {
    layers = std::max(layers, m.layer_gradient_norms.size());
    for (float v : m.layer_gradient_norms)
      if (v > 0 && std::isfinite(v)) {
        low = std::min(low, std::log10(double(v)));
        high = std::max(high, std::log10(double(v)));
      }
  }
  const char* title = ImGui::CalcTextSize("|dL/dW| per layer over steps (log scale)").x + 8 <= width
                          ? "|dL/dW| per layer over steps (log scale)"
                          : "|dL/dW| per layer (log)";
  draw->AddText(ImVec2(origin.x + 4, origin.y + 2), IM_COL32(60, 60, 60, 255), title);
  if (layers == 0 || history.size() < 2 || low > high) return;
  if (high - low < 1e-3) high = low + 1.0;
  const double last = std::max(1.0, double(history.back().step));
  for (size_t layer = 0; layer < layers; ++layer) {
    ImVector<ImVec2> line;
    for (const MetricsPoint& m : history) {
      if (layer >= m.layer_gradient_norms.size() || !(m.layer_gradient_norms[layer] > 0)) continue;
      const double y = (std::log10(double(m.layer_gradient_norms[layer])) - low) / (high - low);
      line.push_back(ImVec2(origin.x + 4 + float(double(m.step) / last) * (width - 8),
                            origin.y + height - 4 - float(y) * (height - 24)));
    }
    draw->AddPolyline(line.Data, line.Size, SeriesColor(int(layer)), 0, 2.0f);
  }
  // The legend below the title, wrapping at the plot's edge so labels never run into each other.
  const float line = ImGui::GetFontSize() + 2.0f;
  ImVec2 at(origin.x + 4, origin.y + 2 + line);
  for (size_t layer = 0; layer < layers; ++layer) {
    char label[32];
    std::snprintf(label, sizeof label, "W%zu", layer + 1);
    const float label_width = ImGui::CalcTextSize(label).x;
    if (at.x + label_width > origin.x + width - 4 && at.x > origin.x + 4) at = ImVec2(origin.x + 4, at.y + line);
    draw->AddText(at, SeriesColor(int(layer)), label);
    at.x += label_width + 10.0f;
  }
  char range[64];
  std::snprintf(range, sizeof range, "1e%.1f .. 1e%.1f", low, high);
  draw->AddText(ImVec2(origin.x + 4, origin.y + height - 18), IM_COL32(90, 90, 90, 255), range);
}

}  // namespace

void DrawLayerStatisticsView(Trainer& trainer) {
  Network& net = trainer.network();
  net.SetTraining(false);
  net.Forward(trainer.train_inputs());
  const float width = ImGui::GetContentRegionAvail().x;
  // Three histograms a row where they fit, fewer on a narrow screen (never narrower than 150 px or the screen).
  const float cell = std::min(width, std::max(150.0f, (width - 2.0f * ImGui::GetStyle().ItemSpacing.x) / 3.0f));
  ImGui::TextUnformatted("Layer outputs on the training set:");
  int shown = 0;
  for (size_t i = 0; i < net.size(); ++i) {
    const Matrix& out = net.LayerOutput(i);
    if (std::strcmp(net.layer(i).kind(), "dense") == 0 && i + 1 < net.size()) continue;  // pre-activations
    std::vector<float> values(out.data(), out.data() + out.size());
    char title[64];
    std::snprintf(title, sizeof title, "%zu: %s", i + 1, net.layer(i).kind());
    if (shown++) SameLineIfFits(cell);
    DrawHistogram(title, values, cell, 110);
  }
  ImGui::TextUnformatted("Weight gradients of the last step:");
  shown = 0;
  int index = 0;
  for (const ParameterRef& p : net.Parameters()) {
    if (!p.is_weight) continue;
    std::vector<float> values(p.gradient->data(), p.gradient->data() + p.gradient->size());
    char title[64];
    std::snprintf(title, sizeof title, "dL/dW%d (%ldx%ld)", ++index, long(p.value->rows()), long(p.value->cols()));
    if (shown++) SameLineIfFits(cell);
    DrawHistogram(title, values, cell, 110);
  }
  DrawGradientNormHistory(trainer, width, std::max(120.0f, ImGui::GetContentRegionAvail().y - 6.0f));
}

}  // namespace netlab
