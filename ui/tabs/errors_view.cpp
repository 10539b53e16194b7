// The playground's Errors tab: which test points the network gets wrong. A 2 x 2 confusion matrix
// (orange = class 0 / -1, blue = class 1 / +1) with each class's accuracy, and the test points in the
// plane with the clicked cell's points drawn large, so a student sees *where* the mistakes are.
#include <algorithm>
#include <cstdio>

#include "core/clock.h"
#include "data/dataset.h"
#include "imgui.h"
#include "tabs/tabs.h"
#include "widgets/confusion_matrix.h"
#include "widgets/plots.h"

namespace netlab {
namespace {

void Gather(ErrorsViewState& s, Trainer& trainer) {
  const Dataset& test = trainer.data().test;
  Matrix probability;
  trainer.Predict(test.points, probability);
  s.predicted.resize(size_t(test.size()));
  s.confusion.assign(2, std::vector<int>(2, 0));
  for (Eigen::Index i = 0; i < test.size(); ++i) {
    const int truth = int(test.labels(i, 0)), predicted = probability(i, 0) > 0.5f ? 1 : 0;
    s.predicted[size_t(i)] = predicted;
    ++s.confusion[size_t(truth)][size_t(predicted)];
  }
  s.gathered_at_step = trainer.step();
  s.gathered_at_time = NowSeconds();
}

}  // namespace

void DrawErrorsView(ErrorsViewState& s, Trainer& trainer, ShowConfig& show) {
  if (trainer.is_regression()) {
    ImGui::TextWrapped("This is a regression: there are no classes to confuse. The loss plot and the heatmap show "
                       "how far the predictions are off.");
    return;
  }
  // Gathered again when the network has stepped and half a second has passed, or at once after a Reset.
  if (s.gathered_at_step < 0 || trainer.step() < s.gathered_at_step ||
      (trainer.step() != s.gathered_at_step && NowSeconds() - s.gathered_at_time > 0.5))
    Gather(s, trainer);
  ImGui::TextWrapped("The test points: rows are their true class, columns the network's (probability of blue > 0.5); "
                     "at the end, each class's accuracy. Click a cell to see its points below.");
  if (show.cell_truth > 1 || show.cell_predicted > 1) show.cell_truth = show.cell_predicted = -1;  // two classes here
  DrawConfusionMatrix(s.confusion, {"orange", "blue"}, show.cell_truth, show.cell_predicted);
  // The plane, [-6, 6] on both axes as the heatmap: every test point small, the chosen cell's large.
  const float side = std::max(120.0f, std::min(ImGui::GetContentRegionAvail().x, ImGui::GetContentRegionAvail().y - 4.0f));
  const ImVec2 origin = DrawPlotFrame(side, side);
  ImDrawList* draw = ImGui::GetWindowDrawList();
  const Dataset& test = trainer.data().test;
  const auto at = [&](Eigen::Index i) {
    return ImVec2(origin.x + (test.points(i, 0) + kPlaneExtent) / (2.0f * kPlaneExtent) * side,
                  origin.y + (kPlaneExtent - test.points(i, 1)) / (2.0f * kPlaneExtent) * side);
  };
  int shown = 0;
  for (int pass = 0; pass < 2; ++pass)  // the chosen points last, on top
    for (Eigen::Index i = 0; i < test.size() && size_t(i) < s.predicted.size(); ++i) {
      const int truth = int(test.labels(i, 0));
      const bool chosen = truth == show.cell_truth && s.predicted[size_t(i)] == show.cell_predicted;
      if (chosen != (pass == 1)) continue;
      const ImU32 fill = DivergingColor(truth == 1 ? 1.0f : 0.0f, chosen || show.cell_truth < 0 ? 0.0f : 0.6f);
      const float radius = chosen ? 5.0f : 2.5f;
      draw->AddCircleFilled(at(i), radius, fill);
      if (chosen) {
        draw->AddCircle(at(i), radius, IM_COL32(0, 0, 0, 255), 0, 1.5f);
        ++shown;
      }
    }
  if (show.cell_truth >= 0) {
    char text[96];
    std::snprintf(text, sizeof text, "%d %s test points predicted %s", shown, show.cell_truth ? "blue" : "orange",
                  show.cell_predicted ? "blue" : "orange");
    draw->AddText(ImVec2(origin.x + 4.0f, origin.y + 2.0f), IM_COL32(40, 40, 40, 255), text);
  }
}

}  // namespace netlab
