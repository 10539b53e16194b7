// DBM view (task `dbm`, lessons/dbm_run.h): a two-layer deep Boltzmann machine learning binary digits:
// the mean-field lower bound on log p(v) for the training and test digits over the epochs (log Z exact),
// the first layer's filters (columns of W1) and the persistent chains' current states.
#include <algorithm>
#include <cmath>
#include <memory>
#include <string>

#include "core/clock.h"
#include "core/json_text.h"
#include "imgui.h"
#include "tasks/dbm/dbm_run.h"
#include "views/task_view.h"
#include "widgets/line_plot.h"
#include "widgets/image_drawing.h"
#include "widgets/plots.h"
#include "widgets/layout.h"

namespace netlab {
namespace {

constexpr int kShownChains = 20;
const ImU32 kTrainColour = IM_COL32(8, 119, 189, 255), kTestColour = IM_COL32(214, 96, 20, 255);

class DbmView : public RunView<DbmRun> {
 public:
  void Attached() override {
  }



  void Draw(const std::string&, float, float) override {
    ImGui::TextWrapped("Watch the bounds on log-likelihood close in, and the persistent chains wander between digits.");  // what to look for, first
    DrawDerivation("E(v, h¹, h²) = −vᵀW¹h¹ − h¹ᵀW²h² − biases (Salakhutdinov & Hinton 2009). Mean field fits q(h¹, h²) = Πq(hᵢ) by the fixed point μ¹ = σ(W¹ᵀv + W²μ² + c¹), μ² = σ(W²ᵀμ¹ + c²); the data's term of the gradient uses μ, the model's term persistent Gibbs chains. The bound: log p(v) ≥ −E_q[E(v, h)] + H(q) − log Z, exact here because Z is summed over every state of the small model.");
    const TaskData& data = *data_;
    ImGui::TextWrapped("Deep Boltzmann machine (Salakhutdinov & Hinton 2009): v - h1 - h2, every layer undirected. "
                       "Data term: the mean-field posterior q(h1) q(h2); model term: %d persistent Gibbs chains.",
                       DbmRun::kChains);
    if (!run_->error().empty()) {
      ImGui::TextWrapped("The DBM cannot train: %s", run_->error().c_str());
      return;
    }
    if (!run_->diverged().empty()) ImGui::TextColored(ImVec4(0.85f, 0.3f, 0.1f, 1), "%s", run_->diverged().c_str());
    ImGui::SameLine();
    const DbmRun::Point& p = run_->history().back();
    const Dbm& dbm = run_->dbm();
    ImGui::Text("%d-%d-%d, epoch %d, %ld updates", dbm.visible(), dbm.hidden1(), dbm.hidden2(), p.epoch, run_->updates());
    ImGui::TextWrapped("Mean-field bound on log p(v), nats per image (log Z exact, summed over 2^%d states of h1):",
                       dbm.hidden1());
    if (ImGui::IsItemHovered())
      ImGui::SetTooltip("L(v) = E_q[-E(v,h)] + H(q) - log Z = log p(v) - KL(q || p(h|v)) <= log p(v).\n"
                        "q's means are the fixed point of mu1 = s(v W1 + mu2 W2' + c1), mu2 = s(mu1 W2 + c2),\n"
                        "%d sweeps per image.",
                        DbmRun::kMeanFieldSteps);
    ImGui::TextColored(ImGui::ColorConvertU32ToFloat4(kTrainColour), "training digits %.2f", p.train_bound);
    ImGui::SameLine();
    ImGui::TextColored(ImGui::ColorConvertU32ToFloat4(kTestColour), "test digits %.2f", p.test_bound);
    ImGui::PushStyleColor(ImGuiCol_Text, ImGui::GetStyleColorVec4(ImGuiCol_TextDisabled));
    ImGui::TextWrapped("(untrained: %d log 1/2 = %.2f, every pixel a fair coin)", dbm.visible(), dbm.visible() * std::log(0.5));
    ImGui::PopStyleColor();
    const float plot_width = std::min(ImGui::GetContentRegionAvail().x, 40.0f * ImGui::GetFontSize());
    DrawCurves(plot_width, LinePlotHeight(plot_width));
    ImGui::Separator();
    if (!data.images()) return;
    const int width = data.train.image_width, height = data.train.image_height;
    const float room = ImageRoomLeft(2);
    ImGui::TextWrapped("First-layer filters (columns of W1; dark negative, light positive)");
    const Matrix filters = dbm.w1.transpose();
    const float scale = std::max(1e-6f, filters.cwiseAbs().maxCoeff());
    DrawImageRows(filters, width, height, -scale, scale, room);
    ImGui::TextWrapped("The persistent chains' states v (the model's samples)");
    const Matrix& chains = dbm.chain_visible();
    DrawImageRows(chains.topRows(std::min<Eigen::Index>(kShownChains, chains.rows())), width, height, 0.0f, 1.0f, room);
  }

  std::string StatusJson() const override {
    if (!run_ || !run_->error().empty()) return "{\"error\":" + JsonString(run_ ? run_->error() : "") + "}";
    const DbmRun::Point& first = run_->history().front();
    const DbmRun::Point& p = run_->history().back();
    return "{\"epoch\":" + std::to_string(p.epoch) + ",\"updates\":" + std::to_string(run_->updates()) +
           ",\"train_bound\":" + JsonNumber(p.train_bound) + ",\"test_bound\":" + JsonNumber(p.test_bound) +
           ",\"first_test_bound\":" + JsonNumber(first.test_bound) + ",\"log_z\":" + JsonNumber(p.log_z) +
           ",\"chains\":" + std::to_string(run_->dbm().chain_visible().rows()) + "}";
  }

 private:
  // The bound against epochs: training digits (blue), test digits (orange).
  void DrawCurves(float width, float height) {
    epochs_.clear(), train_.clear(), test_.clear();
    for (const DbmRun::Point& p : run_->history())
      epochs_.push_back(float(p.epoch)), train_.push_back(float(p.train_bound)), test_.push_back(float(p.test_bound));
    LinePlot plot;
    plot.y_label = "bound on log p(v), nats";
    plot.x_label = "epoch";
    plot.y_span_max = 30.0f;  // the untrained start would flatten the rest
    plot.series = {{"training digits", &train_, &epochs_}, {"test digits", &test_, &epochs_}};
    DrawLinePlot(plot, width, height);
  }
  std::vector<float> epochs_, train_, test_;  // the history as the plot reads it

  Config config_;
  Rng display_rng_{1};  // draws for pictures only (samples, chains), never for training
};

}  // namespace

std::unique_ptr<TaskView> MakeDbmView() { return std::make_unique<DbmView>(); }

}  // namespace netlab
