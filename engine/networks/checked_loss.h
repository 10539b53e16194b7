#pragma once
// A training loss as a function of one network's parameters on a fixed batch: what the gradient check
// differentiates (teaching/gradient_check.h) and the Layers tab looks inside. A network and a loss
// (NetworkLoss below) is the common case; models whose loss is more than loss(network(inputs), targets)
// have their own (teaching/model_losses.h): a VAE's -ELBO with its noise held fixed, a GAN's
// discriminator on fixed real and generated points, its generator through a frozen discriminator, a
// recurrent model's error through time. Value() must be a deterministic function of the parameters.
#include <memory>
#include <string>
#include <vector>

#include "nn/loss.h"
#include "nn/network.h"

namespace netlab {

class CheckedLoss {
 public:
  virtual ~CheckedLoss() = default;
  // The parameters checked, in the order the report lists them.
  virtual std::vector<ParameterRef> Parameters() = 0;
  // How the report names parameter i: "#3 weights 4x2" by default.
  virtual std::string ParameterName(size_t i);
  // The modes the loss is checked in, each named in the report (a network with dropout or batch norm:
  // inference, then training); SetMode(m) is called before the check of mode m.
  virtual std::vector<std::string> Modes() const { return {""}; }
  virtual void SetMode(size_t mode) { (void)mode; }
  virtual double Value() = 0;
  // The loss and, by backprop, every parameter's gradient of it.
  virtual double Backward() = 0;
  // Puts back what the check's forwards changed besides the parameters (batch norm's running statistics).
  virtual void Restore() {}
  // True when the loss is differentiable everywhere near the parameters (no ReLU, max pooling, ...):
  // the check then steps as far as float rounding asks (GradientCheck's kSmoothStep).
  virtual bool Smooth() const { return false; }
  // Each layer's output after the last Value or Backward, input side first, with a title ("2: tanh").
  virtual void LayerOutputs(std::vector<std::string>& titles, std::vector<const Matrix*>& outputs) = 0;
};

// loss(network(inputs), targets), in inference and (for two rows or more) training mode, with dropout's
// masks held fixed. `owned`, when given, is `network` itself, kept alive by the loss.
class NetworkLoss : public CheckedLoss {
 public:
  NetworkLoss(Network& network, const Loss& loss, Matrix inputs, Matrix targets, std::unique_ptr<Network> owned = nullptr);
  std::vector<ParameterRef> Parameters() override { return network_.Parameters(); }
  std::vector<std::string> Modes() const override;
  void SetMode(size_t mode) override;
  double Value() override;
  double Backward() override;
  void Restore() override;
  bool Smooth() const override { return network_.Smooth(); }
  void LayerOutputs(std::vector<std::string>& titles, std::vector<const Matrix*>& outputs) override;

 private:
  std::unique_ptr<Network> owned_;
  Network& network_;
  const Loss& loss_;
  Matrix inputs_, targets_, grad_;
  std::vector<Matrix> saved_state_;  // batch norm's running statistics when the loss was made
};

// Every layer's output of `network` after its last Forward, dense layers followed by an activation
// skipped (the activation shows the same units), titled "3: tanh".
void NetworkLayerOutputs(Network& network, std::vector<std::string>& titles, std::vector<const Matrix*>& outputs);

}  // namespace netlab
