// MADE view (task `made`, lessons/made_run.h): MADE and a small RBM learn the same binary digits, scored
// by their exact log-likelihoods in nats per image against the independent-pixel baseline; below,
// MADE's ancestral samples (pixel by pixel) beside the RBM's Gibbs samples.
#include <algorithm>
#include <cmath>
#include <memory>
#include <string>

#include "core/clock.h"
#include "core/json_text.h"
#include "imgui.h"
#include "views/task_view.h"
#include "widgets/line_plot.h"
#include "tasks/made/made_run.h"
#include "widgets/image_drawing.h"
#include "widgets/plots.h"
#include "widgets/value_slider.h"
#include "widgets/layout.h"

namespace netlab {
namespace {

constexpr int kSamples = 10;
const ImU32 kMadeColour = IM_COL32(8, 119, 189, 255), kRbmColour = IM_COL32(214, 96, 20, 255),
            kBaselineColour = IM_COL32(130, 130, 130, 255);

// Wrapped text in `colour` (a phone's width cuts a long TextColored line).
template <class... Args>
void ColoredWrapped(ImU32 colour, const char* format, Args... args) {
  ImGui::PushStyleColor(ImGuiCol_Text, colour);
  ImGui::TextWrapped(format, args...);
  ImGui::PopStyleColor();
}

class MadeView : public RunView<MadeRun> {
 public:
  void Attached() override {
    made_samples_ = rbm_samples_ = Matrix();
    sampled_at_ = -1e9;
  }

  void AfterSteps(long steps, double, bool at_once) override {
    if (!run_->error().empty()) return;
    // Fresh samples every two seconds while it trains.
    if ((steps > 0 && NowSeconds() - sampled_at_ > 2.0) || at_once) Resample(display_rng_);
  }


  void Draw(const std::string&, float, float) override {
    ImGui::TextWrapped("Watch the exact log-likelihood rise, and the samples, drawn one pixel at a time, turn into digits.");  // what to look for, first
    DrawDerivation("log p(x) = Σᵢ log p(xᵢ | x₁, …, xᵢ₋₁). MADE (Germain et al. 2015) masks the weights so that output i sees only x₍<ᵢ₎: one pass gives every conditional, hence the exact log-likelihood, and sampling draws x₁, then x₂ given x₁, …. The RBM's log p(v) = −F(v) − log Z with F(v) = −bᵀv − Σⱼ log(1 + exp(cⱼ + vᵀW₍:ⱼ₎)), and Z summed exactly over its 2^h hidden states.");
    const TaskData& data = *data_;
    Rng& rng = display_rng_;
    ImGui::TextWrapped("MADE (Germain et al. 2015): p(x) = prod_d p(x_d | x_<d), each factor a sigmoid output of "
                       "one masked network, on digits binarised at half intensity.");
    if (!run_->error().empty()) {
      ImGui::TextWrapped("MADE cannot train: %s", run_->error().c_str());
      return;
    }
    if (!run_->diverged().empty()) ImGui::TextColored(ImVec4(0.85f, 0.3f, 0.1f, 1), "%s", run_->diverged().c_str());
    ImGui::SameLine();
    const MadeRun::Point& p = run_->history().back();
    ImGui::Text("epoch %d, %ld updates", p.epoch, run_->updates());
    DrawScores(p);
    const float plot_width = std::min(ImGui::GetContentRegionAvail().x, 40.0f * ImGui::GetFontSize());
    DrawCurves(plot_width, LinePlotHeight(plot_width));
    ImGui::Separator();
    DrawSamples(data, rng);
  }

  std::string StatusJson() const override {
    if (!run_ || !run_->error().empty()) return "{\"error\":" + JsonString(run_ ? run_->error() : "") + "}";
    const MadeRun::Point& p = run_->history().back();
    return "{\"epoch\":" + std::to_string(p.epoch) + ",\"updates\":" + std::to_string(run_->updates()) +
           ",\"made_test_ll\":" + JsonNumber(p.made_test) + ",\"made_train_ll\":" + JsonNumber(p.made_train) +
           ",\"rbm_test_ll\":" + JsonNumber(p.rbm_test) + ",\"rbm_log_z\":" + JsonNumber(p.rbm_log_z) +
           ",\"baseline_test_ll\":" + JsonNumber(run_->baseline_test()) +
           ",\"samples\":" + std::to_string(made_samples_.rows()) + "}";
  }

 private:
  void DrawScores(const MadeRun::Point& p) {
    ImGui::TextUnformatted("Exact test log-likelihood, nats per image (higher is better):");
    ColoredWrapped(kMadeColour, "MADE %.2f (train %.2f)", p.made_test, p.made_train);
    if (ImGui::IsItemHovered())
      ImGui::SetTooltip("Exact: the product of the conditionals is a normalised distribution, because\n"
                        "the masks keep each output d from seeing x_d or any later pixel.");
    ColoredWrapped(kRbmColour, "RBM, %d hidden units: %.2f (train %.2f), log Z = %.2f", run_->rbm().hidden(), p.rbm_test,
                   p.rbm_train, p.rbm_log_z);
    if (ImGui::IsItemHovered())
      ImGui::SetTooltip("Exact too: log p(v) = -F(v) - log Z, with log Z summed over all 2^%d hidden states\n"
                        "(given h the pixels are independent, so the sum over v is a product).",
                        run_->rbm().hidden());
    ColoredWrapped(kBaselineColour, "Independent pixels: %.2f (train %.2f)", run_->baseline_test(), run_->baseline_train());
    ImGui::TextWrapped("All three are exact, none an estimate: MADE's conditionals multiply to a normalised p(x); the "
                       "RBM's log Z is summed over all 2^%d hidden states; the pixels' product is normalised.",
                       run_->rbm().hidden());
  }

  // Test log-likelihoods against epochs: MADE (blue), RBM (orange), the baseline (grey, flat); the
  // training ones thinner.
  void DrawCurves(float width, float height) {
    for (auto* v : {&epochs_, &made_test_, &rbm_test_, &made_train_, &rbm_train_}) v->clear();
    for (const MadeRun::Point& p : run_->history()) {
      epochs_.push_back(float(p.epoch));
      made_test_.push_back(float(p.made_test)), rbm_test_.push_back(float(p.rbm_test));
      made_train_.push_back(float(p.made_train)), rbm_train_.push_back(float(p.rbm_train));
    }
    LinePlot plot;
    plot.y_label = "log-likelihood, nats";
    plot.x_label = "epoch";
    plot.y_span_max = 10.0f;  // an untrained model's first value would flatten the rest
    plot.series = {{"MADE test", &made_test_, &epochs_, kMadeColour},
                   {"RBM test", &rbm_test_, &epochs_, kRbmColour},
                   {"MADE training", &made_train_, &epochs_, kMadeColour & 0x80FFFFFF, 1.0f},
                   {"RBM training", &rbm_train_, &epochs_, kRbmColour & 0x80FFFFFF, 1.0f}};
    plot.levels = {{"baseline (test)", float(run_->baseline_test()), kBaselineColour}};
    DrawLinePlot(plot, width, height);
  }
  std::vector<float> epochs_, made_test_, rbm_test_, made_train_, rbm_train_;  // the history as the plot reads it

  void DrawSamples(const TaskData& data, Rng& rng) {
    gibbs_steps_ = show().sample_gibbs_steps;
    if (ImGui::Button("New samples") || made_samples_.rows() == 0) Resample(rng);
    ImGui::SetNextItemWidth(std::min(ImGui::GetContentRegionAvail().x * 0.5f, 10.0f * ImGui::GetFontSize()));
    ValueSliderInt("RBM Gibbs steps", &show().sample_gibbs_steps, 1, 1000, "%d",
                   ImGuiSliderFlags_Logarithmic | ImGuiSliderFlags_AlwaysClamp);
    if (!data.images()) return;
    const int width = data.train.image_width, height = data.train.image_height;
    const float room = ImageRoomLeft(3);
    ImGui::TextWrapped("MADE: ancestral samples, pixel by pixel (x₁, then x₂ given x₁, ...)");
    DrawImageRows(made_samples_, width, height, 0.0f, 1.0f, room);
    ImGui::TextWrapped("RBM: Gibbs samples after %d steps from noise", show().sample_gibbs_steps);
    DrawImageRows(rbm_samples_, width, height, 0.0f, 1.0f, room);
    ImGui::TextWrapped("Test digits, binarised");
    const Matrix& test = run_->test_images();
    DrawImageRows(test.topRows(std::min<Eigen::Index>(kSamples, test.rows())), width, height, 0.0f, 1.0f, room);
  }

  int gibbs_steps_ = 200;  // the config's sample_gibbs_steps when last drawn: AfterSteps resamples with it
  void Resample(Rng& rng) {
    made_samples_ = run_->MadeSamples(kSamples, rng);
    rbm_samples_ = run_->RbmSamples(kSamples, gibbs_steps_, rng);
    sampled_at_ = NowSeconds();
  }

  Config config_;
  Rng display_rng_{1};  // draws for pictures only (samples, chains), never for training
  Matrix made_samples_, rbm_samples_;
  double sampled_at_ = -1e9;
};

}  // namespace

std::unique_ptr<TaskView> MakeMadeView() { return std::make_unique<MadeView>(); }

}  // namespace netlab
