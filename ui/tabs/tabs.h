#pragma once
// The teaching views shown as tabs beside the playground. Each is a function over its own small state.
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "compare/pinned_runs.h"
#include "networks/checked_loss.h"
#include "teaching/gradient_check.h"
#include "teaching/optimizer_race.h"
#include "networks/network_in_training.h"
#include "platform/ui_texture.h"
#include "train/trainer.h"
#include "widgets/plots.h"

namespace netlab {

// Backprop inspector: the lecture's graph with editable inputs and a gradient step.
struct BackpropViewState {
  int steps_taken = 0;
};
// The example's numbers and ε are the config's (`backprop`, `backprop_step`): `show` is the edited config's.
void DrawBackpropView(BackpropViewState& state, ShowConfig& show);


// The check runs on a copy of the network, a frame's time budget at a time, while training goes on.
struct GradientCheckViewState {
  std::unique_ptr<GradientCheck> check;  // running, finished, or null before the first run / after Cancel
  long checked_at_step = 0;              // the trainer's step when the weights were copied
};
void DrawGradientCheckView(GradientCheckViewState& state, const NetworkInTraining& network);
// Whether a check is under way: the page keeps drawing frames (which advance it) while one is, even paused.
inline bool GradientCheckRunning(const GradientCheckViewState& state) { return state.check && !state.check->done(); }
// {"state":"idle"|"running"|"done","done":entries,"total":entries,"worst":error} for the status JSON.
std::string GradientCheckStatusJson(const GradientCheckViewState& state);

// Histograms of activations and weight gradients per layer, and gradient norms over time. The
// histograms' values are gathered again only when the network has stepped and half a second has
// passed (a forward pass over the training rows is too dear for every frame of a large model).
struct LayerStatisticsState {
  long gathered_at_step = -1;
  double gathered_at_time = 0.0;
  std::vector<std::string> output_titles, gradient_titles;
  std::vector<Histogram> outputs, gradients;  // as gathered: counts, not the values
};
void DrawLayerStatisticsView(LayerStatisticsState& state, const NetworkInTraining& network);

// The playground's Errors tab: the test set's confusion matrix, and the points of a clicked cell.
struct ErrorsViewState {
  long gathered_at_step = -1;
  double gathered_at_time = 0.0;
  std::vector<std::vector<int>> confusion;  // [true class][predicted class]
  std::vector<int> predicted;               // per test point
};
// The clicked cell is the config's errors_cell (`show`'s cell_truth, cell_predicted).
void DrawErrorsView(ErrorsViewState& state, Trainer& trainer, ShowConfig& show);

struct RaceViewState {
  bool running = true;
  std::unique_ptr<OptimizerRace> race;
  std::string built_for;  // the surface and racers `race` was started with: another set restarts it
  UiTexture surface_picture;    // the surface's heatmap and contour bands, painted once per surface
  std::string pictured_surface;  // the surface it shows
};
// The surface, racers and speed are the config's (`race_surface`, `race`, `race_speed`).
void DrawOptimizerRaceView(RaceViewState& state, ShowConfig& show);

// Runs side by side: the pinned runs of the playground with what differs in their configs, and their test
// loss and accuracy over the steps beside the run on screen. What was clicked comes back to the App,
// which owns the pins (their storage, reopening one).
struct CompareClicks {
  bool pin = false, copy_link = false;
  int open = -1, remove = -1;  // an index into pins.runs()
};
CompareClicks DrawCompareView(const PinnedRuns& pins, const Config& current, const std::vector<MetricsPoint>& history,
                              bool regression, const std::string& message);

}  // namespace netlab
