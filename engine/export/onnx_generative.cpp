#include "export/onnx_generative.h"

#include "export/onnx_graph.h"
#include "export/onnx_layers.h"
#include "nn/dense.h"

namespace netlab {
namespace {

// Y = X W + b as Gemm, as the layer table writes a dense layer.
std::string WriteDenseOnnx(const Dense& dense, OnnxGraph& g, const std::string& x) {
  return g.Node("Gemm", {x, g.Weights("W", dense.weights), g.Vector("b", dense.bias)});
}

}  // namespace

bool ExportVaeDecoderOnnx(Vae& vae, std::string& bytes, std::string& error) {
  if (vae.decoder.hidden_layer.weights.rows() != vae.latent() ||
      vae.decoder.output_layer.weights.rows() != vae.decoder.hidden_layer.weights.cols()) {
    error = "ONNX export: the VAE decoder's layer sizes do not fit together";
    return false;
  }
  OnnxGraph g;
  g.SetInput("latent", vae.latent());
  // vae.h: g = tanh(z W_d + b_d), p(x | z) = σ(g W_o + b_o).
  const std::string hidden = g.Node("Tanh", {WriteDenseOnnx(vae.decoder.hidden_layer, g, "latent")});
  g.Node("Sigmoid", {WriteDenseOnnx(vae.decoder.output_layer, g, hidden)}, {}, "probabilities");
  g.SetOutput("probabilities", vae.decoder.output_layer.weights.cols());
  bytes = g.Serialize("netlab_vae_decoder",
                      "Netlab VAE decoder: input latent codes z, output the Bernoulli means sigma(logits)");
  return true;
}

bool ExportGanGeneratorOnnx(Gan& gan, std::string& bytes, std::string& error) {
  const Dense* first = gan.generator.size() ? dynamic_cast<Dense*>(&gan.generator.layer(0)) : nullptr;
  const Dense* last = nullptr;
  for (size_t i = gan.generator.size(); i-- > 0 && !last;) last = dynamic_cast<Dense*>(&gan.generator.layer(i));
  if (!first || !last) {
    error = "ONNX export: the GAN generator does not start and end with a dense layer";
    return false;
  }
  OnnxGraph g;
  g.SetInput("noise", first->weights.rows());
  const std::string output = WriteNetworkToOnnx(gan.generator, g, "noise");
  if (output.empty()) {
    error = g.error;
    return false;
  }
  g.Node("Identity", {output}, {}, "points");
  g.SetOutput("points", last->weights.cols());
  bytes = g.Serialize("netlab_gan_generator", "Netlab GAN generator: input noise z ~ N(0, I), output 2-D points");
  return true;
}

}  // namespace netlab
