#include "tasks/diffusion_2d/diffusion_2d_run.h"

#include <cmath>
#include <sstream>

#include "config/config_text.h"
#include "core/json_text.h"
#include "flows/targets.h"
#include "models/mmd.h"
#include "nn/activation.h"

namespace netlab {
namespace {

constexpr int kHeldOut = 2000;
// The samples' own stream, apart from training's and the held-out draw's: the same x_T and z every time.
constexpr uint64_t kSampleSeed = 0x5EED5A3Du;
// MMD² kernel: the mean of Gaussians of widths h, h/2, h/4 with h the held-out points' median distance
// (Gretton et al. 2012's heuristic), so both the layout (moons apart) and the 0.1 noise of a moon count.
constexpr int kMmdScales = 3;
// The seeds of the models beside (diffusion_compare), apart from the diffusion's own stream.
constexpr uint64_t kFlowSeedOffset = 101, kGanSeedOffset = 202;

}  // namespace

DdpmSettings DdpmSettingsOf(const Config& config) {
  DdpmSettings s;
  s.schedule = config.lesson.noise_schedule;
  s.steps = config.lesson.diffusion_steps;
  s.hidden.clear();
  for (const LayerConfig& layer : config.hidden) {
    s.hidden.push_back(layer.units);
    s.activations.push_back(layer.activation);
  }
  s.optimizer = config.optimizer;
  s.optimizer.seed = config.seed;
  return s;
}

Diffusion2dRun::Diffusion2dRun(const Config& config, const TaskData&) : RunBase(config) {
  report_every_ = 500;
  target_ = config.data.kind;
  for (const PaintedPoint& p : config.data.painted) drawn_.push_back({p.x, p.y});
  error_ = FlowTargetError(target_, drawn_);
  if (error_.empty()) error_ = ValidateDiffusion2d(config);
  if (!error_.empty()) return;
  model_ = std::make_unique<Ddpm>(DdpmSettingsOf(config), rng_);
  error_ = model_->error();
  if (!error_.empty()) return;

  // One held-out draw with its own t and ε per point, from a stream apart from the training batches'.
  Rng rng(DataSeed(config.seed));
  held_out_.resize(kHeldOut);
  held_out_x0_.resize(kHeldOut, 2);
  held_out_eps_.resize(kHeldOut, 2);
  held_out_t_.resize(kHeldOut);
  for (int i = 0; i < kHeldOut; ++i) {
    held_out_[size_t(i)] = SampleFlowTarget(target_, drawn_, rng);
    held_out_x0_(i, 0) = float(held_out_[size_t(i)].x);
    held_out_x0_(i, 1) = float(held_out_[size_t(i)].y);
    held_out_t_[size_t(i)] = 1 + int(rng.Below(uint32_t(model_->steps())));
    held_out_eps_(i, 0) = rng.Normal();
    held_out_eps_(i, 1) = rng.Normal();
  }
  bandwidth_ = MedianPairwiseDistance(held_out_x0_.topRows(kSamplePoints));
  batch_.resize(config.batch_size, 2);
  if (config.lesson.diffusion_compare) {
    FlowSettings flow;
    flow.kind = "affine_coupling";
    flow.layers = 8;
    flow.hidden = 16;
    flow.learning_rate = 0.005;
    flow.batch_size = config.batch_size;
    flow.target = target_;
    flow.drawn = drawn_;
    flow_ = std::make_unique<FlowTrainer>(flow);
    flow_->Reset(config.seed + kFlowSeedOffset);
    GanSettings gan;
    gan.noise_size = 2;
    gan.hidden = gan.discriminator_hidden = 64;
    gan.batch_size = config.batch_size;
    gan.optimizer = {"adam", 1e-3f, 0.9f, 0.5f, 0.999f, 1e-8f};
    gan.discriminator_learning_rate = 1e-3f;
    gan_rng_ = Rng(config.seed + kGanSeedOffset);
    gan_ = std::make_unique<Gan>(gan, gan_rng_);
  }
}

void Diffusion2dRun::Step() {
  if (!error_.empty() || !diverged_.empty()) return;
  for (Eigen::Index i = 0; i < batch_.rows(); ++i) {
    const Point2 p = SampleFlowTarget(target_, drawn_, rng_);
    batch_(i, 0) = float(p.x);
    batch_(i, 1) = float(p.y);
  }
  last_loss_ = model_->TrainStep(batch_, rng_);
  if (gan_) {
    flow_->Step();
    gan_->TrainStep(batch_, gan_rng_);
  }
  ++updates_;
  if (!std::isfinite(last_loss_))
    diverged_ = "The loss became NaN or infinite: lower the learning rate and press Reset.";
}

std::vector<Matrix*> Diffusion2dRun::Parameters() {
  if (!model_) return {};
  std::vector<Matrix*> values = ValuesOf(model_->net.Parameters());
  for (Matrix* m : ValuesOf(model_->ema.Parameters())) values.push_back(m);
  return values;
}

double Diffusion2dRun::HeldOutLoss() {
  if (!model_ || !error_.empty()) return 0.0;
  return model_->Loss(held_out_x0_, held_out_t_, held_out_eps_);
}

const Matrix& Diffusion2dRun::Samples() {
  if (model_ && error_.empty() && sampled_at_ != updates_) {
    Rng rng(kSampleSeed);
    samples_ = model_->Sample(kSamplePoints, rng, &path_);
    sampled_at_ = updates_;
  }
  return samples_;
}

double Diffusion2dRun::MmdToHeldOut(const Matrix& points) const {
  if (!model_ || !error_.empty() || points.rows() > held_out_x0_.rows()) return 0.0;
  return SquaredMmd(points, held_out_x0_.topRows(points.rows()), bandwidth_, kMmdScales);
}

Matrix Diffusion2dRun::FlowSamples(int count) const {
  Matrix points(count, 2);
  Rng rng(kSampleSeed);
  for (int i = 0; i < count && flow_; ++i) {
    const Point2 p = flow_->flow().Sample(rng);
    points(i, 0) = float(p.x), points(i, 1) = float(p.y);
  }
  return points;
}

Matrix Diffusion2dRun::GanSamples(int count) {
  Rng rng(kSampleSeed);
  return gan_ ? gan_->Generate(count, rng) : Matrix(Matrix::Zero(count, 2));
}

std::string Diffusion2dRun::ReportLine() {
  std::ostringstream line;
  // The samples (T passes over kSamplePoints points) are drawn here, at the report's cadence, never in Step.
  line << Prefix() << " loss=" << JsonNumber(last_loss_) << " held_out_loss=" << JsonNumber(HeldOutLoss())
       << " mmd2=" << JsonNumber(SampleMmd());
  if (comparing())
    line << " flow_mmd2=" << JsonNumber(MmdToHeldOut(FlowSamples(kSamplePoints)))
         << " gan_mmd2=" << JsonNumber(MmdToHeldOut(GanSamples(kSamplePoints)));
  return line.str();
}

std::string ValidateDiffusion2d(const Config& c) {
  if (c.data.kind == "drawn" && c.data.painted.empty())
    return "The drawn target needs points (points=x:y:label,...): draw some first.";
  for (const LayerConfig& layer : c.hidden) {
    const Activation* activation = FindActivation(layer.activation);
    if (layer.kind != "dense" || !activation || !activation->elementwise)
      return "The noise network's layers are dense layers with an elementwise activation (such as 64:swish), not '" +
             LayerToText(layer) + "'.";
  }
  return "";
}

}  // namespace netlab
