#pragma once
// The perceptron task (teaching/perceptron.h) as a run the page and the headless trainer step alike: one
// Step() is one update of the unit (one point, or all of them in batch mode), a report is one epoch.
//   dataset=separable  two classes on either side of a line, no point within 0.2 of it (a margin, so
//                      Rosenblatt's rule provably stops: Novikoff 1962)
//   dataset=xor        the four corners of [-1, 1]², the class 1 where the signs differ; `noise` spreads
//                      each corner into a cloud. No line separates them (Minsky & Papert 1969).
// perceptron_rule picks the hard-threshold rule or the sigmoid unit's gradient rule, perceptron_update
// incremental or batch updates; learning_rate is η; the unit starts at w = 0.
#include <string>
#include <vector>

#include "models/perceptron.h"
#include "data/task_data.h"
#include "optim/optimizer.h"
#include "tasks/run_base.h"

#include <deque>

namespace netlab {

struct PerceptronPoints {
  Matrix points;             // n x 2
  std::vector<int> targets;  // n, 0 or 1
};

// The config's points (`samples` of them), drawn from the data's own seed (workbench/task_data.h).
PerceptronPoints MakePerceptronPoints(const Config& config);
// The unit's settings from the config: rule, update and η (learning_rate).
PerceptronSettings PerceptronSettingsOf(const Config& config);

class PerceptronRun : public RunBase {
 public:
  // Draws its own data: the TaskData the table passes every run is not read.
  PerceptronRun(const Config& config, const TaskData& unused);
  void Step() override;
  long StepsPerReport() const override { return StepsPerEpoch(); }
  long StepsPerEpoch() const override;
  // epoch=E errors=N updates=U squared_loss=L w1=.. w2=.. b=..
  std::string ReportLine() override;
  // The config's rule: what the report line prints.
  const Perceptron& perceptron() const { return units_[primary_].perceptron; }
  const PerceptronPoints& points() const { return points_; }

  // Both rules train on the same points, step by step, so the page shows them side by side: Rosenblatt's
  // threshold rule (rule 0) stops once every point is right (and cycles on XOR), the sigmoid's gradient
  // rule (rule 1) keeps sliding the line while any output is short of its target.
  static constexpr int kRules = 2;
  const Perceptron& unit(int rule) const { return units_[rule].perceptron; }
  // The weights before each of the last 12 updates, oldest first, and the misclassified points after
  // each epoch (the last 400).
  const std::deque<PerceptronWeights>& trail(int rule) const { return units_[rule].trail; }
  const std::vector<float>& errors_per_epoch(int rule) const { return units_[rule].errors_per_epoch; }

 private:
  struct Unit {
    Perceptron perceptron;
    std::deque<PerceptronWeights> trail;
    std::vector<float> errors_per_epoch;
  };
  PerceptronPoints points_;
  int primary_ = 0;  // the config's rule
  std::vector<Unit> units_;  // Rosenblatt's, then the sigmoid's
};

}  // namespace netlab
