// RBM tab: a binary RBM trained with CD-k or persistent CD on the window's data; its filters and its
// "dreams" (Gibbs chains run from noise).
#include <algorithm>
#include <cmath>
#include <string>

#include "core/clock.h"
#include "widgets/image_drawing.h"
#include "imgui.h"
#include "core/json_text.h"
#include "views/model_view.h"
#include "models/rbm.h"
#include "tasks/rbm/rbm_run.h"

namespace netlab {
namespace {

class RbmView : public ModelView {
 public:
  const char* Name() const override { return "RBM"; }

  void Configure(const Config& config) override {
    hidden_ = config.hidden.empty() ? 0 : config.hidden[0].units;
    ApplyCdSettings(config, settings_);
  }

  void Reset(const ModelsData& data, Rng& rng) override {
    // Without a configured size: 49 hidden units draw as a 7 x 7 grid of filters; a larger input gets 64.
    rbm_ = Rbm(data.inputs(), hidden_ > 0 ? hidden_ : (data.inputs() > 64 ? 64 : 49));
    rbm_.Initialize(rng);
    SampleBernoulli(Matrix::Constant(10, data.inputs(), 0.5f), dreams_, rng);
    updates_ = 0;
    cursor_ = 0;
    reconstruction_error_ = rbm_.ReconstructionError(data.test.features);
  }

  void Train(const ModelsData& data, Rng& rng, double budget) override {
    const double start = NowSeconds();
    const int batch = kBatch, rows = int(data.train.features.rows());
    if (rows < batch) return;  // Draw says why
    do {
      if (cursor_ + batch > rows) cursor_ = 0;
      rbm_.TrainStep(data.train.features.middleRows(cursor_, batch), settings_, rng);
      cursor_ += batch;
      ++updates_;
    } while (NowSeconds() - start < budget);
    rbm_.GibbsStep(dreams_, rng);
    reconstruction_error_ = rbm_.ReconstructionError(data.test.features);
  }

  void Draw(const ModelsData& data, Rng& rng) override {
    ImGui::Text("Binary RBM %d x %d, %s-%d, %ld updates", rbm_.visible(), rbm_.hidden(),
                settings_.persistent ? "PCD" : "CD", settings_.gibbs_steps, updates_);
    ImGui::Text("Test reconstruction error %.2f / sample", reconstruction_error_);
    if (data.train.features.rows() < kBatch)
      ImGui::TextColored(ImVec4(0.85f, 0.3f, 0.1f, 1), "%d training samples are fewer than one batch of %d: the RBM waits.",
                         int(data.train.features.rows()), kBatch);
    if (ImGui::Button("Reset RBM")) Reset(data, rng);
    ImGui::SameLine();
    ImGui::TextDisabled("(CD-k, PCD and the learning rate: the Network and Optimizer panels)");
    if (!data.images()) {
      ImGui::TextWrapped("The filter and dream views need image data.");
      return;
    }
    const int width = data.train.image_width, height = data.train.image_height;
    const float cell = std::max(1.0f, 24.0f / float(std::max(width, height)));
    const int per_row = int(std::lround(std::sqrt(float(rbm_.hidden()))));
    ImGui::Text("Filters: column j of W as %dx%d images", width, height);
    const Matrix& w = rbm_.weights;
    const float bound = std::max(w.cwiseAbs().maxCoeff(), 1e-3f);
    Matrix filter;
    for (int j = 0; j < w.cols(); ++j) {
      filter = w.col(j).transpose();
      DrawImage(filter.data(), width, height, -bound, bound, cell);
      if ((j + 1) % per_row != 0) ImGui::SameLine();
    }
    ImGui::TextUnformatted("Dreams: Gibbs chains from noise, p(v|h)");
    // The chains hold binary samples; their mean-field images p(v | p(h | v)) are what a student reads.
    Matrix hidden, dreams;
    rbm_.HiddenProbabilities(dreams_, hidden);
    rbm_.VisibleProbabilities(hidden, dreams);
    for (int r = 0; r < dreams.rows(); ++r) {
      filter = dreams.row(r);
      DrawImage(filter.data(), width, height, 0.0f, 1.0f, cell);
      if (r + 1 < dreams.rows()) ImGui::SameLine();
    }
  }

  std::string StatusJson() const override {
    return "{\"k\":" + std::to_string(settings_.gibbs_steps) + ",\"persistent\":" +
           (settings_.persistent ? "true" : "false") + ",\"updates\":" + std::to_string(updates_) +
           ",\"reconstruction_error\":" + JsonNumber(reconstruction_error_) + "}";
  }

 private:
  static constexpr int kBatch = 20;
  Rbm rbm_{1, 1};
  RbmTrainingSettings settings_{1, false, 0.05f};
  int hidden_ = 0;
  Matrix dreams_;  // 10 Gibbs chains started from noise
  long updates_ = 0, cursor_ = 0;
  double reconstruction_error_ = 0.0;
};

}  // namespace

std::unique_ptr<ModelView> MakeRbmView() { return std::make_unique<RbmView>(); }

}  // namespace netlab
