#pragma once
// The losses the VAE, the GAN and the sequence model are really trained on, as functions of one of
// their networks' parameters on a fixed batch (teaching/checked_loss.h), for the gradient check and the
// Layers tab. Each works on its own copy of the model, so the original can go on training meanwhile.
#include <memory>

#include "models/gan.h"
#include "models/vae.h"
#include "recurrent/sequence_task.h"
#include "networks/checked_loss.h"

namespace netlab {

enum class VaePart { kEncoder, kDecoder };

// The VAE's -ELBO (models/vae.h) on `inputs` with the noise ε (`noise`, rows x latent) held fixed, which
// makes it a deterministic function of the weights (Kingma & Welling 2014's reparameterisation), as a
// function of the encoder's parameters (h, μ, log σ² layers) or of the decoder's (g and logits layers).
std::unique_ptr<CheckedLoss> VaeElboLoss(const Vae& vae, VaePart part, Matrix inputs, Matrix noise);

// The discriminator's -mean log σ(D(x)) - mean log(1 - σ(D(G(z)))) (models/gan.h) on fixed real points
// and fixed generated points, as a function of D's parameters.
std::unique_ptr<CheckedLoss> DiscriminatorLoss(Gan& gan, Matrix real, Matrix generated);

// The generator's non-saturating -mean log σ(D(G(z))) for fixed noise z (count x noise size), through a
// frozen copy of the discriminator, as a function of G's parameters.
std::unique_ptr<CheckedLoss> GeneratorLoss(Gan& gan, Matrix noise);

// The sequence model's mean squared error over every step of `batch` (backpropagation through time), as
// a function of the cell's and the readout's parameters.
std::unique_ptr<CheckedLoss> SequenceLoss(const SineRegressor& model, SineBatch batch);

}  // namespace netlab
