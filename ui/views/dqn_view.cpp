// Deep Q-learning tab (task `dqn`, lessons/dqn_run.h): the grid world with the greedy policy's arrows over
// the cells (shaded by max_a Q(s, a); a red arrow where the greedy action is not optimal by value
// iteration), the agent, and the curve of the recent episodes' discounted return against the optimal one.
#include <algorithm>
#include <cmath>
#include <memory>
#include <string>
#include <vector>

#include "core/clock.h"
#include "core/json_text.h"
#include "imgui.h"
#include "tasks/dqn/dqn_run.h"
#include "views/task_view.h"
#include "widgets/line_plot.h"
#include "widgets/plots.h"
#include "platform/layout_report.h"
#include "widgets/layout.h"

namespace netlab {
namespace {

class DqnView : public RunView<DqnRun> {
 public:
  void Attached() override {
    optimal_cells_ = 0;
  }



  void Draw(const std::string&, float, float) override {
    ImGui::TextWrapped("Watch the arrows turn towards the +1 and away from the -1 as ε falls, and the return climb to the dashed optimum.");  // what to look for, first
    DrawDerivation("Q(s, a) is trained towards r + γ maxₐ′ Q_target(s′, a′) by the squared TD error over minibatches drawn from a replay memory; the target network is a copy refreshed every few updates (Mnih et al. 2015). The agent acts ε-greedily: a random move with probability ε, falling from ε_start to ε_end, else argmaxₐ Q(s, a). The arrows are argmaxₐ Q; the optimum's return is computed exactly by value iteration.");
    ImGui::TextWrapped("Deep Q-learning (Mnih et al. 2015): Q(s, a) learns r + %.2g max Q_target(s', a').",
                       double(run_->config().lesson.discount));
    if (!run_->error().empty()) {
      ImGui::TextWrapped("%s", run_->error().c_str());
      return;
    }
    if (!run_->diverged().empty()) ImGui::TextColored(ImVec4(0.85f, 0.3f, 0.1f, 1), "%s", run_->diverged().c_str());
    DqnAgent& agent = run_->agent();
    const std::vector<int> policy = agent.GreedyPolicy();
    optimal_cells_ = OptimalPolicyStates(run_->world(), policy, agent.settings().discount);
    ImGui::TextWrapped("%ld moves, %zu episodes, ε %.2f", agent.moves(), agent.episode_returns().size(), agent.epsilon());
    if (ImGui::IsItemHovered())
      ImGui::SetTooltip("Each move: a random action with probability ε, else the greedy one;\n"
                        "the move goes into a replay memory of %d, and one minibatch of %d drawn from it\n"
                        "updates the Q-network. The target network is a copy refreshed every %d updates.",
                        agent.settings().replay_capacity, agent.settings().batch_size, agent.settings().target_every);
    ImGui::TextWrapped("Greedy policy optimal in %d of %zu cells", optimal_cells_, run_->world().starts().size());
    // The grid world and the return curve side by side where the pane is wide, each as large as it allows
    // (the grid was 16 lines wide on any screen).
    const ImVec2 avail = ImGui::GetContentRegionAvail();
    const float gap = 2.0f * ImGui::GetFontSize(), text = 3.0f * ImGui::GetTextLineHeightWithSpacing();
    const bool beside = avail.x >= 2.0f * 16.0f * ImGui::GetFontSize() + gap;
    const float side = std::max(12.0f * ImGui::GetFontSize(),
                                std::floor(std::min(beside ? (avail.x - gap) * 0.5f : avail.x, (beside ? avail.y : avail.y * 0.55f) - text)));
    ImGui::BeginGroup();
    DrawWorld(agent, policy, side);
    ImGui::PushTextWrapPos(ImGui::GetCursorPosX() + side);
    ImGui::TextWrapped("Arrows: the greedy action, red where value iteration finds a better one. Shade: max Q(s, a). "
                       "Orange: the agent.");
    ImGui::PopTextWrapPos();
    ImGui::EndGroup();
    if (beside) ImGui::SameLine(0.0f, gap);
    ImGui::BeginGroup();
    const float plot_width = beside ? avail.x - side - gap : avail.x;
    ImGui::PushTextWrapPos(ImGui::GetCursorPosX() + plot_width);
    ImGui::TextWrapped("Discounted return, mean of the last 50 episodes, over %ld moves", run_->updates());
    ImGui::PopTextWrapPos();
    if (ImGui::IsItemHovered())
      ImGui::SetTooltip("Dashed: the optimal policy's mean return from a random start cell,\n"
                        "the mean of V*(s) by value iteration. Exploration keeps the agent a little below it.");
    DrawReturnCurve(plot_width, beside ? std::min(side, plot_width * 0.75f) : LinePlotHeight(plot_width));
    ImGui::EndGroup();
  }

  std::string StatusJson() const override {
    if (!run_ || !run_->error().empty()) return "{}";
    DqnAgent& agent = run_->agent();
    return "{\"moves\":" + std::to_string(agent.moves()) + ",\"episodes\":" +
           std::to_string(agent.episode_returns().size()) + ",\"epsilon\":" + JsonNumber(agent.epsilon()) +
           ",\"mean_return\":" + JsonNumber(run_->RecentReturn()) + ",\"optimal_return\":" +
           JsonNumber(run_->optimal_mean_return()) + ",\"optimal_cells\":" + std::to_string(optimal_cells_) +
           ",\"cells\":" + std::to_string(run_->world().starts().size()) + "}";
  }

 private:
  void DrawWorld(DqnAgent& agent, const std::vector<int>& policy, float side) {
    const GridWorld& world = run_->world();
    const Matrix q = agent.QValues();
    const float cell = side / float(std::max(world.width(), world.height()));
    ImDrawList* draw = ImGui::GetWindowDrawList();
    const ImVec2 origin = ImGui::GetCursorScreenPos();
    const std::vector<double>& values = run_->optimal_values();
    for (int s = 0; s < world.states(); ++s) {
      const ImVec2 a(origin.x + float(s % world.width()) * cell, origin.y + float(s / world.width()) * cell);
      const ImVec2 b(a.x + cell, a.y + cell), centre(a.x + cell / 2, a.y + cell / 2);
      ImU32 fill = IM_COL32(60, 60, 60, 255);  // wall
      if (world.cell(s) == 'G') fill = IM_COL32(90, 180, 90, 255);
      if (world.cell(s) == 'P') fill = IM_COL32(210, 80, 60, 255);
      if (!world.wall(s) && !world.terminal(s)) {
        const float v = std::clamp(float(q.row(s).maxCoeff()), 0.0f, 1.0f);  // white at 0, blue at 1
        fill = IM_COL32(int(255 - 155 * v), int(255 - 105 * v), 255, 255);
      }
      draw->AddRectFilled(a, b, fill);
      draw->AddRect(a, b, IM_COL32(180, 180, 180, 255));
      if (world.cell(s) == 'G' || world.cell(s) == 'P') {
        const char* label = world.cell(s) == 'G' ? "+1" : "-1";
        const ImVec2 size = ImGui::CalcTextSize(label);
        draw->AddText(ImVec2(centre.x - size.x / 2, centre.y - size.y / 2), IM_COL32(255, 255, 255, 255), label);
      }
      if (world.wall(s) || world.terminal(s)) continue;
      // The greedy action's arrow: dark where it is optimal, red where value iteration says otherwise.
      const int action = policy[size_t(s)];
      const bool optimal =
          std::abs(OptimalActionValue(world, values, agent.settings().discount, s, action) - values[size_t(s)]) <= 1e-9;
      const ImU32 colour = optimal ? IM_COL32(30, 30, 30, 255) : IM_COL32(220, 40, 30, 255);
      static const float dx[kGridActions] = {0, 1, 0, -1}, dy[kGridActions] = {-1, 0, 1, 0};
      const float length = cell * 0.32f;
      const ImVec2 tip(centre.x + dx[action] * length, centre.y + dy[action] * length);
      const ImVec2 tail(centre.x - dx[action] * length * 0.6f, centre.y - dy[action] * length * 0.6f);
      draw->AddLine(tail, tip, colour, 2.0f);
      const float head = cell * 0.14f;
      draw->AddTriangleFilled(tip, ImVec2(tip.x - dx[action] * head - dy[action] * head, tip.y - dy[action] * head + dx[action] * head),
                              ImVec2(tip.x - dx[action] * head + dy[action] * head, tip.y - dy[action] * head - dx[action] * head),
                              colour);
    }
    const int at = agent.position();
    draw->AddCircleFilled(ImVec2(origin.x + (float(at % world.width()) + 0.5f) * cell, origin.y + (float(at / world.width()) + 0.5f) * cell),
                          cell * 0.16f, IM_COL32(240, 150, 30, 255));
    ImGui::Dummy(ImVec2(cell * float(world.width()), cell * float(world.height())));
    NoteFigure(ImGui::GetItemRectMin(), ImGui::GetItemRectMax());  // for the layout report's figure share
  }

  void DrawReturnCurve(float width, float height) {
    LinePlot plot;
    plot.y_low = -1.0f, plot.y_high = 1.0f;
    plot.y_label = "return";
    plot.x_label = "episode";
    plot.series = {{"mean return", &run_->return_curve()}};
    plot.levels = {{"optimal", float(run_->optimal_mean_return())}};
    DrawLinePlot(plot, width, height);
  }

  int optimal_cells_ = 0;
};

}  // namespace

std::unique_ptr<TaskView> MakeDqnView() { return std::make_unique<DqnView>(); }

}  // namespace netlab
