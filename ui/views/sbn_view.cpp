// Sigmoid belief net tab (task `sbn`, lessons/sbn_run.h): the two-causes net's posteriors as Gibbs
// estimates against the exact values (explaining away), then a DBN pretrained on the data: its samples
// (Gibbs in the top RBM, then the sigmoid down-pass) beside the bottom RBM's own dreams.
#include <algorithm>
#include <cmath>
#include <memory>
#include <string>

#include "core/clock.h"
#include "core/json_text.h"
#include "imgui.h"
#include "tasks/sbn/sbn_run.h"
#include "views/task_view.h"
#include "widgets/image_drawing.h"
#include "widgets/value_slider.h"
#include "widgets/layout.h"

namespace netlab {
namespace {

constexpr int kSamples = 10;

// A horizontal bar of `width` for a probability: filled to the Gibbs estimate, a dark tick at the exact value.
void ProbabilityBar(double estimate, double exact, float width) {
  const float height = ImGui::GetTextLineHeight();
  ImDrawList* draw = ImGui::GetWindowDrawList();
  const ImVec2 at = ImGui::GetCursorScreenPos();
  draw->AddRectFilled(at, ImVec2(at.x + width, at.y + height), IM_COL32(225, 225, 225, 255));
  draw->AddRectFilled(at, ImVec2(at.x + width * float(estimate), at.y + height), IM_COL32(70, 130, 200, 255));
  const float tick = at.x + width * float(exact);
  draw->AddRectFilled(ImVec2(tick - 1.5f, at.y - 2.0f), ImVec2(tick + 1.5f, at.y + height + 2.0f), IM_COL32(200, 60, 20, 255));
  ImGui::Dummy(ImVec2(width, height));
}

class SbnView : public RunView<SbnRun> {
 public:
  void Attached() override {
    dbn_samples_ = rbm_dreams_ = Matrix();
    sampled_at_ = -1e9;
  }

  void AfterSteps(long steps, double, bool at_once) override {
    if (!run_->error().empty()) return;
    // Fresh samples each second while it trains.
    if ((steps > 0 && NowSeconds() - sampled_at_ > 1.0) || at_once) Resample(display_rng_);
  }


  void Draw(const std::string&, float, float) override {
    ImGui::TextWrapped("Watch explaining away: given the alarm, knowing the burglar came makes the earthquake less likely, though the two causes are independent.");  // what to look for, first
    DrawDerivation("A sigmoid belief net (Neal 1992): p(xᵢ = 1 | parents) = σ(bᵢ + Σⱼ wᵢⱼxⱼ). Gibbs inference resamples each hidden unit from p(hⱼ | rest) ∝ p(hⱼ | parents) Π p(child | its parents). Explaining away (Pearl 1988): the causes are independent a priori, p(B, E) = p(B) p(E), yet p(E | A, B) < p(E | A): once the burglar explains the alarm, the earthquake is less needed. A DBN's top two layers are an RBM and the layers below such a net.");
    const TaskData& data = *data_;
    Rng& rng = display_rng_;
    ImGui::TextWrapped("Sigmoid belief net (Neal 1992): p(sᵢ = 1 | parents) = σ(bᵢ + Σⱼ wᵢⱼ sⱼ).");
    if (!run_->error().empty()) {
      ImGui::TextWrapped("%s", run_->error().c_str());
      return;
    }
    if (!run_->diverged().empty()) ImGui::TextColored(ImVec4(0.85f, 0.3f, 0.1f, 1), "%s", run_->diverged().c_str());
    DrawExplainingAway();
    ImGui::Separator();
    DrawDbnSampling(data, rng);
  }

  std::string StatusJson() const override {
    if (!run_) return "{}";
    std::string json = "{\"updates\":" + std::to_string(run_->updates()) + ",\"sweeps\":" + std::to_string(run_->sweeps());
    const char* keys[SbnRun::kEvidenceCount] = {"alarm", "alarm_burglar", "alarm_no_burglar"};
    for (int e = 0; e < SbnRun::kEvidenceCount; ++e)
      json += std::string(",\"earthquake_given_") + keys[e] + "\":" + JsonNumber(run_->Estimate(e, kEarthquake)) +
              ",\"exact_" + keys[e] + "\":" + JsonNumber(run_->Exact(e, kEarthquake));
    if (run_->error().empty()) {
      const DbnPretrainer& p = run_->pretrainer();
      json += ",\"dbn_layer\":" + std::to_string(p.layer()) + ",\"dbn_layers\":" + std::to_string(p.layers()) +
              ",\"pretrained\":" + (p.done() ? "true" : "false") + ",\"samples\":" + std::to_string(dbn_samples_.rows());
    }
    return json + "}";
  }

 private:
  void DrawExplainingAway() {
    ImGui::TextUnformatted("1. Explaining away");
    ImGui::TextWrapped("earthquake → alarm ← burglar. Each cause is rare (bias -3, p = %.3f); the alarm rings "
                       "almost only when a cause is on (bias -6, weights +10).",
                       1.0 / (1.0 + std::exp(3.0)));
    ImGui::TextWrapped("Gibbs sampling of the unobserved causes, %d chains x %ld sweeps:", SbnRun::kChains, run_->sweeps());
    if (ImGui::IsItemHovered())
      ImGui::SetTooltip("Each sweep resamples every unobserved unit from p(s_i | all the others):\n"
                        "its parents' prior times what its children say (Neal 1992).\n"
                        "Blue: the chain's estimate. Red tick: the exact posterior by enumeration.");
    const float bar = std::min(ImGui::GetContentRegionAvail().x, 18.0f * ImGui::GetFontSize());
    struct Row {
      const char* text;
      int evidence, unit;
    };
    const Row rows[] = {{"p(earthquake | alarm)", SbnRun::kAlarmOnly, kEarthquake},
                        {"p(burglar | alarm)", SbnRun::kAlarmOnly, kBurglar},
                        {"p(earthquake | alarm, burglar)", SbnRun::kAlarmAndBurglar, kEarthquake},
                        {"p(earthquake | alarm, no burglar)", SbnRun::kAlarmNoBurglar, kEarthquake}};
    for (const Row& r : rows) {
      const double estimate = run_->Estimate(r.evidence, r.unit), exact = run_->Exact(r.evidence, r.unit);
      ImGui::TextWrapped("%s: Gibbs %.3f, exact %.3f", r.text, estimate, exact);
      ProbabilityBar(estimate, exact, bar);
    }
    ImGui::TextWrapped("Knowing the burglar was there explains the alarm away: the earthquake falls back to "
                       "its prior. The causes are independent a priori and compete once their effect is seen.");
  }

  void DrawDbnSampling(const TaskData& data, Rng& rng) {
    const DbnPretrainer& p = run_->pretrainer();
    ImGui::TextUnformatted("2. Sampling a deep belief net");
    std::string sizes = std::to_string(data.inputs());
    for (const LayerConfig& l : config_.hidden) sizes += "-" + std::to_string(l.units);
    if (p.done())
      ImGui::TextWrapped("DBN %s pretrained (%d epochs per RBM)", sizes.c_str(), p.epochs());
    else
      ImGui::TextWrapped("DBN %s: pretraining RBM %d of %d, epoch %d/%d", sizes.c_str(), p.layer() + 1, p.layers(),
                  p.EpochsDone(p.layer()), p.epochs());
    gibbs_steps_ = show().sample_gibbs_steps;
    if (ImGui::Button("New samples") || dbn_samples_.rows() == 0) Resample(rng);
    ImGui::SetNextItemWidth(std::min(ImGui::GetContentRegionAvail().x * 0.5f, 10.0f * ImGui::GetFontSize()));
    ValueSliderInt("Gibbs steps in the top RBM", &show().sample_gibbs_steps, 1, 1000, "%d",
                   ImGuiSliderFlags_Logarithmic | ImGuiSliderFlags_AlwaysClamp);
    if (!data.images()) {
      ImGui::TextWrapped("The samples are drawn as images for image data.");
      return;
    }
    const float room = ImageRoomLeft(2);
    ImGui::TextWrapped("DBN: Gibbs in the top RBM, then the sigmoid down-pass");
    if (ImGui::IsItemHovered())
      ImGui::SetTooltip("The top two layers are an RBM (undirected); the layers below are a sigmoid belief net\n"
                        "whose weights are the lower RBMs' (Hinton, Osindero & Teh 2006). One pass down,\n"
                        "p(hₗ₋₁ | hₗ) = σ(b + W hₗ), gives a sample; the last layer shows p(v | h1).");
    DrawImageRows(dbn_samples_, data.train.image_width, data.train.image_height, 0.0f, 1.0f, room);
    ImGui::TextWrapped("The bottom RBM alone: its dreams, p(v | h)");
    DrawImageRows(rbm_dreams_, data.train.image_width, data.train.image_height, 0.0f, 1.0f, room);
  }

  int gibbs_steps_ = 200;  // the config's sample_gibbs_steps when last drawn: AfterSteps resamples with it
  void Resample(Rng& rng) {
    dbn_samples_ = run_->DbnSamples(kSamples, gibbs_steps_, rng);
    rbm_dreams_ = run_->RbmDreams(kSamples, gibbs_steps_, rng);
    sampled_at_ = NowSeconds();
  }

  Config config_;
  Rng display_rng_{1};  // draws for pictures only (samples, chains), never for training
  Matrix dbn_samples_, rbm_dreams_;
  double sampled_at_ = -1e9;
};

}  // namespace

std::unique_ptr<TaskView> MakeSbnView() { return std::make_unique<SbnView>(); }

}  // namespace netlab
