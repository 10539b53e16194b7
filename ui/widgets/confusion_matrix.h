#pragma once
// A confusion matrix a student can read and click: rows are the true class, columns the predicted one,
// each cell shaded by its share of the true class (the diagonal in blue, mistakes in red), with the
// per-class accuracy (recall) at each row's end. Shared by every classification task's Errors tab.
#include <string>
#include <vector>

namespace netlab {

// confusion[t][p]: test samples of class t predicted as p. `names` labels the classes (their indices
// when empty). A click on a cell sets truth and predicted; the chosen cell is outlined.
void DrawConfusionMatrix(const std::vector<std::vector<int>>& confusion, const std::vector<std::string>& names,
                         int& truth, int& predicted);

}  // namespace netlab
