#pragma once
// The teaching views shown as tabs beside the playground. Each is a function over its own small state.
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "networks/checked_loss.h"
#include "teaching/gradient_check.h"
#include "teaching/optimizer_race.h"
#include "networks/network_in_training.h"
#include "train/trainer.h"
#include "widgets/plots.h"

namespace netlab {

// Backprop inspector: the lecture's graph with editable inputs and a gradient step.
struct BackpropViewState {
  double w1 = 0.02, w2 = 0.01, x1 = 3, x2 = 5, y = 0;
  float step_size = 0.01f;
  int steps_taken = 0;
};
void DrawBackpropView(BackpropViewState& state);


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
  int truth = -1, predicted_class = -1;     // the clicked cell
};
void DrawErrorsView(ErrorsViewState& state, Trainer& trainer);

struct RaceViewState {
  std::string surface = "rosenbrock";
  std::vector<std::string> kinds = {"sgd", "momentum", "nesterov", "adagrad", "rmsprop", "adam"};
  std::vector<bool> enabled;
  std::vector<float> learning_rates;
  int steps_per_frame = 5;
  bool running = true;
  std::unique_ptr<OptimizerRace> race;
};
void DrawOptimizerRaceView(RaceViewState& state);

}  // namespace netlab
