// VAE tab: a variational autoencoder with a 2-D latent space, drawn as decoded images over a grid of
// latent codes (the learned manifold) or as the map of where the test samples' codes μ(x) lie, coloured
// by class.
#include <algorithm>
#include <memory>
#include <string>
#include <vector>

#include "core/clock.h"
#include "widgets/image_drawing.h"
#include "export/onnx_generative.h"
#include "imgui.h"
#include "core/json_text.h"
#include "views/model_view.h"
#include "models/vae.h"
#include "teaching/model_losses.h"

namespace netlab {
namespace {

constexpr int kVaeBatch = 32;  // minibatch of the VAE's updates

class VaeView : public ModelView {
 public:
  const char* Name() const override { return "VAE"; }

  void Configure(const Config& config) override {
    hidden_ = config.hidden.empty() ? 64 : config.hidden[0].units;
    latent_ = config.family.latent;
    kl_weight_ = config.family.kl_weight;
    optimizer_settings_ = config.optimizer;
  }

  void Reset(const ModelsData& data, Rng& rng) override {
    vae_ = std::make_unique<Vae>(data.inputs(), hidden_, latent_);  // a 2-D latent space can be drawn as a grid
    vae_->Initialize(rng);
    vae_->kl_weight = kl_weight_;
    optimizer_ = CreateOptimizer(optimizer_settings_);
    updates_ = 0;
    cursor_ = 0;
    test_elbo_ = 0.0;
    encoder_norms_.Clear();
    decoder_norms_.Clear();
  }

  void Train(const ModelsData& data, Rng& rng, double budget) override {
    const int batch = kVaeBatch, rows = int(data.train.features.rows());
    if (rows < batch) return;  // Draw says why
    const double start = NowSeconds();
    std::vector<ParameterRef> parameters;
    vae_->CollectParameters(parameters);
    do {
      if (cursor_ + batch > rows) cursor_ = 0;
      vae_->Loss(data.train.features.middleRows(cursor_, batch), vae_->SampleNoise(batch, rng));
      vae_->Backward();
      optimizer_->Step(parameters);
      cursor_ += batch;
      if (updates_ % GradientNormHistory::kEvery == 0) {
        // CollectParameters' order: encoder, mean and log-variance layers (weights, bias each), then the decoder's two.
        encoder_norms_.Record(updates_, WeightGradientNorms({parameters.begin(), parameters.begin() + 6}));
        decoder_norms_.Record(updates_, WeightGradientNorms({parameters.begin() + 6, parameters.end()}));
      }
      ++updates_;
    } while (NowSeconds() - start < budget);
    // A slice of the test set keeps the per-frame estimate cheap.
    const int shown = std::min(64, int(data.test.features.rows()));
    test_elbo_ = -vae_->Loss(data.test.features.topRows(shown), vae_->SampleNoise(shown, rng));
  }

  void Draw(const ModelsData& data, Rng& rng) override {
    ImGui::Text("VAE %d-%d-%d-%d-%d, Bernoulli decoder, KL weight %.2g", data.inputs(), hidden_, latent_, hidden_,
                data.inputs(), kl_weight_);
    ImGui::Text("%ld updates, test ELBO %.1f nats / sample", updates_, test_elbo_);
    if (data.train.features.rows() < kVaeBatch)
      ImGui::TextColored(ImVec4(0.85f, 0.3f, 0.1f, 1), "%d training samples are fewer than one batch of %d: the VAE waits.",
                         int(data.train.features.rows()), kVaeBatch);
    if (ImGui::Button("Reset VAE")) Reset(data, rng);
    ImGui::SameLine();
    ImGui::RadioButton("decoded grid", &view_, 0);
    ImGui::SameLine();
    ImGui::RadioButton("latent map", &view_, 1);
    if (view_ == 1) {
      DrawLatentMap(data);
      return;
    }
    if (!data.images()) {
      ImGui::TextWrapped("The decoded grid needs image data; the latent map works for any data.");
      return;
    }
    const int width = data.train.image_width, height = data.train.image_height;
    const float cell = std::max(1.0f, 32.0f / float(std::max(width, height)));
    ImGui::TextUnformatted(latent_ == 2 ? "Decoder means over the latent grid z in [-2, 2]^2"
                                        : "Decoder means over z1, z2 in [-2, 2]^2 (the other latents at 0)");
    const int grid = 9;
    Matrix codes = Matrix::Zero(grid * grid, latent_);
    for (int i = 0; i < grid; ++i)
      for (int j = 0; j < grid; ++j) {
        codes(i * grid + j, 0) = -2.0f + 4.0f * j / (grid - 1);
        if (latent_ > 1) codes(i * grid + j, 1) = 2.0f - 4.0f * i / (grid - 1);
      }
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

  // The posterior means μ(x) of up to 500 test samples in the square [-3, 3]^2, one colour per class:
  // classes the VAE has learned to tell apart form separate clusters without ever seeing a label.
  void DrawLatentMap(const ModelsData& data) {
    static const ImU32 kClassColours[10] = {
        IM_COL32(31, 119, 180, 255), IM_COL32(255, 127, 14, 255), IM_COL32(44, 160, 44, 255), IM_COL32(214, 39, 40, 255),
        IM_COL32(148, 103, 189, 255), IM_COL32(140, 86, 75, 255), IM_COL32(227, 119, 194, 255),
        IM_COL32(127, 127, 127, 255), IM_COL32(188, 189, 34, 255), IM_COL32(23, 190, 207, 255)};
    const int shown = std::min(500, int(data.test.features.rows()));
    const Matrix codes = vae_->EncodeMean(data.test.features.topRows(shown));
    const float side = 290.0f, scale = side / 6.0f;
    ImDrawList* draw = ImGui::GetWindowDrawList();
    const ImVec2 origin = ImGui::GetCursorScreenPos();
    const ImVec2 centre(origin.x + side / 2, origin.y + side / 2);
    draw->PushClipRect(origin, ImVec2(origin.x + side, origin.y + side), true);
    draw->AddRectFilled(origin, ImVec2(origin.x + side, origin.y + side), IM_COL32(255, 255, 255, 255));
    draw->AddLine(ImVec2(centre.x, origin.y), ImVec2(centre.x, origin.y + side), IM_COL32(220, 220, 220, 255));
    draw->AddLine(ImVec2(origin.x, centre.y), ImVec2(origin.x + side, centre.y), IM_COL32(220, 220, 220, 255));
    for (int r = 0; r < shown; ++r)
      draw->AddCircleFilled(ImVec2(centre.x + codes(r, 0) * scale, centre.y - (latent_ > 1 ? codes(r, 1) : 0.0f) * scale), 2.0f,
                            kClassColours[data.test.labels[size_t(r)] % 10]);
    draw->PopClipRect();
    ImGui::Dummy(ImVec2(side, side));
    ImGui::TextWrapped("mu(x) of test samples in [-3, 3]^2; colour = class:");
    for (int c = 0; c < std::min(10, data.test.classes); ++c) {
      ImGui::TextColored(ImGui::ColorConvertU32ToFloat4(kClassColours[c]), "%d", c);
      if (c + 1 < std::min(10, data.test.classes)) ImGui::SameLine();
    }
  }

  bool ExportOnnx(std::string& bytes, std::string& error) override {
    return vae_ && ExportVaeDecoderOnnx(*vae_, bytes, error);
  }

  // The encoder and the decoder, each against the -ELBO of 16 training rows with its noise held fixed.
  std::vector<NamedNetwork> Networks(const ModelsData& data) override {
    std::vector<NamedNetwork> networks;
    const int rows = std::min(16, int(data.train.features.rows()));
    if (!vae_ || rows == 0) return networks;
    const Matrix inputs = data.train.features.topRows(rows);
    const Vae& vae = *vae_;
    for (VaePart part : {VaePart::kEncoder, VaePart::kDecoder}) {
      NamedNetwork named{part == VaePart::kEncoder ? "encoder" : "decoder", {}};
      NetworkInTraining& n = named.network;
      n.step = updates_;
      n.batch_label = std::to_string(rows) + " training rows (noise held fixed)";
      n.loss_label = "the VAE's -ELBO (reconstruction + KL weight x KL) on " + std::to_string(rows) +
                     " training rows with the noise eps held fixed, as a function of the " + named.name + "'s weights";
      n.checked_loss = [&vae, part, inputs] {
        Rng noise_rng(2024);  // the same eps every time: the loss is then a function of the weights only
        return VaeElboLoss(vae, part, inputs, vae.SampleNoise(int(inputs.rows()), noise_rng));
      };
      (part == VaePart::kEncoder ? encoder_norms_ : decoder_norms_).AppendTo(n.gradient_norms);
      networks.push_back(std::move(named));
    }
    return networks;
  }

  std::string StatusJson() const override {
    return "{\"updates\":" + std::to_string(updates_) + ",\"test_elbo\":" + JsonNumber(test_elbo_) + "}";
  }

 private:
  std::unique_ptr<Vae> vae_;
  int hidden_ = 64, latent_ = 2;
  float kl_weight_ = 1.0f;
  OptimizerSettings optimizer_settings_{"adam", 0.003f};
  std::unique_ptr<Optimizer> optimizer_;
  int view_ = 0;  // 0 decoded grid, 1 latent map
  long updates_ = 0, cursor_ = 0;
  double test_elbo_ = 0.0;
  GradientNormHistory encoder_norms_, decoder_norms_;
};

}  // namespace

std::unique_ptr<ModelView> MakeVaeView() { return std::make_unique<VaeView>(); }

}  // namespace netlab
