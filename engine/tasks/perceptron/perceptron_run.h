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
  explicit PerceptronRun(const Config& config);
  void Step() override;
  long StepsPerReport() const override { return StepsPerEpoch(); }
  long StepsPerEpoch() const override;
  // epoch=E errors=N updates=U squared_loss=L w1=.. w2=.. b=..
  std::string ReportLine() override;
  const Perceptron& perceptron() const { return perceptron_; }
  const PerceptronPoints& points() const { return points_; }

 private:
  PerceptronPoints points_;
  Perceptron perceptron_;
};

}  // namespace netlab
