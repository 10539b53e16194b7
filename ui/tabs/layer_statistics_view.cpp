// Initializer / vanishing-gradient view: what each layer outputs on the training set, how large the
// weight gradients are, and how the per-layer gradient norms evolve. Sigmoid with a large init shows
// saturated outputs (piled at 0 and 1) and gradient norms that shrink towards the input.
#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstring>

#include "widgets/layout.h"
#include "core/clock.h"
#include "imgui.h"
#include "widgets/plots.h"
#include "tabs/tabs.h"

namespace netlab {
namespace {

void DrawGradientNormHistory(const std::vector<GradientNormsAt>& history, float width, float height) {
  ImDrawList* draw = ImGui::GetWindowDrawList();
  const ImVec2 origin = DrawPlotFrame(width, height);
  size_t layers = 0;
  double low = 1e300, high = -1e300;
  for (const GradientNormsAt& m : history) {
    layers = std::max(layers, m.norms->size());
    for (float v : *m.norms)
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
    for (const GradientNormsAt& m : history) {
      if (layer >= m.norms->size() || !((*m.norms)[layer] > 0)) continue;
      const double y = (std::log10(double((*m.norms)[layer])) - low) / (high - low);
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

// One histogram per layer output (dense pre-activations skipped: the activation after them shows the
// same units) and per weight gradient, on the network's training rows.
void Gather(LayerStatisticsState& s, const NetworkInTraining& n) {
  Network& net = *n.network;
  net.SetTraining(false);
  net.Forward(*n.inputs);
  s.outputs.clear();
  s.output_titles.clear();
  for (size_t i = 0; i < net.size(); ++i) {
    if (std::strcmp(net.layer(i).kind(), "dense") == 0 && i + 1 < net.size()) continue;
    const Matrix& out = net.LayerOutput(i);
    s.outputs.push_back(HistogramOf(out.data(), size_t(out.size())));
    char title[64];
    std::snprintf(title, sizeof title, "%zu: %s", i + 1, net.layer(i).kind());
    s.output_titles.push_back(title);
  }
  s.gradients.clear();
  s.gradient_titles.clear();
  for (const ParameterRef& p : net.Parameters()) {
    if (!p.is_weight) continue;
    s.gradients.push_back(HistogramOf(p.gradient->data(), size_t(p.gradient->size())));
    char title[64];
    std::snprintf(title, sizeof title, "dL/dW%zu (%ldx%ld)", s.gradients.size(), long(p.value->rows()),
                  long(p.value->cols()));
    s.gradient_titles.push_back(title);
  }
  s.gathered_at_step = n.step;
  s.gathered_at_time = NowSeconds();
}

// The same histograms for a model's own loss (NetworkInTraining::checked_loss): one backward pass on
// its fixed batch gives the layer outputs and the weight gradients of that batch.
void GatherCheckedLoss(LayerStatisticsState& s, const NetworkInTraining& n) {
  std::unique_ptr<CheckedLoss> loss = n.checked_loss();
  loss->Backward();
  std::vector<const Matrix*> outputs;
  s.output_titles.clear();
  loss->LayerOutputs(s.output_titles, outputs);
  s.outputs.clear();
  for (const Matrix* out : outputs) s.outputs.push_back(HistogramOf(out->data(), size_t(out->size())));
  s.gradients.clear();
  s.gradient_titles.clear();
  const std::vector<ParameterRef> parameters = loss->Parameters();
  for (size_t i = 0; i < parameters.size(); ++i) {
    if (!parameters[i].is_weight) continue;
    // Numbered as the weight matrices of the norms' legend below (W1, W2, ...), short enough for a phone's cell.
    const Matrix& g = *parameters[i].gradient;
    s.gradients.push_back(HistogramOf(g.data(), size_t(g.size())));
    char title[64];
    std::snprintf(title, sizeof title, "dL/dW%zu (%ldx%ld)", s.gradients.size(), long(g.rows()), long(g.cols()));
    s.gradient_titles.push_back(title);
  }
  s.gathered_at_step = n.step;
  s.gathered_at_time = NowSeconds();
}

}  // namespace

void DrawLayerStatisticsView(LayerStatisticsState& state, const NetworkInTraining& network) {
  // A step count that went back is a new network (Reset): gathered again at once.
  if (state.gathered_at_step < 0 || network.step < state.gathered_at_step ||
      (network.step != state.gathered_at_step && NowSeconds() - state.gathered_at_time > 0.5))
    network.checked_loss ? GatherCheckedLoss(state, network) : Gather(state, network);
  const float width = ImGui::GetContentRegionAvail().x;
  // Three histograms a row where they fit, fewer on a narrow screen (never narrower than 150 px or the screen).
  const float cell = std::min(width, std::max(150.0f, (width - 2.0f * ImGui::GetStyle().ItemSpacing.x) / 3.0f));
  if (network.checked_loss) ImGui::Text("Layer outputs on %s:", network.batch_label.c_str());
  else ImGui::Text("Layer outputs on %ld training rows:", long(network.inputs->rows()));
  for (size_t i = 0; i < state.outputs.size(); ++i) {
    if (i) SameLineIfFits(cell);
    DrawHistogram(state.output_titles[i].c_str(), state.outputs[i], cell, 110);
  }
  ImGui::TextUnformatted(network.checked_loss ? "Weight gradients of the loss on that batch:" : "Weight gradients of the last step:");
  for (size_t i = 0; i < state.gradients.size(); ++i) {
    if (i) SameLineIfFits(cell);
    DrawHistogram(state.gradient_titles[i].c_str(), state.gradients[i], cell, 110);
  }
  DrawGradientNormHistory(network.gradient_norms, width, std::max(120.0f, ImGui::GetContentRegionAvail().y - 6.0f));
}

}  // namespace netlab
