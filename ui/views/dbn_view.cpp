// DBN tab: a stack of RBMs pretrained greedily, one layer after another, then fine-tuned two ways on
// the same minibatches: as a classifier (against the same net from random weights) and unrolled into a
// deep autoencoder (against PCA with as many numbers in its code).
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
#include "models/dbn.h"
#include "core/clock.h"
#include "widgets/image_drawing.h"
#include "imgui.h"
#include "core/json_text.h"
#include "nn/loss.h"
#include "views/model_view.h"
#include "models/pca.h"
#include "widgets/plots.h"
#include "core/shuffle.h"

namespace netlab {
namespace {

constexpr int kPretrainEpochs = 20;  // per layer
constexpr int kFineTuneEpochs = 100;  // then the tab stops training: the curves have flattened
constexpr int kBatch = 20;
constexpr int kShownImages = 8;
constexpr int kPresets = 3;
const double kNaN = std::numeric_limits<double>::quiet_NaN();

// Layer sizes as the combo offers them, for `inputs` visible units. On digits, 8-component PCA loses to
// the fine-tuned 64-32-8 autoencoder within about 40 epochs; with a 16-number code PCA holds out for
// about 110, longer than the tab trains (both are what the lecture should show, honestly). The wide
// stack first expands, as Hinton & Salakhutdinov's 784-1000-500-250-30 does.
std::vector<int> HiddenSizes(int preset, int inputs) {
  const int first = std::clamp(inputs / 2, 1, 256);
  if (preset == 0) return {first, std::min(8, first)};
  if (preset == 1) return {first, std::min(16, first)};
  return {std::clamp(inputs * 3 / 2, 1, 500), std::clamp(inputs * 3 / 4, 1, 250), 4};
}

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

class DbnView : public ModelView {
 public:
  const char* Name() const override { return "DBN"; }

  void Configure(const Config& config) override {
    configured_.clear();
    for (const LayerConfig& l : config.hidden) configured_.push_back(l.units);
  }

  void Reset(const ModelsData& data, Rng& rng) override {
    hidden_ = configured_.empty() ? HiddenSizes(preset_, data.inputs()) : configured_;
    DbnPretraining settings;
    settings.hidden_sizes = hidden_;
    settings.epochs = kPretrainEpochs;
    settings.batch_size = kBatch;
    settings.rbm.learning_rate = 0.1f;
    pretrainer_ = std::make_unique<DbnPretrainer>(data.train.features, settings, rng);
    fine_tuning_ = false;
    fine_tune_epochs_ = 0;
    cursor_ = 0;
    dbn_accuracy_ = random_accuracy_ = autoencoder_error_ = unrolled_error_ = kNaN;
    dbn_curve_.clear();
    random_curve_.clear();
    // PCA needs no training: fit it now, with as many components as the DBN's top layer has units.
    const Pca pca = FitPca(data.train.features, hidden_.back());
    pca_error_ = MeanSquaredReconstructionError(data.test.features, pca.Reconstruct(pca.Project(data.test.features)));
    shown_ = data.test.features.topRows(std::min<Eigen::Index>(kShownImages, data.test.features.rows()));
    pca_shown_ = pca.Reconstruct(pca.Project(shown_));
  }

  void Train(const ModelsData& data, Rng& rng, double budget) override {
    if (data.train.features.rows() < kBatch) return;
    const double start = NowSeconds();
    do {
      if (!fine_tuning_) {
        // At most one epoch a frame: on digits a whole epoch takes milliseconds, and the student should
        // see the layers train one after another rather than all of pretraining in one blink.
        const bool epoch_done = pretrainer_->Step(rng);
        if (pretrainer_->done()) StartFineTuning(data, rng);
        if (epoch_done) return;
      } else if (fine_tune_epochs_ < kFineTuneEpochs) {
        FineTuneBatch(data, rng);
      } else {
        return;
      }
    } while (NowSeconds() - start < budget);
  }

  // Once pretraining is over, the three networks fine-tuned by backprop, each against its own loss: the
  // two classifiers (DBN-initialised and from random weights) against softmax cross-entropy with the
  // labels, the unrolled autoencoder against the pixels' cross-entropy with σ(logits). Nothing before:
  // contrastive divergence follows no loss a gradient check could differentiate.
  std::vector<NamedNetwork> Networks(const ModelsData& data) override {
    std::vector<NamedNetwork> networks;
    if (!fine_tuning_ || !pretrainer_) return networks;
    const Dbn& dbn = pretrainer_->dbn();
    const int inputs = data.inputs(), classes = data.train.classes;
    const std::vector<int> hidden = hidden_;
    auto add = [&](const char* name, Network& network, const char* loss, const Matrix& targets,
                   const GradientNormHistory& norms, std::function<std::unique_ptr<Network>()> layers) {
      NamedNetwork named{name, {}};
      NetworkInTraining& n = named.network;
      n.network = &network;
      n.loss = FindLoss(loss);
      n.inputs = &data.train.features;
      n.targets = &targets;
      n.step = updates_;
      // The same layers (built as fine-tuning built them), then these weights.
      n.copy = [&network, layers] {
        std::unique_ptr<Network> copy = layers();
        CopyWeightsAndState(network, *copy);
        return copy;
      };
      norms.AppendTo(n.gradient_norms);
      networks.push_back(std::move(named));
    };
    add("DBN classifier", classifier_, "softmax_ce", train_targets_, classifier_norms_, [&dbn, classes] {
      Rng unused(0);
      return std::make_unique<Network>(DbnClassifier(dbn, classes, unused));
    });
    add("random-start classifier", random_, "softmax_ce", train_targets_, random_norms_, [inputs, hidden, classes] {
      Rng unused(0);
      return std::make_unique<Network>(RandomSigmoidClassifier(inputs, hidden, classes, unused));
    });
    add("autoencoder", autoencoder_, "sigmoid_bce", data.train.features, autoencoder_norms_,
        [&dbn] { return std::make_unique<Network>(UnrollAutoencoder(dbn)); });
    return networks;
  }

  void Draw(const ModelsData& data, Rng& rng) override {
    ImGui::Text("DBN %s, sigmoid units", SizesText(data.inputs(), hidden_).c_str());
    if (ImGui::Button("Reset DBN")) Reset(data, rng);
    ImGui::SameLine();
    ImGui::SetNextItemWidth(150.0f);
    std::string texts[kPresets];
    const char* presets[kPresets];
    for (int p = 0; p < kPresets; ++p) {
      texts[p] = SizesText(data.inputs(), HiddenSizes(p, data.inputs()));
      presets[p] = texts[p].c_str();
    }
    if (ImGui::Combo("layers", &preset_, presets, kPresets)) {
      configured_.clear();  // a preset replaces the config's sizes until the next configuration
      Reset(data, rng);
    }

    Section("1. Greedy pretraining, CD-1");
    if (ImGui::IsItemHovered())
      ImGui::SetTooltip("Each RBM learns from p(h|v) of the RBM below it.\n"
                        "recon. = mean ||v - p(v | p(h|v))||^2 over its own training input.");
    for (int l = 0; l < pretrainer_->layers(); ++l) {
      const int epochs = pretrainer_->EpochsDone(l);
      const int below = l == 0 ? data.inputs() : hidden_[size_t(l) - 1];
      const double error = pretrainer_->ReconstructionError(l);
      ImGui::Text("RBM %d (%d-%d): epoch %2d/%d, recon. %s", l + 1, below, hidden_[size_t(l)], epochs,
                  pretrainer_->epochs(), std::isnan(error) ? "-" : FormatError(error).c_str());
      if (l == pretrainer_->layer()) {
        ImGui::SameLine();
        ImGui::TextUnformatted("<");
      }
    }

    Section("2. Fine-tuning by backprop");
    if (!fine_tuning_) {
      ImGui::TextDisabled("starts when the top RBM is trained");
    } else {
      ImGui::Text("Epoch %d/%d, the same minibatches for all three", fine_tune_epochs_, kFineTuneEpochs);
      if (ImGui::IsItemHovered())
        ImGui::SetTooltip("Classifiers: softmax cross-entropy, plain SGD (learning rate 0.5).\n"
                          "Autoencoder: sigmoid cross-entropy on the pixels, Adam (0.003).\n"
                          "Minibatches of %d, reshuffled every epoch.", kBatch);
      // The line doubles as the curves' legend.
      ImGui::TextUnformatted("Test accuracy:");
      ImGui::SameLine();
      ImGui::TextColored(ImGui::ColorConvertU32ToFloat4(SeriesColor(0)), "DBN init %.1f%%", 100.0 * dbn_accuracy_);
      ImGui::SameLine();
      ImGui::TextColored(ImGui::ColorConvertU32ToFloat4(SeriesColor(1)), "random init %.1f%%", 100.0 * random_accuracy_);
      DrawErrorCurves(ImGui::GetContentRegionAvail().x, 64.0f);
    }

    Section("3. Deep autoencoder vs PCA");
    const int code = hidden_.back();
    if (fine_tuning_)
      ImGui::Text("Test error/image: AE %.2f (unrolled %.2f)", autoencoder_error_, unrolled_error_);
    else
      ImGui::TextDisabled("AE: unrolled once the DBN is pretrained");
    ImGui::Text("PCA with %d components (AE code %d): %.2f", code, code, pca_error_);
    if (ImGui::IsItemHovered())
      ImGui::SetTooltip("PCA is the best linear code of this size (fit on the training images).\n"
                        "Errors: squared error summed over the pixels, mean over test images.");
    if (data.images()) DrawReconstructions(data);
  }

  std::string StatusJson() const override {
    std::string json = "{\"phase\":" + JsonString(fine_tuning_ ? "finetune" : "pretrain");
    json += ",\"layer\":" + std::to_string(pretrainer_ ? pretrainer_->layer() : 0);
    int pretrain_epochs = 0;
    if (pretrainer_)
      for (int l = 0; l < pretrainer_->layers(); ++l) pretrain_epochs += pretrainer_->EpochsDone(l);
    json += ",\"pretrain_epochs\":" + std::to_string(pretrain_epochs);
    json += ",\"finetune_epochs\":" + std::to_string(fine_tune_epochs_);
    json += ",\"dbn_accuracy\":" + JsonNumber(dbn_accuracy_);
    json += ",\"random_accuracy\":" + JsonNumber(random_accuracy_);
    json += ",\"autoencoder_error\":" + JsonNumber(autoencoder_error_);
    json += ",\"pca_error\":" + JsonNumber(pca_error_) + "}";
    return json;
  }

 private:
  void StartFineTuning(const ModelsData& data, Rng& rng) {
    const Dbn& dbn = pretrainer_->dbn();
    classifier_ = DbnClassifier(dbn, data.train.classes, rng);
    random_ = RandomSigmoidClassifier(data.inputs(), hidden_, data.train.classes, rng);
    autoencoder_ = UnrollAutoencoder(dbn);
    // Plain SGD for the classifiers, as in the lecture's comparison: Adam's per-weight step sizes would
    // hide much of what a good starting point buys.
    OptimizerSettings sgd;
    sgd.kind = "sgd";
    sgd.learning_rate = 0.5f;
    classifier_optimizer_ = CreateOptimizer(sgd);
    random_optimizer_ = CreateOptimizer(sgd);
    OptimizerSettings adam;
    adam.learning_rate = 0.003f;
    autoencoder_optimizer_ = CreateOptimizer(adam);
    order_.resize(size_t(data.train.features.rows()));
    std::iota(order_.begin(), order_.end(), 0);
    cursor_ = 0;
    fine_tuning_ = true;
    train_targets_ = OneHot(data.train.labels, data.train.classes);
    updates_ = 0;
    classifier_norms_.Clear();
    random_norms_.Clear();
    autoencoder_norms_.Clear();
    Evaluate(data);
    unrolled_error_ = autoencoder_error_;
  }

  void FineTuneBatch(const ModelsData& data, Rng& rng) {
    if (cursor_ == 0)
      Shuffle(order_, rng);
    const int rows = int(order_.size()), count = std::min(kBatch, rows - cursor_);
    batch_.resize(count, data.inputs());
    labels_.resize(size_t(count));
    for (int r = 0; r < count; ++r) {
      const int row = order_[size_t(cursor_ + r)];
      batch_.row(r) = data.train.features.row(row);
      labels_[size_t(r)] = data.train.labels[size_t(row)];
    }
    TrainClassifierBatch(classifier_, *classifier_optimizer_, batch_, labels_, data.train.classes);
    TrainClassifierBatch(random_, *random_optimizer_, batch_, labels_, data.train.classes);
    // The decoder ends in logits; sigmoid cross-entropy against the pixel intensities.
    const Loss& bce = *FindLoss("sigmoid_bce");
    bce.gradient(autoencoder_.Forward(batch_), batch_, gradient_);
    autoencoder_.Backward(gradient_);
    std::vector<ParameterRef> parameters = autoencoder_.Parameters();
    autoencoder_optimizer_->Step(parameters);
    ++updates_;
    classifier_norms_.Record(updates_, classifier_.Parameters());
    random_norms_.Record(updates_, random_.Parameters());
    autoencoder_norms_.Record(updates_, parameters);
    cursor_ += count;
    if (cursor_ < rows) return;
    cursor_ = 0;
    ++fine_tune_epochs_;
    Evaluate(data);
  }

  // Test accuracies and the autoencoder's test error: a few milliseconds, so once an epoch.
  void Evaluate(const ModelsData& data) {
    dbn_accuracy_ = ClassifierAccuracy(classifier_, data.test);
    random_accuracy_ = ClassifierAccuracy(random_, data.test);
    dbn_curve_.push_back(float(dbn_accuracy_));
    random_curve_.push_back(float(random_accuracy_));
    autoencoder_error_ = MeanSquaredReconstructionError(data.test.features, AutoencoderOutput(data.test.features));
  }

  Matrix AutoencoderOutput(const Matrix& inputs) {
    Matrix reconstruction;
    FindLoss("sigmoid_bce")->predict(autoencoder_.Forward(inputs), reconstruction);
    return reconstruction;
  }

  // Test error against fine-tuning epoch on a log scale from 1% to 100%: it shows both the early lead of
  // the pretrained net and where the two end up.
  void DrawErrorCurves(float width, float height) {
    ImDrawList* draw = ImGui::GetWindowDrawList();
    const ImVec2 origin = DrawPlotFrame(width, height);
    const ImU32 grey = IM_COL32(110, 110, 110, 255);
    const float left = origin.x + 34.0f, right = origin.x + width - 4.0f;
    const float top = origin.y + 4.0f, bottom = origin.y + height - 4.0f;
    auto y_of = [&](float error) {
      const float decades = std::log10(std::clamp(error, 0.01f, 1.0f)) + 2.0f;  // 0 at 1%, 2 at 100%
      return bottom - decades / 2.0f * (bottom - top);
    };
    const char* ticks[] = {"100%", "10%", "1%"};
    for (int t = 0; t < 3; ++t) {
      const float y = y_of(std::pow(10.0f, -float(t)));
      draw->AddLine(ImVec2(left, y), ImVec2(right, y), IM_COL32(225, 225, 225, 255));
      const float text_y = std::clamp(y - 7.0f, origin.y + 1.0f, origin.y + height - 15.0f);
      draw->AddText(ImVec2(origin.x + 3.0f, text_y), grey, ticks[t]);
    }
    const std::vector<float>* curves[] = {&dbn_curve_, &random_curve_};
    for (int c = 0; c < 2; ++c) {
      ImVector<ImVec2> points;
      for (size_t e = 0; e < curves[c]->size(); ++e) {
        const float x = left + float(e) / float(kFineTuneEpochs) * (right - left);
        points.push_back(ImVec2(x, y_of(1.0f - (*curves[c])[e])));
      }
      if (points.Size >= 2) draw->AddPolyline(points.Data, points.Size, SeriesColor(c), 0, 1.5f);
    }
    const char* caption = "test error, log scale";
    const ImVec2 size = ImGui::CalcTextSize(caption);
    draw->AddText(ImVec2(right - size.x - 2.0f, origin.y + 2.0f), grey, caption);
  }

  // Rows of test images, their autoencoder reconstructions and their PCA reconstructions.
  void DrawReconstructions(const ModelsData& data) {
    const int width = data.train.image_width, height = data.train.image_height;
    const float cell = std::max(1.0f, 28.0f / float(std::max(width, height)));
    Matrix autoencoder_shown;
    if (fine_tuning_) autoencoder_shown = AutoencoderOutput(shown_);
    const Matrix* rows[] = {&shown_, fine_tuning_ ? &autoencoder_shown : nullptr, &pca_shown_};
    const char* names[] = {"test", "AE", "PCA"};
    Matrix image;
    ImGui::PushStyleVar(ImGuiStyleVar_ItemSpacing, ImVec2(2.0f, 2.0f));
    for (int r = 0; r < 3; ++r) {
      ImGui::AlignTextToFramePadding();
      ImGui::TextUnformatted(names[r]);
      ImGui::SameLine(40.0f);
      if (!rows[r]) {
        ImGui::TextDisabled("(after pretraining)");
        continue;
      }
      for (int i = 0; i < rows[r]->rows(); ++i) {
        image = rows[r]->row(i);
        DrawImage(image.data(), width, height, 0.0f, 1.0f, cell);
        if (i + 1 < rows[r]->rows()) ImGui::SameLine();
      }
    }
    ImGui::PopStyleVar();
  }

  int preset_ = 0;
  std::vector<int> hidden_, configured_;  // configured_: the config's layer sizes, if any
  std::unique_ptr<DbnPretrainer> pretrainer_;

  bool fine_tuning_ = false;
  int fine_tune_epochs_ = 0, cursor_ = 0;
  std::vector<int> order_, labels_;
  Matrix batch_, gradient_;
  Network classifier_, random_, autoencoder_;
  std::unique_ptr<Optimizer> classifier_optimizer_, random_optimizer_, autoencoder_optimizer_;
  Matrix train_targets_;  // one-hot training labels, the classifiers' targets in the network tabs
  long updates_ = 0;      // fine-tuning minibatches
  GradientNormHistory classifier_norms_, random_norms_, autoencoder_norms_;
  double dbn_accuracy_ = kNaN, random_accuracy_ = kNaN;
  std::vector<float> dbn_curve_, random_curve_;  // test accuracy before fine-tuning and after each epoch

  double autoencoder_error_ = kNaN, unrolled_error_ = kNaN, pca_error_ = kNaN;
  Matrix shown_, pca_shown_;  // the first test images and their PCA reconstructions
};

}  // namespace

std::unique_ptr<ModelView> MakeDbnView() { return std::make_unique<DbnView>(); }

}  // namespace netlab
