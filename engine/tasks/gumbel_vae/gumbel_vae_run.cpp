// The discrete-latent lesson: a categorical VAE trained through the Gumbel-softmax (lessons/gumbel_vae_run.h).
#include "tasks/gumbel_vae/gumbel_vae_run.h"

#include <algorithm>
#include <cmath>
#include <sstream>

#include "core/json_text.h"

namespace netlab {

Matrix Binarised(const Matrix& rows) { return (rows.array() > 0.5f).cast<float>().matrix(); }

GumbelVaeRun::GumbelVaeRun(const Config& config, const TaskData& data) : RunBase(config) {
  const LessonConfig& l = config.lesson;
  if (data.train.features.rows() == 0 || data.test.features.rows() == 0) {
    error_ = "The data set has no training or test samples.";
    return;
  }
  if (config.hidden.size() != 1 || config.hidden[0].units < 1 || config.hidden[0].units > kMaxHidden) {
    error_ = "The categorical VAE needs one dense layer of 1 to " + std::to_string(kMaxHidden) + " units.";
    return;
  }
  if (l.categories < 2 || config.family.latent < 1 || long(l.categories) * config.family.latent > 256) {
    error_ = "The latent needs at least 2 categories and 1 group, with groups x categories at most 256.";
    return;
  }
  if (!(l.gumbel_temperature > 0.0f) || !(l.gumbel_temperature_min > 0.0f) || !std::isfinite(l.gumbel_temperature) ||
      !(l.gumbel_anneal >= 0.0f) || !std::isfinite(l.gumbel_anneal)) {
    error_ = "The temperature and its floor must be above 0 and the annealing rate at least 0.";
    return;
  }
  train_ = Binarised(data.train.features);
  epoch_rows_ = long(train_.rows());
  test_ = Binarised(data.test.features.topRows(std::min<Eigen::Index>(500, data.test.features.rows())));
  pixel_means_ = FitIndependentBernoulli(train_);
  baseline_ = IndependentBernoulliLogLikelihood(test_, pixel_means_).mean();
  vae_ = std::make_unique<CategoricalVae>(data.inputs(), config.hidden[0].units, config.family.latent, l.categories);
  vae_->Initialize(rng_);
  OptimizerSettings settings = config.optimizer;
  settings.seed = config.seed;
  optimizer_ = CreateOptimizer(settings);
  vae_->CollectParameters(parameters_);
}

double GumbelVaeRun::Temperature() const {
  const LessonConfig& l = config_.lesson;
  return std::max(double(l.gumbel_temperature_min),
                  double(l.gumbel_temperature) * std::exp(-double(l.gumbel_anneal) * double(updates_)));
}

void GumbelVaeRun::Step() {
  if (!error_.empty() || !diverged_.empty()) return;
  NextBatch(train_, batch_);
  last_loss_ = vae_->Loss(batch_, vae_->SampleNoise(int(batch_.rows()), rng_), Temperature());
  if (!std::isfinite(last_loss_)) {
    diverged_ = "The loss became NaN or infinite: lower the learning rate and press Reset.";
    return;
  }
  vae_->Backward();
  optimizer_->Step(parameters_);
  ++updates_;
}


double GumbelVaeRun::TestElbo() {
  Rng rng(12345);  // only used past CategoricalVae::kMaxEnumerated codes: the same draws each time
  return vae_->DiscreteElbo(test_, rng);
}

std::string GumbelVaeRun::ReportLine() {
  if (!vae_) return "error=" + error_;
  std::ostringstream line;
  line << Prefix() << " temperature=" << JsonNumber(Temperature())
       << " train_loss=" << JsonNumber(last_loss_) << " test_elbo=" << JsonNumber(TestElbo())
       << " baseline=" << JsonNumber(baseline_);
  return line.str();
}

std::vector<Matrix*> GumbelVaeRun::Parameters() {
  if (!vae_) return {};
  std::vector<ParameterRef> refs;
  vae_->CollectParameters(refs);
  return ValuesOf(refs);
}

std::string ValidateGumbelVae(const Config& c) {
  if (c.family.latent > 16 || c.family.latent * c.lesson.categories > 256)
    return "The categorical latent has at most 16 groups and 256 categories in all (groups x categories).";
  return "";
}

}  // namespace netlab
