// RNN tab: an LSTM, GRU or plain RNN with a linear readout learning to continue sine waves (its own
// toy task, engine/recurrent/sequence_task.h, not the window's data). One wave is drawn with the network's
// teacher-forced predictions over a seed window and its free-running continuation past it, above the
// loss and gradient norm over updates.
#include <algorithm>
#include <cmath>
#include <cstdio>
#include <limits>
#include <memory>
#include <string>
#include <vector>

#include "core/clock.h"
#include "widgets/image_drawing.h"
#include "export/onnx_recurrent.h"
#include "imgui.h"
#include "widgets/picture_cadence.h"
#include "platform/item_locator.h"
#include "core/json_text.h"
#include "views/model_view.h"
#include "teaching/model_losses.h"
#include "widgets/plots.h"
#include "recurrent/sequence_task.h"

namespace netlab {
namespace {

struct CellKind {
  const char* name;   // as CreateRecurrentCell and the status JSON spell it
  const char* label;  // as the combo shows it
};
const CellKind kCells[] = {{"lstm", "LSTM"}, {"gru", "GRU"}, {"rnn", "plain RNN"}};

constexpr int kBatch = 32;
constexpr size_t kHistoryMax = 400;   // plotted points; older ones merge pairwise as updates accumulate
constexpr double kRefreshSeconds = 0.1;  // how often the plotted wave is re-predicted while training

const ImU32 kWaveColor = IM_COL32(150, 150, 150, 255);
const ImU32 kPredictionColor = IM_COL32(31, 119, 180, 255);
const ImU32 kGenerationColor = IM_COL32(230, 110, 10, 255);
const ImU32 kGradientColor = IM_COL32(44, 160, 44, 255);
const ImU32 kTextColor = IM_COL32(60, 60, 60, 255);

// A per-update series averaged into at most kHistoryMax points: each point covers `stride` updates.
struct History {
  std::vector<float> points;
  int stride = 1;
  double sum = 0.0;
  int count = 0;

  void Clear() { *this = History(); }
  void Add(double value) {
    sum += value;
    if (++count < stride) return;
    points.push_back(float(sum / count));
    sum = 0.0;
    count = 0;
    if (points.size() < kHistoryMax) return;
    for (size_t i = 0; i < points.size() / 2; ++i) points[i] = 0.5f * (points[2 * i] + points[2 * i + 1]);
    points.resize(points.size() / 2);
    stride *= 2;
  }
};

class SequenceView : public ModelView {
 public:
  const char* Name() const override { return "RNN"; }

  void Configure(const Config& config) override {
    if (config.hidden.empty()) return;
    for (int i = 0; i < int(sizeof kCells / sizeof kCells[0]); ++i)
      if (config.hidden[0].kind == kCells[i].name) cell_ = i;
    hidden_ = config.hidden[0].units;
    learning_rate_ = config.optimizer.learning_rate;
    steps_ = std::min(config.family.sequence_length, kMaxSteps);
  }

  void Reset(const ModelsData&, Rng& rng) override { Rebuild(rng); }

  void Train(const ModelsData&, Rng& rng, double budget) override {
    if (diverged_ || !model_->valid()) return;
    const double max_norm = clip_ ? double(max_norm_) : std::numeric_limits<double>::infinity();
    const double start = NowSeconds();
    do {
      MakeSineBatch(kBatch, steps_, noise_, rng, batch_);
      const SineRegressor::Step step = model_->TrainStep(batch_, *optimizer_, max_norm);
      loss_ = step.loss;
      gradient_norm_ = step.gradient_norm;
      if (!step.applied) {
        diverged_ = true;  // the step was not taken, so the weights are still the last finite ones
        return;
      }
      if (updates_ == 0) first_loss_ = loss_;
      weight_norms_.Record(updates_, model_->parameters());
      ++updates_;
      clipped_ = gradient_norm_ > max_norm;
      loss_history_.Add(std::max(loss_, 1e-12));
      gradient_history_.Add(std::max(gradient_norm_, 1e-12));
    } while (NowSeconds() - start < budget);
  }

  void Draw(const ModelsData&, Rng& rng) override {
    ImGui::Text("Waves sin(w t + p), w in [%.1f, %.1f], random p", kSineMinOmega, kSineMaxOmega);
    ImGui::TextUnformatted("Read x_t, predict x_t+1 linearly from h_t");
    DrawControls(rng);
    DrawStatus(rng);
    RefreshWave();
    DrawWavePlot();
    DrawWaveControls(rng);
    DrawLossPlot();
  }

  bool ExportOnnx(std::string& bytes, std::string& error) override {
    return model_ && ExportSequenceOnnx(*model_, bytes, error);
  }

  // The cell and its readout against the mean squared error through time of 8 fixed training waves.
  std::vector<NamedNetwork> Networks(const ModelsData&) override {
    std::vector<NamedNetwork> networks;
    if (!model_ || !model_->valid()) return networks;
    constexpr int kWaves = 8;
    NamedNetwork named{model_->cell_kind(), {}};
    NetworkInTraining& n = named.network;
    n.step = updates_;
    n.batch_label = std::to_string(kWaves) + " waves of " + std::to_string(steps_) + " steps";
    n.loss_label = "the mean squared error of the next-value predictions over every step of " + std::to_string(kWaves) +
                   " fixed waves (backpropagation through time)";
    const SineRegressor& model = *model_;
    const int steps = steps_;
    const float noise = noise_;
    n.checked_loss = [&model, steps, noise] {
      Rng wave_rng(2024);  // the same waves every time
      SineBatch batch;
      MakeSineBatch(kWaves, steps, noise, wave_rng, batch);
      return SequenceLoss(model, std::move(batch));
    };
    weight_norms_.AppendTo(n.gradient_norms);
    networks.push_back(std::move(named));
    return networks;
  }

  std::string StatusJson() const override {
    return std::string("{\"cell\":") + JsonString(model_->cell_kind()) + ",\"updates\":" + std::to_string(updates_) +
           ",\"loss\":" + JsonNumber(loss_) + ",\"first_loss\":" + JsonNumber(first_loss_) +
           ",\"gradient_norm\":" + JsonNumber(gradient_norm_) + ",\"diverged\":" + (diverged_ ? "true" : "false") + "}";
  }

 private:
  void Rebuild(Rng& rng) {
    model_ = std::make_unique<SineRegressor>(kCells[cell_].name, hidden_, rng);
    OptimizerSettings adam;
    adam.learning_rate = learning_rate_;
    optimizer_ = CreateOptimizer(adam);
    updates_ = 0;
    loss_ = first_loss_ = gradient_norm_ = std::numeric_limits<double>::quiet_NaN();
    clipped_ = diverged_ = false;
    loss_history_.Clear();
    gradient_history_.Clear();
    plot_cadence_ = PictureCadence();
    plotted_updates_ = -1;
    weight_norms_.Clear();
    if (example_noise_.empty()) NewWave(rng);
    stale_ = true;
  }

  // A wave from the training range and the noise its seed is read with (scaled by the noise slider).
  void NewWave(Rng& rng) {
    omega_ = rng.Uniform(kSineMinOmega, kSineMaxOmega);
    phase_ = rng.Uniform(0.0f, 6.2831853f);
    example_noise_.resize(size_t(kMaxSteps));
    for (float& n : example_noise_) n = rng.Normal();
    stale_ = true;
  }

  // Half-width widgets in pairs; their labels live in the format strings to fit the narrow window.
  void DrawControls(Rng& rng) {
    const float half = 0.5f * (ImGui::GetContentRegionAvail().x - ImGui::GetStyle().ItemSpacing.x);
    ImGui::SetNextItemWidth(half);
    if (ImGui::BeginCombo("##cell", kCells[cell_].label)) {
      for (int i = 0; i < int(sizeof kCells / sizeof kCells[0]); ++i)
        if (ImGui::Selectable(kCells[i].label, i == cell_) && i != cell_) {
          cell_ = i;
          Rebuild(rng);
        }
      ImGui::EndCombo();
    }
    ImGui::SameLine();
    ImGui::SetNextItemWidth(half);
    ImGui::SliderInt("##hidden", &hidden_, 4, 64, "hidden %d");
    if (ImGui::IsItemDeactivatedAfterEdit()) Rebuild(rng);  // not on every step of a drag
    ImGui::SetNextItemWidth(half);
    if (ImGui::SliderInt("##steps", &steps_, 10, kMaxSteps, "length %d")) stale_ = true;
    if (ImGui::IsItemHovered()) ImGui::SetTooltip("Training sequence length; the plot reads its first half and generates the rest");
    ImGui::SameLine();
    ImGui::SetNextItemWidth(half);
    if (ImGui::SliderFloat("##lr", &learning_rate_, 1e-4f, 0.3f, "lr %.4f", ImGuiSliderFlags_Logarithmic)) {
      OptimizerSettings settings = optimizer_->settings();  // keeps Adam's moments
      settings.learning_rate = learning_rate_;
      optimizer_->SetSettings(settings);
    }
    ImGui::Checkbox("clip", &clip_);
    ImGui::SameLine();
    ImGui::SetNextItemWidth(half - ImGui::GetItemRectSize().x - ImGui::GetStyle().ItemSpacing.x);
    ImGui::BeginDisabled(!clip_);
    ImGui::SliderFloat("##max_norm", &max_norm_, 0.1f, 10.0f, "norm <= %.2f", ImGuiSliderFlags_Logarithmic);
    ImGui::EndDisabled();
    ImGui::SameLine();
    ImGui::SetNextItemWidth(half);
    if (ImGui::SliderFloat("##noise", &noise_, 0.0f, 0.3f, "input noise %.2f")) stale_ = true;
    if (ImGui::IsItemHovered()) ImGui::SetTooltip("Gaussian noise on the inputs (targets stay clean). Without it the net trusts its\n"
                        "inputs too much, and its own errors derail generation after a while.");
  }

  void DrawStatus(Rng& rng) {
    if (updates_ == 0 && !diverged_)
      ImGui::TextUnformatted("not trained yet");
    else
      ImGui::Text("%ld updates, MSE %.4f (first %.3f)", updates_, loss_, first_loss_);
    // The norm before clipping: what clipping reacts to, and what explodes in a plain RNN.
    if (std::isfinite(gradient_norm_)) {
      if (!clip_)
        ImGui::Text("gradient norm %.3g, not clipped", gradient_norm_);
      else if (clipped_)
        ImGui::Text("gradient norm %.3g, cut to %.2f", gradient_norm_, max_norm_);
      else
        ImGui::Text("gradient norm %.3g, under %.2f", gradient_norm_, max_norm_);
    }
    if (diverged_) {
      ImGui::PushStyleColor(ImGuiCol_Text, IM_COL32(220, 50, 50, 255));
      ImGui::TextWrapped("Training stopped: the loss or the gradient is not finite (NaN or infinite). Try a smaller "
                         "learning rate or turn clipping on, then reset.");
      ImGui::PopStyleColor();
    }
    if (ImGui::Button("Reset")) Rebuild(rng);
    NoteItemRect("Reset RNN");
    ImGui::SameLine();
    ImGui::TextDisabled("new %s, hidden %d", kCells[cell_].label, hidden_);
  }

  // Re-predicts the plotted wave when the weights or what is plotted changed, at most every
  // kRefreshSeconds while training: generation reruns the sequence once per generated step.
  void RefreshWave() {
    const double now = NowSeconds();
    if (!stale_ && (updates_ == wave_updates_ || now - wave_time_ < kRefreshSeconds)) return;
    stale_ = false;
    wave_updates_ = updates_;
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
    const float width = ImGui::GetContentRegionAvail().x, height = 150.0f, pad = 4.0f;
    const ImVec2 origin = DrawPlotFrame(width, height);
    ImDrawList* draw = ImGui::GetWindowDrawList();
    const int total = steps_, seed = SeedSteps();
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
    ImGui::Text("generated vs wave: MSE %.4f over %d steps", generation_error_, steps_ - seed);
  }

  void DrawWaveControls(Rng& rng) {
    const float half = 0.5f * (ImGui::GetContentRegionAvail().x - ImGui::GetStyle().ItemSpacing.x);
    ImGui::SetNextItemWidth(half);
    if (ImGui::SliderFloat("##omega", &omega_, 0.05f, 1.0f, "shown w %.2f")) stale_ = true;
    if (ImGui::IsItemHovered()) ImGui::SetTooltip("Frequencies outside [%.1f, %.1f] were never trained on", kSineMinOmega, kSineMaxOmega);
    ImGui::SameLine();
    if (ImGui::Button("New wave")) NewWave(rng);
  }

  // log10 of the loss (blue) and of the gradient norm before clipping (green) over updates, with the
  // clipping limit dashed and the decades as grid lines.
  void DrawLossPlot() {
    const float width = ImGui::GetContentRegionAvail().x, height = 110.0f, pad = 4.0f, left = 30.0f;
    const ImVec2 origin = DrawPlotFrame(width, height);
    ImDrawList* draw = ImGui::GetWindowDrawList();
    // While training, the curves move on at most ten times a second (widgets/picture_cadence.h).
    if (plot_cadence_.Shown(updates_, true) != plotted_updates_) {
      plotted_updates_ = updates_;
      plotted_loss_ = loss_history_.points;
      plotted_gradient_ = gradient_history_.points;
    }
    const std::vector<float>& loss = plotted_loss_;
    const std::vector<float>& gradient = plotted_gradient_;
    if (loss.size() < 2) {
      draw->AddText(ImVec2(origin.x + 6, origin.y + 3), kTextColor, "loss and gradient norm appear while training");
      return;
    }
    float low = std::log10(loss[0]), high = low;
    for (const std::vector<float>* series : {&loss, &gradient})
      for (float v : *series) {
        low = std::min(low, std::log10(v));
        high = std::max(high, std::log10(v));
      }
    if (clip_) {
      low = std::min(low, std::log10(max_norm_));
      high = std::max(high, std::log10(max_norm_));
    }
    low = std::floor(low);
    high = std::max(std::ceil(high), low + 1.0f);
    auto y_of = [&](float value) {
      return origin.y + height - pad - (std::log10(value) - low) / (high - low) * (height - 2 * pad);
    };
    const float x0 = origin.x + left, x1 = origin.x + width - pad;
    for (float decade = low; decade <= high; decade += 1.0f) {
      const float y = y_of(std::pow(10.0f, decade));
      draw->AddLine(ImVec2(x0, y), ImVec2(x1, y), IM_COL32(230, 230, 230, 255));
      char label[16];
      std::snprintf(label, sizeof label, "1e%d", int(decade));
      const float text_y = std::clamp(y - 7.0f, origin.y + 1.0f, origin.y + height - 15.0f);
      draw->AddText(ImVec2(origin.x + 3, text_y), kTextColor, label);
    }
    if (clip_)
      for (float x = x0; x < x1; x += 8.0f)
        draw->AddLine(ImVec2(x, y_of(max_norm_)), ImVec2(std::min(x + 4.0f, x1), y_of(max_norm_)), kGradientColor);
    auto plot = [&](const std::vector<float>& series, ImU32 color) {
      points_.clear();
      for (size_t i = 0; i < series.size(); ++i)
        points_.push_back(ImVec2(x0 + float(i) / float(series.size() - 1) * (x1 - x0), y_of(series[i])));
      draw->AddPolyline(points_.Data, points_.Size, color, 0, 1.5f);
    };
    plot(gradient, kGradientColor);
    plot(loss, kPredictionColor);
    char legend[64];
    std::snprintf(legend, sizeof legend, "%ld updates", plotted_updates_);
    draw->AddText(ImVec2(x1 - ImGui::CalcTextSize(legend).x - 2, origin.y + 2), kTextColor, legend);
    LegendItem(kPredictionColor, "MSE (log)");
    ImGui::SameLine();
    LegendItem(kGradientColor, clip_ ? "gradient norm, limit dashed" : "gradient norm");
  }

  // Joins values[i] plotted at step first + i.
  template <typename At>
  void Polyline(ImDrawList* draw, const std::vector<float>& values, int first, At at, ImU32 color, float thickness) {
    points_.clear();
    for (size_t i = 0; i < values.size(); ++i)
      if (std::isfinite(values[i])) points_.push_back(at(float(first + int(i)), std::clamp(values[i], -10.0f, 10.0f)));
    if (points_.Size >= 2) draw->AddPolyline(points_.Data, points_.Size, color, 0, thickness);
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
  int SeedSteps() const { return steps_ / 2; }

  static constexpr int kMaxSteps = 100;

  // Settings; the cell and hidden size are structural (changing them rebuilds the model).
  int cell_ = 0, hidden_ = 16, steps_ = 60;
  // Input noise by default: trained on clean inputs only, the net leans on them so hard that its own
  // small errors derail generation after a few thousand updates (exposure bias); noise 0.05 keeps the
  // free-running MSE around 0.005 instead of 0.1-0.5 (LSTM, hidden 16, length 60).
  float learning_rate_ = 0.01f, max_norm_ = 1.0f, noise_ = 0.05f;
  bool clip_ = true;

  std::unique_ptr<SineRegressor> model_;
  std::unique_ptr<Optimizer> optimizer_;
  SineBatch batch_;
  long updates_ = 0;
  double loss_ = 0.0, first_loss_ = 0.0, gradient_norm_ = 0.0;
  bool clipped_ = false, diverged_ = false;
  History loss_history_, gradient_history_;
  GradientNormHistory weight_norms_;

  // The plotted wave.
  float omega_ = 0.3f, phase_ = 0.0f;
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

std::unique_ptr<ModelView> MakeSequenceView() { return std::make_unique<SequenceView>(); }

}  // namespace netlab
