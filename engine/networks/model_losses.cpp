#include "networks/model_losses.h"

#include <string>

#include "nn/loss.h"

namespace netlab {
namespace {

class VaeLossOfPart : public CheckedLoss {
 public:
  VaeLossOfPart(const Vae& vae, VaePart part, Matrix inputs, Matrix noise)
      : vae_(vae), part_(part), inputs_(std::move(inputs)), noise_(std::move(noise)) {}

  std::vector<ParameterRef> Parameters() override {
    std::vector<ParameterRef> out;
    if (part_ == VaePart::kEncoder)
      for (Dense* layer : {&vae_.encoder_layer, &vae_.mean_layer, &vae_.log_variance_layer}) layer->CollectParameters(out);
    else
      for (Dense* layer : {&vae_.decoder.hidden_layer, &vae_.decoder.output_layer}) layer->CollectParameters(out);
    return out;
  }
  std::string ParameterName(size_t i) override {
    static const char* const kEncoder[] = {"W_e", "b_e", "W_mu", "b_mu", "W_logvar", "b_logvar"};
    static const char* const kDecoder[] = {"W_d", "b_d", "W_o", "b_o"};
    const ParameterRef p = Parameters()[i];
    return std::string(part_ == VaePart::kEncoder ? kEncoder[i] : kDecoder[i]) + " " + std::to_string(p.value->rows()) +
           "x" + std::to_string(p.value->cols());
  }
  double Value() override { return vae_.Loss(inputs_, noise_); }
  double Backward() override {
    const double value = vae_.Loss(inputs_, noise_);
    vae_.Backward();
    return value;
  }
  void LayerOutputs(std::vector<std::string>& titles, std::vector<const Matrix*>& outputs) override {
    if (part_ == VaePart::kEncoder) {
      titles = {"h = tanh(x W_e + b_e)", "mu", "log sigma^2"};
      outputs = {&vae_.encoder_hidden(), &vae_.mean(), &vae_.log_variance()};
    } else {
      titles = {"z = mu + sigma * eps", "g = tanh(z W_d + b_d)", "logits"};
      outputs = {&vae_.latent_code(), &vae_.decoder_hidden(), &vae_.logits()};
    }
  }

 private:
  Vae vae_;
  VaePart part_;
  Matrix inputs_, noise_;
};

// The GAN's losses read D's logit through sigmoid binary cross-entropy, as Gan::TrainStep does.
const Loss& Bce() { return *FindLoss("sigmoid_bce"); }

class DiscriminatorLossOnBatch : public CheckedLoss {
 public:
  DiscriminatorLossOnBatch(Gan& gan, Matrix real, Matrix generated)
      : discriminator_(gan.CopyOfDiscriminator()), real_count_(real.rows()) {
    // One forward of real over generated rows: D has no layer that mixes rows, so each half's logits
    // are those of its own forward, as in training.
    inputs_.resize(real.rows() + generated.rows(), 2);
    inputs_ << real, generated;
  }
  std::vector<ParameterRef> Parameters() override { return discriminator_->Parameters(); }
  double Value() override { return Loss(discriminator_->Forward(inputs_), nullptr); }
  double Backward() override {
    const Matrix& logits = discriminator_->Forward(inputs_);
    Matrix grad;
    const double value = Loss(logits, &grad);
    discriminator_->Backward(grad);
    return value;
  }
  void LayerOutputs(std::vector<std::string>& titles, std::vector<const Matrix*>& outputs) override {
    NetworkLayerOutputs(*discriminator_, titles, outputs);
  }

 private:
  // The sum of the two halves' mean cross-entropies (real labelled 1, generated 0), as TrainStep sums
  // them; `grad` (when given) receives each half's gradient in its rows.
  double Loss(const Matrix& logits, Matrix* grad) {
    const Eigen::Index fake_count = logits.rows() - real_count_;
    const Matrix ones = Matrix::Ones(real_count_, 1), zeros = Matrix::Zero(fake_count, 1);
    const Matrix real_logits = logits.topRows(real_count_), fake_logits = logits.bottomRows(fake_count);
    const double value = Bce().value(real_logits, ones) + Bce().value(fake_logits, zeros);
    if (grad) {
      Matrix real_grad, fake_grad;
      Bce().gradient(real_logits, ones, real_grad);
      Bce().gradient(fake_logits, zeros, fake_grad);
      grad->resize(logits.rows(), 1);
      *grad << real_grad, fake_grad;
    }
    return value;
  }

  std::unique_ptr<Network> discriminator_;
  Eigen::Index real_count_;
  Matrix inputs_;
};

class GeneratorLossThroughFrozenD : public CheckedLoss {
 public:
  GeneratorLossThroughFrozenD(Gan& gan, Matrix noise)
      : generator_(gan.CopyOfGenerator()),
        discriminator_(gan.CopyOfDiscriminator()),
        noise_(std::move(noise)),
        ones_(Matrix::Ones(noise_.rows(), 1)) {}
  std::vector<ParameterRef> Parameters() override { return generator_->Parameters(); }
  double Value() override { return Bce().value(discriminator_->Forward(generator_->Forward(noise_)), ones_); }
  double Backward() override {
    const Matrix& logits = discriminator_->Forward(generator_->Forward(noise_));
    const double value = Bce().value(logits, ones_);
    Matrix grad;
    Bce().gradient(logits, ones_, grad);
    discriminator_->Backward(grad);  // D's own gradients are filled too, and never used: it is frozen
    generator_->Backward(discriminator_->InputGradient());
    return value;
  }
  void LayerOutputs(std::vector<std::string>& titles, std::vector<const Matrix*>& outputs) override {
    NetworkLayerOutputs(*generator_, titles, outputs);
  }

 private:
  std::unique_ptr<Network> generator_, discriminator_;
  Matrix noise_, ones_;
};

class SequenceLossThroughTime : public CheckedLoss {
 public:
  SequenceLossThroughTime(const SineRegressor& model, SineBatch batch) : batch_(std::move(batch)) {
    Rng rng(1);  // the initial weights are overwritten
    model_ = std::make_unique<SineRegressor>(model.cell_kind(), model.hidden_size(), rng);
    const std::vector<ParameterRef>& from = model.parameters();
    const std::vector<ParameterRef>& to = model_->parameters();
    for (size_t i = 0; i < from.size() && i < to.size(); ++i) *to[i].value = *from[i].value;
  }
  std::vector<ParameterRef> Parameters() override { return model_->parameters(); }
  std::string ParameterName(size_t i) override {
    // RecurrentCell::CollectParameters, then the readout's (Dense): weights and bias.
    static const char* const kNames[] = {"W_in", "W_rec", "b", "W_out", "b_out"};
    const ParameterRef p = Parameters()[i];
    return std::string(i < 5 ? kNames[i] : "#" + std::to_string(i + 1)) + " " + std::to_string(p.value->rows()) + "x" +
           std::to_string(p.value->cols());
  }
  double Value() override { return model_->Evaluate(batch_); }
  double Backward() override { return model_->Gradient(batch_); }
  void LayerOutputs(std::vector<std::string>& titles, std::vector<const Matrix*>& outputs) override {
    titles = {std::string(model_->cell_kind()) + " h_t, every step", "prediction of x_{t+1}"};
    outputs = {&model_->stacked_hidden(), &model_->predictions()};
  }

 private:
  std::unique_ptr<SineRegressor> model_;
  SineBatch batch_;
};

}  // namespace

std::unique_ptr<CheckedLoss> VaeElboLoss(const Vae& vae, VaePart part, Matrix inputs, Matrix noise) {
  return std::make_unique<VaeLossOfPart>(vae, part, std::move(inputs), std::move(noise));
}

std::unique_ptr<CheckedLoss> DiscriminatorLoss(Gan& gan, Matrix real, Matrix generated) {
  return std::make_unique<DiscriminatorLossOnBatch>(gan, std::move(real), std::move(generated));
}

std::unique_ptr<CheckedLoss> GeneratorLoss(Gan& gan, Matrix noise) {
  return std::make_unique<GeneratorLossThroughFrozenD>(gan, std::move(noise));
}

std::unique_ptr<CheckedLoss> SequenceLoss(const SineRegressor& model, SineBatch batch) {
  return std::make_unique<SequenceLossThroughTime>(model, std::move(batch));
}

}  // namespace netlab
