#include "views/classify_view.h"

#include <algorithm>
#include <cmath>
#include <string>

#include "conv/conv2d.h"
#include "conv/feature_maps.h"
#include "core/clock.h"
#include "core/json_text.h"
#include "export/onnx_export.h"
#include "imgui.h"
#include "tasks/classify/random_labels.h"
#include "networks/network_builder.h"
#include "platform/item_locator.h"
#include "widgets/confusion_matrix.h"
#include "widgets/image_drawing.h"
#include "widgets/plots.h"
#include "widgets/value_slider.h"

namespace netlab {
namespace {

// Evaluations cover at most this many test rows in the page (the whole digits test set; a slice of a
// bigger one), so one costs about as much as a few training batches.
constexpr int kEvaluatedRows = 1000;
constexpr long kStepsPerEvaluation = 200;
// A training frame's share for an evaluation under way.
constexpr double kEvaluationSecondsPerFrame = 0.002;

}  // namespace

void ClassifyView::Attach(TaskRun& run, const TaskData&) {
  run_ = &dynamic_cast<ClassifyRun&>(run);
  accuracy_.clear();
  steps_since_evaluation_ = 0;
  evaluation_due_ = false;
  // The untrained model's numbers, so the curves start at step 0.
  if (run_->error().empty()) Evaluate();
}

void ClassifyView::AfterSteps(long steps, double budget_seconds, bool at_once) {
  if (!run_->error().empty()) return;
  if (at_once) {
    // A pass under way ends first, so the curve's points stay in step order.
    if (run_->evaluating()) ContinueEvaluation(1e9);
    evaluation_due_ = false;
    Evaluate();
    steps_since_evaluation_ = 0;
    return;
  }
  // Evaluations at each epoch's end and every few hundred steps, a few milliseconds of each frame at a
  // time (ClassifyRun::EvaluateInChunks), never a whole frame.
  // Early on the interval doubles from 10 steps (at steps 10, 20, 40, 80, 160, 320, then every 200): a
  // Fashion-MNIST CNN, a few steps a second in the page, showed blank plots for 40 s until step 200.
  steps_since_evaluation_ += steps;
  const long interval = std::clamp(run_->step() - steps_since_evaluation_, 10L, kStepsPerEvaluation);
  if (steps > 0 && (run_->epoch_ended() || steps_since_evaluation_ >= interval)) {
    evaluation_due_ = true;
    steps_since_evaluation_ = 0;
  }
  ContinueEvaluation(steps > 0 ? std::min(budget_seconds, kEvaluationSecondsPerFrame) : budget_seconds);
}

void ClassifyView::ContinueEvaluation(double budget_seconds) {
  if (!evaluation_due_ && !run_->evaluating()) return;
  evaluation_due_ = false;
  // 1000 test and 1000 training images of a Fashion-MNIST CNN cost about 0.3 s: in one frame that was
  // a visible stall at every epoch's end.
  if (!run_->EvaluateInChunks(kEvaluatedRows, budget_seconds)) return;
  const ClassifyPoint& p = run_->history().back();
  accuracy_.push_back({p.step, run_->pass_train_accuracy(), p.test_accuracy});
}

void ClassifyView::Evaluate() {
  const ClassifyPoint& p = run_->Evaluate(kEvaluatedRows);
  accuracy_.push_back({p.step, ClassifyAccuracy(run_->network(), run_->data().train, kEvaluatedRows), p.test_accuracy});
}

void ClassifyView::Draw(const std::string& tab, float width, float height) {
  if (tab == "model") DrawModel();
  else if (tab == "errors") DrawErrors();
  else DrawTraining(width, height);
}

void ClassifyView::DrawTraining(float width, float height) {
  const ClassifyPoint& last = run_->history().back();
  const TaskData& data = run_->data();
  ImGui::Text("%s: %d train / %d test, %ld parameters", data.name.c_str(), int(data.train.labels.size()),
              int(data.test.labels.size()), run_->parameter_count());
  ImGui::Text("Epoch %.2f, step %ld", run_->epoch(), run_->step());
  ImGui::Text("Test accuracy %.1f%%, test loss %.4f", 100.0 * last.test_accuracy, last.test_loss);
  if (int(data.test.labels.size()) > kEvaluatedRows)
    ImGui::TextDisabled("(measured on the first %d test images while training)", kEvaluatedRows);
  // The loss plot reads the playground's metrics points: the mean training loss since the previous point.
  std::vector<MetricsPoint> history;
  for (const ClassifyPoint& p : run_->history()) {
    MetricsPoint m;
    m.step = p.step;
    m.epoch = p.epoch;
    m.train_loss = std::isfinite(p.train_loss) ? p.train_loss : p.test_loss;
    m.test_loss = p.test_loss;
    m.test_accuracy = p.test_accuracy;
    history.push_back(m);
  }
  if (run_->config().lesson.label_noise > 0.0f)
    ImGui::TextWrapped("%.0f%% of the training labels shuffled: the training accuracy is against those labels.",
                       100.0 * run_->config().lesson.label_noise);
  const float line = ImGui::GetFrameHeightWithSpacing();
  const float plot_height = std::max(120.0f, height - ImGui::GetCursorPosY() - ImGui::GetFontSize() - line);
  const float plot_width = std::max(200.0f, width - 2.0f * ImGui::GetStyle().WindowPadding.x);
  DrawLossCurves(history, plot_width, 0.55f * plot_height, show().log_scale);
  DrawAccuracyCurves(accuracy_, 1.0 / std::max(1, data.test.classes), plot_width, 0.45f * plot_height - line);
}

void ClassifyView::DrawModel() {
  ClassifyRun& run = *run_;
  const TaskData& data = run.data();
  Network& net = run.network();
  if (!data.images()) {
    ImGui::TextWrapped("Table rows (%d numbers each) have no filters or feature maps to show; the errors tab "
                       "shows what the model confuses.", data.inputs());
    return;
  }
  const int rows = int(data.test.labels.size());
  ImGui::SetNextItemWidth(ImGui::GetFontSize() * 8.0f);
  // The config's test_image (a link may name one past this set's end: the last is shown).
  int shown_image = std::clamp(show().test_image, 0, rows - 1);
  if (ValueSliderInt("test image", &shown_image, 0, rows - 1, "%d", ImGuiSliderFlags_AlwaysClamp))
    show().test_image = shown_image;
  const std::vector<float> p = run.Probabilities(shown_image);  // runs the image through the network
  // Everything below is sized from the pane (filters were 24 px and maps 32 px in any pane): the input
  // image, then for each convolution a row of filters and a row of maps sharing the height left.
  const ImVec2 avail = ImGui::GetContentRegionAvail();
  const std::vector<ConvolutionMaps> convolutions = ConvolutionsOf(net);
  const float text_rows = ImGui::GetTextLineHeightWithSpacing() * (2.0f + 2.0f * float(convolutions.size()));
  const float input_side = std::clamp(std::min(avail.x, avail.y) * 0.18f, 64.0f, 200.0f);
  const float per_conv = convolutions.empty() ? 0.0f
                         : std::max(60.0f, (avail.y - input_side - text_rows) / float(convolutions.size()));
  const Matrix image = data.test.features.row(shown_image);
  DrawImage(image.data(), data.train.image_width, data.train.image_height, 0.0f, 1.0f,
            std::max(2.0f, std::floor(input_side / float(data.train.image_width))));
  ImGui::SameLine();
  const int truth = data.test.labels[size_t(shown_image)];
  const int predicted = int(std::max_element(p.begin(), p.end()) - p.begin());
  ImGui::Text("class %d, predicted %d (p = %.2f)", truth, predicted, p.empty() ? 0.0f : p[size_t(predicted)]);
  // Each convolution: its filters (first input channel), then its feature maps for this image; a
  // residual block's maps are what it hands on, y = x + F(x) (conv/feature_maps.h).
  int conv_index = 0;
  for (const ConvolutionMaps& found : convolutions) {
    const Conv2d* conv = found.conv;
    ++conv_index;
    const ImageShape out = conv->output_shape();
    const int k = conv->kernel(), filters = out.channels;
    if (found.residual)
      ImGui::TextWrapped("Convolution %d, in a residual block: %d filters %dx%d (input channel 1), and the block's %d "
                         "feature maps %dx%d, y = x + F(x)", conv_index, filters, k, k, filters, out.height, out.width);
    else
      ImGui::TextWrapped("Convolution %d: %d filters %dx%d (input channel 1), and its %d feature maps %dx%d", conv_index,
                         filters, k, k, filters, out.height, out.width);
    const Matrix& w = conv->weights;
    const float bound = std::max(w.cwiseAbs().maxCoeff(), 1e-3f);
    Matrix filter(k, k);
    // Filters take 40% of the convolution's height, maps 60%, each row as wide as the pane allows.
    const float gap = 2.0f;
    const float filter_side = std::clamp(std::min((avail.x - gap * filters) / float(filters), 0.4f * per_conv), 24.0f, 96.0f);
    const float filter_cell = std::max(3.0f, std::floor(filter_side / float(k)));
    const int per_row = std::max(1, int(avail.x / (filter_cell * k + gap)));
    for (int o = 0; o < filters; ++o) {
      for (int u = 0; u < k * k; ++u) filter.data()[u] = w(u, o);  // channel 0's taps, row c k k + u k + v
      DrawImage(filter.data(), k, k, -bound, bound, filter_cell);
      if ((o + 1) % per_row != 0 && o + 1 < filters) ImGui::SameLine(0.0f, gap);
    }
    const Matrix& maps = *found.maps;
    const float high = std::max(maps.cwiseAbs().maxCoeff(), 1e-3f);
    const int side = std::max(out.height, out.width);
    const float map_side = std::clamp(std::min((avail.x - gap * filters) / float(filters), 0.6f * per_conv), 32.0f, 160.0f);
    const float cell = std::max(1.0f, std::floor(map_side / float(side)));
    const int maps_per_row = std::max(1, int(avail.x / (cell * side + gap)));
    ImGui::BeginGroup();
    for (int c = 0; c < filters; ++c) {
      DrawImage(maps.data() + size_t(c) * size_t(out.height * out.width), out.width, out.height, -high, high, cell);
      if ((c + 1) % maps_per_row != 0 && c + 1 < filters) ImGui::SameLine(0.0f, gap);
    }
    ImGui::EndGroup();
    // For the browser tests: "feature maps 2", or "residual feature maps 2" for a skip block's.
    NoteItemRect(((found.residual ? "residual feature maps " : "feature maps ") + std::to_string(conv_index)).c_str());
  }
  if (conv_index == 0) ImGui::TextWrapped("This network has no convolution: add one in the Network panel to see filters.");
}

void ClassifyView::DrawErrors() {
  const auto& confusion = run_->confusion();
  const TaskData& data = run_->data();
  ImGui::TextWrapped("Rows: the true class; columns: the predicted one; at the end, each class's accuracy. Click "
                     "a cell to see its test images.");
  // The config's errors_cell (a link may name a class this data lacks: then none is shown).
  int& cell_truth = show().cell_truth;
  int& cell_predicted = show().cell_predicted;
  DrawConfusionMatrix(confusion, data.test.class_names, cell_truth, cell_predicted);
  if (cell_truth < 0 || cell_truth >= int(confusion.size()) || cell_predicted < 0 ||
      cell_predicted >= int(confusion.size()))
    return;
  const std::vector<int>& rows = run_->CellRows(cell_truth, cell_predicted);
  ImGui::Text("%d test images of class %d predicted as %d%s", int(rows.size()), cell_truth, cell_predicted,
              rows.size() > 24 ? " (the first 24)" : "");
  for (size_t k = 0; k < std::min<size_t>(24, rows.size()); ++k) {
    const std::vector<float> p = run_->Probabilities(rows[k]);
    ImGui::BeginGroup();
    if (data.images()) {
      const Matrix image = data.test.features.row(rows[k]);
      DrawImage(image.data(), data.train.image_width, data.train.image_height, 0.0f, 1.0f,
                std::max(1.0f, 40.0f / float(data.train.image_width)));
    }
    ImGui::Text("p%d %.2f", cell_predicted, p.empty() ? 0.0f : p[size_t(cell_predicted)]);
    ImGui::Text("p%d %.2f", cell_truth, p.empty() ? 0.0f : p[size_t(cell_truth)]);
    ImGui::EndGroup();
    if ((k + 1) % 6 != 0) ImGui::SameLine();
  }
  ImGui::NewLine();
}

std::string ClassifyView::StatusJson() const {
  const ClassifyPoint& last = run_->history().empty() ? ClassifyPoint() : run_->history().back();
  std::string first;
  for (double loss : run_->first_batch_losses()) first += (first.empty() ? "" : ",") + JsonNumber(loss);
  return "{\"step\":" + std::to_string(run_->step()) + ",\"epoch\":" + JsonNumber(run_->epoch()) +
         ",\"parameters\":" + std::to_string(run_->parameter_count()) + ",\"train_loss\":" + JsonNumber(last.train_loss) +
         ",\"test_loss\":" + JsonNumber(last.test_loss) + ",\"test_accuracy\":" + JsonNumber(last.test_accuracy) +
         ",\"train_accuracy\":" + JsonNumber(accuracy_.empty() ? 0.0 : accuracy_.back().train) +
         ",\"first_losses\":[" + first + "],\"error\":" + JsonString(run_->error()) +
         ",\"diverged\":" + JsonString(run_->diverged()) + "}";
}

std::unique_ptr<TaskView> MakeClassifyView() { return std::make_unique<ClassifyView>(); }

}  // namespace netlab
