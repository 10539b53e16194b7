// GAN view (task `gan`, tasks/gan/gan_run.h): the run's generator learning a ring of 8 Gaussians in the plane,
// drawn as generated points over the modes and over the discriminator's decision surface σ(D(x)).
#include <algorithm>
#include <cmath>
#include <memory>
#include <string>
#include <vector>

#include "models/gan.h"
#include "nn/logistic.h"
#include "core/clock.h"
#include "widgets/image_drawing.h"
#include "widgets/colour_bar.h"
#include "widgets/picture_cadence.h"
#include "widgets/point_sprites.h"
#include "platform/ui_texture.h"
#include "imgui.h"
#include "core/json_text.h"
#include "tasks/gan/gan_run.h"
#include "views/task_view.h"
#include "platform/layout_report.h"
#include "widgets/layout.h"

namespace netlab {
namespace {

class GanView : public RunView<GanRun> {
 public:
  void Attached() override {
    cadence_ = PictureCadence();
    pictured_steps_ = -1;
    points_ = Matrix();
    mode_distance_ = 0.0;
    real_at_mode_ = real_at_centre_ = 0.5;
  }

  void Draw(const std::string&, float, float) override {
    ImGui::TextWrapped("Watch the orange points spread onto all eight grey modes, and the background fade to "
                       "white where the discriminator can no longer tell real from generated.");
    DrawDerivation("D maximizes E_data[log D(x)] + E_z[log(1 − D(G(z)))]; G maximizes E_z[log D(G(z))], the non-saturating form (Goodfellow et al. 2014). For a fixed G the best D is D*(x) = p_data(x) / (p_data(x) + p_G(x)), so where G matches the data D = ½ everywhere: the background's colour is D(x), the points are G(z).");
    Refresh();
    ImGui::Text("%ld steps of %d points, mean distance to nearest mode %.3f", run_->updates(), run_->config().batch_size,
                mode_distance_);
    ImGui::Text("Loss: D %.3f, G %.3f", run_->discriminator_loss(), run_->gan().last_generator_loss());
    ImGui::SameLine(0.0f, 2.0f * ImGui::GetFontSize());
    ImGui::Checkbox("D(x) surface", &show().discriminator_surface);
    const bool surface_shown = show().discriminator_surface;
    if (ImGui::IsItemHovered())
      ImGui::SetTooltip("Background: the discriminator's belief that a point is real, σ(D(x)):\n"
                        "blue = real, orange = generated, white = cannot tell (0.5).");
    // The plane [-3, 3]² fills the height the tab has left (it was 300 px in any pane), the colour key beside it.
    const float bar = ColourBarWidth(0.0f, 1.0f) + 2.0f * ImGui::GetFontSize();
    const ImVec2 avail = ImGui::GetContentRegionAvail();
    const float side = std::max(200.0f, std::floor(std::min(avail.x - bar, avail.y - ImGui::GetStyle().ItemSpacing.y)));
    const float scale = side / 6.0f;
    ImDrawList* draw = ImGui::GetWindowDrawList();
    const ImVec2 origin = ImGui::GetCursorScreenPos();
    const ImVec2 centre(origin.x + side / 2, origin.y + side / 2);
    draw->PushClipRect(origin, ImVec2(origin.x + side, origin.y + side), true);  // points can land off the plane
    if (surface_shown && !surface_.empty())
      draw->AddImage(surface_.id(), origin, ImVec2(origin.x + side, origin.y + side));
    else
      draw->AddRectFilled(origin, ImVec2(origin.x + side, origin.y + side), IM_COL32(255, 255, 255, 255));
    for (int m = 0; m < 8; ++m) {
      const float angle = 6.2831853f * float(m) / 8.0f;
      draw->AddCircleFilled(ImVec2(centre.x + 2.0f * scale * std::cos(angle), centre.y - 2.0f * scale * std::sin(angle)),
                            0.15f * scale, IM_COL32(200, 200, 200, 255));
    }
    const float dot = std::max(1.5f, side / 260.0f);
    for (int r = 0; r < points_.rows(); ++r)
      dots_.DrawDot(draw, ImVec2(centre.x + points_(r, 0) * scale, centre.y - points_(r, 1) * scale), dot,
                    IM_COL32(230, 120, 20, 255));
    draw->PopClipRect();
    draw->AddRect(origin, ImVec2(origin.x + side, origin.y + side), ImGui::GetColorU32(ImGuiCol_Border));
    ImGui::Dummy(ImVec2(side, side));
    NoteFigure(ImGui::GetItemRectMin(), ImGui::GetItemRectMax());  // for the layout report's figure share
    if (surface_shown) {
      ImGui::SameLine(0.0f, ImGui::GetFontSize());
      DrawColourBar("σ(D(x)), 1 = real", 0.0f, 1.0f, side, [](float t) { return SurfaceColour(t); });
    }
  }

  std::string StatusJson() const override {
    return "{\"steps\":" + std::to_string(run_->updates()) + ",\"mode_distance\":" + JsonNumber(mode_distance_) +
           ",\"discriminator_loss\":" + JsonNumber(run_->discriminator_loss()) +
           ",\"generator_loss\":" + JsonNumber(run_->gan().last_generator_loss()) +
           ",\"real_at_mode\":" + JsonNumber(real_at_mode_) + ",\"real_at_centre\":" + JsonNumber(real_at_centre_) + "}";
  }

 private:
  // The picture's numbers, at most ten times a second while training (widgets/picture_cadence.h): 500
  // points generated from the same noise every time, so that they move with the generator's weights
  // only, and σ(D(x)) on a kCells x kCells grid over the plane as a texture, white at 0.5, towards blue
  // where D says "real" and towards orange where it says "generated". Also keeps two probes for the
  // status: at a mode and at the empty centre of the ring.
  // sigma(D(x)) as a colour: white at 0.5 (cannot tell), towards blue where D says real, orange where generated.
  static ImU32 SurfaceColour(float real) {
    const float t = std::abs(real - 0.5f) * 2.0f;  // 0 = cannot tell, 1 = certain
    const ImVec4 towards = real > 0.5f ? ImVec4(70, 130, 200, 0) : ImVec4(240, 150, 60, 0);
    return IM_COL32(int(255 + (towards.x - 255) * t * 0.6f), int(255 + (towards.y - 255) * t * 0.6f),
                    int(255 + (towards.z - 255) * t * 0.6f), 255);
  }

  void Refresh() {
    if (cadence_.Shown(run_->updates(), true) == pictured_steps_ && points_.rows() > 0) return;
    pictured_steps_ = run_->updates();
    Gan& gan = run_->gan();
    Rng noise(4321);
    points_ = gan.Generate(500, noise);
    mode_distance_ = MeanDistanceToNearestMode(points_, 8, 2.0f);
    constexpr int kCells = 96;  // a 96 x 96 grid: 9,216 rows through a small MLP, about a millisecond
    grid_.resize(kCells * kCells + 2, 2);
    for (int i = 0; i < kCells; ++i)
      for (int j = 0; j < kCells; ++j)
        grid_.row(i * kCells + j) << -3.0f + 6.0f * (j + 0.5f) / kCells, 3.0f - 6.0f * (i + 0.5f) / kCells;
    grid_.row(kCells * kCells) << 2.0f, 0.0f;
    grid_.row(kCells * kCells + 1) << 0.0f, 0.0f;
    // On a copy: a forward pass of the run's own discriminator would leave its buffers to the picture.
    const std::unique_ptr<Network> discriminator = gan.CopyOfDiscriminator();
    discriminator->SetTraining(false);
    const Matrix& logits = discriminator->Forward(grid_);
    surface_pixels_.resize(size_t(kCells) * kCells);
    for (int k = 0; k < kCells * kCells; ++k) surface_pixels_[size_t(k)] = SurfaceColour(Sigmoid(logits(k, 0)));
    surface_.Update(kCells, kCells, surface_pixels_, true);  // filtered: a smooth surface, not 40 blocks
    real_at_mode_ = Sigmoid(double(logits(kCells * kCells, 0)));
    real_at_centre_ = Sigmoid(double(logits(kCells * kCells + 1, 0)));
  }

  PictureCadence cadence_;
  long pictured_steps_ = -1;
  Matrix points_, grid_;
  std::vector<ImU32> surface_pixels_;
  UiTexture surface_;
  PointSprites dots_;
  double mode_distance_ = 0.0, real_at_mode_ = 0.5, real_at_centre_ = 0.5;
};

}  // namespace

std::unique_ptr<TaskView> MakeGanView() { return std::make_unique<GanView>(); }

}  // namespace netlab
