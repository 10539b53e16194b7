#pragma once
// The generative families' sampling networks as their own ONNX graphs (docs/onnx.md), so a sample
// drawn in Netlab can be drawn again in any ONNX runtime from the same noise:
//   VAE decoder:   input "latent" (batch x latent codes z), output "probabilities" (batch x inputs),
//                  σ(tanh(z W_d + b_d) W_o + b_o), what Vae::Decode gives;
//   GAN generator: input "noise" (batch x noise size), output "points" (batch x 2), the generator
//                  network's layers, what Gan::Generate gives for that noise.
#include <string>

#include "models/gan.h"
#include "models/vae.h"

namespace netlab {

bool ExportVaeDecoderOnnx(Vae& vae, std::string& bytes, std::string& error);
bool ExportGanGeneratorOnnx(Gan& gan, std::string& bytes, std::string& error);

}  // namespace netlab
