#pragma once
// Generative adversarial net (Goodfellow et al. 2014) on 2-D points. The discriminator D outputs a
// logit; it minimises  -log σ(D(x)) - log(1 - σ(D(G(z))))  on real x and generated G(z); the generator
// minimises the non-saturating  -log σ(D(G(z)))  (same fixed point, stronger gradients early on).
#include <vector>

#include "nn/network.h"
#include "optim/optimizer.h"
#include "core/rng.h"

namespace netlab {

// Points from `modes` Gaussians (standard deviation `spread`) centred evenly on a circle of `radius`:
// the standard mode-collapse benchmark (Metz et al. 2017).
Matrix SampleRingOfGaussians(int count, int modes, float radius, float spread, Rng& rng);
// Mean over rows of the distance to the nearest ring mode.
double MeanDistanceToNearestMode(const Matrix& points, int modes, float radius);
// Modes that got at least a quarter of their fair share of the points within a third of the distance
// between neighbouring modes (so no point counts for two): mode collapse scores low even when every
// point sits on some mode.
int ModesCovered(const Matrix& points, int modes, float radius);

struct GanSettings {
  int noise_size = 2;
  int hidden = 64;                // the generator's hidden units
  int discriminator_hidden = 64;  // the discriminator's
  int batch_size = 64;
  OptimizerSettings optimizer{"adam", 1e-3f, 0.9f, 0.5f, 0.999f, 1e-8f};  // β1 = 0.5 (Radford et al. 2016)
  float discriminator_learning_rate = 1e-3f;  // the same optimizer, its own step (Heusel et al. 2017's TTUR)
};

class Gan {
 public:
  Gan(const GanSettings& settings, Rng& rng);
  // One discriminator step then one generator step on a batch of real points. Returns the
  // discriminator loss; the generator loss is in last_generator_loss().
  double TrainStep(const Matrix& real, Rng& rng);
  Matrix Generate(int count, Rng& rng);
  double last_generator_loss() const { return generator_loss_; }
  // |dL_D/dW| per weight matrix of the discriminator's last update (its parameter gradients themselves
  // are overwritten by the generator's pass through it).
  const std::vector<float>& discriminator_gradient_norms() const { return discriminator_gradient_norms_; }
  Matrix SampleNoise(int count, Rng& rng) const;  // z ~ N(0, I), count x noise_size
  // Networks of the same shape holding these weights (what the gradient check works on).
  std::unique_ptr<Network> CopyOfGenerator();
  std::unique_ptr<Network> CopyOfDiscriminator();

  Network generator, discriminator;

 private:
  GanSettings settings_;
  std::unique_ptr<Optimizer> generator_optimizer_, discriminator_optimizer_;
  double generator_loss_ = 0.0;
  std::vector<float> discriminator_gradient_norms_;
};

}  // namespace netlab
