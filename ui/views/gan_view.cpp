// GAN tab: a generator learning a ring of 8 Gaussians in the plane (its own toy data, not the window's),
// drawn as generated points over the modes and over the discriminator's decision surface σ(D(x)).
#include <algorithm>
#include <cmath>
#include <memory>
#include <string>
#include <vector>

#include "models/gan.h"
#include "teaching/model_losses.h"
#include "nn/logistic.h"
#include "core/clock.h"
#include "widgets/image_drawing.h"
#include "widgets/picture_cadence.h"
#include "widgets/point_sprites.h"
#include "platform/ui_texture.h"
#include "export/onnx_generative.h"
#include "imgui.h"
#include "core/json_text.h"
#include "views/model_view.h"

namespace netlab {
namespace {

class GanView : public ModelView {
 public:
  const char* Name() const override { return "GAN"; }

  void Configure(const Config& config) override {
    settings_.noise_size = config.family.latent;
    settings_.hidden = config.hidden.empty() ? 64 : config.hidden[0].units;
    settings_.discriminator_hidden = config.family.discriminator_units;
    settings_.batch_size = config.batch_size;
    settings_.optimizer = config.optimizer;
    settings_.discriminator_learning_rate = config.family.discriminator_learning_rate;
  }

  void Reset(const ModelsData&, Rng& rng) override {
    gan_ = std::make_unique<Gan>(settings_, rng);
    steps_ = 0;
    cadence_ = PictureCadence();
    pictured_steps_ = -1;
    generator_norms_.Clear();
    discriminator_norms_.Clear();
    mode_distance_ = discriminator_loss_ = 0.0;
    real_at_mode_ = real_at_centre_ = 0.5;
  }

  void Train(const ModelsData&, Rng& rng, double budget) override {
    const double start = NowSeconds();
    do {
      discriminator_loss_ = gan_->TrainStep(SampleRingOfGaussians(64, 8, 2.0f, 0.05f, rng), rng);
      if (steps_ % GradientNormHistory::kEvery == 0) {
        generator_norms_.Record(steps_, gan_->generator.Parameters());
        discriminator_norms_.Record(steps_, gan_->discriminator_gradient_norms());
      }
      ++steps_;
    } while (NowSeconds() - start < budget);
  }

  void Draw(const ModelsData& data, Rng& rng) override {
    ImGui::TextUnformatted("GAN on a ring of 8 Gaussians (grey: modes)");
    Refresh();
    ImGui::Text("%ld steps, mean distance to nearest mode %.3f", steps_, mode_distance_);
    ImGui::Text("Loss: D %.3f, G %.3f", discriminator_loss_, gan_->last_generator_loss());
    if (ImGui::Button("Reset GAN")) Reset(data, rng);
    ImGui::SameLine();
    ImGui::Checkbox("D(x) surface", &show_surface_);
    if (ImGui::IsItemHovered())
      ImGui::SetTooltip("Background: the discriminator's belief that a point is real, sigma(D(x)):\n"
                        "blue = real, orange = generated, white = cannot tell (0.5).");
    const float side = 300.0f, scale = side / 6.0f;  // the plane [-3, 3]^2
    ImDrawList* draw = ImGui::GetWindowDrawList();
    const ImVec2 origin = ImGui::GetCursorScreenPos();
    const ImVec2 centre(origin.x + side / 2, origin.y + side / 2);
    draw->PushClipRect(origin, ImVec2(origin.x + side, origin.y + side), true);  // points can land off the plane
    if (show_surface_ && !surface_.empty())
      draw->AddImage(surface_.id(), origin, ImVec2(origin.x + side, origin.y + side));
    else
      draw->AddRectFilled(origin, ImVec2(origin.x + side, origin.y + side), IM_COL32(255, 255, 255, 255));
    for (int m = 0; m < 8; ++m) {
      const float angle = 6.2831853f * float(m) / 8.0f;
      draw->AddCircleFilled(ImVec2(centre.x + 2.0f * scale * std::cos(angle), centre.y - 2.0f * scale * std::sin(angle)),
                            0.15f * scale, IM_COL32(200, 200, 200, 255));
    }
    for (int r = 0; r < points_.rows(); ++r)
      dots_.DrawDot(draw, ImVec2(centre.x + points_(r, 0) * scale, centre.y - points_(r, 1) * scale), 1.5f,
                    IM_COL32(230, 120, 20, 255));
    draw->PopClipRect();
    ImGui::Dummy(ImVec2(side, side));
  }

  bool ExportOnnx(std::string& bytes, std::string& error) override {
    return gan_ && ExportGanGeneratorOnnx(*gan_, bytes, error);
  }

  // The generator through a frozen discriminator and the discriminator on a fixed batch of real and
  // generated points: the two losses TrainStep descends.
  std::vector<NamedNetwork> Networks(const ModelsData&) override {
    std::vector<NamedNetwork> networks;
    if (!gan_) return networks;
    constexpr int kPoints = 32;  // per half of the batch
    Gan& gan = *gan_;
    NamedNetwork generator{"generator", {}};
    generator.network.step = steps_;
    generator.network.batch_label = std::to_string(kPoints) + " fixed noise vectors z";
    generator.network.loss_label = "the generator's -mean log sigma(D(G(z))) on " + std::to_string(kPoints) +
                                   " fixed noise vectors, through a frozen copy of the discriminator";
    generator.network.checked_loss = [&gan] {
      Rng noise_rng(2024);  // the same z every time
      return GeneratorLoss(gan, gan.SampleNoise(kPoints, noise_rng));
    };
    generator_norms_.AppendTo(generator.network.gradient_norms);
    NamedNetwork discriminator{"discriminator", {}};
    discriminator.network.step = steps_;
    discriminator.network.batch_label = std::to_string(kPoints) + " real, then " + std::to_string(kPoints) + " generated points";
    discriminator.network.loss_label = "the discriminator's -mean log sigma(D(x)) - mean log(1 - sigma(D(G(z)))) on " +
                                       std::to_string(kPoints) + " fixed ring points and " + std::to_string(kPoints) +
                                       " points generated from fixed noise";
    discriminator.network.checked_loss = [&gan] {
      Rng real_rng(2024), noise_rng(2025);  // the same points every time
      const Matrix real = SampleRingOfGaussians(kPoints, 8, 2.0f, 0.05f, real_rng);
      return DiscriminatorLoss(gan, real, gan.Generate(kPoints, noise_rng));
    };
    discriminator_norms_.AppendTo(discriminator.network.gradient_norms);
    networks.push_back(std::move(generator));
    networks.push_back(std::move(discriminator));
    return networks;
  }

  std::string StatusJson() const override {
    return "{\"steps\":" + std::to_string(steps_) + ",\"mode_distance\":" + JsonNumber(mode_distance_) +
           ",\"discriminator_loss\":" + JsonNumber(discriminator_loss_) +
           ",\"generator_loss\":" + JsonNumber(gan_ ? gan_->last_generator_loss() : 0.0) +
           ",\"real_at_mode\":" + JsonNumber(real_at_mode_) + ",\"real_at_centre\":" + JsonNumber(real_at_centre_) + "}";
  }

 private:
  // The picture's numbers, at most ten times a second while training (widgets/picture_cadence.h): 500
  // points generated from the same noise every time, so that they move with the generator's weights
  // only, and σ(D(x)) on a kCells x kCells grid over the plane as a texture, white at 0.5, towards blue
  // where D says "real" and towards orange where it says "generated". Also keeps two probes for the
  // status: at a mode and at the empty centre of the ring.
  void Refresh() {
    if (cadence_.Shown(steps_, true) == pictured_steps_ && points_.rows() > 0) return;
    pictured_steps_ = steps_;
    Rng noise(4321);
    points_ = gan_->Generate(500, noise);
    mode_distance_ = MeanDistanceToNearestMode(points_, 8, 2.0f);
    constexpr int kCells = 40;
    grid_.resize(kCells * kCells + 2, 2);
    for (int i = 0; i < kCells; ++i)
      for (int j = 0; j < kCells; ++j)
        grid_.row(i * kCells + j) << -3.0f + 6.0f * (j + 0.5f) / kCells, 3.0f - 6.0f * (i + 0.5f) / kCells;
    grid_.row(kCells * kCells) << 2.0f, 0.0f;
    grid_.row(kCells * kCells + 1) << 0.0f, 0.0f;
    const Matrix& logits = gan_->discriminator.Forward(grid_);
    surface_pixels_.resize(size_t(kCells) * kCells);
    for (int k = 0; k < kCells * kCells; ++k) {
      const float real = Sigmoid(logits(k, 0));
      const float t = std::abs(real - 0.5f) * 2.0f;  // 0 = cannot tell, 1 = certain
      const ImVec4 towards = real > 0.5f ? ImVec4(70, 130, 200, 0) : ImVec4(240, 150, 60, 0);
      surface_pixels_[size_t(k)] = IM_COL32(int(255 + (towards.x - 255) * t * 0.6f), int(255 + (towards.y - 255) * t * 0.6f),
                                            int(255 + (towards.z - 255) * t * 0.6f), 255);
    }
    surface_.Update(kCells, kCells, surface_pixels_, false);
    real_at_mode_ = Sigmoid(double(logits(kCells * kCells, 0)));
    real_at_centre_ = Sigmoid(double(logits(kCells * kCells + 1, 0)));
  }

  std::unique_ptr<Gan> gan_;
  long steps_ = 0;
  GradientNormHistory generator_norms_, discriminator_norms_;
  GanSettings settings_;
  bool show_surface_ = true;
  PictureCadence cadence_;
  long pictured_steps_ = -1;
  Matrix points_, grid_;
  std::vector<ImU32> surface_pixels_;
  UiTexture surface_;
  PointSprites dots_;
  double mode_distance_ = 0.0, discriminator_loss_ = 0.0, real_at_mode_ = 0.5, real_at_centre_ = 0.5;
};

}  // namespace

std::unique_ptr<ModelView> MakeGanView() { return std::make_unique<GanView>(); }

}  // namespace netlab
