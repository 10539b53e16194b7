// The deep Q-learning lesson: a DQN in the lesson's grid world (lessons/dqn_run.h).
#include "tasks/dqn/dqn_run.h"

#include "networks/network_builder.h"

#include <algorithm>
#include <cmath>
#include <sstream>

#include "core/json_text.h"

namespace netlab {

std::unique_ptr<DqnAgent> MakeDqnAgent(const GridWorld& world, const Config& config, const DqnSettings& settings,
                                       Rng& rng) {
  Config c = config;
  c.loss = "mse";  // a regression onto the Bellman targets, linear outputs
  c.output_activation = "linear";
  Network online = BuildNetwork(c, world.states(), kGridActions, rng);
  Network target = BuildNetwork(c, world.states(), kGridActions, rng);
  OptimizerSettings optimizer = config.optimizer;
  optimizer.seed = config.seed;
  return std::make_unique<DqnAgent>(world, std::move(online), std::move(target), optimizer, settings, rng);
}

DqnRun::DqnRun(const Config& config, const TaskData&) : RunBase(config), world_(LessonGridWorld()) {
  report_every_ = 1000;
  if (config.hidden.empty()) {
    error_ = "The Q-network needs 1 to 4 dense hidden layers.";
    return;
  }
  const LessonConfig& l = config.lesson;
  if (!(l.discount >= 0.0f && l.discount < 1.0f)) {
    error_ = "The discount gamma must be at least 0 and below 1.";
    return;
  }
  if (!(l.epsilon_start >= 0.0f && l.epsilon_start <= 1.0f && l.epsilon_end >= 0.0f && l.epsilon_end <= 1.0f)) {
    error_ = "Epsilon (start and end) must lie between 0 and 1.";
    return;
  }
  DqnSettings settings;
  settings.batch_size = std::max(1, config.batch_size);
  settings.discount = l.discount;
  settings.epsilon_start = l.epsilon_start;
  settings.epsilon_end = l.epsilon_end;
  settings.epsilon_decay_moves = l.epsilon_decay_moves;
  agent_ = MakeDqnAgent(world_, config, settings, rng_);
  optimal_values_ = ValueIteration(world_, settings.discount);
  optimal_mean_return_ = OptimalMeanReturn(world_, settings.discount);
}

void DqnRun::Step() {
  if (!error_.empty() || !diverged_.empty()) return;
  last_loss_ = agent_->Step(rng_);
  ++updates_;
  if (updates_ % return_curve_every_ == 0) {
    constexpr size_t kMaxCurve = 600;
    if (return_curve_.size() == kMaxCurve) {
      for (size_t i = 0; i < kMaxCurve / 2; ++i) return_curve_[i] = return_curve_[2 * i + 1];
      return_curve_.resize(kMaxCurve / 2);
      return_curve_every_ *= 2;
    }
    if (updates_ % return_curve_every_ == 0) return_curve_.push_back(float(RecentReturn()));
  }
  if (!std::isfinite(last_loss_) || (updates_ % 100 == 0 && !agent_->finite()))
    diverged_ = "A Q-value became NaN or infinite: lower the learning rate and press Reset.";
}

double DqnRun::RecentReturn(int episodes) const {
  const std::vector<float>& returns = agent_->episode_returns();
  const size_t n = std::min(returns.size(), size_t(std::max(1, episodes)));
  if (n == 0) return 0.0;
  double total = 0.0;
  for (size_t i = returns.size() - n; i < returns.size(); ++i) total += returns[i];
  return total / double(n);
}

std::string DqnRun::ReportLine() {
  std::ostringstream line;
  if (!agent_) return "error=" + error_;
  const int optimal = OptimalPolicyStates(world_, agent_->GreedyPolicy(), agent_->settings().discount);
  const Matrix q = agent_->QValues();
  double value_error = 0.0;
  for (int s : world_.starts())
    value_error = std::max(value_error, std::abs(double(q.row(s).maxCoeff()) - optimal_values_[size_t(s)]));
  line << Prefix() << " moves=" << agent_->moves() << " episodes=" << agent_->episode_returns().size()
       << " epsilon=" << JsonNumber(agent_->epsilon()) << " td_error=" << JsonNumber(last_loss_)
       << " mean_return=" << JsonNumber(RecentReturn()) << " optimal_return=" << JsonNumber(optimal_mean_return_)
       << " optimal_cells=" << optimal << " cells=" << world_.starts().size()
       << " value_error=" << JsonNumber(value_error);
  return line.str();
}

}  // namespace netlab
