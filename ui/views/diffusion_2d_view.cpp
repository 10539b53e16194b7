// Diffusion view (tasks/diffusion_2d/; Ho et al. 2020): the forward process, the learned reverse one and
// what it makes. "forward": the held-out points noised to a chosen step t, x_t ~ N(√ᾱ_t x₀, (1 − ᾱ_t) I),
// beside the data, and the schedule's signal and noise scales over t. "reverse": a few samples' paths from
// x_T ~ N(0, I) to x₀ over the target's points. "density": a histogram of many samples beside the
// target's, their MMD², and L_simple over the steps. "compare" (diffusion_compare): the diffusion's samples
// beside those of a coupling flow and a GAN trained by the same run on the same target, with their MMD².
#include <algorithm>
#include <cmath>
#include <cstdio>
#include <memory>
#include <string>
#include <vector>

#include "core/clock.h"
#include "core/json_text.h"
#include "imgui.h"
#include "platform/ui_texture.h"
#include "tasks/diffusion_2d/diffusion_2d_run.h"
#include "views/task_view.h"
#include "widgets/layout.h"
#include "widgets/lesson_plane.h"
#include "widgets/line_plot.h"
#include "widgets/point_sprites.h"
#include "widgets/value_slider.h"

namespace netlab {
namespace {

constexpr float kExtent = 3.0f;  // the plane shown: every target lies within [-3, 3]²
constexpr int kShown = 1000;     // held-out points drawn, and the samples the view's own chain carries
constexpr int kPaths = 5;        // samples whose way back the reverse tab draws
constexpr int kSnapshots = 5;    // steps at which the reverse tab shows every chain point
constexpr int kMmdPoints = Diffusion2dRun::kSamplePoints;  // of the chain's samples, as the report measures
constexpr int kCells = 40;       // the density histograms' grid
const ImU32 kGrey = IM_COL32(150, 150, 150, 255), kBlue = IM_COL32(8, 119, 189, 255);

class Diffusion2dView : public RunView<Diffusion2dRun> {
 public:
  void Attached() override {
    chain_t_ = -1;
    pictured_steps_ = -1;
    next_picture_at_ = 0.0;
    samples_.resize(0, 2);
    flow_samples_.resize(0, 2);
    gan_samples_.resize(0, 2);
    compare_mmd_[0] = compare_mmd_[1] = compare_mmd_[2] = 0.0;
    paths_.clear();
    snapshots_.clear();
    history_steps_.clear(), history_loss_.clear();
    if (!run_->error().empty()) return;
    Rng rng(2718);  // the forward tab's ε, one per shown point, fixed so only t moves the picture
    forward_eps_.resize(kShown, 2);
    for (Eigen::Index i = 0; i < forward_eps_.size(); ++i) forward_eps_.data()[i] = rng.Normal();
    const std::vector<Point2>& held = run_->held_out();
    data_points_.resize(kShown, 2);
    for (int i = 0; i < kShown; ++i) data_points_(i, 0) = float(held[size_t(i)].x), data_points_(i, 1) = float(held[size_t(i)].y);
    PaintHistogram(data_points_, target_texture_);
  }

  // L_simple of the last batch, every 10 updates (its curve on the density tab).
  void AfterSteps(long steps, double, bool) override {
    if (steps <= 0 || !run_->error().empty() || run_->updates() / 10 == recorded_block_) return;
    recorded_block_ = run_->updates() / 10;
    history_steps_.push_back(float(run_->updates()));
    history_loss_.push_back(float(run_->last_loss()));
    if (history_loss_.size() > 2000) {
      history_steps_.erase(history_steps_.begin());
      history_loss_.erase(history_loss_.begin());
    }
  }

  bool measuring() const override { return chain_t_ >= 0; }

  void Draw(const std::string& tab, float, float) override {
    if (tab == "forward") {
      ImGui::TextWrapped("Slide t: the moons blur into one round Gaussian blob; ᾱ_t says how much of x₀ is left.");
      DrawDerivation("Forward process (Ho et al. 2020, eq. 2 and 4): q(x_t | x_{t−1}) = N(√(1 − β_t) x_{t−1}, β_t I), so after t steps q(x_t | x₀) = N(√ᾱ_t x₀, (1 − ᾱ_t) I) with ᾱ_t = Π_{s≤t} (1 − β_s): x_t = √ᾱ_t x₀ + √(1 − ᾱ_t) ε, ε ~ N(0, I), in one draw. Linear schedule: β_t from 0.1/T to 20/T (Ho et al.'s 1e-4 to 0.02 at T = 1000); cosine: ᾱ_t = cos²((t/T + s)/(1 + s) · π/2) / cos²(s/(1 + s) · π/2), s = 0.008 (Nichol & Dhariwal 2021). With ᾱ_T ≈ 0, x_T is N(0, I) whatever the data.");
    } else if (tab == "reverse") {
      ImGui::TextWrapped("Follow a path from noise (orange end) to its sample (blue dot): it wanders while t is large and settles onto the target in the last steps.");
      DrawDerivation("Reverse process (Ho et al. 2020, Algorithm 2): x_T ~ N(0, I); for t = T, ..., 1: x_{t−1} = 1/√α_t · (x_t − β_t/√(1 − ᾱ_t) · ε_θ(x_t, t)) + σ_t z, z ~ N(0, I) (z = 0 at t = 1), σ_t² = β_t. The network ε_θ is trained on L_simple = E ‖ε − ε_θ(√ᾱ_t x₀ + √(1 − ᾱ_t) ε, t)‖² (eq. 14), t ~ U{1..T}; its input is x_t beside a sinusoidal embedding of t (sin and cos of t · 10000^(−k/8), k = 0..7; Vaswani et al. 2017). −ε_θ/√(1 − ᾱ_t) estimates the score ∇ log q(x_t), so each step moves up the density of x_{t−1}.");
    } else if (tab == "compare") {
      ImGui::TextWrapped("Three models, one target: see which spreads its samples over the whole target, which leaves gaps or bridges between its parts, and whose MMD² falls first.");
      DrawDerivation("Diffusion (Ho et al. 2020): noise the data in T steps, learn ε_θ(x_t, t) by L_simple, sample by walking back from N(0, I). Flow (RealNVP, Dinh et al. 2017): an invertible x = f(z), trained by exact log-likelihood log N(f⁻¹(x); 0, I) + log |det ∂f⁻¹/∂x|; one smooth map must tear a Gaussian apart, so it leaves thin bridges between the target's parts. GAN (Goodfellow et al. 2014): a generator G(z) against a discriminator D, no likelihood at all; it may drop parts of the target (mode collapse). Each takes one update per step here (diffusion_compare). MMD² (Gretton et al. 2012) scores the three against the same held-out points with the same kernel.");
    } else {
      ImGui::TextWrapped("Compare the two histograms: the samples' should grow the target's shape, and MMD² fall towards 0.");
      DrawDerivation("MMD²(P, Q) = E k(x, x′) + E k(y, y′) − 2 E k(x, y) (Gretton et al. 2012), x ~ the model's samples, y ~ held-out target points, k the mean of Gaussian kernels of widths h, h/2, h/4, h the target points' median distance; 0 exactly when the distributions agree, and its unbiased estimate can dip a little below 0. L_simple (Ho et al. eq. 14) cannot reach 0: at each t, E[ε | x_t] leaves the noise that x_t does not reveal.");
    }
    if (!run_->error().empty()) {
      ImGui::TextWrapped("The diffusion model cannot train: %s", run_->error().c_str());
      return;
    }
    if (!run_->diverged().empty()) ImGui::TextColored(ImVec4(0.85f, 0.3f, 0.1f, 1), "%s", run_->diverged().c_str());
    AdvanceChain();
    if (tab == "forward") DrawForward();
    else if (tab == "reverse") DrawReverse();
    else if (tab == "compare") DrawCompare();
    else DrawDensity();
  }

  std::string StatusJson() const override {
    if (!run_) return "{}";
    return "{\"steps\":" + std::to_string(run_->updates()) + ",\"loss\":" + JsonNumber(run_->last_loss()) +
           ",\"pictured_steps\":" + std::to_string(pictured_steps_) + ",\"mmd2\":" + JsonNumber(mmd_) +
           ",\"error\":" + JsonString(run_->error()) + "}";
  }

 private:
  // Planes side by side when the width allows, each as large as the height leaves room for a plot.
  // `plot_below`: a plot shares the height with the planes (the compare tab has none).
  float PlaneSide(int planes, int& per_row, bool plot_below = true) const {
    const float width = ImGui::GetContentRegionAvail().x, gap = ImGui::GetStyle().ItemSpacing.x;
    per_row = width >= float(planes) * 180.0f + float(planes - 1) * gap ? planes : 1;
    const float lines = float(plot_below ? 3 : planes + 1) * ImGui::GetTextLineHeightWithSpacing();
    // A plot shares the height below two planes; a lone plane takes it all.
    const float share = !plot_below ? (per_row == 1 ? 1.0f / float(planes) : 1.0f)
                        : planes == 1 ? 1.0f : per_row == 1 ? 1.0f / float(planes + 1) : 0.6f;
    const float by_height = (ImGui::GetContentRegionAvail().y - lines) * share;
    return std::max(140.0f, std::floor(std::min((width - gap * float(per_row - 1)) / float(per_row), by_height)));
  }
  void Titled(const char* title, float side) {
    ImGui::PushTextWrapPos(ImGui::GetCursorPosX() + side);
    ImGui::TextWrapped("%s", title);
    ImGui::PopTextWrapPos();
  }
  void DrawPoints(const LessonPlane& plane, const Matrix& points, ImU32 colour) {
    ImDrawList* draw = ImGui::GetWindowDrawList();
    for (Eigen::Index i = 0; i < points.rows(); ++i) dots_.DrawDot(draw, plane.ToScreen(points(i, 0), points(i, 1)), 1.6f, colour);
  }

  // Two titled planes, side by side where they fit (else one above the other); `draw(k, plane, side)`
  // fills the k-th. Returns their side.
  template <class Draw>
  float TwoPlanes(const char* first, const char* second, int& per_row, Draw draw) {
    const float side = PlaneSide(2, per_row);
    for (int k = 0; k < 2; ++k) {
      if (k % per_row != 0) ImGui::SameLine();
      ImGui::BeginGroup();
      Titled(k == 0 ? first : second, side);
      const LessonPlane plane = BeginLessonPlane(side, kExtent);
      draw(k, plane, side);
      EndLessonPlane(plane);
      ImGui::EndGroup();
    }
    return side;
  }

  void DrawForward() {
    Ddpm& model = run_->model();
    const int steps = model.steps();
    show().diffusion_t = std::clamp(show().diffusion_t, 0, steps);
    ImGui::SetNextItemWidth(std::min(ImGui::GetContentRegionAvail().x, 360.0f));
    ValueSliderInt("##t", &show().diffusion_t, 0, steps, "noised to t = %d", ImGuiSliderFlags_AlwaysClamp);
    const int t = show().diffusion_t;
    const double a = model.schedule().alpha_bar[size_t(t)];
    ImGui::TextWrapped("q(x_t | x₀) = N(√ᾱ_t x₀, (1 − ᾱ_t) I):  ᾱ_%d = %.4f, so x_t = %.3f x₀ + %.3f ε", t, a, std::sqrt(a),
                       std::sqrt(1.0 - a));
    const Matrix noised = model.Noised(data_points_, std::vector<int>(size_t(kShown), t), forward_eps_);
    int per_row = 1;
    const float side = TwoPlanes("The data x₀ (held-out points)", "Noised x_t, one ε per point", per_row,
              [&](int k, const LessonPlane& plane, float) { DrawPoints(plane, k == 0 ? data_points_ : noised, k == 0 ? kGrey : kBlue); });
    // The schedule: how much of x₀ (√ᾱ_t) and of ε (√(1 − ᾱ_t)) x_t holds at each t.
    schedule_t_.clear(), signal_.clear(), noise_.clear();
    for (int s = 0; s <= steps; ++s) {
      const double as = model.schedule().alpha_bar[size_t(s)];
      schedule_t_.push_back(float(s));
      signal_.push_back(float(std::sqrt(as)));
      noise_.push_back(float(std::sqrt(1.0 - as)));
    }
    LinePlot plot;
    plot.x_label = "t";
    plot.y_label = "scale";
    plot.y_low = 0.0f, plot.y_high = 1.0f;
    plot.series = {{"√ᾱ_t (of x₀)", &signal_, &schedule_t_}, {"√(1 − ᾱ_t) (of ε)", &noise_, &schedule_t_}};
    plot.levels = {{"at t: √ᾱ_t", float(std::sqrt(a))}};
    DrawPlotBelow(plot, per_row, side);
  }

  // A plot under the planes, as wide as they are and no taller than the space left.
  void DrawPlotBelow(const LinePlot& plot, int per_row, float side) {
    const float width = std::min(ImGui::GetContentRegionAvail().x, float(per_row) * (side + ImGui::GetStyle().ItemSpacing.x));
    const float room = ImGui::GetContentRegionAvail().y - ImGui::GetStyle().ItemSpacing.y;
    DrawLinePlot(plot, width, std::max(120.0f, std::min(LinePlotHeight(width), room)));
  }

  void DrawReverse() {
    // Above: every chain point at five steps t, as small multiples; below: a few points' whole ways.
    const int steps = run_->model().steps();
    const float width = ImGui::GetContentRegionAvail().x, gap = ImGui::GetStyle().ItemSpacing.x;
    const float line = ImGui::GetTextLineHeightWithSpacing();
    const float small = std::floor(std::min((width - gap * float(kSnapshots - 1)) / float(kSnapshots),
                                            0.3f * (ImGui::GetContentRegionAvail().y - 4.0f * line)));
    for (int k = 0; k < kSnapshots; ++k) {
      if (k > 0) ImGui::SameLine();
      ImGui::BeginGroup();
      char title[32];
      std::snprintf(title, sizeof title, "x_%d", SnapshotStep(k, steps));
      Titled(title, small);
      const LessonPlane plane = BeginLessonPlane(small, kExtent);
      if (size_t(k) < snapshots_.size()) DrawPoints(plane, snapshots_[size_t(k)], kBlue);
      EndLessonPlane(plane);
      ImGui::EndGroup();
    }
    ImGui::TextWrapped("%d samples' ways from x_%d back to x₀ (the weights of step %ld), over the target (grey)", kPaths,
                       steps, pictured_steps_);
    const float side = std::max(140.0f, std::floor(std::min(width, ImGui::GetContentRegionAvail().y - gap)));
    const LessonPlane plane = BeginLessonPlane(side, kExtent);
    DrawPoints(plane, data_points_, IM_COL32(180, 180, 180, 255));
    ImDrawList* draw = ImGui::GetWindowDrawList();
    for (const std::vector<Point2>& way : paths_) {
      path_.clear();
      for (const Point2& p : way) path_.push_back(plane.ToScreen(p.x, p.y));
      // Every step, its colour from orange (x_T) to blue (x₀) and from faint to opaque: σ_t z makes the
      // early part a random walk, the late part where ε_θ pulls the point onto the target stands out.
      for (size_t k = 0; k + 1 < path_.size(); ++k) {
        const float f = float(k) / float(std::max<size_t>(1, path_.size() - 2));
        const ImU32 colour = IM_COL32(int(245 + (8 - 245) * f), int(147 + (119 - 147) * f), int(34 + (189 - 34) * f),
                                      int(35 + 220 * f * f));
        draw->AddLine(path_[k], path_[k + 1], colour, 1.0f + f);
      }
      if (!path_.empty()) {
        draw->AddCircleFilled(path_.front(), 2.5f, IM_COL32(245, 147, 34, 255));
        draw->AddCircleFilled(path_.back(), 3.5f, kBlue);
      }
    }
    EndLessonPlane(plane);
  }

  // The k-th snapshot's step: T, T/2, T/4, T/10, 0 (the shape appears late: most of the way is noise).
  static int SnapshotStep(int k, int steps) {
    constexpr int kDivisor[kSnapshots] = {1, 2, 4, 10, 0};
    return kDivisor[k] == 0 ? 0 : steps / kDivisor[k];
  }

  void DrawDensity() {
    ImGui::TextWrapped("MMD² of %d samples to held-out points %.4f (weights of step %ld); L_simple of the last batch %.4f",
                       kMmdPoints, mmd_, pictured_steps_, run_->last_loss());
    int per_row = 1;
    const float side = TwoPlanes("Histogram of the model's samples", "Histogram of the target", per_row,
                                 [&](int k, const LessonPlane& plane, float edge) {
                                   const UiTexture& texture = k == 0 ? samples_texture_ : target_texture_;
                                   if (!texture.empty())
                                     ImGui::GetWindowDrawList()->AddImage(texture.id(), plane.origin,
                                                                          ImVec2(plane.origin.x + edge, plane.origin.y + edge));
                                 });
    LinePlot plot;
    plot.x_label = "step";
    plot.y_label = "‖ε − ε_θ‖²";
    // From 0 to twice the recent loss: the untrained start (≈ 3) would flatten the rest.
    float recent = 0.0f;
    const size_t last = std::min<size_t>(50, history_loss_.size());
    for (size_t k = history_loss_.size() - last; k < history_loss_.size(); ++k) recent += history_loss_[k] / float(last);
    plot.y_low = 0.0f;
    if (recent > 0.0f) plot.y_high = 2.0f * recent;
    plot.log_switch = &show().log_scale;
    plot.series = {{"batch L_simple", &history_loss_, &history_steps_}};
    DrawPlotBelow(plot, per_row, side);
  }

  void DrawCompare() {
    if (!run_->comparing()) {
      ImGui::TextWrapped("Switch on \"Train a flow and a GAN beside it\" in the model's controls (diffusion_compare=1): "
                         "the run then trains all three, one update each per step.");
      return;
    }
    ImGui::TextWrapped("Samples over the target (grey), the weights of step %ld; MMD² to held-out points, each of %d samples",
                       pictured_steps_, kMmdPoints);
    int per_row = 1;
    const float side = PlaneSide(3, per_row, false);
    const Matrix* shown[3] = {&samples_, &flow_samples_, &gan_samples_};
    const char* names[3] = {"Diffusion", "Coupling flow", "GAN"};
    for (int k = 0; k < 3; ++k) {
      if (k % per_row != 0) ImGui::SameLine();
      ImGui::BeginGroup();
      char title[96];
      std::snprintf(title, sizeof title, "%s: MMD² %.4f", names[k], compare_mmd_[k]);
      Titled(title, side);
      const LessonPlane plane = BeginLessonPlane(side, kExtent);
      DrawPoints(plane, data_points_, IM_COL32(200, 200, 200, 255));
      DrawPoints(plane, shown[k]->topRows(std::min<Eigen::Index>(kMmdPoints, shown[k]->rows())), kBlue);
      EndLessonPlane(plane);
      ImGui::EndGroup();
    }
  }

  // The view's own reverse chain over kShown points, a few of Algorithm 2's steps a frame (at least one,
  // then while 3 ms last): T network passes over a thousand points held a frame for a tenth of a second
  // all at once. Started anew when the weights have changed, at most every half second and at most a
  // fifth of the time. The weights can move between a chain's steps while training; the pictures say
  // the step the chain began at.
  void AdvanceChain() {
    Ddpm& model = run_->model();
    if (chain_t_ < 0) {
      if (pictured_steps_ == run_->updates() || NowSeconds() < next_picture_at_) return;
      chain_rng_ = Rng(1618);  // the same x_T and z every time, so the picture moves with the weights only
      chain_ = Ddpm::Prior(kShown, chain_rng_);
      chain_t_ = model.steps();
      chain_steps_ = run_->updates();
      chain_seconds_ = 0.0;
      new_paths_.assign(kPaths, {});
      new_snapshots_.assign(kSnapshots, Matrix());
      RecordPaths();
    }
    const double start = NowSeconds();
    do {
      model.ReverseStep(chain_, chain_t_--, chain_rng_);
      RecordPaths();
    } while (chain_t_ >= 1 && NowSeconds() - start < 0.003);
    chain_seconds_ += NowSeconds() - start;
    if (chain_t_ >= 1) return;
    chain_t_ = -1;
    samples_ = chain_;
    paths_.swap(new_paths_);
    snapshots_.swap(new_snapshots_);
    pictured_steps_ = chain_steps_;
    const double mmd_start = NowSeconds();
    mmd_ = run_->MmdToHeldOut(samples_.topRows(kMmdPoints));
    chain_seconds_ += NowSeconds() - mmd_start;
    PaintHistogram(samples_, samples_texture_);
    compare_mmd_[0] = mmd_;
    if (run_->comparing()) {  // the flow's and the GAN's samples and MMD² with the same weights' step
      flow_samples_ = run_->FlowSamples(kMmdPoints);
      gan_samples_ = run_->GanSamples(kMmdPoints);
      compare_mmd_[1] = run_->MmdToHeldOut(flow_samples_);
      compare_mmd_[2] = run_->MmdToHeldOut(gan_samples_);
    }
    next_picture_at_ = NowSeconds() + std::max(0.5, 4.0 * chain_seconds_);
  }
  // The first kPaths points' x_t, in the plane's coordinates (the screen's are made as they are drawn),
  // and every point at the snapshots' steps.
  void RecordPaths() {
    for (int i = 0; i < kPaths; ++i) new_paths_[size_t(i)].push_back({chain_(i, 0), chain_(i, 1)});
    const int t = std::max(chain_t_, 0), steps = run_->model().steps();
    for (int k = 0; k < kSnapshots; ++k)
      if (SnapshotStep(k, steps) == t) new_snapshots_[size_t(k)] = chain_;
  }

  // Counts in kCells² cells over [-3, 3]², shaded from white to dark blue by √(count / the most).
  void PaintHistogram(const Matrix& points, UiTexture& texture) {
    std::vector<int> counts(kCells * kCells, 0);
    for (Eigen::Index i = 0; i < points.rows(); ++i) {
      const int col = int(std::floor((points(i, 0) + kExtent) / (2.0f * kExtent) * kCells));
      const int row = int(std::floor((kExtent - points(i, 1)) / (2.0f * kExtent) * kCells));
      if (col >= 0 && col < kCells && row >= 0 && row < kCells) ++counts[size_t(row * kCells + col)];
    }
    const int top = std::max(1, *std::max_element(counts.begin(), counts.end()));
    pixels_.resize(counts.size());
    for (size_t k = 0; k < counts.size(); ++k) {
      const float f = std::sqrt(float(counts[k]) / float(top));
      pixels_[k] = IM_COL32(int(255 - 247 * f), int(255 - 136 * f), int(255 - 66 * f), 255);
    }
    texture.Update(kCells, kCells, pixels_, false);
  }

  Matrix forward_eps_, data_points_;  // kShown x 2 each
  // The chain under way: its points, the step t it is at (-1: none), the updates it began at, its time.
  Matrix chain_;
  int chain_t_ = -1;
  long chain_steps_ = 0;
  double chain_seconds_ = 0.0;
  Rng chain_rng_;
  std::vector<std::vector<Point2>> new_paths_, paths_;  // kPaths ways x_T, ..., x₀
  std::vector<Matrix> new_snapshots_, snapshots_;        // the chain at SnapshotStep(k), k < kSnapshots
  // The last finished chain: its samples (kShown x 2), the updates its weights had, their MMD².
  Matrix samples_, flow_samples_, gan_samples_;  // kShown x 2, kMmdPoints x 2 each
  double compare_mmd_[3] = {0.0, 0.0, 0.0};        // the diffusion's, the flow's, the GAN's
  long pictured_steps_ = -1;
  double next_picture_at_ = 0.0, mmd_ = 0.0;
  long recorded_block_ = -1;
  std::vector<float> history_steps_, history_loss_, schedule_t_, signal_, noise_;
  std::vector<ImU32> pixels_;
  std::vector<ImVec2> path_;
  UiTexture samples_texture_, target_texture_;
  PointSprites dots_;
};

}  // namespace

std::unique_ptr<TaskView> MakeDiffusion2dView() { return std::make_unique<Diffusion2dView>(); }

}  // namespace netlab
