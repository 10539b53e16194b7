#pragma once
// The hyperparameter search window: choose method, budget and which hyperparameters to vary over
// which ranges, run the search a time-budgeted slice per frame, browse a sortable results table, plot
// the objective against one hyperparameter with the surrogate's mean +- 2 sigma, and load a result's
// config into the playground.
#include <memory>
#include <string>
#include <vector>

#include "config/config.h"
#include "search/hyperparameter_search.h"
#include "imgui.h"
#include "search/training_objective.h"
#include "data/task_data.h"

namespace netlab {

struct SearchDimensionChoice {
  bool enabled = false;
  Dimension dimension;             // the range the user set (categorical: every choice)
  std::vector<char> chosen;        // categorical: which choices take part
};

struct SearchPanel {
  std::vector<SearchDimensionChoice> dimensions;  // one per ConfigHyperparameters() entry
  SearchSettings settings;
  EarlyStoppingSettings early_stopping;
  Config base;        // the searched task's config when the running search started
  SearchSpace space;  // the running search's space
  std::unique_ptr<HyperparameterSearch> search;
  std::vector<int> row_order;  // results in the table's sort order
  size_t sorted_rows = 0;      // results().size() when row_order was computed
  int plot_dimension = 0;
  bool show_surrogate = true;
  bool log_objective = true;  // losses of good and poor trials differ by orders of magnitude
  std::string message;
};

// Draws the window over a screen of size `screen` and advances a running search for up to
// `budget_seconds`. `current` is the task on screen: the playground, or a classification stack trained
// on `data` (null while it loads). Returns true with `apply_text` set (a config in text form) when the
// user asks to load a result.
bool DrawSearchWindow(SearchPanel& panel, bool* open, const Config& current, const TaskData* data,
                      const ImVec2& screen, double budget_seconds, std::string& apply_text);

}  // namespace netlab
