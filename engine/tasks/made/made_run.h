#pragma once
// The MADE lesson (task `made`, data digits binarised at half intensity) as a run the page and the
// headless trainer step alike: an autoregressive model (models/made.h) and a small RBM (models/rbm.h)
// learn the same binary digits side by side, and both are scored by their exact log-likelihood:
//   - MADE's log p(x) = Σ_d log p(x_d | x_<d) is exact by construction;
//   - the RBM's log p(v) = -F(v) - log Z with log Z summed over its 2^rbm_hidden hidden states
//     (models/rbm_hidden_partition.h), exact as long as rbm_hidden <= 20;
//   - the independent-Bernoulli baseline (one smoothed probability per pixel) is the floor both must beat.
// Config: the dense layers = MADE's hidden layers (their widths and activation), the optimizer (Adam) for
// MADE; rbm_hidden, cd_k and persistent for the RBM, whose step is fixed (kRbm* below) because the
// optimizer's learning rate is Adam's. One Step() is one minibatch update of each model on the same rows;
// a report is one epoch, measured (all training and test rows) at every epoch's end. The RBM's log Z is
// summed over kStatesPerStep hidden states per Step() from a copy of the RBM as it was at the epoch's end,
// so that no page frame holds the whole 2^h sum; the point joins history() when the sum is complete (and
// at the latest when ReportLine asks for it). Either way its numbers are the same.
#include <memory>
#include <string>
#include <vector>

#include "models/made.h"
#include "boltzmann/rbm.h"
#include "boltzmann/rbm_hidden_partition.h"
#include "data/task_data.h"
#include "optim/optimizer.h"
#include "tasks/cd_settings.h"
#include "tasks/run_base.h"

namespace netlab {

class MadeRun : public RunBase {
 public:
  MadeRun(const Config& config, const TaskData& data);
  void Step() override;
  // "step=N epoch=E made_train_ll=.. made_test_ll=.. rbm_train_ll=.. rbm_test_ll=.. rbm_log_z=..
  // baseline_train_ll=.. baseline_test_ll=..": exact log-likelihoods in nats per image.
  std::string ReportLine() override;
  // MADE's parameters, then the RBM's measured beside it.
  std::vector<Matrix*> Parameters() override;

  // Plain CD steps for the RBM (Hinton's practical guide, §4-§10): step 0.05, momentum 0.5, L2 1e-4.
  static constexpr float kRbmLearningRate = 0.05f, kRbmMomentum = 0.5f, kRbmWeightDecay = 1e-4f;
  static constexpr long kStatesPerStep = 4096;

  // Mean log-likelihoods in nats per image, measured at the end of an epoch.
  struct Point {
    int epoch = 0;
    double made_train = 0, made_test = 0, rbm_train = 0, rbm_test = 0, rbm_log_z = 0;
  };
  const std::vector<Point>& history() const { return history_; }
  double baseline_train() const { return baseline_train_; }
  double baseline_test() const { return baseline_test_; }
  const Made& made() const { return *made_; }
  const Rbm& rbm() const { return rbm_; }
  const Matrix& test_images() const { return test_; }

  // `count` ancestral samples of MADE, and `count` RBM states after `gibbs_steps` Gibbs steps from
  // uniform noise; drawn from `rng` (the view's, so sampling does not move the run's stream).
  Matrix MadeSamples(int count, Rng& rng) const;
  Matrix RbmSamples(int count, int gibbs_steps, Rng& rng) const;

 private:
  // The epoch-end measurement under way: MADE's numbers, the RBM as it was and its log Z so far.
  struct Pending {
    Point point;
    Rbm rbm;
    StateSum log_z;
  };
  void StartMeasure();
  void AdvanceMeasure(long states);  // sums up to `states` more hidden states; records the point when done
  void FinishMeasure();
  std::unique_ptr<Pending> pending_;
  Matrix train_, test_;  // binarised digits
  std::unique_ptr<Made> made_;
  Rbm rbm_;
  RbmTrainingSettings rbm_settings_;
  std::unique_ptr<Optimizer> optimizer_;
  std::vector<ParameterRef> parameters_;
  Matrix batch_;
  std::vector<Point> history_;
  double baseline_train_ = 0, baseline_test_ = 0;
};

// MADE's own check (the task table's validate): elementwise activations, so the masks keep each output
// from its own and later inputs.
std::string ValidateMade(const Config& config);

}  // namespace netlab
