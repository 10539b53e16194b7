#include "search/gan_trial.h"

#include "models/mmd.h"
#include "links/config_text.h"

namespace netlab {
namespace {

// Seeds of their own: GanRun draws its weights, noise and training batches from the config's seed.
constexpr uint64_t kHeldOutRingSeed = 6007;
constexpr uint64_t kScoreNoiseSeed = 6011;

}  // namespace

GanValidation MakeGanValidation() {
  GanValidation validation;
  Rng rng(kHeldOutRingSeed);
  validation.real = SampleRingOfGaussians(kGanScorePoints, GanRun::kModes, GanRun::kRadius, GanRun::kSpread, rng);
  validation.bandwidth = MedianPairwiseDistance(validation.real);
  return validation;
}

double GanScore(Gan& gan, const GanValidation& validation) {
  Rng noise(kScoreNoiseSeed);
  return SquaredMmd(gan.Generate(kGanScorePoints, noise), validation.real, validation.bandwidth, validation.scales);
}

GanTrial::GanTrial(const Config& config, std::shared_ptr<const GanValidation> validation,
                   const EarlyStoppingSettings& settings)
    : EarlyStoppedTrial(settings, ValidateConfig(config)), config_(config), validation_(std::move(validation)) {}

void GanTrial::TrainSteps(long steps) {
  for (long s = 0; s < steps; ++s) run_->Step();
}

}  // namespace netlab
