#pragma once
// The xor-by-hand lesson (Goodfellow et al. 2016, §6.1; tasks/xor_by_hand/xor_net.h) as a run: the four
// XOR points, the least-squares line (w = 0, b = ½, J = ¼) and the 2-2-1 ReLU net f(x) = wᵀ max(0, Wᵀx + c) + b.
//   xor_init=hand    the net starts from the nine weights of the config (xor_w11 .. xor_b), the book's
//                    solution unless the student moved them
//   xor_init=random  from Glorot-uniform weights and zero biases drawn from the seed
//   xor_train=0      steps leave the weights as they are: the net by hand
//   xor_train=1      each step is one step of gradient descent on J over the four points, η = learning_rate
// A report says J, the four outputs and the nine weights.
#include <algorithm>
#include <string>
#include <vector>

#include "data/task_data.h"
#include "tasks/run_base.h"
#include "tasks/xor_by_hand/xor_net.h"

namespace netlab {

// The net's weights as the config sets them (xor_w11 .. xor_b).
XorNet XorNetOf(const Config& config);

class XorByHandRun : public RunBase {
 public:
  // Its data are the four points of xor_net.h: the TaskData the table passes every run is not read.
  XorByHandRun(const Config& config, const TaskData& unused);
  void Step() override;
  // step=N cost=J f00=.. f01=.. f10=.. f11=.. solved=0|1 linear_cost=¼ w11=.. w12=.. w21=.. w22=.. c1=.. c2=.. w1=.. w2=.. b=..
  std::string ReportLine() override;
  // Training is a lesson with an end, paced so a class can watch it: kLessonSteps steps of gradient
  // descent, after which a start has found the solution or settled where a unit is off (with the
  // example's η; Continue trains on). By hand the steps change nothing: no end, -1.
  static constexpr long kLessonSteps = 3000;
  double Progress() const override { return training() ? std::min(1.0, double(updates_) / kLessonSteps) : -1.0; }

  const XorNet& net() const { return net_; }
  const XorNet& start() const { return start_; }    // the weights before the first step
  const XorLinear& linear() const { return linear_; }  // the least-squares line
  bool training() const { return config_.lesson.xor_train; }
  // J after each recorded step (the step in `cost_steps`), from step 0: every step at first, then every
  // second, fourth, ... so that at most 512 are kept however long it trains.
  const std::vector<float>& costs() const { return costs_; }
  const std::vector<float>& cost_steps() const { return cost_steps_; }

 private:
  void Record();

  XorNet start_, net_;
  XorLinear linear_;
  std::vector<float> costs_, cost_steps_;
  long record_every_ = 1;
};

}  // namespace netlab
