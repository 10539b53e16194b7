#pragma once
// The hyperparameter search's objective on the GAN task. Its own losses cannot be it: they measure the
// generator against the discriminator trained with it, so two trials' losses are not comparable, and a
// lower one is no better model (Goodfellow et al. 2014; Lucic et al. 2018 on comparing GANs). A trial is
// scored instead by how far the generator's points are from the data, without any discriminator: the
// squared maximum mean discrepancy (models/mmd.h, unbiased) between kGanScorePoints generated from a
// fixed noise stream and as many held-out points of the ring drawn with their own seed (never a training
// batch). The kernel, fixed once per search so that every trial is measured alike, is the mean of
// Gaussians of widths m, m/2, m/4, m/8, m the median pairwise distance of the held-out points (the
// median heuristic, Gretton et al. 2012). The median alone (2.8 on the ring of radius 2) sees the ring's
// radius but hardly its eight modes, 1.5 apart: measured on gan-ring, it scored a generator that had
// found 4 modes (mean distance to the nearest 0.83) better than one that had found all 8 (0.21), which
// the narrower widths order correctly. Lower is better.
#include <memory>

#include "search/hyperparameter_search.h"
#include "search/training_objective.h"
#include "tasks/gan/gan_run.h"

namespace netlab {

constexpr int kGanScorePoints = 512;
constexpr int kGanKernelScales = 4;

// The held-out ring points and the kernel fixed from them, shared by every trial of a search.
struct GanValidation {
  Matrix real;  // kGanScorePoints x 2
  double bandwidth = 1.0;  // the widest kernel's: the median pairwise distance of `real`
  int scales = kGanKernelScales;
};
GanValidation MakeGanValidation();

// MMD² between kGanScorePoints points of `gan`'s generator (noise from a fixed stream, so scores differ
// by the weights only) and the held-out points.
double GanScore(Gan& gan, const GanValidation& validation);

class GanTrial : public EarlyStoppedTrial {
 public:
  GanTrial(const Config& config, std::shared_ptr<const GanValidation> validation, const EarlyStoppingSettings& settings);

 private:
  void Start() override { run_ = std::make_unique<GanRun>(config_, TaskData()); }
  void TrainSteps(long steps) override;
  long StepsTaken() const override { return run_->updates(); }
  bool Diverged() const override { return !run_->diverged().empty(); }
  double ValidationLoss() override { return GanScore(run_->gan(), *validation_); }

  Config config_;
  std::shared_ptr<const GanValidation> validation_;
  std::unique_ptr<GanRun> run_;
};

}  // namespace netlab
