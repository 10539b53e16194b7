// XOR by hand view (Goodfellow et al. 2016, §6.1; tasks/xor_by_hand/): the four points three ways. In x-space
// under the least-squares line, which outputs ½ everywhere; in h-space, where the hidden layer
// h = max(0, Wᵀx + c) puts them and the output layer's line f = ½ separates them (or fails to); and in
// x-space again under the net's f(x), with the lines where each hidden unit turns on. Below: each point's
// numbers, the net's weights, and J over the steps when it trains. Every weight is a config key the
// controls edit; this view only draws the run.
#include <algorithm>
#include <array>
#include <cmath>
#include <memory>
#include <string>
#include <vector>

#include "core/json_text.h"
#include "imgui.h"
#include "platform/ui_texture.h"
#include "tasks/xor_by_hand/xor_by_hand_run.h"
#include "views/task_view.h"
#include "widgets/colour_bar.h"
#include "widgets/layout.h"
#include "widgets/lesson_plane.h"
#include "widgets/line_plot.h"
#include "widgets/plots.h"

namespace netlab {
namespace {

constexpr int kCells = 160;  // the pictures' grid over x-space: fine enough that linear filtering shows no cells
const ImU32 kInk = IM_COL32(40, 40, 40, 255), kFold = IM_COL32(90, 90, 90, 220), kAxis = IM_COL32(170, 170, 170, 255);

// A plane showing [centre − extent, centre + extent]² (LessonPlane shows [−extent, extent]²).
struct Plane {
  LessonPlane plane;
  double cx = 0, cy = 0;
  ImVec2 At(double x, double y) const { return plane.ToScreen(x - cx, y - cy); }
};

// The picture's colour for an output f: 0 orange, ½ white, 1 blue (the colour key beside the row).
ImU32 OutputColor(double f) { return HeatmapColor(float(std::clamp(f, 0.0, 1.0))); }
ImU32 ClassColor(double y) { return DivergingColor(float(y)); }

// The infinite line a·x + b·y = d across the plane (nothing when a = b = 0).
void DrawLine(const Plane& p, double a, double b, double d, ImU32 colour, float thickness, bool dashed) {
  const double e = 3.0 * p.plane.extent;
  ImVec2 from, to;
  if (std::abs(b) >= std::abs(a)) {
    if (b == 0.0) return;
    from = p.At(p.cx - e, (d - a * (p.cx - e)) / b), to = p.At(p.cx + e, (d - a * (p.cx + e)) / b);
  } else {
    from = p.At((d - b * (p.cy - e)) / a, p.cy - e), to = p.At((d - b * (p.cy + e)) / a, p.cy + e);
  }
  ImDrawList* draw = ImGui::GetWindowDrawList();
  if (!dashed) {
    draw->AddLine(from, to, colour, thickness);
    return;
  }
  const float dx = to.x - from.x, dy = to.y - from.y, length = std::sqrt(dx * dx + dy * dy), dash = 6.0f;
  for (float s = 0.0f; s < length; s += 2.0f * dash) {
    const float t0 = s / length, t1 = std::min(s + dash, length) / length;
    draw->AddLine(ImVec2(from.x + dx * t0, from.y + dy * t0), ImVec2(from.x + dx * t1, from.y + dy * t1), colour, thickness);
  }
}

// A point of class y, ringed so it stands out on any background.
void DrawPoint(ImVec2 at, double y) {
  ImDrawList* draw = ImGui::GetWindowDrawList();
  draw->AddCircleFilled(at, 6.0f, ClassColor(y));
  draw->AddCircle(at, 6.0f, kInk, 0, 1.5f);
}

// Whether the line a·x + b·y = d (in the plane's coordinates) passes through the screen rectangle.
bool Crosses(const Plane& p, double a, double b, double d, ImVec2 min, ImVec2 max) {
  if (a == 0.0 && b == 0.0) return false;
  const LessonPlane& l = p.plane;
  int above = 0, below = 0;
  for (const ImVec2& corner : {min, max, ImVec2(min.x, max.y), ImVec2(max.x, min.y)}) {
    const double x = l.WorldX(corner.x - l.origin.x) + p.cx, y = l.WorldY(corner.y - l.origin.y) + p.cy;
    (a * x + b * y > d ? above : below)++;
  }
  return above > 0 && below > 0;
}

using Box = std::pair<ImVec2, ImVec2>;  // a label's rectangle on screen, min and max

// Where a label of `size` beside the dot at `at` reads best, among 16 places around it (near, then twice
// as far): the first that stays in the plane and crosses no line, label or dot, else the one with the
// fewest such faults, leaving the plane counting most and the boundary f = ½ more than the grey axes.
ImVec2 PlaceLabel(const Plane& p, const XorNet& net, ImVec2 at, ImVec2 size, const std::vector<ImVec2>& dots,
                  const std::vector<Box>& taken) {
  ImVec2 best = at;
  int best_faults = 1 << 30;
  for (const float r : {9.0f, 22.0f}) {
    const ImVec2 places[8] = {{at.x + r, at.y - r - size.y}, {at.x + r, at.y + r}, {at.x - r - size.x, at.y - r - size.y},
                              {at.x - r - size.x, at.y + r}, {at.x + r, at.y - size.y / 2}, {at.x - r - size.x, at.y - size.y / 2},
                              {at.x - size.x / 2, at.y - r - size.y}, {at.x - size.x / 2, at.y + r}};
    for (const ImVec2& c : places) {
      const ImVec2 min(c.x - 5, c.y - 5), max(c.x + size.x + 5, c.y + size.y + 5);
      const ImVec2 end(p.plane.origin.x + p.plane.side, p.plane.origin.y + p.plane.side);
      int faults = min.x < p.plane.origin.x || min.y < p.plane.origin.y || max.x > end.x || max.y > end.y ? 100 : 0;
      faults += Crosses(p, net.w[0], net.w[1], 0.5 - net.b, min, max) ? 10 : 0;
      faults += (Crosses(p, 1, 0, 0, min, max) ? 1 : 0) + (Crosses(p, 0, 1, 0, min, max) ? 1 : 0);
      // Against labels and dots the text's own box counts; against lines a margin of 5 px around it.
      const ImVec2 text_max(c.x + size.x, c.y + size.y);
      for (const Box& t : taken) faults += text_max.x < t.first.x || c.x > t.second.x || text_max.y < t.first.y || c.y > t.second.y ? 0 : 5;
      for (const ImVec2& d : dots) faults += d.x + 7 < c.x || d.x - 7 > text_max.x || d.y + 7 < c.y || d.y - 7 > text_max.y ? 0 : 5;
      if (faults < best_faults) best = c, best_faults = faults;
      if (faults == 0) return best;
    }
  }
  return best;
}

class XorByHandView : public RunView<XorByHandRun> {
 public:
  void Attached() override { painted_version_ = -1; }

  void Draw(const std::string&, float, float) override {
    ImGui::TextWrapped("Watch the hidden layer fold the plane: (0,1) and (1,0) land on one point of h-space, where one line separates what no line could in x-space.");  // what to look for, first
    DrawDerivation("The cost J(θ) = ¼ Σₓ (f*(x) − f(x; θ))² over X = {(0,0), (0,1), (1,0), (1,1)}, f* = XOR (Goodfellow, Bengio & Courville 2016, eq. 6.1). A linear model f(x) = xᵀw + b: the normal equations XᵀX θ = Xᵀy give w = 0, b = ½ (eq. 6.2), so it outputs ½ at every point and J = ¼; no line does better. The network f(x) = wᵀ max(0, Wᵀx + c) + b (eq. 6.3) with W = [1 1; 1 1], c = (0, −1), w = (1, −2), b = 0: XW + c = [0 −1; 1 0; 1 0; 2 1], the rectifier makes it h = [0 0; 1 0; 1 0; 2 1], and hw + b = (0, 1, 1, 0), J = 0. Gradient descent θ ← θ − η ∂J/∂θ: with eₙ = ½ (fₙ − yₙ), ∂J/∂b = Σ eₙ, ∂J/∂wⱼ = Σ eₙ hₙⱼ, ∂J/∂cⱼ = Σ eₙ wⱼ [zₙⱼ > 0], ∂J/∂Wᵢⱼ = Σ eₙ wⱼ [zₙⱼ > 0] xₙᵢ. A unit with z ≤ 0 at every point passes no gradient: it stays off, and the net may settle above J = 0.");
    const Config& config = run_->config();
    const XorNet& net = run_->net();
    const double cost = XorCost(net);
    if (run_->training())
      ImGui::TextWrapped("Gradient descent from %s, η = %.3g: step %ld, J = %.4g%s", config.lesson.xor_init == "random" ? "random weights (the seed's)" : "the weights set by hand",
                         config.optimizer.learning_rate, run_->updates(), cost, XorSolved(net) ? ", XOR solved" : "");
    else
      ImGui::TextWrapped("By hand: the weights %s, J = %.4g%s. Train by gradient descent in the controls to let the steps move them.",
                         config.lesson.xor_init == "random" ? "drawn from the seed" : "set in the controls", cost,
                         XorSolved(net) ? ", XOR solved" : "");
    if (!run_->diverged().empty()) ImGui::TextColored(ImVec4(0.85f, 0.3f, 0.1f, 1), "%s", run_->diverged().c_str());

    const float width = ImGui::GetContentRegionAvail().x, gap = ImGui::GetStyle().ItemSpacing.x;
    const float bar = ColourBarWidth(0.0f, 1.0f) + gap;
    const int per_row = width >= 3.0f * 180.0f + 2.0f * gap + bar ? 3 : (width >= 2.0f * 170.0f + gap + bar ? 2 : 1);
    // The planes share the width and leave the table, the weights and (when training) the cost curve
    // their lines: a fixed cap would leave a large pane empty.
    const float line = ImGui::GetTextLineHeightWithSpacing();
    const float height = ImGui::GetContentRegionAvail().y;
    // The cost curve takes under a third of the height, so that it does not shrink the planes to stamps.
    const float plot_height = run_->training() ? std::clamp(0.3f * height, 8.0f * line, LinePlotHeight(width)) : 0.0f;
    const float below = 8.0f * line + plot_height;
    const float rows = float((3 + per_row - 1) / per_row);
    const float by_height = (height - below) / rows - 3.0f * line;
    // One to a row (a phone) they take the width and the pane scrolls: squeezed into its height they were stamps.
    const float by_width = (width - bar - gap * float(per_row - 1)) / float(per_row);
    const float side = std::max(140.0f, std::floor(per_row == 1 ? by_width : std::min(by_width, by_height)));
    Repaint();
    const char* titles[3] = {"Least squares: f(x) = wᵀx + b", "h-space: h = max(0, Wᵀx + c)", "The net: f(x) = wᵀh + b"};
    // Titles padded to the tallest, so that the planes of a row line up.
    float title_height = 0.0f;
    for (const char* title : titles) title_height = std::max(title_height, ImGui::CalcTextSize(title, nullptr, false, side).y);
    for (int k = 0; k < 3; ++k) {
      if (k % per_row != 0) ImGui::SameLine();
      ImGui::BeginGroup();
      ImGui::PushTextWrapPos(ImGui::GetCursorPosX() + side);
      ImGui::TextWrapped("%s", titles[k]);
      const float short_by = title_height - ImGui::GetItemRectSize().y - ImGui::GetStyle().ItemSpacing.y;
      if (short_by > 0.0f) ImGui::Dummy(ImVec2(side, short_by));
      if (k == 0) DrawLinearPlane(side);
      if (k == 1) DrawHiddenPlane(side);
      if (k == 2) DrawNetPlane(side);
      ImGui::PopTextWrapPos();
      ImGui::EndGroup();
    }
    ImGui::SameLine();
    ImGui::BeginGroup();
    // The key's caption on the titles' last line, its strip beside the planes.
    const float caption = ImGui::GetTextLineHeight();
    const float above_caption = title_height - caption - ImGui::GetStyle().ItemSpacing.y;
    if (above_caption > 0.0f) ImGui::Dummy(ImVec2(0.0f, above_caption));
    DrawColourBar("f", 0.0f, 1.0f, side + caption, [](float t) { return OutputColor(t); });
    ImGui::EndGroup();
    DrawTable();
    ImGui::TextWrapped("W = [%.3g %.3g; %.3g %.3g], c = (%.3g, %.3g), w = (%.3g, %.3g), b = %.3g", net.W[0][0], net.W[0][1],
                       net.W[1][0], net.W[1][1], net.c[0], net.c[1], net.w[0], net.w[1], net.b);
    if (run_->training() && run_->Progress() >= 1.0 && !XorSolved(net))
      ImGui::TextWrapped("Settled at J = %.4g without solving XOR: a hidden unit that is off (z ≤ 0) at a point passes no gradient from it. Another seed may find a solution.", cost);
    if (run_->training()) DrawCostCurve(width, plot_height);
  }

  std::string StatusJson() const override {
    const XorNet& net = run_->net();
    std::string outputs;
    for (int n = 0; n < kXorPoints; ++n) outputs += (n ? "," : "") + JsonNumber(net.Output(kXorX[n][0], kXorX[n][1]));
    return "{\"steps\":" + std::to_string(run_->updates()) + ",\"cost\":" + JsonNumber(XorCost(net)) +
           ",\"solved\":" + (XorSolved(net) ? "true" : "false") + ",\"outputs\":[" + outputs +
           "],\"linear_cost\":" + JsonNumber(XorCost(run_->linear())) + "}";
  }

 private:
  // x-space shown: [−½, 1½]², the four points with room around them.
  static Plane XPlane(float side) { return Plane{BeginLessonPlane(side, 1.0f), 0.5, 0.5}; }

  // The two x-space pictures, repainted when the net's weights change: each step while it trains, never
  // by hand.
  void Repaint() {
    const long version = run_->training() ? run_->updates() : 0;
    if (painted_version_ == version && !linear_texture_.empty()) return;
    painted_version_ = version;
    pixels_.resize(size_t(kCells) * kCells);
    const auto paint = [&](UiTexture& texture, auto output) {
      for (int i = 0; i < kCells; ++i)
        for (int j = 0; j < kCells; ++j) {
          const double x1 = -0.5 + 2.0 * (j + 0.5) / kCells, x2 = 1.5 - 2.0 * (i + 0.5) / kCells;
          pixels_[size_t(i * kCells + j)] = OutputColor(output(x1, x2));
        }
      texture.Update(kCells, kCells, pixels_);
    };
    const XorLinear& linear = run_->linear();
    const XorNet& net = run_->net();
    paint(linear_texture_, [&](double x1, double x2) { return linear.Output(x1, x2); });
    paint(net_texture_, [&](double x1, double x2) { return net.Output(x1, x2); });
  }

  void DrawLinearPlane(float side) {
    const Plane p = XPlane(side);
    const ImVec2 end(p.plane.origin.x + side, p.plane.origin.y + side);
    ImGui::GetWindowDrawList()->AddImage(linear_texture_.id(), p.plane.origin, end);
    for (int n = 0; n < kXorPoints; ++n) DrawPoint(p.At(kXorX[n][0], kXorX[n][1]), kXorY[n]);
    EndLessonPlane(p.plane);
    const XorLinear& fit = run_->linear();
    // |w| below 1e-12 is the solver's rounding of the exact 0.
    const auto shown = [](double v) { return std::abs(v) < 1e-12 ? 0.0 : v; };
    ImGui::TextWrapped("J = %.3g with w = (%.3g, %.3g), b = %.3g: f = ½ at every point", XorCost(fit), shown(fit.w[0]),
                       shown(fit.w[1]), fit.b);
  }

  void DrawNetPlane(float side) {
    const Plane p = XPlane(side);
    const ImVec2 end(p.plane.origin.x + side, p.plane.origin.y + side);
    ImGui::GetWindowDrawList()->AddImage(net_texture_.id(), p.plane.origin, end);
    const XorNet& net = run_->net();
    // Where hidden unit j turns on: W₁ⱼ x₁ + W₂ⱼ x₂ + cⱼ = 0, the folds of f.
    for (int j = 0; j < 2; ++j) DrawLine(p, net.W[0][j], net.W[1][j], -net.c[j], kFold, 1.5f, true);
    for (int n = 0; n < kXorPoints; ++n) DrawPoint(p.At(kXorX[n][0], kXorX[n][1]), kXorY[n]);
    EndLessonPlane(p.plane);
    ImGui::TextWrapped("J = %.4g. Dashed: where h₁ and h₂ turn on (Wᵀx + c = 0)", XorCost(net));
  }

  // h-space around the mapped points and the origin; the output layer's two sides (f above and below ½)
  // shaded, the line f = ½ between them, the axes where the rectifier clips; each point labelled with
  // the inputs that land there.
  void DrawHiddenPlane(float side) {
    const XorNet& net = run_->net();
    std::array<std::array<double, 2>, kXorPoints> h;
    double low[2] = {0, 0}, high[2] = {1, 1};
    for (int n = 0; n < kXorPoints; ++n) {
      h[size_t(n)] = net.Hidden(kXorX[n][0], kXorX[n][1]);
      for (int d = 0; d < 2; ++d) low[d] = std::min(low[d], h[size_t(n)][size_t(d)]), high[d] = std::max(high[d], h[size_t(n)][size_t(d)]);
    }
    const double extent = 0.5 * std::max(high[0] - low[0], high[1] - low[1]) * 1.35 + 0.35;
    Plane p{BeginLessonPlane(side, float(extent)), 0.5 * (low[0] + high[0]), 0.5 * (low[1] + high[1])};
    ImDrawList* draw = ImGui::GetWindowDrawList();
    FillSide(p, net, true);
    FillSide(p, net, false);
    DrawLine(p, 1, 0, 0, kAxis, 1.0f, false);  // h₁ = 0
    DrawLine(p, 0, 1, 0, kAxis, 1.0f, false);  // h₂ = 0
    DrawLine(p, net.w[0], net.w[1], 0.5 - net.b, kInk, 2.0f, false);  // wᵀh + b = ½
    // Points that land together share one label ("(0,1) (1,0)").
    std::vector<Box> taken;
    std::vector<ImVec2> dots;
    for (int n = 0; n < kXorPoints; ++n) dots.push_back(p.At(h[size_t(n)][0], h[size_t(n)][1]));
    for (int n = 0; n < kXorPoints; ++n) {
      bool first = true;
      for (int m = 0; m < n; ++m) first = first && std::abs(dots[size_t(m)].x - dots[size_t(n)].x) + std::abs(dots[size_t(m)].y - dots[size_t(n)].y) >= 1.0f;
      if (!first) continue;
      std::string label;
      for (int m = n; m < kXorPoints; ++m)
        if (std::abs(dots[size_t(m)].x - dots[size_t(n)].x) + std::abs(dots[size_t(m)].y - dots[size_t(n)].y) < 1.0f)
          label += std::string(label.empty() ? "" : " ") + "(" + std::to_string(int(kXorX[m][0])) + "," + std::to_string(int(kXorX[m][1])) + ")";
      const ImVec2 size = ImGui::CalcTextSize(label.c_str());
      const ImVec2 chosen = PlaceLabel(p, net, dots[size_t(n)], size, dots, taken);
      taken.push_back({ImVec2(chosen.x - 2, chosen.y - 1), ImVec2(chosen.x + size.x + 2, chosen.y + size.y + 1)});
      draw->AddText(chosen, kInk, label.c_str());
    }
    for (int n = 0; n < kXorPoints; ++n) DrawPoint(dots[size_t(n)], kXorY[n]);
    EndLessonPlane(p.plane);
    ImGui::TextWrapped("Line: f = wᵀh + b = ½, the output layer's boundary. Grey: the axes, where the rectifier clips.");
  }

  // The half of the plane where the output layer's f = wᵀh + b is above ½ (or below), as one polygon:
  // the plane's square clipped by that half-plane (Sutherland & Hodgman 1974, one edge).
  void FillSide(const Plane& p, const XorNet& net, bool above) {
    const LessonPlane& l = p.plane;
    const ImVec2 corners[4] = {l.origin, ImVec2(l.origin.x + l.side, l.origin.y), ImVec2(l.origin.x + l.side, l.origin.y + l.side),
                               ImVec2(l.origin.x, l.origin.y + l.side)};
    const auto value = [&](ImVec2 s) {
      const double f = net.OutputOfHidden({l.WorldX(s.x - l.origin.x) + p.cx, l.WorldY(s.y - l.origin.y) + p.cy}) - 0.5;
      return above ? f : -f;
    };
    std::vector<ImVec2> polygon;
    for (int k = 0; k < 4; ++k) {
      const ImVec2 a = corners[k], b = corners[(k + 1) % 4];
      const double va = value(a), vb = value(b);
      if (va >= 0) polygon.push_back(a);
      if ((va >= 0) != (vb >= 0)) {
        const float t = float(va / (va - vb));
        polygon.push_back(ImVec2(a.x + t * (b.x - a.x), a.y + t * (b.y - a.y)));
      }
    }
    if (polygon.size() >= 3)
      ImGui::GetWindowDrawList()->AddConvexPolyFilled(polygon.data(), int(polygon.size()), DivergingColor(above ? 1.0f : 0.0f, 0.8f));
  }

  // Each point's numbers: the target, the line's output, the hidden layer (and its input z where the pane
  // is wide enough) and the net's output.
  void DrawTable() {
    const XorNet& net = run_->net();
    const XorLinear& linear = run_->linear();
    const bool with_z = ImGui::GetContentRegionAvail().x >= 36.0f * ImGui::GetFontSize();
    const int columns = with_z ? 6 : 5;
    if (!ImGui::BeginTable("xor points", columns, ImGuiTableFlags_Borders | ImGuiTableFlags_SizingFixedFit | ImGuiTableFlags_NoHostExtendX))
      return;
    for (const char* heading : {"x", "y", "line", "z = Wᵀx + c", "h = max(0, z)", "f(x)"})
      if (with_z || std::string(heading) != "z = Wᵀx + c") ImGui::TableSetupColumn(heading);
    ImGui::TableHeadersRow();
    for (int n = 0; n < kXorPoints; ++n) {
      const double x1 = kXorX[n][0], x2 = kXorX[n][1];
      const std::array<double, 2> z = net.Preactivation(x1, x2), h = net.Hidden(x1, x2);
      ImGui::TableNextRow();
      ImGui::TableNextColumn();
      ImGui::Text("(%g, %g)", x1, x2);
      ImGui::TableNextColumn();
      ImGui::Text("%g", kXorY[n]);
      ImGui::TableNextColumn();
      ImGui::Text("%.3g", std::abs(linear.Output(x1, x2) - 0.5) < 1e-12 ? 0.5 : linear.Output(x1, x2));
      if (with_z) {
        ImGui::TableNextColumn();
        ImGui::Text("(%.3g, %.3g)", z[0], z[1]);
      }
      ImGui::TableNextColumn();
      ImGui::Text("(%.3g, %.3g)", h[0], h[1]);
      ImGui::TableNextColumn();
      ImGui::Text("%.4g", net.Output(x1, x2));
    }
    ImGui::EndTable();
  }

  void DrawCostCurve(float width, float height) {
    LinePlot plot;
    plot.x_label = "step";
    plot.y_label = "J";
    plot.y_low = 0.0f;
    plot.series = {{"the net", &run_->costs(), &run_->cost_steps(), IM_COL32(8, 119, 189, 255), 2.0f}};
    plot.levels = {{"least squares, ¼", float(XorCost(run_->linear()))}};
    DrawLinePlot(plot, width, height);
  }

  long painted_version_ = -1;
  std::vector<ImU32> pixels_;
  UiTexture linear_texture_, net_texture_;
};

}  // namespace

std::unique_ptr<TaskView> MakeXorByHandView() { return std::make_unique<XorByHandView>(); }

}  // namespace netlab
