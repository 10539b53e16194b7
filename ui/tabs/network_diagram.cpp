// TensorFlow Playground's network picture: each input feature and each hidden unit as a small heatmap of
// its output over the input plane, and the weights of plain dense blocks as lines (blue positive,
// orange negative, thicker = larger).
#include <algorithm>
#include <cmath>
#include <cstring>
#include <string>
#include <vector>

#include "data/dataset.h"
#include "nn/dense.h"
#include "imgui.h"
#include "widgets/plots.h"
#include "platform/layout_report.h"

namespace netlab {
namespace {

constexpr int kGrid = 16;  // samples per side of each unit's thumbnail
// Units drawn per column: a 256-wide layer would otherwise be 65,536 weight lines and 256 thumbnails of
// 256 cells each, a draw list that software WebGL renders at under one frame a second and nobody reads.
constexpr Eigen::Index kMaxShownUnits = 16;
// Weight lines drawn between two columns: the strongest ones when there are more. 16 x 16 shown units
// would be 256 anti-aliased lines per pair, 2,800 for 12 layers: tens of thousands of vertices a frame
// that a software renderer spends most of a 30 fps frame on, and too dense to read anyway.
constexpr size_t kMaxLinesPerPair = 48;

// A column's thumbnails share one texture, its units stacked top to bottom (cells x cells each), each scaled by its own largest magnitude so that small units still show their shape.
void UpdateColumnTexture(const Matrix& values, int cells, UiTexture& texture) {
  const Eigen::Index units = values.cols();
  std::vector<ImU32> pixels(size_t(cells) * size_t(cells) * size_t(units));
  for (Eigen::Index unit = 0; unit < units; ++unit) {
    const float scale = std::max(values.col(unit).cwiseAbs().maxCoeff(), 1e-3f);
    for (int p = 0; p < cells * cells; ++p)
      pixels[size_t(unit) * size_t(cells * cells) + size_t(p)] = DivergingColor(0.5f + 0.5f * values(p, unit) / scale);
  }
  texture.Update(cells, cells * int(units), pixels, false);
}

}  // namespace

void DrawNetworkDiagram(Trainer& trainer, NetworkDiagramState& state, long model_version, float width, float height,
                        double budget_seconds) {
  // Each column's outputs over the grid, a chunk of grid points per frame (a 16 x 16 grid for the
  // playground's networks, fewer points for large ones: about 2 million multiply-adds a pass).
  const int cells = BudgetedCells(trainer, kGrid, 8, 2e6);
  const bool finished = state.evaluation.Advance(
      trainer, model_version, cells, budget_seconds, [&state](int first, const Matrix& prediction, Trainer& t) {
        Network& n = t.network();
        const int points = state.evaluation.cells() * state.evaluation.cells();
        state.columns.resize(n.blocks() + 1);
        for (size_t b = 0; b < n.blocks(); ++b) {
          const Matrix& out = n.LayerOutput(n.block_end(b) - 1);
          const Eigen::Index units = std::min(out.cols(), kMaxShownUnits);
          Matrix& column = state.columns[b + 1];
          if (column.rows() != points || column.cols() != units) column = Matrix::Zero(points, units);
          column.middleRows(first, prediction.rows()) = out.leftCols(units);
        }
      });
  if (finished) {
    std::vector<const Feature*> feature_list;
    for (const std::string& name : trainer.config().features) feature_list.push_back(FindFeature(name));
    ComputeFeatures(feature_list, PlaneGrid(state.evaluation.cells()), state.columns[0]);
    state.textures.resize(state.columns.size());
    state.texture_units.resize(state.columns.size());
    for (size_t c = 0; c < state.columns.size(); ++c) {
      if (!state.textures[c]) state.textures[c] = std::make_unique<UiTexture>();
      UpdateColumnTexture(state.columns[c].leftCols(std::min(state.columns[c].cols(), kMaxShownUnits)),
                          state.evaluation.cells(), *state.textures[c]);
      state.texture_units[c] = std::min(state.columns[c].cols(), kMaxShownUnits);
    }
  }

  Network& net = trainer.network();
  const size_t columns = net.blocks() + 1;
  // Units per column (inputs, then each block's output), and the first kMaxShownUnits of them shown.
  std::vector<Eigen::Index> units = {Eigen::Index(trainer.config().features.size())};
  for (size_t b = 0; b < net.blocks(); ++b) units.push_back(net.LayerOutput(net.block_end(b) - 1).cols());  // as of the last forward pass
  std::vector<Eigen::Index> shown;
  for (Eigen::Index count : units) shown.push_back(std::min(count, kMaxShownUnits));
  size_t most_units = 0;
  for (Eigen::Index count : shown) most_units = std::max(most_units, size_t(count));

  ImDrawList* draw = ImGui::GetWindowDrawList();
  const ImVec2 origin = ImGui::GetCursorScreenPos();
  const float column_width = width / float(columns);
  // The thumbnails keep below the column titles' line, and above the "+N more" line where there is one.
  const float label_height = ImGui::GetTextLineHeight() + 2.0f;
  bool any_more = false;
  for (size_t column = 0; column < columns; ++column) any_more = any_more || units[column] > shown[column];
  const float area_top = origin.y + label_height;
  const float area_height = std::max(1.0f, height - label_height - (any_more ? label_height : 0.0f));
  // As large as the space allows, up to 96 px: a cap of 40 px left 36-px nodes 600 px apart on a 4K screen.
  const float thumb =
      std::clamp(std::min(column_width * 0.45f, (area_height - 10.0f) / float(most_units) - 4.0f), 6.0f, 96.0f);
  const float line_scale = std::max(1.0f, thumb / 40.0f);  // weight lines thicken with the nodes
  auto unit_center = [&](size_t column, Eigen::Index unit, Eigen::Index count) {
    // spacing * count <= area_height - thumb, so the first thumbnail's top is never above area_top.
    const float spacing = std::min(thumb + 6.0f, std::max(0.0f, area_height - thumb) / float(std::max<Eigen::Index>(count, 1)));
    const float top = area_top + 0.5f * (area_height - spacing * float(count));
    return ImVec2(origin.x + (float(column) + 0.5f) * column_width, top + (float(unit) + 0.5f) * spacing);
  };
  // Weights of plain blocks (the block's first layer is its dense layer, fan_in x units), chosen and
  // read when the pictured model version changes, so that they move with the thumbnails.
  if (state.lines_version != model_version || state.lines_units != units) {
    state.lines_version = model_version;
    state.lines_units = units;
    state.lines.clear();
    for (size_t b = 0; b < net.blocks(); ++b) {
      auto* dense = dynamic_cast<Dense*>(&net.layer(net.block_start(b)));
      const Eigen::Index in = units[b], out = units[b + 1];
      if (!dense || dense->weights.rows() != in || dense->weights.cols() != out) continue;
      const float largest = std::max(dense->weights.cwiseAbs().maxCoeff(), 1e-6f);
      const size_t first = state.lines.size();
      for (Eigen::Index i = 0; i < shown[b]; ++i)
        for (Eigen::Index j = 0; j < shown[b + 1]; ++j) state.lines.push_back({b, i, j, dense->weights(i, j), largest});
      if (state.lines.size() - first > kMaxLinesPerPair) {
        auto stronger = [](const auto& x, const auto& y) { return std::fabs(x.weight) > std::fabs(y.weight); };
        std::nth_element(state.lines.begin() + long(first), state.lines.begin() + long(first + kMaxLinesPerPair),
                         state.lines.end(), stronger);
        state.lines.resize(first + kMaxLinesPerPair);
      }
    }
  }
  for (const NetworkDiagramState::WeightLine& line : state.lines) {
    ImVec2 from = unit_center(line.block, line.from, shown[line.block]);
    ImVec2 to = unit_center(line.block + 1, line.to, shown[line.block + 1]);
    from.x += thumb / 2;
    to.x -= thumb / 2;
    const ImU32 color = line.weight > 0 ? IM_COL32(10, 115, 190, 160) : IM_COL32(245, 148, 33, 160);
    draw->AddLine(from, to, color, line_scale * (0.5f + 3.5f * std::fabs(line.weight) / line.largest));
  }
  const ImU32 label_color = IM_COL32(90, 90, 90, 255);
  for (size_t column = 0; column < columns; ++column) {
    // Thumbnails from the last finished pass, while it matches the network's shape.
    const bool current = column < state.textures.size() && state.textures[column] &&
                         state.texture_units[column] == shown[column];
    // The column's pictures first, then their frames: one texture switch per column, not two per unit.
    for (int pass = 0; pass < 2; ++pass)
      for (Eigen::Index unit = 0; unit < shown[column]; ++unit) {
        const ImVec2 c = unit_center(column, unit, shown[column]);
        const ImVec2 a(c.x - thumb / 2, c.y - thumb / 2), b(c.x + thumb / 2, c.y + thumb / 2);
        if (pass == 1)
          draw->AddRect(a, b, IM_COL32(80, 80, 80, 255));
        else if (current)
          draw->AddImage(state.textures[column]->id(), a, b, ImVec2(0, float(unit) / float(shown[column])),
                         ImVec2(1, float(unit + 1) / float(shown[column])));
        else
          draw->AddRectFilled(a, b, IM_COL32(235, 235, 235, 255));
      }
    // Labels only where they fit in their column, so neighbouring columns' labels never collide.
    const float room = column_width - 4.0f;
    if (units[column] > shown[column]) {
      const std::string more = "+" + std::to_string(units[column] - shown[column]) + " more";
      const ImVec2 last = unit_center(column, shown[column] - 1, shown[column]);
      if (ImGui::CalcTextSize(more.c_str()).x <= room)
        draw->AddText(ImVec2(last.x - ImGui::CalcTextSize(more.c_str()).x / 2, last.y + thumb / 2 + 2), label_color,
                      more.c_str());
    }
    const char* title = column == 0 ? "inputs" : "hidden";
    if (ImGui::CalcTextSize(title).x <= room)
      draw->AddText(ImVec2(origin.x + float(column) * column_width + 4, origin.y), label_color, title);
  }
  if (columns == 1) draw->AddText(ImVec2(origin.x + column_width, origin.y + 20), IM_COL32(90, 90, 90, 255), "no hidden layers");
  ImGui::Dummy(ImVec2(width, height));
  NoteFigure(ImGui::GetItemRectMin(), ImGui::GetItemRectMax());  // for the layout report's figure share
}

}  // namespace netlab
