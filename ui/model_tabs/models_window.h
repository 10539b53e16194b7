#pragma once
// The "Models" window: models from the lecture notes trained live on real data, one tab each
// (model_tabs/model_view.h), over the data the window's ModelsDataChoice holds. Tabs:
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
// The App owns one; the platform reaches it through App::models().
#include <memory>
#include <string>
#include <vector>

#include "core/rng.h"
#include "model_tabs/model_view.h"
#include "model_tabs/models_data_choice.h"

namespace netlab {

class ModelsWindow {
 public:
  ModelsWindow();

  void Draw(float screen_width, float screen_height, double train_budget_seconds, bool* open);

  // How the platform fetches files for the data choice, and the files it read (or why it could not).
  void SetDataActions(ModelsDataActions actions) { data_.SetActions(std::move(actions)); }
  void ReceiveDataFiles(const std::string& name, const std::vector<DataFile>& files, const std::string& error) {
    data_.Receive(name, files, error, rng_);
  }
  // Switches to the built-in data set `name`; false if there is no such set here.
  bool SelectData(const std::string& name) { return data_.Select(name, rng_); }
  // Opens the tab called `name` (as the status names it) at the next frame; false if there is none.
  bool SelectView(const std::string& name);

  // {"data": name, "train": rows, "test": rows, "loading": bool, "notice": text, "error": text,
  //  "view": tab name, "views": {tab name: that tab's status}}; views holds the tabs built so far for the
  // current data (none until the window first opens).
  std::string StatusJson() const;

 private:
  // The tab at `index`, its model rebuilt first when the data changed since it was last built.
  ModelView& View(int index);

  Rng rng_{2024};
  ModelsDataChoice data_;
  std::vector<std::unique_ptr<ModelView>> views_;
  std::vector<int> built_for_;  // the data generation views_[i] was built for; -1 before its first build
  int selected_ = 0;
  int requested_ = -1;  // a tab SelectView asked for, opened at the next frame
  bool training_ = true;
};

}  // namespace netlab
