#pragma once
// The "Models" window: models from the lecture notes trained live on real data, one tab each
// (ui/model_view.h). Data: scikit-learn's 8x8 digits (default) and iris, built in; a Fashion-MNIST
// subset fetched on demand; or the user's CSV / IDX files (engine/data_from_files.h). Tabs:
//   RBM: CD-k or persistent CD; its weight filters (one image per hidden unit) and "dreams", Gibbs
//        chains run from noise.
//   DBN: RBMs pretrained greedily layer by layer, then fine-tuned: a classifier against the same net from
//        random weights, and the unrolled deep autoencoder's reconstructions against PCA's.
//   CNN: test accuracy and the first convolution's 3x3 filters while it trains.
//   VAE: with a 2-D latent space, decoded images over a grid of latent codes (the learned manifold)
//        or the map of the test samples' codes by class.
//   GAN: generated points against the modes of a ring of Gaussians, over the discriminator's surface.
//   RNN: an LSTM, GRU or plain RNN continuing sine waves, teacher-forced and then free-running.
// Training runs only while the window is open and "Train" is on, within `train_budget_seconds` a frame.
#include <functional>
#include <string>
#include <vector>

#include "data/from_files.h"

namespace netlab {

// How the platform gets data files to the window; the bytes come back through ReceiveModelsDataFiles.
// An action left empty hides its control.
struct ModelsDataActions {
  std::function<void()> pick_files;     // the user picks a CSV or IDX files (gzipped ones unpacked)
  std::function<void()> fetch_fashion;  // the Fashion-MNIST subset (web: fetched on demand)
};
void SetModelsDataActions(ModelsDataActions actions);
// Files the platform read for the window (`name` says what for, e.g. "Fashion-MNIST"), or the reason it
// could not (`error`, e.g. a failed fetch). A set that does not load keeps the current data and says why.
void ReceiveModelsDataFiles(const std::string& name, const std::vector<DataFile>& files, const std::string& error);

void DrawModelsWindow(float screen_width, float screen_height, double train_budget_seconds, bool* open);

// {"data": name, "train": rows, "test": rows, "loading": bool, "notice": text, "error": text,
//  "view": tab name, "views": {tab name: that tab's status}}; views holds the tabs built so far for the
// current data (none until the window first opens).
std::string ModelsStatusJson();

// Switches to the built-in data set `name` ("digits 8x8", "iris", "Fashion-MNIST subset"); false if
// there is no such set here.
bool SelectModelsData(const std::string& name);

// Opens the tab called `name` (as the status names it) at the next frame; false if there is none.
bool SelectModelsView(const std::string& name);

}  // namespace netlab
