// Flow view: a normalizing flow fitted live to a 2-D target, three pictures of one model. The learned
// density p(x) = N(f(x); 0, I) |det ∂f/∂x| over the plane; samples f⁻¹(z), z ~ N(0, I), beside the
// target's own; and the grid of the base space carried into the data space by f⁻¹, which shows how the
// flow bends and stretches a Gaussian into the target. Below: the held-out log-likelihood against the
// best single Gaussian's.
#include <algorithm>
#include <cmath>
#include <memory>
#include <string>
#include <vector>

#include "core/clock.h"
#include "core/json_text.h"
#include "imgui.h"
#include "tasks/flow/flow_run.h"
#include "widgets/lesson_plane.h"
#include "views/task_view.h"
#include "widgets/line_plot.h"
#include "platform/ui_texture.h"
#include "widgets/plots.h"
#include "widgets/point_sprites.h"
#include "widgets/layout.h"

namespace netlab {
namespace {

constexpr float kExtent = 3.0f;  // the plane shown: every target lies within [-3, 3]²
constexpr int kCells = 48;                   // the density picture's grid
constexpr int kLines = 9, kSegments = 80;  // the warped grid: lines per direction, points per line

class FlowView : public RunView<FlowRun> {
 public:
  void Attached() override {
    history_.clear();
    pictured_steps_ = -1;
    next_part_ = -1;
    if (run_->error().empty()) Measure();
  }

  // The held-out log-likelihood every 100 updates (at most once a frame).
  void AfterSteps(long steps, double, bool at_once) override {
    if (!run_->error().empty()) return;
    if ((steps > 0 && run_->updates() / 100 != measured_block_) || at_once) {
      measured_block_ = run_->updates() / 100;
      Measure();
    }
  }


  void Draw(const std::string&, float, float) override {
    ImGui::TextWrapped("Watch the density bend from one Gaussian blob into the target's shape, and the base grid fold to carry it there.");  // what to look for, first
    DrawDerivation("x = f(z), z ~ N(0, I): log p(x) = log N(f⁻¹(x); 0, I) + log |det ∂f⁻¹/∂x|, exact, and maximized directly. A coupling layer splits x = (x₁, x₂) and keeps x₁: y₂ = x₂ ⊙ exp(s(x₁)) + t(x₁) (RealNVP, Dinh et al. 2017; NICE has s = 0), so log |det| = Σ s(x₁). A planar layer f(z) = z + u h(wᵀz + b) has det = 1 + uᵀh′(wᵀz + b) w (Rezende & Mohamed 2015).");
    if (!run_->error().empty()) {
      ImGui::TextWrapped("The flow cannot train: %s", run_->error().c_str());
      return;
    }
    const FlowSettings s = FlowSettingsOf(config_);
    ImGui::TextWrapped("%d %s layers on '%s', %ld steps", s.layers, s.kind.c_str(), s.target.c_str(),
                       run_->trainer().steps());
    ImGui::TextWrapped("Held-out log-likelihood %.3f nats (best Gaussian %.3f)", log_likelihood_,
                       run_->gaussian_log_likelihood());
    if (!run_->diverged().empty()) ImGui::TextColored(ImVec4(0.85f, 0.3f, 0.1f, 1), "%s", run_->diverged().c_str());
    const float width = ImGui::GetContentRegionAvail().x, gap = ImGui::GetStyle().ItemSpacing.x;
    const int per_row = width >= 3.0f * 200.0f + 2.0f * gap ? 3 : (width >= 2.0f * 160.0f + gap ? 2 : 1);
    // The planes share the width and leave the likelihood plot and a title line their height (a 300-px
    // cap left 80% of a 4K pane empty).
    const float lines = 2.0f * ImGui::GetTextLineHeightWithSpacing();
    const float by_height = (ImGui::GetContentRegionAvail().y - lines * 2.0f) * (per_row == 1 ? 0.5f : 0.62f);
    const float side = std::max(160.0f, std::floor(std::min((width - gap * float(per_row - 1)) / float(per_row), by_height)));
    Refresh();
    const char* titles[3] = {"Learned density p(x)", "Samples (blue) and target (grey)", "Base grid carried by the flow"};
    for (int k = 0; k < 3; ++k) {
      if (k % per_row != 0) ImGui::SameLine();
      ImGui::BeginGroup();
      ImGui::PushTextWrapPos(ImGui::GetCursorPosX() + side);
      ImGui::TextWrapped("%s", titles[k]);
      ImGui::PopTextWrapPos();
      const LessonPlane plane = BeginLessonPlane(side, kExtent);
      if (k == 0) DrawDensity(plane);
      if (k == 1) DrawSamples(plane);
      if (k == 2) DrawWarpedGrid(plane);
      EndLessonPlane(plane);
      ImGui::EndGroup();
    }
    const float plot_width = std::min(width, float(per_row) * (side + gap));
    DrawLikelihoodCurve(plot_width, LinePlotHeight(plot_width));
  }

  std::string StatusJson() const override {
    if (!run_) return "{}";
    return "{\"steps\":" + std::to_string(run_->trainer().steps()) + ",\"log_likelihood\":" +
           JsonNumber(log_likelihood_) + ",\"gaussian_log_likelihood\":" + JsonNumber(run_->gaussian_log_likelihood()) +
           ",\"error\":" + JsonString(run_->error()) + "}";
  }

 private:
  void Measure() {
    log_likelihood_ = run_->HeldOutLogLikelihood();
    history_.push_back({double(run_->trainer().steps()), log_likelihood_});
    if (history_.size() > 500) history_.erase(history_.begin());
  }

  // The three pictures' numbers, redone while training at most four times a second and at most a fifth of
  // the time, 2 ms of a frame at a time: inverting a planar flow takes a bisection per layer, and all
  // the points at once held a frame for 20 ms. Meanwhile the last complete set is drawn.
  static constexpr double kRefreshSecondsPerFrame = 0.002;
  static constexpr int kSampleChunks = 5, kSamplesPerChunk = 100;
  static constexpr int kRefreshParts = kCells + kSampleChunks + 2 * kLines;  // density rows, samples, lines

  void Refresh() {
    const long steps = run_->trainer().steps();
    if (next_part_ < 0) {
      if (steps == pictured_steps_ || (pictured_steps_ >= 0 && NowSeconds() < next_picture_at_)) return;
      next_part_ = 0;
      refresh_steps_ = steps;
      refresh_seconds_ = 0.0;
      sample_rng_ = Rng(4321);  // the same base draws every time, so the samples move with the weights only
      new_density_.resize(kCells * kCells);
      new_samples_.resize(kSampleChunks * kSamplesPerChunk);
      new_grid_.assign(2 * kLines, std::vector<Point2>(kSegments + 1));
    }
    const double start = NowSeconds();
    const Flow& flow = run_->trainer().flow();
    do {
      RefreshPart(flow, next_part_++);
    } while (next_part_ < kRefreshParts && NowSeconds() - start < kRefreshSecondsPerFrame);
    refresh_seconds_ += NowSeconds() - start;
    if (next_part_ < kRefreshParts) return;
    next_part_ = -1;
    pictured_steps_ = refresh_steps_;
    density_.swap(new_density_);
    samples_.swap(new_samples_);
    grid_.swap(new_grid_);
    PaintDensity();
    next_picture_at_ = NowSeconds() + std::max(0.25, 4.0 * refresh_seconds_);
  }

  // One row of the density grid, a hundred samples f⁻¹(z), or one line of the base grid (z1 = const or
  // z2 = const over [-2, 2]) mapped point by point by the flow's inverse (the sampling direction).
  void RefreshPart(const Flow& flow, int part) {
    if (part < kCells) {
      const int i = part;
      for (int j = 0; j < kCells; ++j) {
        const double x = -kExtent + 2.0 * kExtent * (j + 0.5) / kCells, y = kExtent - 2.0 * kExtent * (i + 0.5) / kCells;
        const double p = std::exp(flow.LogDensity({x, y}));
        new_density_[size_t(i * kCells + j)] = std::isfinite(p) ? p : 0.0;
      }
      return;
    }
    part -= kCells;
    if (part < kSampleChunks) {
      for (int k = 0; k < kSamplesPerChunk; ++k) new_samples_[size_t(part * kSamplesPerChunk + k)] = flow.Sample(sample_rng_);
      return;
    }
    part -= kSampleChunks;
    const int direction = part / kLines, l = part % kLines;
    const double fixed = -2.0 + 4.0 * l / (kLines - 1);
    for (int k = 0; k <= kSegments; ++k) {
      const double moving = -2.0 + 4.0 * k / kSegments;
      new_grid_[size_t(part)][size_t(k)] = flow.FromBase(direction == 0 ? Point2{fixed, moving} : Point2{moving, fixed});
    }
  }

  // exp(log p) on the grid, shaded from white (0) to dark blue (the grid's largest density): one texture,
  // painted when the pictures are redone.
  void PaintDensity() {
    double top = 1e-12;
    for (double p : density_) top = std::max(top, p);
    density_pixels_.resize(density_.size());
    for (size_t k = 0; k < density_.size(); ++k) {
      const float t = float(std::sqrt(density_[k] / top));  // √ so the tails show
      density_pixels_[k] = IM_COL32(int(255 - 247 * t), int(255 - 136 * t), int(255 - 66 * t), 255);
    }
    density_texture_.Update(kCells, kCells, density_pixels_, false);
  }

  void DrawDensity(const LessonPlane& plane) {
    if (density_texture_.empty()) return;
    ImGui::GetWindowDrawList()->AddImage(density_texture_.id(), plane.origin,
                                         ImVec2(plane.origin.x + plane.side, plane.origin.y + plane.side));
  }

  void DrawSamples(const LessonPlane& plane) {
    ImDrawList* draw = ImGui::GetWindowDrawList();
    const std::vector<Point2>& target = run_->held_out();
    for (size_t i = 0; i < std::min<size_t>(500, target.size()); ++i)
      dots_.DrawDot(draw, plane.ToScreen(target[i].x, target[i].y), 1.6f, IM_COL32(150, 150, 150, 255));
    for (const Point2& x : samples_) dots_.DrawDot(draw, plane.ToScreen(x.x, x.y), 1.6f, IM_COL32(8, 119, 189, 255));
  }

  // Orange: the images of the lines z1 = const; blue: of z2 = const. Each line is drawn as polylines
  // through its finite points.
  void DrawWarpedGrid(const LessonPlane& plane) {
    ImDrawList* draw = ImGui::GetWindowDrawList();
    for (size_t l = 0; l < grid_.size(); ++l) {
      const ImU32 colour = l < size_t(kLines) ? IM_COL32(200, 90, 20, 200) : IM_COL32(8, 119, 189, 200);
      line_points_.clear();
      for (size_t k = 0; k <= grid_[l].size(); ++k) {
        const ImVec2 a = k < grid_[l].size() ? plane.ToScreen(grid_[l][k].x, grid_[l][k].y) : ImVec2(NAN, NAN);
        if (std::isfinite(a.x) && std::isfinite(a.y)) {
          line_points_.push_back(a);
          continue;
        }
        if (line_points_.size() >= 2) draw->AddPolyline(line_points_.data(), int(line_points_.size()), colour, 0, 1.0f);
        line_points_.clear();
      }
    }
  }

  // Held-out log-likelihood against steps, and the fitted Gaussian's as a level.
  void DrawLikelihoodCurve(float width, float height) {
    steps_.clear(), likelihoods_.clear();
    for (const auto& h : history_) steps_.push_back(float(h.first)), likelihoods_.push_back(float(h.second));
    LinePlot plot;
    plot.y_label = "held-out log-likelihood, nats";
    plot.x_label = "step";
    plot.y_span_max = 10.0f;  // the first steps' very low values would flatten the rest
    plot.series = {{"flow", &likelihoods_, &steps_}};
    plot.levels = {{"best Gaussian", float(run_->gaussian_log_likelihood())}};
    DrawLinePlot(plot, width, height);
  }
  std::vector<float> steps_, likelihoods_;  // history_ as the plot reads it

  long measured_block_ = -1;  // updates / 100 when the likelihood was last measured
  Config config_;
  std::vector<std::pair<double, double>> history_;  // (steps, held-out log-likelihood)
  long pictured_steps_ = -1;  // the steps the pictures below were computed at (-1: not yet)
  double next_picture_at_ = 0.0;
  // A refresh under way: its next part (-1: none), the steps it began at, the time it has taken, and the
  // pictures it is making.
  int next_part_ = -1;
  long refresh_steps_ = 0;
  double refresh_seconds_ = 0.0;
  Rng sample_rng_;
  std::vector<double> new_density_;
  std::vector<Point2> new_samples_;
  std::vector<std::vector<Point2>> new_grid_;
  std::vector<double> density_;               // kCells x kCells, row-major from the top-left
  std::vector<Point2> samples_;               // f⁻¹(z) of 500 fixed base draws
  std::vector<std::vector<Point2>> grid_;     // the base grid's lines in the data space
  std::vector<ImU32> density_pixels_;
  UiTexture density_texture_;
  PointSprites dots_;
  std::vector<ImVec2> line_points_;
  double log_likelihood_ = 0.0;
};

}  // namespace

std::unique_ptr<TaskView> MakeFlowView() { return std::make_unique<FlowView>(); }

}  // namespace netlab
