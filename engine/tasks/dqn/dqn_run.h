#pragma once
// The deep Q-learning lesson (task `dqn`, data `gridworld`) as a run the page and the headless trainer
// step alike: a DqnAgent (reinforcement/dqn.h) with the config's hidden layers, optimizer and minibatch
// in the lesson's grid world, with the discount γ and the ε schedule of the config's lesson keys
// (discount, epsilon_start, epsilon_end, epsilon_decay_moves; DqnSettings' values by default). One step is one move and one update; a report is 1,000 moves.
#include <algorithm>
#include <memory>
#include <string>

#include "reinforcement/dqn.h"
#include "data/task_data.h"
#include "optim/optimizer.h"
#include "tasks/run_base.h"

namespace netlab {

// The agent of a config: its hidden layers (with the initializer) as Q-network, linear outputs, and its
// optimizer with the config's seed.
std::unique_ptr<DqnAgent> MakeDqnAgent(const GridWorld& world, const Config& config, const DqnSettings& settings,
                                       Rng& rng);

class DqnRun : public RunBase {
 public:
  // Draws its own data: the TaskData the table passes every run is not read.
  DqnRun(const Config& config, const TaskData& unused);
  void Step() override;
  // "step=N moves=.. episodes=.. epsilon=.. td_error=.. mean_return=.. optimal_return=.. optimal_cells=..
  // cells=.. value_error=..": the greedy policy against the optimal one, cell by cell.
  std::string ReportLine() override;
  // The Q-network's weights, then the target network's.
  std::vector<Matrix*> Parameters() override { return agent_ ? agent_->Weights() : std::vector<Matrix*>(); }
  // The exploration schedule and 1,000 greedy moves after it: with the example's 3,000-move decay every
  // cell's greedy action is optimal by move 3,000 and the value error under 1e-4 by 4,000.
  double Progress() const override {
    if (!agent_ || !error_.empty()) return -1.0;
    return std::min(1.0, double(updates_) / double(agent_->settings().epsilon_decay_moves + 1000));
  }

  DqnAgent& agent() { return *agent_; }
  const GridWorld& world() const { return world_; }
  const std::vector<double>& optimal_values() const { return optimal_values_; }  // V*, by value iteration
  double optimal_mean_return() const { return optimal_mean_return_; }
  // The mean discounted return of the last `episodes` episodes (0 before the first).
  double RecentReturn(int episodes = 50) const;
  // RecentReturn every return_curve_every() updates from the start: at most 600 points, every other one
  // dropped (and the interval doubled) when full, so a long run keeps its whole span.
  const std::vector<float>& return_curve() const { return return_curve_; }
  long return_curve_every() const { return return_curve_every_; }

 private:
  GridWorld world_;
  std::unique_ptr<DqnAgent> agent_;
  std::vector<double> optimal_values_;
  double optimal_mean_return_ = 0.0, last_loss_ = 0.0;
  std::vector<float> return_curve_;
  long return_curve_every_ = 100;
};

}  // namespace netlab
