// Initializer / vanishing-gradient view: what each layer outputs on the training set, how large the
// weight gradients are, and how the per-layer gradient norms evolve. Sigmoid with a large init shows
// saturated outputs (piled at 0 and 1) and gradient norms that shrink towards the input.
#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <string>

#include "widgets/layout.h"
#include "core/clock.h"
#include "imgui.h"
#include "widgets/line_plot.h"
#include "widgets/plots.h"
#include "tabs/tabs.h"

namespace netlab {
namespace {

void DrawGradientNormHistory(const std::vector<GradientNormsAt>& history, float width, float height) {
  // One series per weight matrix, W1 nearest the input; a log axis, since vanishing gradients differ
  // by decades from layer to layer.
  size_t layers = 0;
  for (const GradientNormsAt& m : history) layers = std::max(layers, m.norms->size());
  static std::vector<std::vector<float>> steps, norms;
  steps.assign(layers, {});
  norms.assign(layers, {});
  for (const GradientNormsAt& m : history)
    for (size_t layer = 0; layer < m.norms->size(); ++layer) {
      steps[layer].push_back(float(m.step));
      norms[layer].push_back((*m.norms)[layer]);
    }
  LinePlot plot;
  plot.x_label = "step";
  plot.y_label = "|dL/dW|";
  plot.log_y = true;
  for (size_t layer = 0; layer < layers; ++layer)
    plot.series.push_back({"W" + std::to_string(layer + 1), &norms[layer], &steps[layer]});
  ImGui::PushID("gradient norms");
  DrawLinePlot(plot, width, height);
  ImGui::PopID();
}

// One histogram per layer output (dense pre-activations skipped: the activation after them shows the
// same units) and per weight gradient, on the network's training rows.
void Gather(LayerStatisticsState& s, const NetworkInTraining& n) {
  Network& net = *n.network;
  net.SetTraining(false);
  net.Forward(*n.inputs);
  s.outputs.clear();
  s.output_titles.clear();
  // Numbered as the Network panel numbers its layers: each dense or convolution starts the next one (its
  // norm and activation belong to it), and the last is the output. They read 1, 2, 3, 4, 6, 7 by the
  // network's own layer index, where the panel said 1 to 5.
  int block = 0, blocks = 0;
  for (size_t i = 0; i < net.size(); ++i)
    if (std::strcmp(net.layer(i).kind(), "dense") == 0 || std::strcmp(net.layer(i).kind(), "conv2d") == 0) ++blocks;
  for (size_t i = 0; i < net.size(); ++i) {
    const bool starts = std::strcmp(net.layer(i).kind(), "dense") == 0 || std::strcmp(net.layer(i).kind(), "conv2d") == 0;
    if (starts) ++block;
    if (std::strcmp(net.layer(i).kind(), "dense") == 0 && i + 1 < net.size()) continue;
    const Matrix& out = net.LayerOutput(i);
    s.outputs.push_back(HistogramOf(out.data(), size_t(out.size())));
    char title[64];
    if (block == blocks && blocks > 0) std::snprintf(title, sizeof title, "output: %s", net.layer(i).kind());
    else std::snprintf(title, sizeof title, "layer %d: %s", std::max(block, 1), net.layer(i).kind());
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
