#pragma once
// One tab of the Models window: a model from the notes that trains live and shows what it learned.
// The window owns the data set and the random numbers; each tab owns its model and its view state.
#include <memory>
#include <string>
#include <vector>

#include "config/config.h"
#include "core/rng.h"
#include "data/labeled.h"
#include "tabs/network_tabs.h"
#include "data/task_data.h"

namespace netlab {

// The labelled data every tab trains on; rows are images when train.image_width > 0.
using ModelsData = TaskData;

class ModelView {
 public:
  virtual ~ModelView() = default;
  virtual const char* Name() const = 0;  // the tab's label and its name in the status JSON
  // The config's family settings and layer sizes for the next Reset (workbench/family_run.h says which
  // keys each family reads); a tab keeps its own choices for anything the config does not set.
  virtual void Configure(const Config&) {}
  // Builds a fresh model for `data`: called before the first Train or Draw, when the data set changes
  // and from the tab's own reset button.
  virtual void Reset(const ModelsData& data, Rng& rng) = 0;
  // Trains for about `budget_seconds` of wall time (the window calls it only while "Train" is on).
  virtual void Train(const ModelsData& data, Rng& rng, double budget_seconds) = 0;
  virtual void Draw(const ModelsData& data, Rng& rng) = 0;
  // The tab's key numbers as one JSON object (progress, losses, accuracies), for window.netlab.status()
  // and the browser tests.
  virtual std::string StatusJson() const = 0;
  // The networks the Layers and Gradient check tabs show (model_tabs/network_tabs.h), each with the loss
  // it is trained on; none for the views without such tabs.
  virtual std::vector<NamedNetwork> Networks(const ModelsData& data) {
    (void)data;
    return {};
  }
  // The tab's network as an ONNX file (engine/export: the VAE's decoder, the GAN's generator, the
  // sequence model); false with `error` for the tabs that have none.
  virtual bool ExportOnnx(std::string& bytes, std::string& error) {
    (void)bytes;
    error = std::string("the ") + Name() + " view has no ONNX export";
    return false;
  }
};

// The tabs, in the window's order.
std::unique_ptr<ModelView> MakeRbmView();
std::unique_ptr<ModelView> MakeDbnView();
std::unique_ptr<ModelView> MakeAutoencoderView();
std::unique_ptr<ModelView> MakeVaeView();
std::unique_ptr<ModelView> MakeGanView();
std::unique_ptr<ModelView> MakeSequenceView();
std::unique_ptr<ModelView> MakeSbnView();  // lessons/sbn_view.cpp
std::unique_ptr<ModelView> MakeDqnView();  // lessons/dqn_view.cpp
std::unique_ptr<ModelView> MakeAttentionView();  // lessons/attention_view.cpp

}  // namespace netlab
