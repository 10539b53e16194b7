#pragma once
// The generative and sequence tasks' output: models from the lecture notes trained live on real data,
// one view each (model_tabs/model_view.h), over the data the ModelsDataChoice holds, which the
// classification task reads too. The config's task picks the view, which is drawn in the main output
// area and is the only one that trains; its settings come from the config (ModelView::Configure). Views:
//   RBM: CD-k or persistent CD; its weight filters (one image per hidden unit) and "dreams", Gibbs
//        chains run from noise.
//   DBN: RBMs pretrained greedily layer by layer, then fine-tuned: a classifier against the same net from
//        random weights, and the unrolled deep autoencoder's reconstructions against PCA's.
//   CNN: test accuracy and the first convolution's 3x3 filters while it trains.
//   VAE: with a 2-D latent space, decoded images over a grid of latent codes (the learned manifold)
//        or the map of the test samples' codes by class.
//   GAN: generated points against the modes of a ring of Gaussians, over the discriminator's surface.
//   RNN: an LSTM, GRU or plain RNN continuing sine waves, teacher-forced and then free-running.
// The App owns one; the platform reaches it through App::models() to deliver data files.
#include <memory>
#include <string>
#include <vector>

#include "core/rng.h"
#include "views/model_view.h"
#include "panels/models_data_choice.h"

namespace netlab {

class ModelsWindow {
 public:
  ModelsWindow();

  // The view of `config.task` (rbm, dbn, autoencoder, vae, gan, sequence) with the config's settings,
  // data set and seed; the model is rebuilt at the next draw. For classify only the data is chosen.
  void SetTask(const Config& config);
  // Trains the task's view within `train_budget_seconds` when `training`, then draws it in the current
  // ImGui window.
  // Trains the task's view within the budget (when `training`), then draws it; returns the seconds
  // spent training, which the frame counts as training time, not the UI's.
  double DrawTask(double train_budget_seconds, bool training);
  // The same training, then the task's Layers or Gradient check tab (`view`: "layers", "gradient_check")
  // over the view's networks (ModelView::Networks); returns the seconds spent training.
  double DrawTaskNetworks(const std::string& view, double train_budget_seconds, bool training);
  // The data row (source combo, "Open files...", sizes, messages); returns the data kind now chosen
  // (digits, iris, fashion or file), for the config.
  std::string DrawDataRow();
  // The task's view's network as ONNX (ModelView::ExportOnnx).
  bool ExportOnnx(std::string& bytes, std::string& error) { return views_[size_t(selected_)]->ExportOnnx(bytes, error); }
  const ModelsData& data() {
    Rng rng = DataRng();
    data_.EnsureLoaded(rng);
    return data_.data();
  }
  int data_generation() const { return data_.generation(); }
  bool gradient_check_running() const { return GradientCheckRunning(network_tabs_.check); }
  bool data_ready() const { return data_.loaded() && !data_.loading(); }

  // How the platform fetches files for the data choice, and the files it read (or why it could not).
  void SetDataActions(ModelsDataActions actions) { data_.SetActions(std::move(actions)); }
  void ReceiveDataFiles(const std::string& name, const std::vector<DataFile>& files, const std::string& error) {
    data_.Receive(name, files, error, rng_);
  }
  // Switches to the built-in data set `name`; false if there is no such set here.
  bool SelectData(const std::string& name) { return data_.Select(name, rng_); }
  // The task whose view is called `name` (as the status names it: RBM, DBN, CNN, VAE, GAN, RNN), or "".
  static std::string TaskOfView(const std::string& name);

  // {"data": name, "train": rows, "test": rows, "loading": bool, "notice": text, "error": text,
  //  "view": tab name, "views": {tab name: that tab's status}, "network": the Layers and Gradient check
  //  tabs' chosen network, "gradient_check": GradientCheckStatusJson}; views holds the tabs built so far for the
  // current data (none until the window first opens).
  std::string StatusJson() const;

 private:
  // The tab at `index`, its model rebuilt first when the data changed since it was last built.
  ModelView& View(int index);
  // The task's view, trained within the budget when `training` (the seconds it took into `trained`);
  // null (with the reason drawn) when the data cannot be loaded.
  ModelView* TrainTask(double train_budget_seconds, bool training, double& trained);
  // The data's split stream, from the config's seed (workbench/task_data.h's DataSeed).
  Rng DataRng() const { return Rng(DataSeed(seed_)); }

  Rng rng_{1};
  uint64_t seed_ = 1;
  ModelsDataChoice data_;
  std::vector<std::unique_ptr<ModelView>> views_;
  std::vector<int> built_for_;  // the data generation views_[i] was built for; -1 before its first build
  int selected_ = 0;
  NetworkTabsState network_tabs_;
  std::string network_name_;  // the chosen network's name when last drawn
};

}  // namespace netlab
