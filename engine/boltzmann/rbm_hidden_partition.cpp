#include "boltzmann/rbm_hidden_partition.h"

#include <algorithm>
#include <cmath>

#include "core/gemm.h"
#include "nn/logistic.h"

namespace netlab {

void RunningLogSumExp::Add(double value) {
  if (value > max) {
    sum = sum * std::exp(max - value) + 1.0;
    max = value;
  } else {
    sum += std::exp(value - max);
  }
}

double RunningLogSumExp::Value() const { return max + std::log(sum); }

void AddHiddenStates(const Rbm& rbm, long first, long count, RunningLogSumExp& total) {
  const int hidden = rbm.hidden(), visible = rbm.visible();
  Matrix h(count, hidden), activation;
  for (long s = 0; s < count; ++s)
    for (int j = 0; j < hidden; ++j) h(s, j) = float(((first + s) >> j) & 1);
  Multiply(h, false, rbm.weights, true, activation);  // count x visible: W h per state
  for (long s = 0; s < count; ++s) {
    double value = 0.0;
    for (int j = 0; j < hidden; ++j) value += double(h(s, j)) * double(rbm.hidden_bias(0, j));  // c·h
    for (int i = 0; i < visible; ++i) value += Softplus(double(activation(s, i)) + double(rbm.visible_bias(0, i)));
    total.Add(value);
  }
}

double HiddenSumLogPartition(const Rbm& rbm) {
  if (rbm.linear_hidden || rbm.hidden() > kMaxEnumeratedHidden) return std::numeric_limits<double>::quiet_NaN();
  StateSum sum(rbm.hidden());
  sum.Advance(sum.states(), [&](long first, long count, RunningLogSumExp& t) { AddHiddenStates(rbm, first, count, t); });
  return sum.Value();
}

}  // namespace netlab
