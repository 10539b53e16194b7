// Deep autoencoder task (Hinton & Salakhutdinov 2006): the same AutoencoderRun the headless trainer
// steps (workbench/family_run.h), shown as its three phases: the RBMs pretrained layer by layer, the
// unrolled network fine-tuned by backprop with its test error per epoch, and reconstructions of test
// images beside PCA's with as many numbers in its code.
#include <algorithm>
#include <cmath>
#include <memory>
#include <string>

#include "core/clock.h"
#include "core/json_text.h"
#include "imgui.h"
#include "views/task_view.h"
#include "widgets/line_plot.h"
#include "nn/loss.h"
#include "widgets/image_drawing.h"
#include "widgets/plots.h"
#include "tasks/autoencoder/autoencoder_run.h"
#include "widgets/layout.h"

namespace netlab {
namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();
constexpr int kShown = 10;  // test images in the reconstruction rows

class AutoencoderView : public RunView<AutoencoderRun> {
 public:
  void Attached() override {
    shown_ = data_->test.features.topRows(std::min<Eigen::Index>(kShown, data_->test.features.rows()));
    if (run_->error().empty()) {
      const Pca& pca = run_->trainer().pca();
      pca_shown_ = pca.Reconstruct(pca.Project(shown_));
    }
    reconstructed_at_ = -1;
  }



  void Draw(const std::string&, float, float) override {
    ImGui::TextWrapped("Watch the reconstructions sharpen after unrolling, and the autoencoder's error fall below PCA's with the same code size.");  // what to look for, first
    DrawDerivation("Pretrain RBMs layer by layer (the code layer's units linear, with Gaussian noise), unroll them into an encoder W₁, W₂, … and a decoder …, W₂ᵀ, W₁ᵀ, and fine-tune the whole by backprop on the pixels' cross-entropy −Σ [x log x̂ + (1 − x) log(1 − x̂)] (Hinton & Salakhutdinov 2006). PCA with the same k is the best linear code: no rank-k linear map has a smaller squared error (Eckart–Young), so beating it shows what the nonlinear layers buy.");
    const TaskData& data = *data_;
    DeepAutoencoderTrainer& t = run_->trainer();
    const DeepAutoencoderSettings& s = t.settings();
    ImGui::TextWrapped("Encoder %d-%s-%d (a linear code), decoder its mirror: pretrained as RBMs, unrolled, then "
                       "fine-tuned by backprop on the pixels' cross-entropy.",
                       data.inputs(), SizesText(s.hidden_sizes).c_str(), s.code_size);
    Section("1. Pretraining, one RBM at a time");
    if (const DbnPretrainer* p = t.pretrainer()) {
      for (int l = 0; l < p->layers(); ++l) {
        const double error = p->ReconstructionError(l);
        ImGui::Text("RBM %d: epoch %d/%d, reconstruction error %s%s", l + 1, p->EpochsDone(l), p->epochs(),
                    std::isnan(error) ? "-" : Format(error).c_str(),
                    t.phase() == DeepAutoencoderTrainer::Phase::pretraining && l == p->layer() ? "  <" : "");
      }
    }
    Section("2. Fine-tuning the unrolled network");
    const std::vector<double>& errors = t.test_errors();
    if (t.phase() == DeepAutoencoderTrainer::Phase::pretraining) {
      ImGui::TextDisabled("starts when the top RBM is trained");
    } else {
      ImGui::Text("Epoch %d/%d", t.fine_tune_epochs_done(), s.fine_tune_epochs);
      ImGui::Text("Test error per image: unrolled %s, now %s", Format(t.UnrolledTestError()).c_str(),
                  errors.empty() ? "-" : Format(errors.back()).c_str());
      DrawErrorCurve(errors, t.UnrolledTestError(), t.PcaTestError(), ImGui::GetContentRegionAvail().x,
                     LinePlotHeight(ImGui::GetContentRegionAvail().x));
    }
    Section("3. Against PCA with the same code size");
    ImGui::Text("PCA with %d components: test error %s", s.code_size, Format(t.PcaTestError()).c_str());
    if (ImGui::IsItemHovered())
      ImGui::SetTooltip("PCA is the best linear code of this size (fit on the training rows).\n"
                        "Errors: squared error summed over the inputs, mean over test rows.");
    if (!errors.empty()) {
      const bool wins = errors.back() < t.PcaTestError();
      ImGui::TextColored(wins ? ImVec4(0.1f, 0.5f, 0.1f, 1) : ImVec4(0.6f, 0.35f, 0.0f, 1), "%s",
                         wins ? "The autoencoder's code beats PCA's." : "PCA is still ahead.");
    }
    if (data.images()) DrawReconstructions(data);
  }

  std::string StatusJson() const override {
    if (!run_ || !run_->error().empty()) return "{\"error\":" + JsonString(run_ ? run_->error() : "") + "}";
    const DeepAutoencoderTrainer& t = run_->trainer();
    const char* phase = t.phase() == DeepAutoencoderTrainer::Phase::pretraining ? "pretrain"
                        : t.done()                                             ? "done"
                                                                               : "finetune";
    return std::string("{\"phase\":\"") + phase + "\",\"updates\":" + std::to_string(run_->updates()) +
           ",\"finetune_epochs\":" + std::to_string(t.fine_tune_epochs_done()) +
           ",\"test_error\":" + JsonNumber(t.test_errors().empty() ? kNaN : t.test_errors().back()) +
           ",\"unrolled_error\":" + JsonNumber(t.phase() == DeepAutoencoderTrainer::Phase::pretraining ? kNaN : t.UnrolledTestError()) +
           ",\"pca_error\":" + JsonNumber(t.PcaTestError()) + "}";
  }

 private:
  static std::string SizesText(const std::vector<int>& sizes) {
    std::string text;
    for (int n : sizes) text += (text.empty() ? "" : "-") + std::to_string(n);
    return text.empty() ? std::string("(no hidden layer)") : text;
  }
  static std::string Format(double v) {
    if (std::isnan(v)) return "-";
    char text[32];
    std::snprintf(text, sizeof text, "%.3f", v);
    return text;
  }
  static void Section(const char* title) {
    ImGui::Spacing();
    ImGui::SeparatorText(title);
  }

  // Test error after each fine-tuning epoch, with the unrolled start and PCA as flat reference lines.
  static void DrawErrorCurve(const std::vector<double>& errors, double unrolled, double pca, float width, float height) {
    // Epoch 0 is the unrolled start, before any fine-tuning.
    std::vector<float> curve = {float(unrolled)};
    for (double e : errors) curve.push_back(float(e));
    LinePlot plot;
    plot.y_label = "test error";
    plot.x_label = "fine-tuning epoch";
    plot.series = {{"autoencoder", &curve}};
    plot.levels = {{"PCA", float(pca)}};
    DrawLinePlot(plot, width, height);
  }

  // Rows of test images, the autoencoder's reconstructions (once unrolled) and PCA's.
  void DrawReconstructions(const TaskData& data) {
    DeepAutoencoderTrainer& t = run_->trainer();
    const bool unrolled = t.phase() != DeepAutoencoderTrainer::Phase::pretraining;
    // Reconstructed again once per fine-tuning epoch, not every frame.
    if (unrolled && reconstructed_at_ != t.fine_tune_epochs_done()) {
      autoencoder_shown_ = t.Reconstruct(shown_);
      reconstructed_at_ = t.fine_tune_epochs_done();
    }
    const Matrix* rows[] = {&shown_, unrolled ? &autoencoder_shown_ : nullptr, &pca_shown_};
    const char* names[] = {"test", "AE", "PCA"};
    DrawLabelledImageRows(names, rows, 3, data.train.image_width, data.train.image_height, ImageRoomLeft(1),
                          "(after pretraining)");
  }

  Rng display_rng_{1};  // draws for pictures only (samples, chains), never for training
  Matrix shown_, pca_shown_, autoencoder_shown_;
  int reconstructed_at_ = -1;
};

}  // namespace

std::unique_ptr<TaskView> MakeAutoencoderView() { return std::make_unique<AutoencoderView>(); }

}  // namespace netlab
