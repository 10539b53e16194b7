// CNN tab: the lecture's small convolutional net (engine/conv/small_cnn.h) trained on the window's images;
// test accuracy once an epoch and the first convolution's 3x3 filters.
#include <algorithm>
#include <memory>
#include <string>
#include <vector>

#include "train/classifier_training.h"
#include "core/clock.h"
#include "widgets/image_drawing.h"
#include "imgui.h"
#include "core/json_text.h"
#include "model_tabs/model_view.h"
#include "conv/small_cnn.h"

namespace netlab {
namespace {

class CnnView : public ModelView {
 public:
  const char* Name() const override { return "CNN"; }

  void Reset(const ModelsData& data, Rng& rng) override {
    epochs_ = 0;
    evaluated_epochs_ = -1;
    cursor_ = 0;
    test_accuracy_ = 0.0;
    first_conv_ = nullptr;
    batches_since_evaluation_ = 0;
    // Up to 1000 test samples: on Fashion-MNIST a whole test set would cost a frame several seconds.
    std::vector<int> rows(std::min<size_t>(1000, data.test.labels.size()));
    for (size_t i = 0; i < rows.size(); ++i) rows[i] = int(i);
    test_slice_ = SelectRows(data.test, rows);
    const int width = data.train.image_width, height = data.train.image_height;
    usable_ = data.images() && width % 4 == 0 && height % 4 == 0;
    if (!usable_) return;
    // Small images (8x8 digits) get 8 and 16 filters; larger ones (28x28) the Fashion-MNIST net's 16/32.
    const bool large = width * height > 256;
    network_ = BuildSmallCnn({1, height, width}, data.train.classes, large ? 16 : 8, large ? 32 : 16, large ? 128 : 32,
                             rng, &first_conv_);
    OptimizerSettings adam;
    adam.learning_rate = 0.003f;
    optimizer_ = CreateOptimizer(adam);
  }

  void Train(const ModelsData& data, Rng&, double budget) override {
    const int batch = kBatch, rows = int(data.train.features.rows());
    if (!usable_ || rows < batch) return;  // Draw says why
    const double start = NowSeconds();
    std::vector<int> labels(batch);
    do {
      if (cursor_ + batch > rows) {
        cursor_ = 0;
        ++epochs_;
      }
      std::copy_n(data.train.labels.begin() + cursor_, batch, labels.begin());
      TrainClassifierBatch(network_, *optimizer_, data.train.features.middleRows(cursor_, batch), labels,
                           data.train.classes);
      cursor_ += batch;
      ++batches_since_evaluation_;
    } while (NowSeconds() - start < budget);
    // Evaluating costs about as much as 10-30 training batches: once an epoch or every 200 batches.
    if (evaluated_epochs_ != epochs_ || batches_since_evaluation_ >= 200) {
      test_accuracy_ = ClassifierAccuracy(network_, test_slice_);
      evaluated_epochs_ = epochs_;
      batches_since_evaluation_ = 0;
    }
  }

  void Draw(const ModelsData& data, Rng& rng) override {
    if (!usable_) {
      ImGui::TextWrapped("The CNN needs image data whose sides are multiples of 4; %s is not.", data.name.c_str());
      return;
    }
    if (data.train.features.rows() < kBatch)
      ImGui::TextColored(ImVec4(0.85f, 0.3f, 0.1f, 1), "%d training samples are fewer than one batch of %d: the CNN waits.",
                         int(data.train.features.rows()), kBatch);
    const int filters = int(first_conv_->weights.cols());
    ImGui::Text("conv 3x3x%d - ReLU - maxpool 2x2 -", filters);
    ImGui::Text("conv 3x3x%d - ReLU - maxpool 2x2 -", 2 * filters);
    ImGui::Text("dense %d - ReLU - dense %d (softmax)", filters == 8 ? 32 : 128, data.train.classes);
    ImGui::Text("Epoch %ld, %ld of %d samples", epochs_, cursor_, int(data.train.labels.size()));
    if (test_slice_.labels.size() < data.test.labels.size())
      ImGui::Text("Test accuracy %.1f%% (first %d samples)", 100.0 * test_accuracy_, int(test_slice_.labels.size()));
    else
      ImGui::Text("Test accuracy %.1f%%", 100.0 * test_accuracy_);
    if (ImGui::Button("Reset CNN")) Reset(data, rng);
    ImGui::TextUnformatted("First-layer filters (3x3)");
    const Matrix& w = first_conv_->weights;
    const float bound = std::max(w.cwiseAbs().maxCoeff(), 1e-3f);
    Matrix filter;
    for (int o = 0; o < w.cols(); ++o) {
      filter = w.col(o).transpose();
      DrawImage(filter.data(), 3, 3, -bound, bound, 10.0f);
      if ((o + 1) % 8 != 0 && o + 1 < w.cols()) ImGui::SameLine();
    }
  }

  std::string StatusJson() const override {
    return "{\"epochs\":" + std::to_string(epochs_) + ",\"test_accuracy\":" + JsonNumber(test_accuracy_) + "}";
  }

 private:
  static constexpr int kBatch = 32;
  bool usable_ = false;
  Network network_;
  Conv2d* first_conv_ = nullptr;
  std::unique_ptr<Optimizer> optimizer_;
  LabeledData test_slice_;
  long epochs_ = 0, evaluated_epochs_ = -1, cursor_ = 0, batches_since_evaluation_ = 0;
  double test_accuracy_ = 0.0;
};

}  // namespace

std::unique_ptr<ModelView> MakeCnnView() { return std::make_unique<CnnView>(); }

}  // namespace netlab
