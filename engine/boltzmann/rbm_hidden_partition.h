#pragma once
// log Z of a binary RBM (models/rbm.h) by summing over its hidden configurations instead of its visible
// ones: with h fixed the visible units are independent, so
//   Σ_v e^-E(v,h) = e^(c·h) Π_i (1 + e^(b_i + W_i·h)),
//   log Z = log Σ_h exp(c·h + Σ_i softplus(b_i + W_i·h)),
// 2^hidden terms however many visible units there are: exact for a 64-pixel RBM with up to ~20 hidden
// units, where ExactLogPartition's 2^64 visible states are out of reach. The sum can be taken a block of
// states at a time (AddHiddenStates), so that a page spreads it over several frames.
#include <algorithm>
#include <limits>

#include "boltzmann/rbm.h"

namespace netlab {

constexpr int kMaxEnumeratedHidden = 24;

// log Σ_k e^(x_k) over the values added so far, rescaled whenever a new maximum appears (no overflow).
struct RunningLogSumExp {
  double max = -std::numeric_limits<double>::infinity(), sum = 0.0;
  void Add(double value);
  double Value() const;
};

// log Σ over the 2^bits states of a hidden layer, taken up to `states` states per Advance so that a page
// spreads the sum over frames; `add(first, count, total)` adds the terms of states [first, first + count),
// called for blocks of at most kBlock states (a block's matrices stay small).
class StateSum {
 public:
  static constexpr long kBlock = 4096;
  explicit StateSum(int bits) : states_(1L << bits) {}
  template <class Add>
  bool Advance(long states, const Add& add) {  // true once every state is summed
    while (states > 0 && next_ < states_) {
      const long count = std::min({states, states_ - next_, kBlock});
      add(next_, count, total_);
      next_ += count;
      states -= count;
    }
    return done();
  }
  bool done() const { return next_ >= states_; }
  long states() const { return states_; }
  double Value() const { return total_.Value(); }

 private:
  long states_, next_ = 0;
  RunningLogSumExp total_;
};

// Adds the terms of hidden states [first, first + count) (state s: h_j = bit j of s) to `total`.
void AddHiddenStates(const Rbm& rbm, long first, long count, RunningLogSumExp& total);
// In double precision; NaN for linear hidden units or more than kMaxEnumeratedHidden hidden units.
double HiddenSumLogPartition(const Rbm& rbm);

}  // namespace netlab
