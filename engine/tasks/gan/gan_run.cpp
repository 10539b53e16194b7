// The GAN task on a ring of Gaussians: one discriminator and one generator update per step.
#include <cmath>
#include <sstream>

#include "core/json_text.h"
#include "export/onnx_generative.h"
#include "tasks/gan/gan_run.h"

namespace netlab {

GanRun::GanRun(const Config& config) : RunBase(config) {
  GanSettings settings;
  settings.noise_size = config.family.latent;
  settings.hidden = config.hidden.empty() ? 64 : config.hidden[0].units;
  settings.discriminator_hidden = config.family.discriminator_units;
  settings.batch_size = config.batch_size;
  settings.optimizer = config.optimizer;
  settings.optimizer.seed = config.seed;
  settings.discriminator_learning_rate = config.family.discriminator_learning_rate;
  gan_ = std::make_unique<Gan>(settings, rng_);
}

void GanRun::Step() {
  if (!diverged_.empty()) return;
  discriminator_loss_ = gan_->TrainStep(SampleRingOfGaussians(config_.batch_size, kModes, kRadius, kSpread, rng_), rng_);
  ++updates_;
  if (!std::isfinite(discriminator_loss_) || !std::isfinite(gan_->last_generator_loss()))
    diverged_ = "A loss became NaN or infinite: lower the learning rates and press Reset.";
}

std::string GanRun::ReportLine() {
  Rng sample_rng(777);  // the same noise every report, so the numbers move with the weights only
  const Matrix points = gan_->Generate(1000, sample_rng);
  std::ostringstream line;
  line << Prefix() << " discriminator_loss=" << JsonNumber(discriminator_loss_)
       << " generator_loss=" << JsonNumber(gan_->last_generator_loss())
       << " mode_distance=" << JsonNumber(MeanDistanceToNearestMode(points, kModes, kRadius))
       << " modes_covered=" << ModesCovered(points, kModes, kRadius);
  return line.str();
}

std::vector<Matrix*> GanRun::Parameters() {
  std::vector<Matrix*> buffers = BuffersOf(gan_->generator);
  for (Matrix* m : BuffersOf(gan_->discriminator)) buffers.push_back(m);
  return buffers;
}

bool GanRun::ExportOnnx(std::string& bytes, std::string& error) { return ExportGanGeneratorOnnx(*gan_, bytes, error); }

}  // namespace netlab
