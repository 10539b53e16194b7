// Optimizer race: several optimizers descend the same 2-D loss surface, drawn as a log-scaled heatmap
// with iso-level bands, each path in its own colour.
#include <algorithm>
#include <cmath>
#include <cstdio>

#include "widgets/layout.h"
#include "imgui.h"
#include "optim/optimizer.h"
#include "widgets/plots.h"
#include "core/registry.h"
#include "tabs/tabs.h"
#include "platform/layout_report.h"
#include "widgets/value_slider.h"

namespace netlab {
namespace {

// The config's racers, or every optimizer at its suggested step.
std::vector<RacerConfig> Racers(const ShowConfig& show) {
  if (!show.racers.empty()) return show.racers;
  std::vector<RacerConfig> all;
  for (const char* kind : {"sgd", "momentum", "nesterov", "adagrad", "rmsprop", "adam"})
    all.push_back({kind, SuggestedRaceLearningRate(kind), true});
  return all;
}

std::string RaceKey(const ShowConfig& show, const std::vector<RacerConfig>& racers) {
  std::string key = show.race_surface;
  for (const RacerConfig& r : racers) key += "," + r.kind + ":" + std::to_string(r.learning_rate) + (r.on ? "" : ":off");
  return key;
}

void Restart(RaceViewState& s, const ShowConfig& show, const std::vector<RacerConfig>& racers) {
  std::vector<OptimizerSettings> settings;
  for (const RacerConfig& r : racers) {
    OptimizerSettings one;
    one.kind = r.kind;
    one.learning_rate = r.on ? r.learning_rate : 0.0f;
    settings.push_back(one);
  }
  const LossSurface* surface = FindLossSurface(show.race_surface);
  s.race = std::make_unique<OptimizerRace>(surface ? *surface : LossSurfaces().front(), settings);
  s.built_for = RaceKey(show, racers);
}

// The surface as a picture of kSurfacePixels², uploaded once per surface (it was 80 x 80 rectangles a frame,
// its contour bands stair-stepped): log(1 + f − f_min) spreads the valley floor and the steep walls over
// the grey-blue range, and 16 alternating bands read as contour lines. For the unbounded saddle the
// window's lowest value stands in for f_min.
constexpr int kSurfacePixels = 320;

void PaintSurface(const LossSurface& surface, UiTexture& texture) {
  const double f_min = surface.value(surface.minimum_x, surface.minimum_y);
  std::vector<double> level(size_t(kSurfacePixels) * kSurfacePixels);
  double low = 1e300, high = -1e300;
  for (int r = 0; r < kSurfacePixels; ++r)
    for (int c = 0; c < kSurfacePixels; ++c) {
      const double x = surface.x_min + (c + 0.5) * (surface.x_max - surface.x_min) / kSurfacePixels;
      const double y = surface.y_max - (r + 0.5) * (surface.y_max - surface.y_min) / kSurfacePixels;
      const double v = surface.value(x, y);
      level[size_t(r * kSurfacePixels + c)] = v;
      low = std::min(low, v);
      high = std::max(high, v);
    }
  const double floor = std::min(low, f_min);
  const double top = std::log1p(high - floor);
  std::vector<ImU32> rgba(level.size());
  for (size_t i = 0; i < level.size(); ++i) {
    const double t = std::log1p(level[i] - floor) / top;
    const bool band = int(t * 16) % 2 == 0;
    const float shade = float(0.35 + 0.6 * t) * (band ? 1.0f : 0.93f);
    rgba[i] = ImGui::ColorConvertFloat4ToU32(ImVec4(shade, shade, std::min(1.0f, shade + 0.08f), 1));
  }
  texture.Update(kSurfacePixels, kSurfacePixels, rgba);
}

void DrawSurface(RaceViewState& s, const std::vector<bool>& enabled, float size) {
  const OptimizerRace& race = *s.race;
  const LossSurface& surface = race.surface();
  if (s.pictured_surface != surface.name || s.surface_picture.empty()) {
    PaintSurface(surface, s.surface_picture);
    s.pictured_surface = surface.name;
  }
  ImDrawList* draw = ImGui::GetWindowDrawList();
  const ImVec2 origin = ImGui::GetCursorScreenPos();
  draw->AddImage(s.surface_picture.id(), origin, ImVec2(origin.x + size, origin.y + size));
  auto to_screen = [&](double x, double y) {
    return ImVec2(origin.x + float((x - surface.x_min) / (surface.x_max - surface.x_min)) * size,
                  origin.y + float((surface.y_max - y) / (surface.y_max - surface.y_min)) * size);
  };
  draw->PushClipRect(origin, ImVec2(origin.x + size, origin.y + size), true);
  draw->AddCircle(to_screen(surface.minimum_x, surface.minimum_y), 6, IM_COL32(0, 0, 0, 255), 0, 2);
  const auto& racers = race.racers();
  for (size_t i = 0; i < racers.size(); ++i) {
    if (!enabled[i]) continue;
    ImVector<ImVec2> line;
    for (size_t k = 0; k < racers[i].path_x.size(); ++k) line.push_back(to_screen(racers[i].path_x[k], racers[i].path_y[k]));
    draw->AddPolyline(line.Data, line.Size, SeriesColor(int(i)), 0, 2.0f);
    if (line.Size) draw->AddCircleFilled(line.back(), 4.5f, SeriesColor(int(i)));
  }
  draw->PopClipRect();
  draw->AddRect(origin, ImVec2(origin.x + size, origin.y + size), IM_COL32(90, 90, 90, 255));
  ImGui::Dummy(ImVec2(size, size));
  NoteFigure(ImGui::GetItemRectMin(), ImGui::GetItemRectMax());  // for the layout report's figure share
}

}  // namespace

void DrawOptimizerRaceView(RaceViewState& s, ShowConfig& show) {
  if (!FindLossSurface(show.race_surface)) show.race_surface = LossSurfaces().front().name;
  std::vector<RacerConfig> racers = Racers(show);
  bool restart = !s.race || s.built_for != RaceKey(show, racers);
  ImGui::SetNextItemWidth(200);
  if (ImGui::BeginCombo("Surface", FindLossSurface(show.race_surface)->label)) {
    for (const LossSurface& surface : LossSurfaces())
      if (ImGui::Selectable(surface.label, show.race_surface == surface.name)) {
        show.race_surface = surface.name;
        restart = true;
      }
    ImGui::EndCombo();
  }
  char formula[160];
  std::snprintf(formula, sizeof formula, "f = %s", FindLossSurface(show.race_surface)->formula);
  SameLineIfFits(ImGui::CalcTextSize(formula).x);
  ImGui::PushStyleColor(ImGuiCol_Text, ImGui::GetStyleColorVec4(ImGuiCol_TextDisabled));
  ImGui::TextWrapped("%s", formula);
  ImGui::PopStyleColor();
  if (ImGui::Button(s.running ? "Pause race" : "Run race")) s.running = !s.running;
  SameLineIfFits(ButtonWidth("Restart"));
  if (ImGui::Button("Restart")) restart = true;
  SameLineIfFits(120.0f + ImGui::GetStyle().ItemInnerSpacing.x + ImGui::CalcTextSize("steps/frame").x);
  ImGui::SetNextItemWidth(120);
  ValueSliderInt("steps/frame", &show.race_speed, 1, 50, "%d", ImGuiSliderFlags_AlwaysClamp);
  const float avail_y = ImGui::GetContentRegionAvail().y;
  // The racers' list (about 330 px) goes right of the surface where both fit, below it on a narrow screen.
  const float avail_x = ImGui::GetContentRegionAvail().x;
  const bool list_beside = avail_x >= 200.0f + 330.0f;
  const float side = list_beside ? std::max(200.0f, std::min(avail_x - 330.0f, avail_y - 8.0f))
                                 : std::max(100.0f, std::min(avail_x, avail_y * 0.6f));
  if (restart) Restart(s, show, racers);
  if (s.running) s.race->Step(std::clamp(show.race_speed, 1, 50));
  std::vector<bool> enabled;
  for (const RacerConfig& r : racers) enabled.push_back(r.on);
  DrawSurface(s, enabled, side);
  if (list_beside) ImGui::SameLine();
  ImGui::BeginGroup();
  ImGui::Text("step %ld", s.race->step());
  bool edited = false;  // a racer switched or its step moved: the config then names every racer
  for (size_t i = 0; i < racers.size() && i < s.race->racers().size(); ++i) {
    ImGui::PushID(int(i));
    ImGui::PushStyleColor(ImGuiCol_Text, ImGui::ColorConvertU32ToFloat4(SeriesColor(int(i))));
    edited |= ImGui::Checkbox(FindOptimizerKind(racers[i].kind)->label, &racers[i].on);
    ImGui::PopStyleColor();
    ImGui::SetNextItemWidth(140);
    edited |= ValueSliderFloat("lr", &racers[i].learning_rate, 1e-5f, 1.0f, "%.5f",
                               ImGuiSliderFlags_Logarithmic | ImGuiSliderFlags_AlwaysClamp);
    const Racer& r = s.race->racers()[i];
    if (racers[i].on) {
      ImGui::SameLine();
      if (r.escaped) ImGui::TextColored(ImVec4(0.75f, 0.1f, 0.1f, 1), "diverged");
      else ImGui::Text("f = %.3g", s.race->Value(r));
    }
    ImGui::PopID();
  }
  ImGui::EndGroup();
  if (edited) show.racers = racers;  // the next frame restarts the race with them
}

}  // namespace netlab
