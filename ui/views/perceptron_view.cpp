// Perceptron view: the run's two units on the same points with the config's update mode and step, one by
// Rosenblatt's hard-threshold rule and one by the sigmoid unit's gradient rule (tasks/perceptron/), so a
// student sees the first stop (or cycle, on XOR) and the second keep sliding the line towards lower loss.
#include <algorithm>
#include <cmath>
#include <deque>
#include <memory>
#include <string>
#include <vector>

#include "core/json_text.h"
#include "imgui.h"
#include "widgets/lesson_plane.h"
#include "views/task_view.h"
#include "widgets/line_plot.h"
#include "tasks/perceptron/perceptron_run.h"
#include "nn/logistic.h"
#include "platform/ui_texture.h"
#include "widgets/plots.h"
#include "widgets/point_sprites.h"
#include "widgets/layout.h"

namespace netlab {
namespace {

constexpr float kExtent = 2.5f;  // the plane shown: the points live in [-2, 2]² (XOR's clouds a little wider)

// A unit's output over the plane as a texture, repainted when its weights change.
struct UnitPicture {
  std::unique_ptr<UiTexture> background;
  PerceptronWeights painted{};
  std::vector<ImU32> pixels;
};

class PerceptronView : public RunView<PerceptronRun> {
 public:
  void Attached() override {
    for (UnitPicture& p : pictures_) p = UnitPicture();
  }

  void Draw(const std::string&, float, float) override {
    ImGui::TextWrapped("Watch the line settle between the classes: the threshold unit stops at the first separating line, the sigmoid keeps moving towards a margin.");  // what to look for, first
    DrawDerivation("Rosenblatt's rule: o = [wᵀx + b > 0] and, on each mistake, w ← w + η (t − o) x, b ← b + η (t − o). On separable data it stops after at most (R/γ)² mistakes (Novikoff 1962: R the largest |x|, γ the best margin), on the first separating line it finds. The sigmoid unit o = σ(wᵀx + b) descends ½(t − o)²: w ← w + η (t − o) o (1 − o) x, and keeps moving while any point is near the line. On XOR no line exists, and neither settles.");
    const Config& config = run_->config();
    const Perceptron& first = run_->perceptron();
    const bool batch = config.lesson.perceptron_update == "batch";
    ImGui::TextWrapped("%d points (%s), %s updates, step %.3g: epoch %d, %ld updates",
                       int(run_->points().targets.size()), config.data.kind.c_str(), batch ? "batch" : "incremental",
                       config.optimizer.learning_rate, first.epochs(), first.steps());
    const float width = ImGui::GetContentRegionAvail().x, gap = ImGui::GetStyle().ItemSpacing.x;
    const bool side_by_side = width >= 2.0f * 220.0f + gap;
    // The two planes take the width and 60% of the height left (a 320-px cap left a 4K pane empty); the
    // error curves the rest.
    const float by_height = (ImGui::GetContentRegionAvail().y - 4.0f * ImGui::GetTextLineHeightWithSpacing()) * 0.6f;
    const float side = std::max(160.0f, std::floor(std::min(side_by_side ? (width - gap) / 2.0f : width, by_height)));
    const char* titles[2] = {"Threshold unit, Rosenblatt's rule", "Sigmoid unit, gradient of the squared loss"};
    for (int u = 0; u < PerceptronRun::kRules; ++u) {
      if (u == 1 && side_by_side) ImGui::SameLine();
      ImGui::BeginGroup();
      ImGui::PushTextWrapPos(ImGui::GetCursorPosX() + side);
      ImGui::TextWrapped("%s", titles[u]);
      ImGui::PopTextWrapPos();
      DrawUnit(u, side);
      const Perceptron& p = run_->unit(u);
      ImGui::Text("%d misclassified, E = %.3f", p.Errors(), p.SquaredLoss());
      const PerceptronWeights& w = p.weights();
      ImGui::Text("w = (%.2f, %.2f), b = %.2f", w.w1, w.w2, w.b);
      ImGui::EndGroup();
    }
    const float plot_width = std::min(width, 2.0f * side + gap);
    DrawErrorCurves(plot_width, LinePlotHeight(plot_width));
    ImGui::TextWrapped(
        "Rosenblatt: w ← w + η (t − o) x on each mistake; it stops once every point is right, and on XOR "
        "it never does. Sigmoid: w ← w + η Σ (t − o) o (1 − o) x, the squared loss's downhill direction, "
        "which keeps moving while any output is short of its target. The config's rule (%s) is the one "
        "headless prints.",
        config.lesson.perceptron_rule.c_str());
  }

  std::string StatusJson() const override {
    const Perceptron& a = run_->unit(0);
    const Perceptron& b = run_->unit(1);
    return "{\"epoch\":" + std::to_string(a.epochs()) + ",\"steps\":" + std::to_string(a.steps()) +
           ",\"rosenblatt_errors\":" + std::to_string(a.Errors()) + ",\"sigmoid_errors\":" + std::to_string(b.Errors()) +
           ",\"sigmoid_loss\":" + JsonNumber(b.SquaredLoss()) + "}";
  }

 private:
  // The points (orange: class 0, blue: class 1; misclassified ones ringed in red), the unit's output as
  // the background, the line w·x + b = 0 now (black) and over the last updates (grey, fading).
  void DrawUnit(int rule, float side) {
    const bool sigmoid = rule == 1;
    UnitPicture& unit = pictures_[rule];
    const Perceptron& p = run_->unit(rule);
    const PerceptronPoints& points = run_->points();
    const LessonPlane plane = BeginLessonPlane(side, kExtent);
    ImDrawList* draw = ImGui::GetWindowDrawList();
    constexpr int kCells = 30;
    const PerceptronWeights& w = p.weights();
    if (!unit.background || !(w == unit.painted)) {
      if (!unit.background) unit.background = std::make_unique<UiTexture>();
      unit.painted = w;
      unit.pixels.resize(size_t(kCells) * kCells);
      for (int i = 0; i < kCells; ++i)
        for (int j = 0; j < kCells; ++j) {
          const double x = -kExtent + 2.0 * kExtent * (j + 0.5) / kCells, y = kExtent - 2.0 * kExtent * (i + 0.5) / kCells;
          const float out = sigmoid ? float(SigmoidUnit(w, x, y)) : float(ThresholdUnit(w, x, y));
          unit.pixels[size_t(i * kCells + j)] = DivergingColor(out, 0.6f);
        }
      unit.background->Update(kCells, kCells, unit.pixels, false);
    }
    draw->AddImage(unit.background->id(), plane.origin, ImVec2(plane.origin.x + side, plane.origin.y + side));
    const std::deque<PerceptronWeights>& trail = run_->trail(rule);
    for (size_t k = 0; k < trail.size(); ++k) {
      const int alpha = int(40 + 140 * (k + 1) / trail.size());
      DrawLine(plane, trail[k], IM_COL32(90, 90, 90, alpha), 1.0f);
    }
    DrawLine(plane, p.weights(), IM_COL32(0, 0, 0, 255), 2.5f);
    for (int i = 0; i < points.points.rows(); ++i) {
      const ImVec2 at = plane.ToScreen(points.points(i, 0), points.points(i, 1));
      const int t = points.targets[size_t(i)];
      dots_.DrawDot(draw, at, 4.0f, t ? IM_COL32(8, 119, 189, 255) : IM_COL32(245, 147, 34, 255));
      if (ThresholdUnit(p.weights(), points.points(i, 0), points.points(i, 1)) != t)
        draw->AddCircle(at, 6.5f, IM_COL32(200, 20, 20, 255), 0, 2.0f);
    }
    EndLessonPlane(plane);
  }

  // The line w1 x + w2 y + b = 0 across the plane (nothing while w = 0: every point is on one side).
  static void DrawLine(const LessonPlane& plane, const PerceptronWeights& w, ImU32 colour, float thickness) {
    const double e = 2.0 * kExtent;
    ImVec2 a, b;
    if (std::abs(w.w2) >= std::abs(w.w1)) {
      if (w.w2 == 0.0) return;
      a = plane.ToScreen(-e, -(w.w1 * -e + w.b) / w.w2);
      b = plane.ToScreen(e, -(w.w1 * e + w.b) / w.w2);
    } else {
      a = plane.ToScreen(-(w.w2 * -e + w.b) / w.w1, -e);
      b = plane.ToScreen(-(w.w2 * e + w.b) / w.w1, e);
    }
    ImGui::GetWindowDrawList()->AddLine(a, b, colour, thickness);
  }

  // Misclassified points after each epoch, both rules in one plot.
  void DrawErrorCurves(float width, float height) {
    LinePlot plot;
    plot.y_low = 0.0f, plot.y_high = float(run_->points().targets.size());
    plot.y_label = "misclassified points";
    plot.x_label = "epoch";
    plot.series = {{"Rosenblatt", &run_->errors_per_epoch(0), nullptr, IM_COL32(0, 0, 0, 255), 1.5f},
                   {"sigmoid", &run_->errors_per_epoch(1), nullptr, IM_COL32(8, 119, 189, 255), 1.5f}};
    DrawLinePlot(plot, width, height);
  }

  UnitPicture pictures_[PerceptronRun::kRules];
  PointSprites dots_;
};

}  // namespace

std::unique_ptr<TaskView> MakePerceptronView() { return std::make_unique<PerceptronView>(); }

}  // namespace netlab
