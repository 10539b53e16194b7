#pragma once
// The diffusion-2d task: a denoising diffusion probabilistic model (diffusion/ddpm.h; Ho et al. 2020)
// fitted to the flow task's 2-D targets (flows/targets.h). One Step() is one optimizer step on L_simple
// (Ho et al. eq. 14) over a fresh batch of target points; a report is 500 steps. Config: dataset = the
// target (two_moons, ring, checkerboard, gaussian, or drawn: the config's points), points, layers (the
// noise network's hidden layers: widths and activations), diffusion_steps (T), noise_schedule,
// diffusion_compare, the optimizer's keys, batch_size, seed.
// Each report measures, on one fixed held-out draw of 2,000 target points, L_simple with a t and an ε fixed
// per point, and MMD² (models/mmd.h) between kSamplePoints samples of Algorithm 2 and the first
// kSamplePoints of those points.
// With diffusion_compare, each step also takes one Adam step of a RealNVP coupling flow (flows/, the
// coupling-flow example's shape: 8 affine layers, width 16, step 0.005, on fresh target points of its own
// stream) and one discriminator and generator update of a GAN (models/gan.h, the gan-ring example's
// shape: widths 64, Adam with β1 = 0.5, steps 0.001, on the diffusion's own batch), and the report adds
// their MMD², measured as the diffusion's. Weights files hold the diffusion's weights (θ and their
// average θ̄) only: the two beside it start afresh.
#include <memory>
#include <string>
#include <vector>

#include "data/task_data.h"
#include "diffusion/ddpm.h"
#include "flows/flow_layer.h"
#include "flows/flow_trainer.h"
#include "models/gan.h"
#include "tasks/run_base.h"

namespace netlab {

DdpmSettings DdpmSettingsOf(const Config& config);

class Diffusion2dRun : public RunBase {
 public:
  // Samples for MMD²: T network passes over this many points each, so ~0.1 s at T = 100; enough that
  // the estimate's spread (about 1/m of the kernel's scale) stays well below a trained model's MMD².
  static constexpr int kSamplePoints = 500;

  // Draws its own data: the TaskData the table passes every run is not read.
  Diffusion2dRun(const Config& config, const TaskData& unused);
  void Step() override;
  // "step=N loss=.. held_out_loss=.. mmd2=..": the last batch's L_simple, the held-out L_simple and MMD²
  // of fresh samples against held-out points.
  std::string ReportLine() override;
  // The trained weights θ, then their average θ̄ that samples.
  std::vector<Matrix*> Parameters() override;

  Ddpm& model() { return *model_; }
  const std::vector<Point2>& held_out() const { return held_out_; }
  double last_loss() const { return last_loss_; }
  double HeldOutLoss();
  // kSamplePoints samples of Algorithm 2 from a fixed stream (so they move with the weights only),
  // recomputed only when the weights have changed since the last call: stepping stays cheap, and the
  // report and the view share one set. SamplePath: their way there, Ddpm::Sample's path (x_T first).
  const Matrix& Samples();
  const std::vector<Matrix>& SamplePath() {
    Samples();
    return path_;
  }
  // MMD² of Samples() against the held-out points (3 Gaussian widths from their median distance).
  double SampleMmd() { return MmdToHeldOut(Samples()); }
  // The same measure for any m ≤ 2,000 points (the view's own samples): against the first m held out.
  double MmdToHeldOut(const Matrix& points) const;
  double bandwidth() const { return bandwidth_; }
  // diffusion_compare: whether the flow and the GAN train beside, and `count` samples of each from the
  // samples' fixed stream (Flow::Sample, Gan::Generate).
  bool comparing() const { return gan_ != nullptr; }
  Matrix FlowSamples(int count) const;
  Matrix GanSamples(int count);

 private:
  std::unique_ptr<Ddpm> model_;
  std::string target_;
  std::vector<Point2> drawn_, held_out_;
  Matrix held_out_x0_, held_out_eps_;  // 2000 x 2 each
  std::vector<int> held_out_t_;
  double bandwidth_ = 1.0, last_loss_ = 0.0;
  Matrix batch_, samples_;
  std::vector<Matrix> path_;
  long sampled_at_ = -1;  // updates_ when samples_ were drawn
  std::unique_ptr<FlowTrainer> flow_;
  std::unique_ptr<Gan> gan_;
  Rng gan_rng_;  // the GAN's noise z, apart from the diffusion's stream
};

// The diffusion's own check (the task table's validate): the drawn target needs points, the layers widths.
std::string ValidateDiffusion2d(const Config& config);

}  // namespace netlab
