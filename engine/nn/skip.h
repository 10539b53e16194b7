#pragma once
// Skip connections around a block of layers. When the block changes the width, the skipped path goes
// through a learned linear projection (He et al. 2016, option B).
#include <memory>

#include "nn/dense.h"
#include "nn/network.h"

namespace netlab {

// What every skip shares: the wrapped block F, whose state, training mode and held masks are the skip's.
class SkipBlock : public Layer {
 public:
  explicit SkipBlock(Network block) : block_(std::move(block)) {}
  void CollectState(std::vector<Matrix*>& out) override;
  void CollectRandomStreams(std::vector<Rng*>& out) override;
  void SetTraining(bool training) override;
  void HoldMasks(bool hold) override;
  Network& block() { return block_; }  // F, for exporters (ONNX) that write the block out
  bool smooth() const override { return block_.Smooth(); }

 protected:
  Network block_;
};

// Residual block: y = F(x) + P(x), P the identity or a projection.
class Residual : public SkipBlock {
 public:
  Residual(Network block, std::unique_ptr<Dense> projection)
      : SkipBlock(std::move(block)), projection_(std::move(projection)) {}
  const char* kind() const override { return "residual"; }
  void Forward(const Matrix& input, Matrix& output) override;
  void Backward(const Matrix& grad_output, Matrix& grad_input) override;
  void CollectParameters(std::vector<ParameterRef>& out) override;
  Dense* projection() { return projection_.get(); }  // P, null when it is the identity

 private:
  std::unique_ptr<Dense> projection_;
  Matrix carried_, grad_carried_;
};

// Highway block (Srivastava et al. 2015): y = T ⊙ F(x) + (1 - T) ⊙ P(x), with the transform gate
// T = sigmoid(x W_T + b_T); b_T starts at -1 so that the block first mostly carries its input.
class Highway : public SkipBlock {
 public:
  Highway(Network block, std::unique_ptr<Dense> gate, std::unique_ptr<Dense> projection)
      : SkipBlock(std::move(block)), gate_(std::move(gate)), projection_(std::move(projection)) {}
  const char* kind() const override { return "highway"; }
  void Forward(const Matrix& input, Matrix& output) override;
  void Backward(const Matrix& grad_output, Matrix& grad_input) override;
  void CollectParameters(std::vector<ParameterRef>& out) override;
  // For exporters (ONNX): the gate's dense layer, and P (null when it is the identity).
  Dense& gate() { return *gate_; }
  Dense* projection() { return projection_.get(); }

 private:
  std::unique_ptr<Dense> gate_, projection_;
  Matrix transformed_, carried_, gate_value_, gate_input_, scratch_;
  Matrix grad_transformed_, grad_carried_, grad_gate_input_;  // backward scratch, reused every step
};

// Dense connectivity (Huang et al. 2017, DenseNet): y = [x, F(x)], the input concatenated with the
// block's output, so every later layer reads every earlier layer's features. The width grows from
// fan_in to fan_in + units; no projection is needed because nothing is added.
class DenseConcat : public SkipBlock {
 public:
  explicit DenseConcat(Network block) : SkipBlock(std::move(block)) {}
  const char* kind() const override { return "dense_concat"; }
  void Forward(const Matrix& input, Matrix& output) override;
  void Backward(const Matrix& grad_output, Matrix& grad_input) override;
  void CollectParameters(std::vector<ParameterRef>& out) override;

 private:
  Eigen::Index input_width_ = 0;  // fan_in of the last Forward: where F's columns start in dL/dy
  Matrix grad_transformed_;       // dL/dF(x), batch x units, reused every step
};

}  // namespace netlab
