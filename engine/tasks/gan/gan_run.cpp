// The GAN task on a ring of Gaussians: one discriminator and one generator update per step.
#include <cmath>
#include <sstream>

#include "core/json_text.h"
#include "export/onnx_generative.h"
#include "networks/model_losses.h"
#include "tasks/gan/gan_run.h"

namespace netlab {

GanRun::GanRun(const Config& config, const TaskData&) : RunBase(config) {
  GanSettings settings;
  settings.noise_size = config.family.latent;
  settings.hidden = config.hidden.empty() ? 64 : config.hidden[0].units;
  settings.discriminator_hidden = config.family.discriminator_units;
  settings.batch_size = config.batch_size;
  settings.optimizer = config.optimizer;
  settings.optimizer.seed = config.seed;
  settings.discriminator_learning_rate = config.family.discriminator_learning_rate;
  gan_ = std::make_unique<Gan>(settings, rng_);
  stream_start_ = rng_.state();
  report_every_ = 500;
}

void GanRun::Step() {
  if (!diverged_.empty()) return;
  discriminator_loss_ = gan_->TrainStep(SampleRingOfGaussians(config_.batch_size, kModes, kRadius, kSpread, rng_), rng_);
  if (updates_ % GradientNormHistory::kEvery == 0) {
    generator_norms_.Record(updates_, gan_->generator.Parameters());
    discriminator_norms_.Record(updates_, gan_->discriminator_gradient_norms());
  }
  ++updates_;
  if (!std::isfinite(discriminator_loss_) || !std::isfinite(gan_->last_generator_loss()))
    diverged_ = "A loss became NaN or infinite: lower the learning rates and press Reset.";
}

std::string GanRun::ReportLine() {
  Rng sample_rng(kReportNoiseSeed);  // the same noise every report, so the numbers move with the weights only
  const Matrix points = gan_->Generate(kReportPoints, sample_rng);
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

std::vector<NamedNetwork> GanRun::Networks() {
  constexpr int kPoints = 32;  // per half of the batch
  Gan& gan = *gan_;
  NamedNetwork generator{"generator", {}};
  generator.network.step = updates_;
  generator.network.batch_label = std::to_string(kPoints) + " fixed noise vectors z";
  generator.network.loss_label = "the generator's -mean log sigma(D(G(z))) on " + std::to_string(kPoints) +
                                 " fixed noise vectors, through a frozen copy of the discriminator";
  generator.network.checked_loss = [&gan] {
    Rng noise_rng(2024);  // the same z every time
    return GeneratorLoss(gan, gan.SampleNoise(kPoints, noise_rng));
  };
  generator_norms_.AppendTo(generator.network.gradient_norms);
  NamedNetwork discriminator{"discriminator", {}};
  discriminator.network.step = updates_;
  discriminator.network.batch_label = std::to_string(kPoints) + " real, then " + std::to_string(kPoints) + " generated points";
  discriminator.network.loss_label = "the discriminator's -mean log sigma(D(x)) - mean log(1 - sigma(D(G(z)))) on " +
                                     std::to_string(kPoints) + " fixed ring points and " + std::to_string(kPoints) +
                                     " points generated from fixed noise";
  discriminator.network.checked_loss = [&gan] {
    Rng real_rng(2024), noise_rng(2025);  // the same points every time
    const Matrix real = SampleRingOfGaussians(kPoints, kModes, kRadius, kSpread, real_rng);
    return DiscriminatorLoss(gan, real, gan.Generate(kPoints, noise_rng));
  };
  discriminator_norms_.AppendTo(discriminator.network.gradient_norms);
  return {generator, discriminator};
}

}  // namespace netlab
