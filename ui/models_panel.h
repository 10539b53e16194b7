#pragma once
// The "Models" window: models from the lecture notes trained live on scikit-learn's 8x8 digits.
//   RBM: its weight filters (one 8x8 image per hidden unit) and "dreams", Gibbs chains run from noise.
//   CNN: test accuracy and the first convolution's 3x3 filters while it trains.
//   VAE: with a 2-D latent space, decoded images over a grid of latent codes (the learned manifold).
//   GAN: generated points against the modes of a ring of Gaussians.
// Training runs only while the window is open and "Train" is on, within `train_budget_seconds` a frame.
namespace netlab {

void DrawModelsWindow(float screen_width, float screen_height, double train_budget_seconds, bool* open);

}  // namespace netlab
