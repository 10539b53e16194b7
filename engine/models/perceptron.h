#pragma once
// The perceptron lesson: one unit on 2-D points, trained by either of the notes' two rules.
//  - McCulloch & Pitts (1943): the unit fires, o = 1, when w·x + b ≥ 0, else o = 0.
//  - Rosenblatt (1958): on each misclassified point w ← w + η (t − o) x, b ← b + η (t − o). On linearly
//    separable data it stops after at most (R/γ)² updates from w = 0 (Novikoff 1962); on XOR it never
//    stops, and with integer steps its weights return to an earlier state (Block & Levin 1970).
//  - The sigmoid unit o = σ(w·x + b) descends the squared loss E = ½ Σ (t − o)², whose gradient is
//    dE/dw = −Σ (t − o) o (1 − o) x (the delta rule).
// Either rule updates incrementally (one point per step, in order) or in batch (the sum over all
// points per step). Targets are 0 or 1.
#include <cstdint>
#include <string>
#include <vector>

#include "core/tensor.h"

namespace netlab {

enum class PerceptronRule { kRosenblatt, kSigmoidGradient };
enum class PerceptronUpdate { kIncremental, kBatch };

struct PerceptronSettings {
  PerceptronRule rule = PerceptronRule::kRosenblatt;
  PerceptronUpdate update = PerceptronUpdate::kIncremental;
  double learning_rate = 1.0;            // η
  double initial_weight_scale = 0.0;     // std of the initial weights and bias; 0 starts at w = 0
};

struct PerceptronWeights {
  double w1 = 0.0, w2 = 0.0, b = 0.0;  // the separating line is w1 x1 + w2 x2 + b = 0
  bool operator==(const PerceptronWeights& o) const { return w1 == o.w1 && w2 == o.w2 && b == o.b; }
};

// McCulloch-Pitts threshold unit: 1 when w·x + b ≥ 0.
int ThresholdUnit(const PerceptronWeights& w, double x1, double x2);
// σ(w·x + b).
double SigmoidUnit(const PerceptronWeights& w, double x1, double x2);

// Empty when the settings and data can train, else the first problem (points not n x 2, targets not n
// values of 0 or 1, a learning rate not above 0, a non-finite coordinate).
std::string PerceptronError(const PerceptronSettings& settings, const Matrix& points, const std::vector<int>& targets);

class Perceptron {
 public:
  // `points` is n x 2; `targets` holds n values, each 0 or 1. Invalid input leaves error() set and the
  // unit untrained (Step does nothing).
  Perceptron(const PerceptronSettings& settings, const Matrix& points, const std::vector<int>& targets);

  // Back to the initial weights (drawn from `seed` when initial_weight_scale > 0) and step 0.
  void Reset(uint64_t seed);
  // One update: the next point (incremental) or all points at once (batch).
  void Step();
  // Steps until every point has been seen once more: n incremental steps or one batch step.
  void Epoch();

  const std::string& error() const { return error_; }
  const PerceptronWeights& weights() const { return weights_; }
  void set_weights(const PerceptronWeights& w) { weights_ = w; }
  int Errors() const;            // points the threshold unit misclassifies with the current weights
  double SquaredLoss() const;    // ½ Σ (t − σ(w·x + b))², the sigmoid unit's loss
  // dE/d(w1, w2, b) of SquaredLoss at the current weights: −Σ (t − o) o (1 − o) (x1, x2, 1).
  PerceptronWeights SquaredLossGradient() const;
  long steps() const { return steps_; }
  long updates() const { return updates_; }  // steps that changed the weights (Rosenblatt: mistakes)
  int epochs() const { return epochs_; }

 private:
  // The change one rule asks for at point i under weights w.
  PerceptronWeights Delta(const PerceptronWeights& w, int i) const;
  void Apply(const PerceptronWeights& delta);

  PerceptronSettings settings_;
  std::string error_;
  Matrix points_;             // n x 2
  std::vector<int> targets_;  // n, each 0 or 1
  PerceptronWeights weights_;
  int next_point_ = 0;  // incremental: the point the next step visits
  long steps_ = 0, updates_ = 0;
  int epochs_ = 0;
};

}  // namespace netlab
