#include "tasks/xor_by_hand/xor_by_hand_run.h"

#include <sstream>

#include "core/json_text.h"

namespace netlab {

XorNet XorNetOf(const Config& config) {
  const LessonConfig& l = config.lesson;
  XorNet net;
  net.W[0][0] = l.xor_w11, net.W[0][1] = l.xor_w12, net.W[1][0] = l.xor_w21, net.W[1][1] = l.xor_w22;
  net.c[0] = l.xor_c1, net.c[1] = l.xor_c2;
  net.w[0] = l.xor_w1, net.w[1] = l.xor_w2;
  net.b = l.xor_b;
  return net;
}

XorByHandRun::XorByHandRun(const Config& config, const TaskData&)
    : RunBase(config), linear_(XorLeastSquares()) {
  start_ = config.lesson.xor_init == "random" ? RandomXorNet(rng_) : XorNetOf(config);
  net_ = start_;
  report_every_ = 100;
  Record();
}

void XorByHandRun::Step() {
  if (!diverged_.empty()) return;
  if (training()) XorGradientStep(net_, config_.optimizer.learning_rate);
  ++updates_;
  Record();
  if (!net_.Finite()) diverged_ = "The weights became NaN or infinite: lower the step and press Reset.";
}

void XorByHandRun::Record() {
  if (updates_ % record_every_ != 0) return;
  costs_.push_back(float(XorCost(net_)));
  cost_steps_.push_back(float(updates_));
  if (costs_.size() <= 512) return;
  // Keep every second record (steps 0, 2k, 4k, ...) and record half as often from now on.
  size_t kept = 0;
  for (size_t k = 0; k < costs_.size(); k += 2, ++kept) costs_[kept] = costs_[k], cost_steps_[kept] = cost_steps_[k];
  costs_.resize(kept), cost_steps_.resize(kept);
  record_every_ *= 2;
}

std::string XorByHandRun::ReportLine() {
  std::ostringstream line;
  line << Prefix() << " cost=" << JsonNumber(XorCost(net_));
  for (int n = 0; n < kXorPoints; ++n)
    line << " f" << int(kXorX[n][0]) << int(kXorX[n][1]) << "=" << JsonNumber(net_.Output(kXorX[n][0], kXorX[n][1]));
  line << " solved=" << (XorSolved(net_) ? 1 : 0) << " linear_cost=" << JsonNumber(XorCost(linear_));
  line << " w11=" << JsonNumber(net_.W[0][0]) << " w12=" << JsonNumber(net_.W[0][1]) << " w21=" << JsonNumber(net_.W[1][0])
       << " w22=" << JsonNumber(net_.W[1][1]) << " c1=" << JsonNumber(net_.c[0]) << " c2=" << JsonNumber(net_.c[1])
       << " w1=" << JsonNumber(net_.w[0]) << " w2=" << JsonNumber(net_.w[1]) << " b=" << JsonNumber(net_.b);
  return line.str();
}

}  // namespace netlab
