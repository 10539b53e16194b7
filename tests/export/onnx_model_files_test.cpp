// Writes the Models window's networks (the sequence model with each recurrent cell, the VAE decoder, the
// GAN generator) as ONNX files with inputs and Netlab's outputs beside them, for
// tests/cli/onnx_export_test.sh to run in ONNX Runtime; and the exporters' refusals.
// Every parameter is redrawn from N(0, 0.5²) first, biases included, so no gate block, bias or
// transpose sits at a value (zero, one, a symmetric init) that would hide a misplaced one.
#include <catch2/catch.hpp>

#include <cstdlib>

#include "core/rng.h"
#include "export/onnx_generative.h"
#include "export/onnx_recurrent.h"
#include "support/onnx_files.h"
#include "support/test_support.h"

using namespace netlab;

namespace {

void Redraw(const std::vector<ParameterRef>& parameters, Rng& rng) {
  for (const ParameterRef& p : parameters)
    for (Eigen::Index i = 0; i < p.value->size(); ++i) p.value->data()[i] = rng.Normal(0.0f, 0.5f);
}

}  // namespace

TEST_CASE("the Models window's networks written as ONNX files with Netlab's outputs", "[.][onnx_files]") {
  const char* dir = std::getenv("NETLAB_ONNX_DIR");
  REQUIRE(dir);
  Rng rng(23);
  for (const char* kind : {"lstm", "gru", "rnn"}) {
    SineRegressor model(kind, 6, rng);
    REQUIRE(model.valid());
    Redraw(model.parameters(), rng);
    // 5 noisy sine sequences of 17 steps (a length no weight is shaped for), one per row.
    SineBatch batch;
    MakeSineBatch(5, 17, 0.1f, rng, batch);
    Matrix sequences(5, 17), predictions(5, 17);
    std::vector<float> values(17), predicted;
    for (int n = 0; n < 5; ++n) {
      for (int t = 0; t < 17; ++t) values[size_t(t)] = sequences(n, t) = batch.inputs[size_t(t)](n, 0);
      model.Predict(values, predicted);
      for (int t = 0; t < 17; ++t) predictions(n, t) = predicted[size_t(t)];
    }
    std::string bytes, error;
    REQUIRE(ExportSequenceOnnx(model, bytes, error));
    WriteOnnxCase(dir, std::string("sequence_") + kind, bytes, sequences, predictions);
  }

  Vae vae(12, 7, 3);  // 12 inputs, 7 hidden units, 3 latent dimensions
  vae.Initialize(rng);
  std::vector<ParameterRef> vae_parameters;
  vae.CollectParameters(vae_parameters);
  Redraw(vae_parameters, rng);
  const Matrix codes = RandomMatrix(9, 3, rng);
  std::string bytes, error;
  REQUIRE(ExportVaeDecoderOnnx(vae, bytes, error));
  WriteOnnxCase(dir, "vae_decoder", bytes, codes, vae.Decode(codes));

  GanSettings settings;
  settings.noise_size = 3;
  settings.hidden = 10;
  Gan gan(settings, rng);
  Redraw(gan.generator.Parameters(), rng);
  // Generate draws its noise from the Rng it is given: the same seed twice gives its noise here.
  Rng noise_rng(31), generate_rng(31);
  const Matrix noise = RandomMatrix(8, settings.noise_size, noise_rng);
  const Matrix points = gan.Generate(8, generate_rng);
  REQUIRE(ExportGanGeneratorOnnx(gan, bytes, error));
  WriteOnnxCase(dir, "gan_generator", bytes, noise, points);
}

TEST_CASE("a sequence model without a cell is refused by the ONNX exporter", "[export]") {
  Rng rng(1);
  SineRegressor model("mystery", 4, rng);
  REQUIRE_FALSE(model.valid());
  std::string bytes, error;
  CHECK_FALSE(ExportSequenceOnnx(model, bytes, error));
  CHECK(error.find("recurrent cell") != std::string::npos);
  CHECK(bytes.empty());
}
