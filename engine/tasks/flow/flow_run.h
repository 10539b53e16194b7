#pragma once
// The normalizing-flow task (flows/flow_trainer.h) as a run the page and the headless trainer step
// alike: one Step() is one Adam step of exact maximum likelihood on a fresh batch of target samples; a
// report is 200 steps. Config: dataset = the target (two_moons, ring, checkerboard, gaussian, or drawn:
// the config's points), flow = planar | additive_coupling | affine_coupling, flow_layers, the one dense
// layer's units = the coupling networks' width, learning_rate, batch_size.
// Each report measures the mean log-likelihood on one fixed held-out draw of 2,000 target points, beside
// the best a single Gaussian can do on the same points (its maximum-likelihood fit).
#include <string>
#include <vector>

#include "flows/flow_trainer.h"
#include "data/task_data.h"
#include "optim/optimizer.h"
#include "tasks/run_base.h"

namespace netlab {

FlowSettings FlowSettingsOf(const Config& config);

class FlowRun : public RunBase {
 public:
  // Draws its own data: the TaskData the table passes every run is not read.
  FlowRun(const Config& config, const TaskData& unused);
  void Step() override;
  // "step=N log_likelihood=.. gaussian_log_likelihood=..": held-out mean log p(x), the flow's and a
  // fitted Gaussian's.
  std::string ReportLine() override;
  const FlowTrainer& trainer() const { return trainer_; }
  const std::vector<Point2>& held_out() const { return held_out_; }
  double HeldOutLogLikelihood() const;  // mean log p(x) of the flow on held_out()
  // The maximum-likelihood Gaussian's mean log-density on held_out(): with Σ the points' own covariance
  // the quadratic term averages to D/2 = 1, so it is −log 2π − ½ log det Σ − 1.
  double gaussian_log_likelihood() const { return gaussian_log_likelihood_; }

 private:
  FlowTrainer trainer_;
  std::vector<Point2> held_out_;
  double gaussian_log_likelihood_ = 0.0;
};

// The flow's own check (the task table's validate): the drawn target needs points.
std::string ValidateFlow(const Config& config);

}  // namespace netlab
