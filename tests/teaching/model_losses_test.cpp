// The gradient check on the losses the VAE, the GAN and the sequence model are really trained on
// (teaching/model_losses.h): every parameter tensor of each network agrees with centred finite
// differences, a deliberately corrupted gradient is caught, and the discriminator's checked loss is the
// number its training step reports.
#include <catch2/catch.hpp>

#include <climits>
#include <string>

#include "support/sine_cells.h"
#include "support/test_support.h"
#include "teaching/gradient_check.h"
#include "networks/model_losses.h"

using namespace netlab;

namespace {

// The view's own threshold (views/gradient_check_view.cpp colours errors below 1e-2 green): float
// forwards with h = 1e-3 leave errors of ~1e-4 in a correct gradient (teaching/gradient_check.cpp),
// while a wrong term in backprop gives errors of order 1 (CS231n's gradient-check notes).
constexpr double kTolerance = 1e-2;

// The loss of `inner` with parameter `corrupted`'s backprop gradient scaled by 1.1: the check must see it.
class CorruptedGradient : public CheckedLoss {
 public:
  CorruptedGradient(std::unique_ptr<CheckedLoss> inner, size_t corrupted) : inner_(std::move(inner)), corrupted_(corrupted) {}
  std::vector<ParameterRef> Parameters() override { return inner_->Parameters(); }
  double Value() override { return inner_->Value(); }
  double Backward() override {
    const double value = inner_->Backward();
    *inner_->Parameters()[corrupted_].gradient *= 1.1f;
    return value;
  }
  void LayerOutputs(std::vector<std::string>& titles, std::vector<const Matrix*>& outputs) override {
    inner_->LayerOutputs(titles, outputs);
  }

 private:
  std::unique_ptr<CheckedLoss> inner_;
  size_t corrupted_;
};

GradientCheckReport Check(std::unique_ptr<CheckedLoss> loss) {
  GradientCheck check(std::move(loss));
  check.Advance(LONG_MAX);
  REQUIRE(check.done());
  return check.report();
}

// Every tensor within the tolerance; then the same loss with tensor `corrupted` scaled by 1.1 fails on
// exactly that tensor, by |0.1 g| / (|1.1 g| + |g|) = 0.1 / 2.1 = 0.048 (give or take the tolerance).
template <typename MakeLoss>
void RequirePassesAndCatchesCorruption(MakeLoss make, size_t tensors, size_t corrupted) {
  const GradientCheckReport report = Check(make());
  REQUIRE(report.relative_error.size() == tensors);
  for (size_t i = 0; i < tensors; ++i) {
    INFO(report.names[i] << ": " << report.relative_error[i]);
    CHECK(report.relative_error[i] < kTolerance);
  }
  const GradientCheckReport bad = Check(std::make_unique<CorruptedGradient>(make(), corrupted));
  for (size_t i = 0; i < tensors; ++i) {
    INFO(bad.names[i] << ": " << bad.relative_error[i]);
    if (i == corrupted) CHECK(bad.relative_error[i] == Approx(0.1 / 2.1).margin(kTolerance));
    else CHECK(bad.relative_error[i] < kTolerance);
  }
  CHECK(bad.worst > kTolerance);
}

}  // namespace

TEST_CASE("the VAE's encoder and decoder pass the gradient check on the -ELBO with fixed noise", "[model_losses][vae]") {
  Rng rng(3);
  Vae vae(20, 12, 2);
  vae.Initialize(rng);
  const Matrix inputs = UniformMatrix(8, 20, rng);
  const Matrix noise = vae.SampleNoise(8, rng);
  // Encoder: W_e, b_e, W_mu, b_mu, W_logvar, b_logvar; W_mu (2) is corrupted. Decoder: W_d, b_d, W_o, b_o.
  RequirePassesAndCatchesCorruption([&] { return VaeElboLoss(vae, VaePart::kEncoder, inputs, noise); }, 6, 2);
  RequirePassesAndCatchesCorruption([&] { return VaeElboLoss(vae, VaePart::kDecoder, inputs, noise); }, 4, 3);
  // The checked loss is the VAE's own -ELBO on that batch and noise.
  CHECK(VaeElboLoss(vae, VaePart::kDecoder, inputs, noise)->Value() == Approx(vae.Loss(inputs, noise)));
}

TEST_CASE("the GAN's discriminator and generator pass the gradient check on their own losses", "[model_losses][gan]") {
  GanSettings settings;
  settings.hidden = settings.discriminator_hidden = 12;
  Rng rng(5);
  Gan gan(settings, rng);
  Rng points_rng(6);
  const Matrix real = SampleRingOfGaussians(16, 8, 2.0f, 0.05f, points_rng);
  const Matrix generated = gan.Generate(16, points_rng);
  const Matrix noise = gan.SampleNoise(16, points_rng);
  // Each network: three dense layers, weights and bias each (6 tensors). Leaky ReLU's kink at 0 is where
  // a finite difference is not a derivative: the generator's first bias, whose step moves every row's
  // pre-activation, comes worst here at 6.4e-3, the smooth tensors at ~1e-4.
  RequirePassesAndCatchesCorruption([&] { return DiscriminatorLoss(gan, real, generated); }, 6, 0);
  RequirePassesAndCatchesCorruption([&] { return GeneratorLoss(gan, noise); }, 6, 4);
}

TEST_CASE("the discriminator's checked loss is the loss its training step reports", "[model_losses][gan]") {
  GanSettings settings;
  settings.hidden = settings.discriminator_hidden = 12;
  Rng rng(7);
  Gan gan(settings, rng);
  Rng step_rng(8), same_rng = step_rng;
  const Matrix real = SampleRingOfGaussians(16, 8, 2.0f, 0.05f, rng);
  // TrainStep's first draw is the generated half of the discriminator's batch: the same stream, the same points.
  const double checked = DiscriminatorLoss(gan, real, gan.Generate(16, same_rng))->Value();
  CHECK(gan.TrainStep(real, step_rng) == Approx(checked).epsilon(1e-6));
}

TEST_CASE("LSTM, GRU and plain RNN pass the gradient check on the error through time", "[model_losses][sequence]") {
  ForEachCellOnSines(9, 6, 4, 12, 0.05f, [](SineRegressor& model, const SineBatch& batch) {
    // Input weights, recurrent weights, bias, readout weights, readout bias; the recurrent weights are corrupted.
    RequirePassesAndCatchesCorruption([&] { return SequenceLoss(model, batch); }, 5, 1);
    CHECK(SequenceLoss(model, batch)->Value() == Approx(model.Evaluate(batch)));
  });
}
