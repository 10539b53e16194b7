// The page's view of every task but the playground (whose screen is the App's), one row each, in the
// order of the engine's task table (tasks/table.h); tests/views/view_table_test.cpp checks that every task
// has its row. The names are what status().models.views and window.netlab.openWindow('models/NAME') use.
#include "views/task_view.h"

namespace netlab {

// Defined in views/<task>_view.cpp.
std::unique_ptr<TaskView> MakeClassifyView();
std::unique_ptr<TaskView> MakeSequenceView();
std::unique_ptr<TaskView> MakeAttentionView();
std::unique_ptr<TaskView> MakeCharTransformerView();
std::unique_ptr<TaskView> MakeVaeView();
std::unique_ptr<TaskView> MakeGumbelVaeView();
std::unique_ptr<TaskView> MakeGanView();
std::unique_ptr<TaskView> MakeFlowView();
std::unique_ptr<TaskView> MakeDiffusion2dView();
std::unique_ptr<TaskView> MakeMadeView();
std::unique_ptr<TaskView> MakeAutoencoderView();
std::unique_ptr<TaskView> MakeRbmView();
std::unique_ptr<TaskView> MakeDbnView();
std::unique_ptr<TaskView> MakeDbmView();
std::unique_ptr<TaskView> MakeSbnView();
std::unique_ptr<TaskView> MakeDqnView();
std::unique_ptr<TaskView> MakePerceptronView();
std::unique_ptr<TaskView> MakeXorByHandView();

namespace {

struct ViewRow {
  const char* task;
  const char* name;
  std::unique_ptr<TaskView> (*make)();
};

const ViewRow kViews[] = {
    {"classify", "CNN", MakeClassifyView},
    {"sequence", "RNN", MakeSequenceView},
    {"attention", "Attention", MakeAttentionView},
    {"char-transformer", "Transformer", MakeCharTransformerView},
    {"vae", "VAE", MakeVaeView},
    {"gumbel-vae", "Gumbel VAE", MakeGumbelVaeView},
    {"gan", "GAN", MakeGanView},
    {"flow", "Flow", MakeFlowView},
    {"diffusion-2d", "Diffusion", MakeDiffusion2dView},
    {"made", "MADE", MakeMadeView},
    {"autoencoder", "Autoencoder", MakeAutoencoderView},
    {"rbm", "RBM", MakeRbmView},
    {"dbn", "DBN", MakeDbnView},
    {"dbm", "DBM", MakeDbmView},
    {"sbn", "SBN", MakeSbnView},
    {"dqn", "DQN", MakeDqnView},
    {"perceptron", "Perceptron", MakePerceptronView},
    {"xor-by-hand", "XOR by hand", MakeXorByHandView},
};

}  // namespace

std::unique_ptr<TaskView> MakeTaskView(const std::string& task) {
  for (const ViewRow& row : kViews)
    if (task == row.task) return row.make();
  return nullptr;
}

std::string ViewNameOf(const std::string& task) {
  for (const ViewRow& row : kViews)
    if (task == row.task) return row.name;
  return "";
}

std::string TaskOfView(const std::string& name) {
  for (const ViewRow& row : kViews)
    if (name == row.name) return row.task;
  return "";
}

}  // namespace netlab
