#pragma once
// The deep Boltzmann machine lesson (task `dbm`, digits binarised at half intensity as the MADE lesson
// does) as a run the page and the headless trainer step alike: models/dbm.h with the two dense layers'
// sizes as h1 and h2, trained without pretraining by mean-field posteriors for the data term and
// persistent chains for the model term (Salakhutdinov & Hinton 2009). Config: learning rate, momentum,
// L2 and the minibatch as for the RBM; cd_k = Gibbs sweeps of the chains per update. h1 has at most
// kMaxDbmEnumerated units, so that log Z is an exact sum and the mean-field bound on log p(v) is a true
// lower bound in nats. One Step() is one update; a report is one epoch, measured at every epoch's end, log Z
// summed kStatesPerStep states per Step() from a copy of the DBM as it was then (as lessons/made_run.h does).
#include <memory>
#include <string>
#include <vector>

#include "boltzmann/dbm.h"
#include "data/task_data.h"
#include "optim/optimizer.h"
#include "tasks/cd_settings.h"
#include "tasks/run_base.h"

namespace netlab {

class DbmRun : public RunBase {
 public:
  DbmRun(const Config& config, const TaskData& data);
  void Step() override;
  // "step=N epoch=E train_bound=.. test_bound=.. log_z=..": the variational bound on log p(v) per image,
  // with log Z summed exactly over the first layer's states.
  std::string ReportLine() override;
  std::vector<Matrix*> Parameters() override { return {&dbm_.w1, &dbm_.w2, &dbm_.b, &dbm_.c1, &dbm_.c2}; }

  static constexpr int kChains = 100, kMeanFieldSteps = 10;  // the paper's 100 particles, 10 sweeps
  static constexpr long kStatesPerStep = 4096;
  // Mean mean-field bounds in nats per image (exact log Z), measured at an epoch's end.
  struct Point {
    int epoch = 0;
    double train_bound = 0, test_bound = 0, log_z = 0;
  };
  const std::vector<Point>& history() const { return history_; }
  const Dbm& dbm() const { return dbm_; }

 private:
  struct Pending {
    Point point;  // the bounds without log Z until the sum is complete
    Dbm dbm;
    StateSum log_z;
  };
  void StartMeasure();
  void AdvanceMeasure(long states);
  void FinishMeasure();
  std::unique_ptr<Pending> pending_;
  Matrix train_, test_;
  Dbm dbm_;
  DbmTrainingSettings settings_;
  Matrix batch_;
  std::vector<Point> history_;
};

// The DBM's own check (the task table's validate): its exact bound sums over the first layer's 2^h1 states.
std::string ValidateDbm(const Config& config);

}  // namespace netlab
