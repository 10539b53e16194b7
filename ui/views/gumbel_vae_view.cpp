// Categorical VAE tab (task `gumbel-vae`, lessons/gumbel_vae_run.h): first the Gumbel-max trick on its
// own (models/gumbel.h: sample frequencies against α, relaxed samples at the VAE's own annealed τ,
// the same noise at falling temperatures becoming one-hot), then the VAE trained through the relaxation:
// its exact test ELBO against the independent-pixel baseline and the decoded image of each category.
#include <algorithm>
#include <cmath>
#include <iterator>
#include <memory>
#include <string>
#include <vector>

#include "core/clock.h"
#include "core/json_text.h"
#include "imgui.h"
#include "tasks/gumbel_vae/gumbel_vae_run.h"
#include "views/task_view.h"
#include "models/gumbel.h"
#include "widgets/image_drawing.h"
#include "widgets/layout.h"
#include "platform/layout_report.h"

namespace netlab {
namespace {

constexpr int kClasses = 4;                  // the trick's own categorical, α editable per class
constexpr long kMaxSamples = 200000;         // the bar chart stops drawing more after this many
const double kFalling[] = {5.0, 1.0, 0.5, 0.1, 0.01};  // temperatures of the one-hot row

// Vertical bars of `values` (each in [0, 1]) over `height`, with a red tick per bar at `marks` when given.
void DrawBars(const std::vector<double>& values, const std::vector<double>* marks, float bar, float height) {
  ImDrawList* draw = ImGui::GetWindowDrawList();
  const ImVec2 at = ImGui::GetCursorScreenPos();
  const float gap = std::max(1.0f, bar * 0.2f);
  for (size_t k = 0; k < values.size(); ++k) {
    const float x0 = at.x + float(k) * (bar + gap), bottom = at.y + height;
    draw->AddRectFilled(ImVec2(x0, at.y), ImVec2(x0 + bar, bottom), IM_COL32(225, 225, 225, 255));
    draw->AddRectFilled(ImVec2(x0, bottom - height * float(std::clamp(values[k], 0.0, 1.0))), ImVec2(x0 + bar, bottom),
                        IM_COL32(70, 130, 200, 255));
    if (marks) {
      const float y = bottom - height * float(std::clamp((*marks)[k], 0.0, 1.0));
      draw->AddRectFilled(ImVec2(x0 - 1.0f, y - 1.5f), ImVec2(x0 + bar + 1.0f, y + 1.5f), IM_COL32(200, 60, 20, 255));
    }
  }
  ImGui::Dummy(ImVec2(float(values.size()) * (bar + gap), height));
  NoteFigure(ImGui::GetItemRectMin(), ImGui::GetItemRectMax());
}

class GumbelVaeView : public RunView<GumbelVaeRun> {
 public:
  void Attached() override {
    config_ = run_->config();
    temperature_ = run_->error().empty() ? float(run_->Temperature()) : config_.lesson.gumbel_temperature;
    prototypes_ = Matrix();
    RestartTrick();
    Measure(*data_);
  }

  void AfterSteps(long steps, double, bool at_once) override {
    if (!run_->error().empty()) return;
    if ((steps > 0 && NowSeconds() - measured_at_ > 0.5) || at_once) Measure(*data_);  // twice a second while it trains
  }


  void Draw(const std::string&, float, float) override {
    const TaskData& data = *data_;
    if (trick_->samples() < kMaxSamples) trick_->Step();
    DrawTrick();
    ImGui::Separator();
    DrawVae(data);
  }

  std::string StatusJson() const override {
    std::string json = "{\"samples\":" + std::to_string(trick_ ? trick_->samples() : 0) +
                       ",\"chi_square\":" + JsonNumber(trick_ ? trick_->ChiSquare() : 0.0) +
                       ",\"mean_max\":" + JsonNumber(trick_ ? trick_->MeanMaxComponent() : 0.0);
    if (run_ && run_->error().empty())
      json += ",\"updates\":" + std::to_string(run_->updates()) + ",\"temperature\":" + JsonNumber(run_->Temperature()) +
              ",\"test_elbo\":" + JsonNumber(test_elbo_) + ",\"baseline\":" + JsonNumber(run_->baseline());
    return json + "}";
  }

 private:
  void RestartTrick() {
    GumbelSettings settings;
    settings.alpha.assign(alpha_, alpha_ + kClasses);
    settings.temperature = temperature_;
    settings.samples_per_step = 500;
    trick_ = std::make_unique<GumbelExperiment>(settings);
    trick_->Reset(config_.seed);
    Rng noise_rng(config_.seed + 1);
    shown_noise_.assign(kClasses, 0.0);
    GumbelNoise(noise_rng, shown_noise_);
  }

  void Measure(const TaskData& data) {
    if (!run_->error().empty()) return;
    test_elbo_ = run_->TestElbo();
    // Each category's image: group 0 one-hot at k, the other groups at their uniform mean 1/K.
    CategoricalVae& vae = run_->vae();
    const int k = vae.categories();
    Matrix codes = Matrix::Constant(k, vae.groups() * k, 1.0f / float(k));
    codes.leftCols(k).setIdentity();
    prototypes_ = vae.Decode(codes);
    (void)data;
    measured_at_ = NowSeconds();
  }

  void DrawTrick() {
    const float font = ImGui::GetFontSize();
    ImGui::TextUnformatted("1. The Gumbel-max trick");
    ImGui::TextWrapped("Watch the blue bars settle on the red ones: argmaxₖ(log αₖ + Gₖ), with "
                       "Gₖ = −log(−log Uₖ), is class k with probability αₖ / Σα (Gumbel 1954). "
                       "Replacing the argmax by softmax((log α + G) / τ) gives a differentiable, relaxed sample "
                       "(Jang et al. 2017; Maddison et al. 2017).");
    DrawDerivation("Why the argmax is a sample: log αₖ + Gₖ is Gumbel-distributed around log αₖ, and the largest of such variables is k with probability αₖ / Σα (Gumbel 1954). The Gumbel-softmax (Jang et al. 2017; Maddison et al. 2017) yₖ = softmax((log α + G) / τ)ₖ is differentiable in α and becomes one-hot as τ → 0. The VAE's loss is −ELBO = −E_q[log p(x | z)] + KL(q(z | x) ‖ uniform), with z relaxed while training and annealed from the start temperature to its floor.");
    // The config's gumbel_alpha: the fields edit it, and the trick restarts when it moved (here or by a link).
    std::vector<float>& alpha = show().gumbel_alpha;
    if (alpha.size() != size_t(kClasses)) alpha = ShowConfig().gumbel_alpha;
    bool changed = !std::equal(alpha.begin(), alpha.end(), alpha_);
    const float width = std::min(ImGui::GetContentRegionAvail().x, 30.0f * font);
    for (int k = 0; k < kClasses; ++k) {
      ImGui::PushID(k);
      if (k > 0) ImGui::SameLine();
      ImGui::SetNextItemWidth((width - 3.0f * ImGui::GetStyle().ItemSpacing.x) / kClasses);
      changed |= ImGui::DragFloat("##alpha", &alpha[size_t(k)], 0.02f, 0.05f, 20.0f, "α=%.2f", ImGuiSliderFlags_AlwaysClamp);
      ImGui::PopID();
    }
    if (changed) std::copy(alpha.begin(), alpha.end(), alpha_);
    // One temperature on screen: the relaxed samples here are drawn at the VAE's own annealed τ (the
    // gumbel_temperature keys), redrawn when it has moved by 2%.
    if (run_->error().empty() && std::abs(run_->Temperature() - double(temperature_)) > 0.02 * double(temperature_)) {
      temperature_ = float(run_->Temperature());
      changed = true;
    }
    if (changed) RestartTrick();
    const std::vector<double> p = trick_->Probabilities(), f = trick_->Frequencies();
    ImGui::TextWrapped("%ld Gumbel-max samples; blue: their frequencies, red: α / Σα. Chi-square %.1f "
                       "(about %d when they match).", trick_->samples(), trick_->ChiSquare(), kClasses - 1);
    // The chart as wide as the α fields above it, half as tall as wide (4 to 10 lines).
    const float bar = width / (1.25f * kClasses);
    DrawBars(f, &p, bar, std::clamp(0.5f * width, 4.0f * font, 10.0f * font));
    ImGui::TextWrapped("Relaxed samples at the VAE's τ = %.3g now: the mean of their largest component is %.3f "
                       "(1 for one-hot).",
                       double(temperature_), trick_->MeanMaxComponent());
    ImGui::TextWrapped("One noise draw G at falling temperatures: the relaxed sample becomes the one-hot Gumbel-max sample.");
    std::vector<double> log_alpha;
    for (double a : p) log_alpha.push_back(std::log(a));
    // Five groups of bars in a row of the α fields' width, each group a little wider than its label.
    const float small = std::clamp((width - 5.0f * 2.0f * font) / (5.0f * kClasses * 1.2f), 4.0f, 1.5f * font);
    for (size_t i = 0; i < std::size(kFalling); ++i) {
      ImGui::BeginGroup();
      DrawBars(RelaxedSample(log_alpha, shown_noise_, kFalling[i]), nullptr, small, std::max(2.5f * font, 4.0f * small));
      ImGui::Text("τ %g", kFalling[i]);
      ImGui::EndGroup();
      const float next = ImGui::GetItemRectMax().x + ImGui::GetStyle().ItemSpacing.x + kClasses * small * 1.2f + 2.0f * font;
      if (i + 1 < std::size(kFalling) && next < ImGui::GetWindowPos().x + ImGui::GetWindowContentRegionMax().x) ImGui::SameLine();
    }
  }

  void DrawVae(const TaskData& data) {
    ImGui::TextUnformatted("2. A VAE with a categorical latent");
    if (!run_->error().empty()) {
      ImGui::TextWrapped("%s", run_->error().c_str());
      return;
    }
    if (!run_->diverged().empty()) ImGui::TextColored(ImVec4(0.85f, 0.3f, 0.1f, 1), "%s", run_->diverged().c_str());
    const CategoricalVae& vae = run_->vae();
    ImGui::TextWrapped("%d group%s of %d categories, relaxed samples at τ %.3f (annealed), %ld updates, loss %.2f",
                       vae.groups(), vae.groups() == 1 ? "" : "s", vae.categories(), run_->Temperature(), run_->updates(),
                       run_->last_loss());
    ImGui::TextWrapped("Test ELBO %.2f nats per image; independent pixels fitted to the training set: %.2f",
                       test_elbo_, run_->baseline());
    if (ImGui::IsItemHovered())
      ImGui::SetTooltip("ELBO = E_q[log p(x | z)] − KL(q(z | x) ‖ uniform), with z one-hot and the expectation\n"
                        "summed exactly over the codes: a lower bound on the model's log p(x).\n"
                        "The baseline is the exact test log-likelihood of one Bernoulli per pixel\n"
                        "(its share of ones in the binarised training images, add-one smoothed).");
    if (!data.images() || prototypes_.rows() == 0) return;
    ImGui::TextWrapped("Each category decoded (group 1 one-hot, the other groups uniform): the model's prototypes.");
    const int width = data.train.image_width, height = data.train.image_height;
    DrawImageRows(prototypes_, width, height, 0.0f, 1.0f, ImageRoomLeft(1));
  }

  Config config_;
  std::unique_ptr<GumbelExperiment> trick_;
  float alpha_[kClasses] = {1.0f, 2.0f, 3.0f, 4.0f};  // the config's gumbel_alpha the trick runs with
  float temperature_ = 1.0f;
  std::vector<double> shown_noise_;
  Matrix prototypes_;
  double test_elbo_ = 0.0, measured_at_ = -1e9;
};

}  // namespace

std::unique_ptr<TaskView> MakeGumbelVaeView() { return std::make_unique<GumbelVaeView>(); }

}  // namespace netlab
