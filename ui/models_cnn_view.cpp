// CNN tab: the lecture's small convolutional net (engine/small_cnn.h) trained on the window's images;
// test accuracy once an epoch and the first convolution's 3x3 filters.
#include <algorithm>
#include <memory>
#include <string>
#include <vector>

#include "classifier_training.h"
#include "image_drawing.h"
#include "imgui.h"
#include "json_text.h"
#include "model_view.h"
#include "small_cnn.h"

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
    const int batch = 32, rows = int(data.train.features.rows());
    if (!usable_ || rows < batch) return;
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
    } while (NowSeconds() - start < budget);
    // Evaluating the test set costs about as much as ten training batches: do it once an epoch.
    if (evaluated_epochs_ != epochs_) {
      test_accuracy_ = ClassifierAccuracy(network_, data.test);
      evaluated_epochs_ = epochs_;
    }
  }

  void Draw(const ModelsData& data, Rng& rng) override {
    if (!usable_) {
      ImGui::TextWrapped("The CNN needs image data whose sides are multiples of 4; %s is not.", data.name.c_str());
      return;
    }
    const int filters = int(first_conv_->weights.cols());
    ImGui::Text("conv 3x3x%d - ReLU - maxpool 2x2 -", filters);
    ImGui::Text("conv 3x3x%d - ReLU - maxpool 2x2 -", 2 * filters);
    ImGui::Text("dense %d - ReLU - dense %d (softmax)", filters == 8 ? 32 : 128, data.train.classes);
    ImGui::Text("Epoch %ld, test accuracy %.1f%%", epochs_, 100.0 * test_accuracy_);
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
  bool usable_ = false;
  Network network_;
  Conv2d* first_conv_ = nullptr;
  std::unique_ptr<Optimizer> optimizer_;
  long epochs_ = 0, evaluated_epochs_ = -1, cursor_ = 0;
  double test_accuracy_ = 0.0;
};

}  // namespace

std::unique_ptr<ModelView> MakeCnnView() { return std::make_unique<CnnView>(); }

}  // namespace netlab
