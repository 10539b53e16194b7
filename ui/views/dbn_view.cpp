// DBN view (task `dbn`, tasks/dbn/dbn_run.h): the run's stack of RBMs pretrained greedily, one layer after
// another, then fine-tuned on the same minibatches as a classifier (against the same net from random
// weights) and unrolled into a deep autoencoder (against PCA with as many numbers in its code).
#include <algorithm>
#include <cmath>
#include <cstdio>
#include <functional>
#include <limits>
#include <memory>
#include <numeric>
#include <string>
#include <vector>

#include "train/classifier_training.h"
#include "data/labeled.h"
#include "boltzmann/dbn.h"
#include "core/clock.h"
#include "widgets/image_drawing.h"
#include "imgui.h"
#include "core/json_text.h"
#include "nn/loss.h"
#include "tasks/dbn/dbn_run.h"
#include "views/task_view.h"
#include "widgets/line_plot.h"
#include "models/pca.h"
#include "widgets/plots.h"
#include "core/shuffle.h"
#include "widgets/layout.h"

namespace netlab {
namespace {

constexpr int kShownImages = 8;

void Section(const char* title) { ImGui::SeparatorText(title); }

std::string SizesText(int inputs, const std::vector<int>& hidden) {
  std::string text = std::to_string(inputs);
  for (int units : hidden) text += "-" + std::to_string(units);
  return text;
}

std::string FormatError(double value) {
  char text[32];
  std::snprintf(text, sizeof text, "%.2f", value);
  return text;
}

class DbnView : public RunView<DbnRun> {
 public:
  void Attached() override {
    shown_ = data_->test.features.topRows(std::min<Eigen::Index>(kShownImages, data_->test.features.rows()));
    if (run_->error().empty()) pca_shown_ = run_->pca().Reconstruct(run_->pca().Project(shown_));
  }

  void Draw(const std::string&, float, float) override {
    ImGui::TextWrapped("Watch each RBM learn in turn, then whether the pretrained classifier beats the random start, and the autoencoder beat PCA.");  // what to look for, first
    DrawDerivation("Greedy training (Hinton, Osindero & Teh 2006): an RBM on v, the next RBM on p(h₁ | v), and so on. For any q(h | v), log p(v) ≥ Σₕ q(h | v) [log p(h) + log p(v | h)] + H(q): a new layer started at the transpose of the one below leaves this bound where it was, and training it can only raise it. The stack then starts a classifier, or is unrolled into an autoencoder, fine-tuned by backprop.");
    const TaskData& data = *data_;
    const Config& c = run_->config();
    std::vector<int> hidden;
    for (const LayerConfig& l : c.hidden) hidden.push_back(l.units);
    ImGui::Text("DBN %s, sigmoid units, minibatches of %d", SizesText(data.inputs(), hidden).c_str(), c.batch_size);
    DbnPretrainer& pretrainer = run_->pretrainer();
    Section("1. Greedy pretraining, CD-k");
    if (ImGui::IsItemHovered())
      ImGui::SetTooltip("Each RBM learns from p(h|v) of the RBM below it.\n"
                        "recon. = mean ‖v − p(v | p(h|v))‖² over its own training input.");
    for (int l = 0; l < pretrainer.layers(); ++l) {
      const int epochs = pretrainer.EpochsDone(l);
      const int below = l == 0 ? data.inputs() : hidden[size_t(l) - 1];
      const double error = pretrainer.ReconstructionError(l);
      ImGui::Text("RBM %d (%d-%d): epoch %2d/%d, recon. %s", l + 1, below, hidden[size_t(l)], epochs,
                  pretrainer.epochs(), std::isnan(error) ? "-" : FormatError(error).c_str());
      if (l == pretrainer.layer() && !pretrainer.done()) {
        ImGui::SameLine();
        ImGui::TextUnformatted("<");
      }
    }
    Section("2. Fine-tuning by backprop");
    if (!run_->fine_tuning()) {
      ImGui::TextDisabled("starts when the top RBM is trained");
    } else {
      ImGui::Text("Epoch %ld, the same minibatches for all three", run_->fine_tuning_epochs());
      if (ImGui::IsItemHovered())
        ImGui::SetTooltip("Classifiers: softmax cross-entropy, plain SGD (learning rate 0.5).\n"
                          "Autoencoder: sigmoid cross-entropy on the pixels, Adam (0.003).\n"
                          "Minibatches of %d, reshuffled every epoch.", c.batch_size);
      // The line doubles as the curves' legend.
      ImGui::TextUnformatted("Test accuracy:");
      ImGui::SameLine();
      ImGui::TextColored(ImGui::ColorConvertU32ToFloat4(SeriesColor(0)), "DBN init %.1f%%",
                         100.0 * run_->dbn_accuracy_curve().back());
      ImGui::SameLine();
      ImGui::TextColored(ImGui::ColorConvertU32ToFloat4(SeriesColor(1)), "random init %.1f%%",
                         100.0 * run_->random_accuracy_curve().back());
      DrawErrorCurves(ImGui::GetContentRegionAvail().x, LinePlotHeight(ImGui::GetContentRegionAvail().x));
    }
    Section("3. Deep autoencoder vs PCA");
    const int code = hidden.back();
    if (run_->fine_tuning())
      ImGui::Text("Test error/image: AE %.2f (unrolled %.2f)", run_->autoencoder_error(), run_->unrolled_error());
    else
      ImGui::TextDisabled("AE: unrolled once the DBN is pretrained");
    ImGui::Text("PCA with %d components (AE code %d): %.2f", code, code, run_->pca_error());
    if (ImGui::IsItemHovered())
      ImGui::SetTooltip("PCA is the best linear code of this size (fit on the training images).\n"
                        "Errors: squared error summed over the pixels, mean over test images.");
    if (data.images()) DrawReconstructions(data);
  }

  std::string StatusJson() const override {
    DbnPretrainer& pretrainer = run_->pretrainer();
    int pretrain_epochs = 0;
    for (int l = 0; l < pretrainer.layers(); ++l) pretrain_epochs += pretrainer.EpochsDone(l);
    const bool tuning = run_->fine_tuning();
    return "{\"phase\":" + JsonString(tuning ? "finetune" : "pretrain") + ",\"layer\":" +
           std::to_string(pretrainer.layer()) + ",\"pretrain_epochs\":" + std::to_string(pretrain_epochs) +
           ",\"finetune_epochs\":" + std::to_string(run_->fine_tuning_epochs()) +
           ",\"dbn_accuracy\":" + JsonNumber(tuning ? run_->dbn_accuracy_curve().back() : std::nan("")) +
           ",\"random_accuracy\":" + JsonNumber(tuning ? run_->random_accuracy_curve().back() : std::nan("")) +
           ",\"autoencoder_error\":" + JsonNumber(run_->autoencoder_error()) +
           ",\"pca_error\":" + JsonNumber(run_->pca_error()) + "}";
  }

 private:
  // Test error against fine-tuning epoch on a log scale from 1% to 100%: it shows both the early lead of
  // the pretrained net and where the two end up.
  void DrawErrorCurves(float width, float height) {
    const std::vector<float>* curves[] = {&run_->dbn_accuracy_curve(), &run_->random_accuracy_curve()};
    for (int c = 0; c < 2; ++c) {
      errors_[c].clear();
      for (float accuracy : *curves[c]) errors_[c].push_back(1.0f - accuracy);
    }
    LinePlot plot;
    plot.log_y = true;
    plot.y_low = 0.01f, plot.y_high = 1.0f;
    plot.y_label = "test error, log scale";
    plot.x_label = "fine-tuning epoch";
    plot.series = {{"pretrained", &errors_[0]}, {"random start", &errors_[1]}};
    DrawLinePlot(plot, width, height);
  }
  std::vector<float> errors_[2];  // the curves' test errors, kept so a frame allocates nothing once sized

  // Rows of test images, their autoencoder reconstructions and their PCA reconstructions.
  void DrawReconstructions(const TaskData& data) {
    const bool fine_tuning_ = run_->fine_tuning();
    Matrix autoencoder_shown;
    if (fine_tuning_) autoencoder_shown = run_->Reconstruct(shown_);
    const Matrix* rows[] = {&shown_, fine_tuning_ ? &autoencoder_shown : nullptr, &pca_shown_};
    const char* names[] = {"test", "AE", "PCA"};
    DrawLabelledImageRows(names, rows, 3, data.train.image_width, data.train.image_height, ImageRoomLeft(1),
                          "(after pretraining)");
  }

  Matrix shown_, pca_shown_;  // the first test images and their PCA reconstructions
};

}  // namespace

std::unique_ptr<TaskView> MakeDbnView() { return std::make_unique<DbnView>(); }

}  // namespace netlab
