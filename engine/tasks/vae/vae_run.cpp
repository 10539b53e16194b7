// The VAE task: Adam (or the config's optimizer) on the negative ELBO, one minibatch per step.
#include <algorithm>
#include <cmath>
#include <sstream>

#include "core/json_text.h"
#include "export/onnx_generative.h"
#include "tasks/vae/vae_run.h"

namespace netlab {

VaeRun::VaeRun(const Config& config, const TaskData& data)
    : RunBase(config),
      data_(data),
      vae_(data.inputs(), config.hidden.empty() ? 1 : config.hidden[0].units, config.family.latent) {
  if (data.train.labels.empty() || data.test.labels.empty()) error_ = "The data set has no training or test samples.";
  vae_.Initialize(rng_);
  vae_.kl_weight = config.family.kl_weight;
  OptimizerSettings settings = config.optimizer;
  settings.seed = config.seed;
  optimizer_ = CreateOptimizer(settings);
  vae_.CollectParameters(parameters_);
}

void VaeRun::Step() {
  if (!error_.empty() || !diverged_.empty()) return;
  NextBatch(data_.train.features, batch_);
  const double loss = vae_.Loss(batch_, vae_.SampleNoise(int(batch_.rows()), rng_));
  if (!std::isfinite(loss)) {
    diverged_ = "The loss became NaN or infinite: lower the learning rate and press Reset.";
    return;
  }
  vae_.Backward();
  optimizer_->Step(parameters_);
  ++updates_;
}

long VaeRun::StepsPerEpoch() const { return EpochBatches(data_.train.labels.size()); }

double VaeRun::TestLoss(double* reconstruction, double* kl) {
  const int rows = std::min(500, int(data_.test.labels.size()));
  Rng noise_rng(12345);  // the same ε every time: changes in the number come from the weights only
  return vae_.Loss(data_.test.features.topRows(rows), vae_.SampleNoise(rows, noise_rng), reconstruction, kl);
}

std::string VaeRun::ReportLine() {
  double reconstruction = 0.0, kl = 0.0;
  const double loss = TestLoss(&reconstruction, &kl);
  std::ostringstream line;
  line << Prefix() << " test_loss=" << JsonNumber(loss)
       << " reconstruction=" << JsonNumber(reconstruction) << " kl=" << JsonNumber(kl);
  return line.str();
}

bool VaeRun::ExportOnnx(std::string& bytes, std::string& error) { return ExportVaeDecoderOnnx(vae_, bytes, error); }

}  // namespace netlab
