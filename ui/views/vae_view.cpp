// VAE view (task `vae`, tasks/vae/vae_run.h): the run's variational autoencoder, drawn as decoded images over a grid of
// latent codes (the learned manifold) or as the map of where the test samples' codes μ(x) lie, coloured
// by class.
#include <algorithm>
#include <memory>
#include <string>
#include <vector>

#include "core/clock.h"
#include "widgets/image_drawing.h"
#include "imgui.h"
#include "core/json_text.h"
#include "models/vae.h"
#include "tasks/vae/vae_run.h"
#include "views/task_view.h"
#include "platform/layout_report.h"
#include "widgets/layout.h"

namespace netlab {
namespace {

class VaeView : public RunView<VaeRun> {
 public:
  void Attached() override {
    measured_at_ = -1e9;
    Measure();
  }

  void AfterSteps(long steps, double, bool at_once) override {
    if ((steps > 0 && NowSeconds() - measured_at_ > 0.2) || at_once) Measure();  // five times a second while it trains
  }

  // The decoded grid and the latent map side by side (one below the other where the pane is narrow),
  // each as large as the pane allows: they were 290 px, one at a time behind a switch.
  void Draw(const std::string&, float, float) override {
    const TaskData& data = *data_;
    const Config& c = run_->config();
    const int hidden = c.hidden.empty() ? 1 : c.hidden[0].units, latent = c.family.latent;
    ImGui::TextWrapped("Watch the classes separate in the latent map without a label ever being seen, and the "
                       "decoded grid morph smoothly from one digit into the next.");
    DrawDerivation("ELBO(x) = E_q(z|x)[log p(x | z)] − KL(q(z | x) ‖ N(0, I)) ≤ log p(x), with q = N(μ(x), diag σ²(x)) (Kingma & Welling 2014). The sample z = μ + σ ⊙ ε, ε ~ N(0, I), is differentiable in μ and σ (the reparameterization), and KL = ½ Σ (μ² + σ² − log σ² − 1) in closed form. The latent map shows μ(x) of the test images; the grid decodes evenly spaced z.");
    ImGui::Text("VAE %d-%d-%d-%d-%d, Bernoulli decoder, KL weight %.2g; %ld updates of %d, test ELBO %.1f nats / sample",
                data.inputs(), hidden, latent, hidden, data.inputs(), c.family.kl_weight, run_->updates(), c.batch_size,
                test_elbo_);
    const ImVec2 avail = ImGui::GetContentRegionAvail();
    const float gap = 2.0f * ImGui::GetFontSize();
    const float captions = 3.0f * ImGui::GetTextLineHeightWithSpacing();
    const float beside = std::floor(std::min((avail.x - gap) / 2.0f, avail.y - captions));
    const float stacked = std::floor(std::min(avail.x, (avail.y - 2.0f * captions) / 2.0f));
    const bool side_by_side = beside >= stacked;
    const float side = std::max(160.0f, side_by_side ? beside : stacked);
    ImGui::BeginGroup();
    DrawDecodedGrid(data, latent, side);
    ImGui::EndGroup();
    if (side_by_side) ImGui::SameLine(0.0f, gap);
    ImGui::BeginGroup();
    DrawLatentMap(data, side);
    ImGui::EndGroup();
  }

  // The decoder's means over a 9 x 9 grid of latent codes, the images scaled to fill `side`.
  void DrawDecodedGrid(const TaskData& data, int latent, float side) {
    if (!data.images()) {
      ImGui::PushTextWrapPos(ImGui::GetCursorPosX() + side);
      ImGui::TextWrapped("The decoded grid needs image data; the latent map works for any data.");
      ImGui::PopTextWrapPos();
      return;
    }
    const int width = data.train.image_width, height = data.train.image_height;
    constexpr int kGrid = 9;
    const float cell = std::max(1.0f, std::floor((side - (kGrid - 1)) / float(kGrid * std::max(width, height))));
    ImGui::TextUnformatted(latent == 2 ? "Decoded from z ∈ [−2, 2]²"
                                       : "Decoded from z₁, z₂ ∈ [−2, 2]² (the other latents at 0)");
    Matrix codes = Matrix::Zero(kGrid * kGrid, latent);
    for (int i = 0; i < kGrid; ++i)
      for (int j = 0; j < kGrid; ++j) {
        codes(i * kGrid + j, 0) = -2.0f + 4.0f * j / (kGrid - 1);
        if (latent > 1) codes(i * kGrid + j, 1) = 2.0f - 4.0f * i / (kGrid - 1);
      }
    const Matrix images = run_->vae().Decode(codes);
    Matrix image;
    ImGui::PushStyleVar(ImGuiStyleVar_ItemSpacing, ImVec2(1.0f, 1.0f));
    for (int k = 0; k < kGrid * kGrid; ++k) {
      image = images.row(k);
      DrawImage(image.data(), width, height, 0.0f, 1.0f, cell);
      if ((k + 1) % kGrid != 0) ImGui::SameLine();
    }
    ImGui::PopStyleVar();
  }

  // The posterior means μ(x) of up to 500 test samples in the square [-3, 3]^2, one colour per class:
  // classes the VAE has learned to tell apart form separate clusters without ever seeing a label.
  void DrawLatentMap(const TaskData& data, float side) {
    const int latent = run_->config().family.latent;
    static const ImU32 kClassColours[10] = {
        IM_COL32(31, 119, 180, 255), IM_COL32(255, 127, 14, 255), IM_COL32(44, 160, 44, 255), IM_COL32(214, 39, 40, 255),
        IM_COL32(148, 103, 189, 255), IM_COL32(140, 86, 75, 255), IM_COL32(227, 119, 194, 255),
        IM_COL32(127, 127, 127, 255), IM_COL32(188, 189, 34, 255), IM_COL32(23, 190, 207, 255)};
    ImGui::TextUnformatted("μ(x) of the test samples, z ∈ [−3, 3]²");
    const int shown = std::min(500, int(data.test.features.rows()));
    const Matrix codes = run_->vae().EncodeMean(data.test.features.topRows(shown));
    const float scale = side / 6.0f, dot = std::max(2.0f, side / 180.0f);
    ImDrawList* draw = ImGui::GetWindowDrawList();
    const ImVec2 origin = ImGui::GetCursorScreenPos();
    const ImVec2 centre(origin.x + side / 2, origin.y + side / 2);
    draw->PushClipRect(origin, ImVec2(origin.x + side, origin.y + side), true);
    draw->AddRectFilled(origin, ImVec2(origin.x + side, origin.y + side), IM_COL32(255, 255, 255, 255));
    draw->AddLine(ImVec2(centre.x, origin.y), ImVec2(centre.x, origin.y + side), IM_COL32(220, 220, 220, 255));
    draw->AddLine(ImVec2(origin.x, centre.y), ImVec2(origin.x + side, centre.y), IM_COL32(220, 220, 220, 255));
    for (int r = 0; r < shown; ++r)
      draw->AddCircleFilled(ImVec2(centre.x + codes(r, 0) * scale, centre.y - (latent > 1 ? codes(r, 1) : 0.0f) * scale), dot,
                            kClassColours[data.test.labels[size_t(r)] % 10]);
    draw->PopClipRect();
    draw->AddRect(origin, ImVec2(origin.x + side, origin.y + side), ImGui::GetColorU32(ImGuiCol_Border));
    ImGui::Dummy(ImVec2(side, side));
    NoteFigure(ImGui::GetItemRectMin(), ImGui::GetItemRectMax());  // for the layout report's figure share
    ImGui::TextUnformatted("Colour = class:");
    for (int c = 0; c < std::min(10, data.test.classes); ++c) {
      ImGui::SameLine();
      ImGui::TextColored(ImGui::ColorConvertU32ToFloat4(kClassColours[c]), "%d", c);
    }
  }

  std::string StatusJson() const override {
    return "{\"updates\":" + std::to_string(run_->updates()) + ",\"test_elbo\":" + JsonNumber(test_elbo_) + "}";
  }

 private:
  // The test ELBO on a slice of the test set (cheap enough for a few times a second), with the view's
  // own noise: a picture of the model, which leaves the run's stream alone.
  void Measure() {
    measured_at_ = NowSeconds();
    const TaskData& data = *data_;
    const int shown = std::min(64, int(data.test.features.rows()));
    if (shown == 0 || !run_->error().empty()) return;
    test_elbo_ = -run_->vae().Loss(data.test.features.topRows(shown), run_->vae().SampleNoise(shown, display_rng_));
  }

  Rng display_rng_{11};
  double test_elbo_ = 0.0, measured_at_ = -1e9;
};

}  // namespace

std::unique_ptr<TaskView> MakeVaeView() { return std::make_unique<VaeView>(); }

}  // namespace netlab
