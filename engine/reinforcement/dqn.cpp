#include "reinforcement/dqn.h"

#include <algorithm>
#include <cmath>

namespace netlab {

DqnAgent::DqnAgent(const GridWorld& world, Network online, Network target, const OptimizerSettings& optimizer,
                   const DqnSettings& settings, Rng& rng)
    : world_(world), settings_(settings), online_(std::move(online)), target_(std::move(target)) {
  parameters_ = online_.Parameters();
  optimizer_ = CreateOptimizer(optimizer);
  CopyToTarget();
  replay_.reserve(size_t(settings_.replay_capacity));
  StartEpisode(rng);
}

void DqnAgent::CopyToTarget() {
  std::vector<ParameterRef> target = target_.Parameters();
  for (size_t i = 0; i < target.size(); ++i) *target[i].value = *parameters_[i].value;
}

void DqnAgent::StartEpisode(Rng& rng) {
  // Exploring starts (Sutton & Barto 2018, section 5.3): any open cell, so every state gets visited.
  state_ = world_.starts()[rng.Below(uint32_t(world_.starts().size()))];
  episode_moves_ = 0;
  episode_return_ = 0.0;
  episode_discount_ = 1.0;
}

double DqnAgent::epsilon() const {
  const double t = std::min(1.0, double(moves_) / double(std::max(1L, settings_.epsilon_decay_moves)));
  return settings_.epsilon_start + t * (settings_.epsilon_end - settings_.epsilon_start);
}

void DqnAgent::OneHot(const std::vector<int>& states, Matrix& out) const {
  out.setZero(Eigen::Index(states.size()), world_.states());
  for (size_t i = 0; i < states.size(); ++i) out(Eigen::Index(i), states[i]) = 1.0f;
}

double DqnAgent::Step(Rng& rng) {
  int action;
  if (rng.Uniform() < epsilon()) {
    action = int(rng.Below(kGridActions));
  } else {
    OneHot({state_}, inputs_);
    const Matrix& q = online_.Forward(inputs_);
    Eigen::Index best;
    q.row(0).maxCoeff(&best);
    action = int(best);
  }
  const GridWorld::Outcome o = world_.Move(state_, action);
  const Transition t{state_, action, o.reward, o.next, o.done};
  if (replay_.size() < size_t(settings_.replay_capacity)) replay_.push_back(t);
  else replay_[replay_next_] = t;
  replay_next_ = (replay_next_ + 1) % size_t(settings_.replay_capacity);
  ++moves_;
  episode_return_ += episode_discount_ * o.reward;
  episode_discount_ *= settings_.discount;
  state_ = o.next;
  if (o.done || ++episode_moves_ >= settings_.max_episode_moves) {
    returns_.push_back(float(episode_return_));
    StartEpisode(rng);
  }
  return moves_ >= settings_.warmup ? Update(rng) : 0.0;
}

double DqnAgent::Update(Rng& rng) {
  const int batch = settings_.batch_size;
  std::vector<const Transition*> drawn(size_t(batch), nullptr);
  batch_states_.resize(size_t(batch));
  batch_next_.resize(size_t(batch));
  for (int i = 0; i < batch; ++i) {
    drawn[size_t(i)] = &replay_[rng.Below(uint32_t(replay_.size()))];
    batch_states_[size_t(i)] = drawn[size_t(i)]->state;
    batch_next_[size_t(i)] = drawn[size_t(i)]->next;
  }
  OneHot(batch_next_, next_inputs_);
  const Matrix next_q = target_.Forward(next_inputs_);  // batch x 4
  Matrix next_online;
  if (settings_.double_q) next_online = online_.Forward(next_inputs_);
  OneHot(batch_states_, inputs_);
  const Matrix& q = online_.Forward(inputs_);
  grad_.setZero(batch, kGridActions);
  double squared = 0.0;
  for (int i = 0; i < batch; ++i) {
    const Transition& t = *drawn[size_t(i)];
    double next_value = next_q.row(i).maxCoeff();
    if (settings_.double_q) {
      Eigen::Index pick;
      next_online.row(i).maxCoeff(&pick);
      next_value = next_q(i, pick);
    }
    const double y = t.reward + (t.done ? 0.0 : settings_.discount * next_value);
    const double error = double(q(i, t.action)) - y;
    squared += error * error;
    // d/dQ of ½(Q - y)² averaged over the batch, clipped as Mnih et al. clip the error term.
    grad_(i, t.action) = float(std::clamp(error, -1.0, 1.0) / batch);
  }
  online_.Backward(grad_);
  optimizer_->Step(parameters_);
  if (++updates_ % settings_.target_every == 0) CopyToTarget();
  return squared / batch;
}

Matrix DqnAgent::QValues() {
  std::vector<int> all(size_t(world_.states()));
  for (int s = 0; s < world_.states(); ++s) all[size_t(s)] = s;
  Matrix x;
  OneHot(all, x);
  return online_.Forward(x);
}

std::vector<int> DqnAgent::GreedyPolicy() {
  const Matrix q = QValues();
  std::vector<int> policy(size_t(q.rows()), 0);
  for (Eigen::Index s = 0; s < q.rows(); ++s) {
    Eigen::Index best;
    q.row(s).maxCoeff(&best);
    policy[size_t(s)] = int(best);
  }
  return policy;
}

bool DqnAgent::finite() {
  for (const ParameterRef& p : parameters_)
    if (!p.value->allFinite()) return false;
  return true;
}

double OptimalMeanReturn(const GridWorld& world, double discount) {
  const std::vector<double> values = ValueIteration(world, discount);
  double total = 0.0;
  for (int s : world.starts()) total += values[size_t(s)];
  return total / double(world.starts().size());
}

int OptimalPolicyStates(const GridWorld& world, const std::vector<int>& policy, double discount, double tolerance) {
  const std::vector<double> values = ValueIteration(world, discount);
  int optimal = 0;
  for (int s : world.starts())
    optimal += std::abs(OptimalActionValue(world, values, discount, s, policy[size_t(s)]) - values[size_t(s)]) <= tolerance;
  return optimal;
}

std::vector<Matrix*> DqnAgent::Weights() {
  std::vector<Matrix*> weights;
  for (Network* n : {&online_, &target_})
    for (const ParameterRef& p : n->Parameters()) weights.push_back(p.value);
  return weights;
}

}  // namespace netlab
