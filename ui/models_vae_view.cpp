// VAE tab: a variational autoencoder with a 2-D latent space, drawn as decoded images over a grid of
// latent codes (the learned manifold).
#include <algorithm>
#include <memory>
#include <string>
#include <vector>

#include "image_drawing.h"
#include "imgui.h"
#include "json_text.h"
#include "model_view.h"
#include "vae.h"

namespace netlab {
namespace {

class VaeView : public ModelView {
 public:
  const char* Name() const override { return "VAE"; }

  void Reset(const ModelsData& data, Rng& rng) override {
    vae_ = std::make_unique<Vae>(data.inputs(), 64, 2);  // a 2-D latent space can be drawn as a grid
    vae_->Initialize(rng);
    OptimizerSettings adam;
    adam.learning_rate = 0.003f;
    optimizer_ = CreateOptimizer(adam);
    updates_ = 0;
    cursor_ = 0;
    test_elbo_ = 0.0;
  }

  void Train(const ModelsData& data, Rng& rng, double budget) override {
    const int batch = 32, rows = int(data.train.features.rows());
    if (rows < batch) return;
    const double start = NowSeconds();
    std::vector<ParameterRef> parameters;
    vae_->CollectParameters(parameters);
    do {
      if (cursor_ + batch > rows) cursor_ = 0;
      vae_->Loss(data.train.features.middleRows(cursor_, batch), vae_->SampleNoise(batch, rng));
      vae_->Backward();
      optimizer_->Step(parameters);
      cursor_ += batch;
      ++updates_;
    } while (NowSeconds() - start < budget);
    // A slice of the test set keeps the per-frame estimate cheap.
    const int shown = std::min(64, int(data.test.features.rows()));
    test_elbo_ = -vae_->Loss(data.test.features.topRows(shown), vae_->SampleNoise(shown, rng));
  }

  void Draw(const ModelsData& data, Rng& rng) override {
    ImGui::Text("VAE %d-64-2-64-%d, Bernoulli decoder", data.inputs(), data.inputs());
    ImGui::Text("%ld updates, test ELBO %.1f nats / sample", updates_, test_elbo_);
    if (ImGui::Button("Reset VAE")) Reset(data, rng);
    if (!data.images()) {
      ImGui::TextWrapped("The decoded grid needs image data.");
      return;
    }
    const int width = data.train.image_width, height = data.train.image_height;
    const float cell = std::max(1.0f, 32.0f / float(std::max(width, height)));
    ImGui::TextUnformatted("Decoder means over the latent grid z in [-2, 2]^2");
    const int grid = 9;
    Matrix codes(grid * grid, 2);
    for (int i = 0; i < grid; ++i)
      for (int j = 0; j < grid; ++j) codes.row(i * grid + j) << -2.0f + 4.0f * j / (grid - 1), 2.0f - 4.0f * i / (grid - 1);
    const Matrix images = vae_->Decode(codes);
    Matrix image;
    ImGui::PushStyleVar(ImGuiStyleVar_ItemSpacing, ImVec2(1.0f, 1.0f));
    for (int k = 0; k < grid * grid; ++k) {
      image = images.row(k);
      DrawImage(image.data(), width, height, 0.0f, 1.0f, cell);
      if ((k + 1) % grid != 0) ImGui::SameLine();
    }
    ImGui::PopStyleVar();
  }

  std::string StatusJson() const override {
    return "{\"updates\":" + std::to_string(updates_) + ",\"test_elbo\":" + JsonNumber(test_elbo_) + "}";
  }

 private:
  std::unique_ptr<Vae> vae_;
  std::unique_ptr<Optimizer> optimizer_;
  long updates_ = 0, cursor_ = 0;
  double test_elbo_ = 0.0;
};

}  // namespace

std::unique_ptr<ModelView> MakeVaeView() { return std::make_unique<VaeView>(); }

}  // namespace netlab
