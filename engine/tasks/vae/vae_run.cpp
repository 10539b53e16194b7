// The VAE task: Adam (or the config's optimizer) on the negative ELBO, one minibatch per step.
#include <algorithm>
#include <cmath>
#include <sstream>

#include "core/json_text.h"
#include "export/onnx_generative.h"
#include "networks/model_losses.h"
#include "tasks/vae/vae_run.h"

namespace netlab {

VaeRun::VaeRun(const Config& config, const TaskData& data)
    : RunBase(config),
      data_(data),
      vae_(data.inputs(), config.hidden.empty() ? 1 : config.hidden[0].units, config.family.latent) {
  if (data.train.labels.empty() || data.test.labels.empty()) error_ = "The data set has no training or test samples.";
  vae_.Initialize(rng_);
  stream_start_ = rng_.state();
  vae_.kl_weight = config.family.kl_weight;
  OptimizerSettings settings = config.optimizer;
  settings.seed = config.seed;
  optimizer_ = CreateOptimizer(settings);
  vae_.CollectParameters(parameters_);
  epoch_rows_ = long(data_.train.labels.size());
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
  if (updates_ % GradientNormHistory::kEvery == 0) {
    // CollectParameters' order: encoder, mean and log-variance layers (weights, bias each), then the decoder's two.
    encoder_norms_.Record(updates_, WeightGradientNorms({parameters_.begin(), parameters_.begin() + 6}));
    decoder_norms_.Record(updates_, WeightGradientNorms({parameters_.begin() + 6, parameters_.end()}));
  }
  optimizer_->Step(parameters_);
  ++updates_;
}

std::vector<NamedNetwork> VaeRun::Networks() {
  std::vector<NamedNetwork> networks;
  const int rows = std::min(16, int(data_.train.features.rows()));
  if (!error_.empty() || rows == 0) return networks;
  const Matrix inputs = data_.train.features.topRows(rows);
  const Vae& vae = vae_;
  for (VaePart part : {VaePart::kEncoder, VaePart::kDecoder}) {
    NamedNetwork named{part == VaePart::kEncoder ? "encoder" : "decoder", {}};
    NetworkInTraining& n = named.network;
    n.step = updates_;
    n.batch_label = std::to_string(rows) + " training rows (noise held fixed)";
    n.loss_label = "the VAE's -ELBO (reconstruction + KL weight x KL) on " + std::to_string(rows) +
                   " training rows with the noise eps held fixed, as a function of the " + named.name + "'s weights";
    n.checked_loss = [&vae, part, inputs] {
      Rng noise_rng(2024);  // the same eps every time: the loss is then a function of the weights only
      return VaeElboLoss(vae, part, inputs, vae.SampleNoise(int(inputs.rows()), noise_rng));
    };
    (part == VaePart::kEncoder ? encoder_norms_ : decoder_norms_).AppendTo(n.gradient_norms);
    networks.push_back(std::move(named));
  }
  return networks;
}


double VaeRun::TestLoss(double* reconstruction, double* kl) {
  const int rows = std::min(kTestRows, int(data_.test.labels.size()));
  Rng noise_rng(kTestNoiseSeed);  // the same ε every time: changes in the number come from the weights only
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
