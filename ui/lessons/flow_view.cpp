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
#include "lessons/flow_run.h"
#include "lessons/lesson_plane.h"
#include "lessons/lesson_views.h"
#include "widgets/plots.h"

namespace netlab {
namespace {

constexpr float kExtent = 3.0f;  // the plane shown: every target lies within [-3, 3]²
constexpr int kCells = 48;                   // the density picture's grid
constexpr int kLines = 9, kSegments = 80;  // the warped grid: lines per direction, points per line

class FlowView : public ModelView {
 public:
  const char* Name() const override { return "Flow"; }

  void Configure(const Config& config) override { config_ = config; }

  void Reset(const ModelsData&, Rng&) override {
    run_ = std::make_unique<FlowRun>(config_);
    history_.clear();
    pictured_steps_ = -1;
    if (run_->error().empty()) Measure();
  }

  void Train(const ModelsData&, Rng&, double budget) override {
    if (!run_->error().empty()) return;
    const double start = NowSeconds();
    do {
      run_->Step();
      if (run_->updates() % 100 == 0) Measure();
    } while (NowSeconds() - start < budget && run_->diverged().empty());
  }

  void Draw(const ModelsData& data, Rng& rng) override {
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
    if (ImGui::Button("Reset flow")) Reset(data, rng);
    const float width = ImGui::GetContentRegionAvail().x, gap = ImGui::GetStyle().ItemSpacing.x;
    const int per_row = width >= 3.0f * 200.0f + 2.0f * gap ? 3 : (width >= 2.0f * 160.0f + gap ? 2 : 1);
    const float side = std::min(300.0f, (width - gap * float(per_row - 1)) / float(per_row));
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
    DrawLikelihoodCurve(std::min(width, float(per_row) * (side + gap)), ImGui::GetFontSize() * 7.0f);
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
  // the time: inverting a planar flow takes a bisection per layer, too slow for every point every frame.
  void Refresh() {
    const long steps = run_->trainer().steps();
    if (steps == pictured_steps_ || (pictured_steps_ >= 0 && NowSeconds() < next_picture_at_)) return;
    pictured_steps_ = steps;
    const double start = NowSeconds();
    const Flow& flow = run_->trainer().flow();
    density_.resize(kCells * kCells);
    for (int i = 0; i < kCells; ++i)
      for (int j = 0; j < kCells; ++j) {
        const double x = -kExtent + 2.0 * kExtent * (j + 0.5) / kCells, y = kExtent - 2.0 * kExtent * (i + 0.5) / kCells;
        const double p = std::exp(flow.LogDensity({x, y}));
        density_[size_t(i * kCells + j)] = std::isfinite(p) ? p : 0.0;
      }
    Rng rng(4321);  // the same base draws every time, so the samples move with the weights only
    samples_.resize(500);
    for (Point2& x : samples_) x = flow.Sample(rng);
    // Lines z1 = const and z2 = const of the base space over [-2, 2], each mapped point by point by the
    // flow's inverse (the sampling direction).
    grid_.assign(2 * kLines, std::vector<Point2>(kSegments + 1));
    for (int direction = 0; direction < 2; ++direction)
      for (int l = 0; l < kLines; ++l) {
        const double fixed = -2.0 + 4.0 * l / (kLines - 1);
        for (int k = 0; k <= kSegments; ++k) {
          const double moving = -2.0 + 4.0 * k / kSegments;
          grid_[size_t(direction * kLines + l)][size_t(k)] =
              flow.FromBase(direction == 0 ? Point2{fixed, moving} : Point2{moving, fixed});
        }
      }
    const double took = NowSeconds() - start;
    next_picture_at_ = start + std::max(0.25, 5.0 * took);
  }

  // exp(log p) on the grid, shaded from white (0) to dark blue (the grid's largest density).
  void DrawDensity(const LessonPlane& plane) {
    const float cell = plane.side / kCells;
    double top = 1e-12;
    for (double p : density_) top = std::max(top, p);
    ImDrawList* draw = ImGui::GetWindowDrawList();
    for (int i = 0; i < kCells; ++i)
      for (int j = 0; j < kCells; ++j) {
        const float t = float(std::sqrt(density_[size_t(i * kCells + j)] / top));  // √ so the tails show
        const ImVec2 a(plane.origin.x + j * cell, plane.origin.y + i * cell);
        draw->AddRectFilled(a, ImVec2(a.x + cell + 0.5f, a.y + cell + 0.5f),
                            IM_COL32(int(255 - 247 * t), int(255 - 136 * t), int(255 - 66 * t), 255));
      }
  }

  void DrawSamples(const LessonPlane& plane) {
    ImDrawList* draw = ImGui::GetWindowDrawList();
    const std::vector<Point2>& target = run_->held_out();
    for (size_t i = 0; i < std::min<size_t>(500, target.size()); ++i)
      draw->AddCircleFilled(plane.ToScreen(target[i].x, target[i].y), 1.6f, IM_COL32(150, 150, 150, 255));
    for (const Point2& x : samples_)
      draw->AddCircleFilled(plane.ToScreen(x.x, x.y), 1.6f, IM_COL32(8, 119, 189, 255));
  }

  // Orange: the images of the lines z1 = const; blue: of z2 = const.
  void DrawWarpedGrid(const LessonPlane& plane) {
    ImDrawList* draw = ImGui::GetWindowDrawList();
    for (size_t l = 0; l < grid_.size(); ++l) {
      const ImU32 colour = l < size_t(kLines) ? IM_COL32(200, 90, 20, 200) : IM_COL32(8, 119, 189, 200);
      for (size_t k = 1; k < grid_[l].size(); ++k) {
        const ImVec2 a = plane.ToScreen(grid_[l][k - 1].x, grid_[l][k - 1].y), b = plane.ToScreen(grid_[l][k].x, grid_[l][k].y);
        if (std::isfinite(a.x) && std::isfinite(a.y) && std::isfinite(b.x) && std::isfinite(b.y))
          draw->AddLine(a, b, colour, 1.0f);
      }
    }
  }

  // Held-out log-likelihood against steps (blue) and the fitted Gaussian's (grey, flat).
  void DrawLikelihoodCurve(float width, float height) {
    ImGui::TextWrapped("Held-out log-likelihood (blue) and the best Gaussian's (grey)");
    const ImVec2 origin = DrawPlotFrame(width, height);
    if (history_.size() < 2) return;
    double low = run_->gaussian_log_likelihood(), high = low;
    for (const auto& h : history_)
      if (std::isfinite(h.second)) {
        low = std::min(low, h.second);
        high = std::max(high, h.second);
      }
    low = std::max(low, high - 10.0);  // the first steps' very low values would flatten the rest
    const double span = std::max(1e-6, high - low);
    const double last_step = std::max(1.0, history_.back().first);
    auto y = [&](double v) { return origin.y + height - float((std::clamp(v, low, high) - low) / span) * height; };
    ImDrawList* draw = ImGui::GetWindowDrawList();
    draw->AddLine(ImVec2(origin.x, y(run_->gaussian_log_likelihood())),
                  ImVec2(origin.x + width, y(run_->gaussian_log_likelihood())), IM_COL32(150, 150, 150, 255), 1.0f);
    for (size_t k = 1; k < history_.size(); ++k)
      draw->AddLine(ImVec2(origin.x + width * float(history_[k - 1].first / last_step), y(history_[k - 1].second)),
                    ImVec2(origin.x + width * float(history_[k].first / last_step), y(history_[k].second)),
                    IM_COL32(8, 119, 189, 255), 1.5f);
  }

  Config config_;
  std::unique_ptr<FlowRun> run_;
  std::vector<std::pair<double, double>> history_;  // (steps, held-out log-likelihood)
  long pictured_steps_ = -1;  // the steps the pictures below were computed at (-1: not yet)
  double next_picture_at_ = 0.0;
  std::vector<double> density_;               // kCells x kCells, row-major from the top-left
  std::vector<Point2> samples_;               // f⁻¹(z) of 500 fixed base draws
  std::vector<std::vector<Point2>> grid_;     // the base grid's lines in the data space
  double log_likelihood_ = 0.0;
};

}  // namespace

std::unique_ptr<ModelView> MakeFlowView() { return std::make_unique<FlowView>(); }

}  // namespace netlab
