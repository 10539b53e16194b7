// The MADE lesson: exact log-likelihoods of MADE, an RBM and independent pixels on binary digits
// (lessons/made_run.h).
#include "tasks/made/made_run.h"
#include "nn/activation.h"

#include <algorithm>
#include <cmath>
#include <sstream>

#include "core/json_text.h"
#include "boltzmann/rbm_hidden_partition.h"

namespace netlab {

MadeRun::MadeRun(const Config& config, const TaskData& data)
    : RunBase(config), rbm_(std::max(data.inputs(), 1), config.lesson.rbm_hidden) {
  if (data.train.features.rows() == 0 || data.test.features.rows() == 0) {
    error_ = "The data set has no training or test samples.";
    return;
  }
  if (config.hidden.empty()) {
    error_ = "MADE needs 1 to 4 dense hidden layers.";
    return;
  }
  const Activation* activation = FindActivation(config.hidden[0].activation);
  if (!activation || !activation->elementwise) {
    error_ = "MADE's hidden layers need an elementwise activation such as relu or tanh.";
    return;
  }
  train_ = Binarize(data.train.features);
  epoch_rows_ = long(train_.rows());
  test_ = Binarize(data.test.features);
  std::vector<int> widths;
  for (const LayerConfig& l : config.hidden) widths.push_back(l.units);
  made_ = std::make_unique<Made>(data.inputs(), widths, *activation, rng_);
  made_->CollectParameters(parameters_);
  OptimizerSettings settings = config.optimizer;
  settings.seed = config.seed;
  optimizer_ = CreateOptimizer(settings);

  rbm_.Initialize(rng_);
  // The visible biases at the pixels' log-odds (Hinton's guide §8), so that the RBM starts at the baseline.
  const Eigen::VectorXd q = BernoulliMarginals(train_);
  for (int i = 0; i < rbm_.visible(); ++i) rbm_.visible_bias(0, i) = float(std::log(q(i) / (1.0 - q(i))));
  rbm_settings_.gibbs_steps = config.family.cd_k;
  rbm_settings_.persistent = config.family.persistent;
  rbm_settings_.learning_rate = kRbmLearningRate;
  rbm_settings_.momentum = kRbmMomentum;
  rbm_settings_.weight_decay = kRbmWeightDecay;
  baseline_train_ = BernoulliMeanLogLikelihood(q, train_);
  baseline_test_ = BernoulliMeanLogLikelihood(q, test_);
  StartMeasure();  // epoch 0: the untrained models
  FinishMeasure();
}

void MadeRun::Step() {
  if (!error_.empty() || !diverged_.empty()) return;
  AdvanceMeasure(kStatesPerStep);
  const bool epoch_ended = NextBatch(train_, batch_);
  const double nll = made_->Backward(batch_);
  optimizer_->Step(parameters_);
  rbm_.TrainStep(batch_, rbm_settings_, rng_);
  ++updates_;
  if (!std::isfinite(nll)) diverged_ = "MADE's loss became NaN or infinite: lower the learning rate and press Reset.";
  else if (!rbm_.weights.allFinite()) diverged_ = "An RBM weight became NaN or infinite: press Reset.";
  else if (epoch_ended) {
    FinishMeasure();  // an epoch shorter than the sum (a large minibatch): the last one completes first
    StartMeasure();
  }
}


void MadeRun::StartMeasure() {
  pending_ = std::make_unique<Pending>(Pending{Point(), rbm_, StateSum(rbm_.hidden())});
  Point& p = pending_->point;
  p.epoch = epochs_done();
  p.made_train = made_->LogLikelihood(train_).mean();
  p.made_test = made_->LogLikelihood(test_).mean();
  // -F(v) averaged now; log Z is subtracted once its sum is complete.
  p.rbm_train = -rbm_.FreeEnergy(train_).mean();
  p.rbm_test = -rbm_.FreeEnergy(test_).mean();
}

void MadeRun::AdvanceMeasure(long states) {
  if (!pending_) return;
  Pending& m = *pending_;
  auto add = [&m](long first, long count, RunningLogSumExp& total) { AddHiddenStates(m.rbm, first, count, total); };
  if (!m.log_z.Advance(states, add)) return;
  m.point.rbm_log_z = m.log_z.Value();
  m.point.rbm_train -= m.point.rbm_log_z;
  m.point.rbm_test -= m.point.rbm_log_z;
  history_.push_back(m.point);
  pending_.reset();
}

void MadeRun::FinishMeasure() {
  if (pending_) AdvanceMeasure(pending_->log_z.states());
}

Matrix MadeRun::MadeSamples(int count, Rng& rng) const { return made_ ? made_->Sample(count, rng) : Matrix(); }

Matrix MadeRun::RbmSamples(int count, int gibbs_steps, Rng& rng) const {
  Matrix v(count, rbm_.visible());
  for (Eigen::Index i = 0; i < v.size(); ++i) v.data()[i] = rng.Uniform() < 0.5f ? 1.0f : 0.0f;
  for (int s = 0; s < gibbs_steps; ++s) rbm_.GibbsStep(v, rng);
  return v;
}

std::string MadeRun::ReportLine() {
  if (!error_.empty()) return "error=" + error_;
  FinishMeasure();
  const Point& p = history_.back();
  std::ostringstream line;
  line << Prefix() << " made_train_ll=" << JsonNumber(p.made_train)
       << " made_test_ll=" << JsonNumber(p.made_test) << " rbm_train_ll=" << JsonNumber(p.rbm_train)
       << " rbm_test_ll=" << JsonNumber(p.rbm_test) << " rbm_log_z=" << JsonNumber(p.rbm_log_z)
       << " baseline_train_ll=" << JsonNumber(baseline_train_) << " baseline_test_ll=" << JsonNumber(baseline_test_);
  return line.str();
}

std::vector<Matrix*> MadeRun::Parameters() {
  if (!made_) return {};
  std::vector<ParameterRef> refs;
  made_->CollectParameters(refs);
  std::vector<Matrix*> buffers = ValuesOf(refs);
  for (Matrix* m : {&rbm_.weights, &rbm_.visible_bias, &rbm_.hidden_bias}) buffers.push_back(m);
  return buffers;
}

std::string ValidateMade(const Config& c) {
  for (const LayerConfig& h : c.hidden) {
    const Activation* a = FindActivation(h.activation);
    if (!a || !a->elementwise)
      return "MADE's hidden layers are dense, with an elementwise activation such as relu or tanh.";
  }
  return "";
}

}  // namespace netlab
