// RNN view (task `sequence`, tasks/sequence/sequence_run.h): the run's LSTM, GRU or plain RNN with a
// linear readout learning to continue sine waves. One wave is drawn with the network's teacher-forced
// predictions over a seed window and its free-running continuation past it, above the loss and gradient
// norm over updates. The cell, its size, the sequence length, the learning rate, clipping and the input
// noise are the config's (the Network and Optimizer panels); the view's own controls choose the wave shown.
#include <algorithm>
#include <cmath>
#include <cstdio>
#include <limits>
#include <memory>
#include <string>
#include <vector>

#include "core/clock.h"
#include "widgets/image_drawing.h"
#include "imgui.h"
#include "widgets/picture_cadence.h"
#include "platform/item_locator.h"
#include "core/json_text.h"
#include "tasks/sequence/sequence_run.h"
#include "views/task_view.h"
#include "widgets/line_plot.h"
#include "widgets/plots.h"
#include "recurrent/sequence_task.h"
#include "platform/layout_report.h"
#include "widgets/value_slider.h"
#include "widgets/layout.h"

namespace netlab {
namespace {

constexpr double kRefreshSeconds = 0.1;  // how often the plotted wave is re-predicted while training

const ImU32 kWaveColor = IM_COL32(150, 150, 150, 255);
const ImU32 kPredictionColor = IM_COL32(31, 119, 180, 255);
const ImU32 kGenerationColor = IM_COL32(230, 110, 10, 255);
const ImU32 kGradientColor = IM_COL32(44, 160, 44, 255);
const ImU32 kTextColor = IM_COL32(60, 60, 60, 255);

class SequenceView : public RunView<SequenceRun> {
 public:
  void Attached() override {
    plot_cadence_ = PictureCadence();
    plotted_updates_ = -1;
    if (example_noise_.empty()) NewWave();
    stale_ = true;
  }

  void Draw(const std::string&, float, float) override {
    ImGui::TextWrapped("Watch the prediction lock onto the wave: first its mean, then its frequency, then its phase.");  // what to look for, first
    DrawDerivation("An LSTM (Hochreiter & Schmidhuber 1997; forget gate, Gers et al. 2000): iₜ, fₜ, oₜ = σ(W xₜ + U hₜ₋₁ + b) per gate, gₜ = tanh(W_g xₜ + U_g hₜ₋₁ + b_g), cₜ = fₜ ⊙ cₜ₋₁ + iₜ ⊙ gₜ, hₜ = oₜ ⊙ tanh(cₜ). The cell's additive path carries gradients across many steps; a plain RNN, hₜ = tanh(W xₜ + U hₜ₋₁ + b), multiplies them by U and tanh′ at every step, so they vanish or explode (Bengio et al. 1994), and clipping caps their norm. A GRU mixes hₜ = (1 − zₜ) ⊙ hₜ₋₁ + zₜ ⊙ h̃ₜ. The loss is the mean squared error of each next value.");
    ImGui::Text("Waves sin(ω t + φ), ω in [%.1f, %.1f], random φ", kSineMinOmega, kSineMaxOmega);
    ImGui::TextUnformatted("Read x_t, predict x_t+1 linearly from h_t");
    DrawStatus();
    if (show().wave_frequency != omega_) {  // the slider, New wave or a link moved it
      omega_ = show().wave_frequency;
      stale_ = true;
    }
    RefreshWave();
    DrawWavePlot();
    DrawWaveControls();
    DrawLossPlot();
  }

  std::string StatusJson() const override {
    return std::string("{\"cell\":") + JsonString(run_->model().cell_kind()) + ",\"updates\":" +
           std::to_string(run_->updates()) + ",\"loss\":" + JsonNumber(run_->last_loss()) + ",\"first_loss\":" +
           JsonNumber(run_->first_loss()) + ",\"gradient_norm\":" + JsonNumber(run_->last_gradient_norm()) +
           ",\"diverged\":" + (run_->diverged().empty() ? "false" : "true") + "}";
  }

 private:
  int steps() const { return std::min(run_->config().family.sequence_length, kMaxSteps); }
  float noise() const { return run_->config().data.noise; }
  float max_norm() const { return run_->config().regularization.clip_norm; }

  // A phase and the noise the wave's seed is read with (scaled by the noise slider); its frequency is the
  // config's wave_frequency.
  void NewWave() {
    phase_ = wave_rng_.Uniform(0.0f, 6.2831853f);
    example_noise_.resize(size_t(kMaxSteps));
    for (float& n : example_noise_) n = wave_rng_.Normal();
    stale_ = true;
  }

  void DrawStatus() {
    const Config& c = run_->config();
    ImGui::Text("%s with %d hidden units, sequences of %d, batches of %d", run_->model().cell_kind(),
                c.hidden.empty() ? 0 : c.hidden[0].units, c.family.sequence_length, c.batch_size);
    if (run_->updates() == 0)
      ImGui::TextUnformatted("not trained yet");
    else
      ImGui::Text("%ld updates, MSE %.4f (first %.3f)", run_->updates(), run_->last_loss(), run_->first_loss());
    // The norm before clipping: what clipping reacts to, and what explodes in a plain RNN.
    const double norm = run_->last_gradient_norm();
    if (std::isfinite(norm) && run_->updates() > 0) {
      if (max_norm() <= 0.0f)
        ImGui::Text("gradient norm %.3g, not clipped", norm);
      else if (run_->clipped())
        ImGui::Text("gradient norm %.3g, cut to %.2f", norm, max_norm());
      else
        ImGui::Text("gradient norm %.3g, under %.2f", norm, max_norm());
    }
  }

  // Re-predicts the plotted wave when the weights or what is plotted changed, at most every
  // kRefreshSeconds while training: generation reruns the sequence once per generated step.
  void RefreshWave() {
    const double now = NowSeconds();
    if (!stale_ && (run_->updates() == wave_updates_ || now - wave_time_ < kRefreshSeconds)) return;
    stale_ = false;
    wave_updates_ = run_->updates();
    SineRegressor* model_ = &run_->model();
    const int steps_ = steps();
    const float noise_ = noise();
    wave_time_ = now;
    const int seed = SeedSteps(), horizon = steps_ - seed;
    truth_.resize(size_t(steps_));
    for (size_t t = 0; t < truth_.size(); ++t) truth_[t] = std::sin(omega_ * float(t) + phase_);
    seed_.assign(truth_.begin(), truth_.begin() + seed);
    for (int t = 0; t < seed; ++t) seed_[size_t(t)] += noise_ * example_noise_[size_t(t)];
    model_->Predict(seed_, predictions_);
    model_->Generate(seed_, horizon, generated_);
    double squared = 0.0;
    for (int k = 0; k < horizon; ++k) {
      const double e = double(generated_[size_t(k)]) - double(truth_[size_t(seed + k)]);
      squared += e * e;
    }
    generation_error_ = horizon > 0 ? squared / horizon : 0.0;
  }

  void DrawWavePlot() {
    // Two fifths of the pane's room (the loss plot takes the rest), at least 150 px.
    const float width = ImGui::GetContentRegionAvail().x, pad = 4.0f;
    const float height = std::max(150.0f, std::min(0.4f * ImGui::GetContentRegionAvail().y, 0.3f * width));
    const ImVec2 origin = DrawPlotFrame(width, height);
    ImDrawList* draw = ImGui::GetWindowDrawList();
    const int total = steps(), seed = SeedSteps();
    auto at = [&](float t, float y) {
      return ImVec2(origin.x + pad + t / float(total - 1) * (width - 2 * pad),
                    origin.y + height * 0.5f - y / 1.5f * (height * 0.5f - pad));  // y in [-1.5, 1.5]
    };
    draw->PushClipRect(origin, ImVec2(origin.x + width, origin.y + height), true);  // an untrained net can leave the band
    draw->AddRectFilled(ImVec2(origin.x + 1, origin.y + 1), ImVec2(at(float(seed) - 0.5f, 0).x, origin.y + height - 1),
                        IM_COL32(232, 238, 246, 255));  // the seed window
    draw->AddLine(at(0, 0), at(float(total - 1), 0), IM_COL32(215, 215, 215, 255));
    Polyline(draw, truth_, 0, at, kWaveColor, 1.5f);
    for (int t = 0; t < seed; ++t) draw->AddCircleFilled(at(float(t), seed_[size_t(t)]), 2.0f, kWaveColor);
    Polyline(draw, predictions_, 1, at, kPredictionColor, 2.0f);
    Polyline(draw, generated_, seed, at, kGenerationColor, 2.0f);
    draw->AddText(ImVec2(origin.x + 6, origin.y + 3), kTextColor, "seed: reads the wave");
    const char* right = "reads itself";
    draw->AddText(ImVec2(origin.x + width - 6 - ImGui::CalcTextSize(right).x, origin.y + 3), kTextColor, right);
    draw->PopClipRect();
    LegendItem(kWaveColor, "wave");
    ImGui::SameLine();
    LegendItem(kPredictionColor, "predicted");
    ImGui::SameLine();
    LegendItem(kGenerationColor, "generated");
    ImGui::Text("generated vs wave: MSE %.4f over %d steps", generation_error_, steps() - seed);
  }

  void DrawWaveControls() {
    const float half = 0.5f * (ImGui::GetContentRegionAvail().x - ImGui::GetStyle().ItemSpacing.x);
    ImGui::SetNextItemWidth(half);
    ValueSliderFloat("##omega", &show().wave_frequency, 0.05f, 1.0f, "shown ω %.2f", ImGuiSliderFlags_AlwaysClamp);
    if (ImGui::IsItemHovered()) ImGui::SetTooltip("Frequencies outside [%.1f, %.1f] were never trained on", kSineMinOmega, kSineMaxOmega);
    ImGui::SameLine();
    if (ImGui::Button("New wave")) {
      show().wave_frequency = wave_rng_.Uniform(kSineMinOmega, kSineMaxOmega);
      NewWave();
    }
  }

  // log10 of the loss (blue) and of the gradient norm before clipping (green) over updates, with the
  // clipping limit dashed and the decades as grid lines.
  void DrawLossPlot() {
    // While training, the curves move on at most ten times a second (widgets/picture_cadence.h).
    if (plot_cadence_.Shown(run_->updates(), true) != plotted_updates_) {
      plotted_updates_ = run_->updates();
      plotted_loss_ = run_->loss_history().points();
      plotted_gradient_ = run_->gradient_history().points();
    }
    if (plotted_loss_.size() < 2) {
      ImGui::TextDisabled("The loss and the gradient norm appear while training.");
      return;
    }
    LinePlot plot;
    plot.log_y = true;
    plot.y_label = "log scale";
    plot.x_label = "update (of " + std::to_string(plotted_updates_) + ", spread evenly)";
    plot.series = {{"MSE", &plotted_loss_, nullptr, kPredictionColor},
                   {"gradient norm", &plotted_gradient_, nullptr, kGradientColor}};
    if (max_norm() > 0.0f) plot.levels = {{"clipping limit", max_norm(), kGradientColor}};
    DrawLinePlot(plot, ImGui::GetContentRegionAvail().x, LinePlotHeight(ImGui::GetContentRegionAvail().x));
  }

  // Joins values[i] plotted at step first + i.
  template <typename At>
  void Polyline(ImDrawList* draw, const std::vector<float>& values, int first, At at, ImU32 color, float thickness) {
    points_.clear();
    for (size_t i = 0; i < values.size(); ++i)
      if (std::isfinite(values[i])) points_.push_back(at(float(first + int(i)), std::clamp(values[i], -10.0f, 10.0f)));
    if (points_.Size >= 2) {
      draw->AddPolyline(points_.Data, points_.Size, color, 0, thickness);
      NotePlotCurve(points_.Data, points_.Size);
    }
  }

  static void LegendItem(ImU32 color, const char* text) {
    const ImVec2 p = ImGui::GetCursorScreenPos();
    const float h = ImGui::GetTextLineHeight();
    ImGui::GetWindowDrawList()->AddLine(ImVec2(p.x, p.y + h / 2), ImVec2(p.x + 14, p.y + h / 2), color, 2.5f);
    ImGui::Dummy(ImVec2(16, h));
    ImGui::SameLine(0, 2);
    ImGui::TextUnformatted(text);
  }

  // The plot spans one training sequence: the network reads the first half and generates the rest, so
  // generation stays within the length it learned on (past it the state drifts into untrained regions).
  int SeedSteps() const { return steps() / 2; }

  static constexpr int kMaxSteps = 100;

  Rng wave_rng_{5};  // the shown wave's frequency, phase and noise: a picture, not the run's stream

  // The plotted wave.
  float omega_ = 0.0f, phase_ = 0.0f;  // omega_: the config's wave_frequency the wave was drawn for
  std::vector<float> example_noise_, truth_, seed_, predictions_, generated_;
  double generation_error_ = 0.0, wave_time_ = 0.0;
  long wave_updates_ = -1;
  bool stale_ = true;
  ImVector<ImVec2> points_;
  PictureCadence plot_cadence_;
  long plotted_updates_ = -1;
  std::vector<float> plotted_loss_, plotted_gradient_;  // the loss plot's series as last pictured
};

}  // namespace

std::unique_ptr<TaskView> MakeSequenceView() { return std::make_unique<SequenceView>(); }

}  // namespace netlab
