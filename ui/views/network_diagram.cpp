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

namespace netlab {
namespace {

constexpr int kGrid = 16;  // samples per side of each unit's thumbnail
// Units drawn per column: a 256-wide layer would otherwise be 65,536 weight lines and 256 thumbnails of
// 256 cells each, a draw list that software WebGL renders at under one frame a second and nobody reads.
constexpr Eigen::Index kMaxShownUnits = 16;

// Draws column `values.col(unit)` (kGrid² rows, row-major over the plane) as a thumbnail at `corner`.
void DrawThumbnail(ImDrawList* draw, ImVec2 corner, float size, const Matrix& values, Eigen::Index unit) {
  const float scale = std::max(values.col(unit).cwiseAbs().maxCoeff(), 1e-3f);
  const float cell = size / float(kGrid);
  for (int r = 0; r < kGrid; ++r)
    for (int c = 0; c < kGrid; ++c) {
      const ImVec2 a(corner.x + float(c) * cell, corner.y + float(r) * cell);
      draw->AddRectFilled(a, ImVec2(a.x + cell + 0.5f, a.y + cell + 0.5f), DivergingColor(0.5f + 0.5f * values(r * kGrid + c, unit) / scale));
    }
  draw->AddRect(corner, ImVec2(corner.x + size, corner.y + size), IM_COL32(80, 80, 80, 255));
}

}  // namespace

void DrawNetworkDiagram(Trainer& trainer, float width, float height) {
  const Matrix& grid = PlaneGrid(kGrid);
  Matrix prediction, features;
  trainer.Predict(grid, prediction);  // runs the network over the grid, filling every layer's output
  std::vector<const Feature*> feature_list;
  for (const std::string& name : trainer.config().features) feature_list.push_back(FindFeature(name));
  ComputeFeatures(feature_list, grid, features);

  Network& net = trainer.network();
  const size_t columns = net.blocks() + 1;
  std::vector<const Matrix*> column_values = {&features};
  for (size_t b = 0; b < net.blocks(); ++b) column_values.push_back(&net.LayerOutput(net.block_end(b) - 1));
  // Units shown per column: the first kMaxShownUnits, the rest counted in a label.
  std::vector<Eigen::Index> shown;
  for (const Matrix* m : column_values) shown.push_back(std::min(m->cols(), kMaxShownUnits));
  size_t most_units = 0;
  for (Eigen::Index count : shown) most_units = std::max(most_units, size_t(count));

  ImDrawList* draw = ImGui::GetWindowDrawList();
  const ImVec2 origin = ImGui::GetCursorScreenPos();
  const float column_width = width / float(columns);
  const float thumb = std::clamp(std::min(column_width * 0.45f, (height - 10.0f) / float(most_units) - 4.0f), 6.0f, 40.0f);
  auto unit_center = [&](size_t column, Eigen::Index unit, Eigen::Index count) {
    const float spacing = std::min(thumb + 6.0f, (height - thumb) / float(std::max<Eigen::Index>(count, 1)));
    const float top = origin.y + 0.5f * (height - spacing * float(count));
    return ImVec2(origin.x + (float(column) + 0.5f) * column_width, top + (float(unit) + 0.5f) * spacing);
  };
  // Weights of plain blocks: the block's first layer is its dense layer (fan_in x units).
  for (size_t b = 0; b < net.blocks(); ++b) {
    auto* dense = dynamic_cast<Dense*>(&net.layer(net.block_start(b)));
    const Eigen::Index in = column_values[b]->cols(), out = column_values[b + 1]->cols();
    if (!dense || dense->weights.rows() != in || dense->weights.cols() != out) continue;
    const float biggest = std::max(dense->weights.cwiseAbs().maxCoeff(), 1e-6f);
    for (Eigen::Index i = 0; i < shown[b]; ++i)
      for (Eigen::Index j = 0; j < shown[b + 1]; ++j) {
        const float w = dense->weights(i, j);
        ImVec2 from = unit_center(b, i, shown[b]), to = unit_center(b + 1, j, shown[b + 1]);
        from.x += thumb / 2;
        to.x -= thumb / 2;
        const ImU32 color = w > 0 ? IM_COL32(10, 115, 190, 160) : IM_COL32(245, 148, 33, 160);
        draw->AddLine(from, to, color, 0.5f + 3.5f * std::fabs(w) / biggest);
      }
  }
  for (size_t column = 0; column < columns; ++column) {
    const Matrix& values = *column_values[column];
    for (Eigen::Index unit = 0; unit < shown[column]; ++unit) {
      const ImVec2 c = unit_center(column, unit, shown[column]);
      DrawThumbnail(draw, ImVec2(c.x - thumb / 2, c.y - thumb / 2), thumb, values, unit);
    }
    if (values.cols() > shown[column]) {
      const std::string more = "+" + std::to_string(values.cols() - shown[column]) + " more";
      const ImVec2 last = unit_center(column, shown[column] - 1, shown[column]);
      draw->AddText(ImVec2(last.x - thumb / 2, last.y + thumb / 2 + 2), IM_COL32(90, 90, 90, 255), more.c_str());
    }
    const char* title = column == 0 ? "inputs" : "hidden";
    draw->AddText(ImVec2(origin.x + float(column) * column_width + 4, origin.y), IM_COL32(90, 90, 90, 255), title);
  }
  if (columns == 1) draw->AddText(ImVec2(origin.x + column_width, origin.y + 20), IM_COL32(90, 90, 90, 255), "no hidden layers");
  ImGui::Dummy(ImVec2(width, height));
}

}  // namespace netlab
