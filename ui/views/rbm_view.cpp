// RBM view (task `rbm`, tasks/rbm/rbm_run.h): the run's binary RBM trained with CD-k or persistent CD; its
// filters (a column of W per hidden unit) and its "dreams", Gibbs chains run from noise with the view's
// own random numbers (a picture of the model, which leaves the run's stream alone).
#include <algorithm>
#include <cmath>
#include <string>

#include "core/clock.h"
#include "core/json_text.h"
#include "imgui.h"
#include "boltzmann/rbm.h"
#include "tasks/rbm/rbm_run.h"
#include "views/task_view.h"
#include "widgets/image_drawing.h"
#include "widgets/layout.h"

namespace netlab {
namespace {

class RbmView : public RunView<RbmRun> {
 public:
  void Attached() override {
    Rng noise(DataSeed(run_->config().seed) + 1);
    SampleBernoulli(Matrix::Constant(10, data_->inputs(), 0.5f), dreams_, noise);
    reconstruction_error_ = run_->TestReconstructionError();
    measured_at_ = -1e9;
  }

  // The dreams take a Gibbs step and the test error is measured again, at most ten times a second.
  void AfterSteps(long steps, double, bool at_once) override {
    if ((steps == 0 && !at_once) || (!at_once && NowSeconds() - measured_at_ < 0.1)) return;
    measured_at_ = NowSeconds();
    run_->rbm().GibbsStep(dreams_, display_rng_);
    reconstruction_error_ = run_->TestReconstructionError();
  }

  void Draw(const std::string&, float, float) override {
    ImGui::TextWrapped("Watch the filters turn from noise into strokes, and the dreams from grey blobs into digits.");  // what to look for, first
    DrawDerivation("E(v, h) = −bᵀv − cᵀh − vᵀWh, so p(hⱼ = 1 | v) = σ(cⱼ + vᵀW₍:ⱼ₎) and p(vᵢ = 1 | h) = σ(bᵢ + Wᵢ₍:₎h). The log-likelihood's gradient is ∂log p(v)/∂W = E_data[vhᵀ] − E_model[vhᵀ]. Contrastive divergence (CD-k, Hinton 2002) estimates the model's term after k Gibbs steps started at the data; persistent CD (Tieleman 2008) keeps its chains from one update to the next. Each filter is a column W₍:ⱼ₎ drawn as an image.");
    const TaskData& data = *data_;
    const Rbm& rbm = run_->rbm();
    const RbmTrainingSettings& settings = run_->settings();
    ImGui::Text("Binary RBM %d x %d, %s-%d, %ld updates of %d", rbm.visible(), rbm.hidden(),
                settings.persistent ? "PCD" : "CD", settings.gibbs_steps, run_->updates(), run_->config().batch_size);
    ImGui::Text("Test reconstruction error %.2f / sample", reconstruction_error_);
    if (!data.images()) {
      ImGui::TextWrapped("The filter and dream views need image data.");
      return;
    }
    const int width = data.train.image_width, height = data.train.image_height;
    // The filter grid and the dreams share the pane's height (the filters were 24 px in any pane), each
    // grid fitted to its room (widgets/image_drawing.h).
    const float room = ImageRoomLeft(2);
    ImGui::Text("Filters: column j of W as %dx%d images", width, height);
    const Matrix filters = rbm.weights.transpose();
    const float bound = std::max(filters.cwiseAbs().maxCoeff(), 1e-3f);
    DrawImageRows(filters, width, height, -bound, bound, room);
    ImGui::TextUnformatted("Dreams: Gibbs chains from noise, p(v|h)");
    // The chains hold binary samples; their mean-field images p(v | p(h | v)) are what a student reads.
    Matrix hidden, dreams;
    rbm.HiddenProbabilities(dreams_, hidden);
    rbm.VisibleProbabilities(hidden, dreams);
    DrawImageRows(dreams, width, height, 0.0f, 1.0f, room);
  }

  std::string StatusJson() const override {
    const RbmTrainingSettings& settings = run_->settings();
    return "{\"k\":" + std::to_string(settings.gibbs_steps) + ",\"persistent\":" +
           (settings.persistent ? "true" : "false") + ",\"updates\":" + std::to_string(run_->updates()) +
           ",\"reconstruction_error\":" + JsonNumber(reconstruction_error_) + "}";
  }

 private:
  Rng display_rng_{7};  // the dreams' chains: pictures only, never the run's training
  Matrix dreams_;       // 10 Gibbs chains started from noise
  double reconstruction_error_ = 0.0;
  double measured_at_ = -1e9;
};

}  // namespace

std::unique_ptr<TaskView> MakeRbmView() { return std::make_unique<RbmView>(); }

}  // namespace netlab
