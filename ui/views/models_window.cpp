#include "views/models_window.h"

#include "core/clock.h"
#include "core/json_text.h"
#include "imgui.h"
#include "views/lesson_views.h"

namespace netlab {

ModelsWindow::ModelsWindow() {
  views_.push_back(MakeRbmView());
  views_.push_back(MakeDbnView());
  views_.push_back(MakeAutoencoderView());
  views_.push_back(MakeVaeView());
  views_.push_back(MakeGanView());
  views_.push_back(MakeSequenceView());
  views_.push_back(MakeSbnView());
  views_.push_back(MakeDqnView());
  views_.push_back(MakeAttentionView());
  views_.push_back(MakePerceptronView());
  views_.push_back(MakeFlowView());
  views_.push_back(MakeMadeView());
  views_.push_back(MakeDbmView());
  views_.push_back(MakeGumbelVaeView());
  built_for_.assign(views_.size(), -1);
}

ModelView& ModelsWindow::View(int index) {
  if (built_for_[size_t(index)] != data_.generation()) {
    rng_ = Rng(seed_);  // the same config and data give the same model and the same training
    views_[size_t(index)]->Reset(data_.data(), rng_);
    built_for_[size_t(index)] = data_.generation();
  }
  return *views_[size_t(index)];
}

namespace {

// Each task's view, by the name the views go by.
struct TaskView {
  const char* task;
  const char* view;
};
const TaskView kTaskViews[] = {{"rbm", "RBM"}, {"dbn", "DBN"}, {"autoencoder", "Autoencoder"}, {"classify", "CNN"},
                               {"vae", "VAE"}, {"gan", "GAN"}, {"sequence", "RNN"},
                               {"sbn", "SBN"}, {"dqn", "DQN"}, {"attention", "Attention"},
                               {"perceptron", "Perceptron"}, {"flow", "Flow"}, {"made", "MADE"},
                               {"dbm", "DBM"}, {"gumbel-vae", "Gumbel VAE"}};

}  // namespace

std::string ModelsWindow::TaskOfView(const std::string& name) {
  for (const TaskView& t : kTaskViews)
    if (name == t.view) return t.task;
  return "";
}

void ModelsWindow::SetTask(const Config& config) {
  seed_ = config.seed;
  rng_ = Rng(config.seed);
  for (const TaskView& t : kTaskViews)
    if (config.task == t.task)
      for (int i = 0; i < int(views_.size()); ++i)
        if (std::string(views_[size_t(i)]->Name()) == t.view) selected_ = i;
  for (size_t i = 0; i < views_.size(); ++i) {
    views_[i]->Configure(config);
    built_for_[i] = -1;
  }
  network_tabs_ = NetworkTabsState();
  network_name_.clear();
  Rng data_rng = DataRng();
  data_.SelectKind(config.data.kind, config.data.file, data_rng);
}

ModelView* ModelsWindow::TrainTask(double train_budget_seconds, bool training, double& trained) {
  trained = 0.0;
  Rng data_rng = DataRng();
  if (!data_.EnsureLoaded(data_rng)) {
    ImGui::TextWrapped("Could not load the data: %s", data_.error().c_str());
    return nullptr;
  }
  ModelView& view = View(selected_);
  const double start = NowSeconds();
  if (training && !data_.loading()) view.Train(data_.data(), rng_, train_budget_seconds);
  trained = NowSeconds() - start;
  return &view;
}

double ModelsWindow::DrawTask(double train_budget_seconds, bool training) {
  double trained = 0.0;
  if (ModelView* view = TrainTask(train_budget_seconds, training, trained)) view->Draw(data_.data(), rng_);
  return trained;
}

double ModelsWindow::DrawTaskNetworks(const std::string& view, double train_budget_seconds, bool training) {
  double trained = 0.0;
  ModelView* model = TrainTask(train_budget_seconds, training, trained);
  if (!model) return trained;
  const std::vector<NamedNetwork> networks = model->Networks(data_.data());
  DrawNetworkTab(view, network_tabs_, networks);
  network_name_ = network_tabs_.chosen < networks.size() ? networks[network_tabs_.chosen].name : "";
  return trained;
}

std::string ModelsWindow::DrawDataRow() {
  Rng data_rng = DataRng();
  data_.DrawRow(data_rng);
  return data_.kind();
}

std::string ModelsWindow::StatusJson() const {
  const ModelsData& d = data_.data();
  std::string views;
  for (size_t i = 0; i < views_.size(); ++i) {
    if (built_for_[i] != data_.generation()) continue;
    views += (views.empty() ? "" : ",") + JsonString(views_[i]->Name()) + ":" + views_[i]->StatusJson();
  }
  return "{\"data\":" + JsonString(d.name) + ",\"train\":" + std::to_string(d.train.features.rows()) +
         ",\"test\":" + std::to_string(d.test.features.rows()) + ",\"loading\":" + (data_.loading() ? "true" : "false") +
         ",\"notice\":" + JsonString(data_.notice()) + ",\"error\":" + JsonString(data_.error()) +
         ",\"kind\":" + JsonString(data_.kind()) + ",\"view\":" + JsonString(views_[size_t(selected_)]->Name()) +
         ",\"views\":{" + views + "},\"network\":" + JsonString(network_name_) +
         ",\"gradient_check\":" + GradientCheckStatusJson(network_tabs_.check) + "}";
}

}  // namespace netlab
