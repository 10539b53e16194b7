#pragma once
// Deep Q-learning (Mnih et al. 2015, "Human-level control through deep reinforcement learning"; the
// agent of ConvNetJS's rldemo) on a grid world (reinforcement/grid_world.h). The Q-function is an MLP
// from the agent's cell (one-hot) to one value per action, trained towards the Bellman target
//   y = r + γ max_a' Q_target(s', a')      (y = r when the move ended the episode)
// by squared error on the taken action only, with Mnih's error clipping (the error's gradient is clipped
// to [-1, 1]). Three devices keep it stable: ε-greedy exploration decaying linearly, a replay memory
// the minibatches are drawn from uniformly (breaking the correlation of consecutive moves), and a target
// network, a copy of the Q-network refreshed every `target_every` updates.
#include <memory>
#include <vector>

#include "core/rng.h"
#include "nn/network.h"
#include "optim/optimizer.h"
#include "reinforcement/grid_world.h"

namespace netlab {

struct DqnSettings {
  double discount = 0.9;            // γ
  int replay_capacity = 5000;       // transitions kept; the oldest is overwritten
  int batch_size = 32;
  int warmup = 200;                 // moves before the first update
  int target_every = 100;           // updates between copies of the Q-network into the target network
  float epsilon_start = 1.0f, epsilon_end = 0.05f;
  long epsilon_decay_moves = 3000;  // ε falls linearly from start to end over this many moves
  int max_episode_moves = 50;       // an episode that has not ended by then starts over (not terminal)
  // Double DQN (van Hasselt, Guez & Silver 2016): the online network picks the next action and the
  // target network values it, y = r + γ Q_target(s', argmax_a' Q(s', a')); the plain max over one
  // network's noisy estimates overvalues bumping into a wall, whose value is γ max_a Q(s, a) itself.
  bool double_q = true;
};

struct Transition {
  int state, action;
  float reward;
  int next;
  bool done;
};

class DqnAgent {
 public:
  // `online` and `target`: two Q-networks of one architecture (one-hot cell in, one linear output per
  // action); the target starts as a copy of the online one, which `optimizer` trains.
  DqnAgent(const GridWorld& world, Network online, Network target, const OptimizerSettings& optimizer,
           const DqnSettings& settings, Rng& rng);

  // One ε-greedy move in the world, stored in the replay memory, then (after the warm-up) one update of
  // the Q-network on a minibatch drawn from it. Returns the update's mean squared TD error (0 before).
  double Step(Rng& rng);

  // Q(s, ·) for every cell, states x 4 (walls and terminal cells included; their rows mean nothing).
  Matrix QValues();
  // argmax_a Q(s, a) for every cell (ties: the lowest action).
  std::vector<int> GreedyPolicy();
  double epsilon() const;
  long moves() const { return moves_; }
  long updates() const { return updates_; }
  int position() const { return state_; }
  // The discounted return Σ_t γ^t r_t of each episode, in order (0 for one cut off after
  // max_episode_moves). From uniformly drawn start cells its mean under the optimal policy is the mean
  // of V*(s) over the start cells (OptimalMeanReturn).
  const std::vector<float>& episode_returns() const { return returns_; }
  const GridWorld& world() const { return world_; }
  const DqnSettings& settings() const { return settings_; }
  bool finite();  // every weight finite
  // The online network's parameter values, then the target network's (what a weights file holds).
  std::vector<Matrix*> Weights();

 private:
  double Update(Rng& rng);
  void OneHot(const std::vector<int>& states, Matrix& out) const;
  void CopyToTarget();
  void StartEpisode(Rng& rng);

  GridWorld world_;
  DqnSettings settings_;
  Network online_, target_;
  std::unique_ptr<Optimizer> optimizer_;
  std::vector<ParameterRef> parameters_;
  std::vector<Transition> replay_;
  size_t replay_next_ = 0;
  int state_ = 0, episode_moves_ = 0;
  double episode_return_ = 0.0, episode_discount_ = 1.0;
  long moves_ = 0, updates_ = 0;
  std::vector<float> returns_;
  Matrix inputs_, next_inputs_, grad_;  // batch x states, batch x states, batch x 4
  std::vector<int> batch_states_, batch_next_;
};

// The states (open, non-terminal cells) where `policy`'s action is optimal: Q*(s, policy(s)) equals V*(s)
// within `tolerance` (reinforcement/grid_world.h's value iteration), and how many such states there are.
// The mean of V*(s) over the start cells: the optimal policy's expected discounted return per episode.
double OptimalMeanReturn(const GridWorld& world, double discount);

int OptimalPolicyStates(const GridWorld& world, const std::vector<int>& policy, double discount,
                        double tolerance = 1e-9);

}  // namespace netlab
