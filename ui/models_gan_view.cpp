// GAN tab: a generator learning a ring of 8 Gaussians in the plane (its own toy data, not the window's),
// drawn as generated points over the modes.
#include <cmath>
#include <memory>
#include <string>

#include "gan.h"
#include "image_drawing.h"
#include "imgui.h"
#include "json_text.h"
#include "model_view.h"

namespace netlab {
namespace {

class GanView : public ModelView {
 public:
  const char* Name() const override { return "GAN"; }

  void Reset(const ModelsData&, Rng& rng) override {
    gan_ = std::make_unique<Gan>(GanSettings{}, rng);
    steps_ = 0;
    mode_distance_ = 0.0;
  }

  void Train(const ModelsData&, Rng& rng, double budget) override {
    const double start = NowSeconds();
    do {
      gan_->TrainStep(SampleRingOfGaussians(64, 8, 2.0f, 0.05f, rng), rng);
      ++steps_;
    } while (NowSeconds() - start < budget);
  }

  void Draw(const ModelsData& data, Rng& rng) override {
    ImGui::TextUnformatted("GAN on a ring of 8 Gaussians (grey: modes)");
    const Matrix points = gan_->Generate(500, rng);
    mode_distance_ = MeanDistanceToNearestMode(points, 8, 2.0f);
    ImGui::Text("%ld steps, mean distance to nearest mode %.3f", steps_, mode_distance_);
    if (ImGui::Button("Reset GAN")) Reset(data, rng);
    const float side = 300.0f, scale = side / 6.0f;  // the plane [-3, 3]^2
    ImDrawList* draw = ImGui::GetWindowDrawList();
    const ImVec2 origin = ImGui::GetCursorScreenPos();
    const ImVec2 centre(origin.x + side / 2, origin.y + side / 2);
    draw->PushClipRect(origin, ImVec2(origin.x + side, origin.y + side), true);  // points can land off the plane
    draw->AddRectFilled(origin, ImVec2(origin.x + side, origin.y + side), IM_COL32(255, 255, 255, 255));
    for (int m = 0; m < 8; ++m) {
      const float angle = 6.2831853f * float(m) / 8.0f;
      draw->AddCircleFilled(ImVec2(centre.x + 2.0f * scale * std::cos(angle), centre.y - 2.0f * scale * std::sin(angle)),
                            0.15f * scale, IM_COL32(200, 200, 200, 255));
    }
    for (int r = 0; r < points.rows(); ++r)
      draw->AddCircleFilled(ImVec2(centre.x + points(r, 0) * scale, centre.y - points(r, 1) * scale), 1.5f,
                            IM_COL32(230, 120, 20, 255));
    draw->PopClipRect();
    ImGui::Dummy(ImVec2(side, side));
  }

  std::string StatusJson() const override {
    return "{\"steps\":" + std::to_string(steps_) + ",\"mode_distance\":" + JsonNumber(mode_distance_) + "}";
  }

 private:
  std::unique_ptr<Gan> gan_;
  long steps_ = 0;
  double mode_distance_ = 0.0;
};

}  // namespace

std::unique_ptr<ModelView> MakeGanView() { return std::make_unique<GanView>(); }

}  // namespace netlab
