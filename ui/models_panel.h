#pragma once
// The "Models" window: models from the lecture notes trained live on real data (scikit-learn's 8x8
// digits by default), one tab each (ui/model_view.h):
//   RBM: its weight filters (one image per hidden unit) and "dreams", Gibbs chains run from noise.
//   CNN: test accuracy and the first convolution's 3x3 filters while it trains.
//   VAE: with a 2-D latent space, decoded images over a grid of latent codes (the learned manifold).
//   GAN: generated points against the modes of a ring of Gaussians.
//   RNN: an LSTM, GRU or plain RNN continuing sine waves, teacher-forced and then free-running.
// Training runs only while the window is open and "Train" is on, within `train_budget_seconds` a frame.
#include <string>

namespace netlab {

void DrawModelsWindow(float screen_width, float screen_height, double train_budget_seconds, bool* open);

// {"data": name, "view": tab name, "error": text, "views": {tab name: that tab's status}}; views holds
// the tabs built so far (none until the window first opens).
std::string ModelsStatusJson();

// Opens the tab called `name` (as the status names it) at the next frame; false if there is none.
bool SelectModelsView(const std::string& name);

}  // namespace netlab
