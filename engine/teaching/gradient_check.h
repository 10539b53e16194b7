#pragma once
// The "Gradient check" button: backprop against centred finite differences for every parameter of a
// network, on a small batch, in both modes: inference (dropout off, batch norm on running statistics)
// and training (batch norm on the batch's statistics, dropout masks held fixed so that the function
// being differentiated is deterministic). The network's running statistics are left as they were.
//
// A 12x256 network has ~800k parameters, two forwards each: far too many for one frame. GradientCheck is
// the check as a job that a frame advances by a bounded number of parameter entries, with its progress;
// dropping it cancels it. CheckNetworkGradients runs the same job to the end in one call. Any loss of
// the form teaching/checked_loss.h can be checked the same way (the VAE's, the GAN's, a recurrent model's).
#include <memory>
#include <string>
#include <vector>

#include "nn/loss.h"
#include "config/config.h"
#include "nn/network.h"
#include "networks/checked_loss.h"

namespace netlab {

struct GradientCheckReport {
  std::vector<std::string> names;     // "inference #3 weights 4x2", ..., "training #3 weights 4x2", ...
  std::vector<double> relative_error;  // |a - n| / (|a| + |n|) per parameter tensor
  double worst = 0.0;
  double step = 0.0;  // the finite difference's h
};

class GradientCheck {
 public:
  // Checks `network` in place: it must not be trained or changed until the check is done or dropped.
  GradientCheck(Network& network, const Loss& loss, Matrix inputs, Matrix targets);
  // Checks a network of its own (a copy), so the original can go on training meanwhile.
  GradientCheck(std::unique_ptr<Network> network, const Loss& loss, Matrix inputs, Matrix targets);
  // Checks `loss` in each of its modes.
  explicit GradientCheck(std::unique_ptr<CheckedLoss> loss);
  // A check dropped before it is done leaves the network as the finished one does.
  ~GradientCheck();
  GradientCheck(const GradientCheck&) = delete;
  GradientCheck& operator=(const GradientCheck&) = delete;

  // Evaluates at most `max_entries` more parameter entries (two forwards each); true once done. Between
  // calls every parameter holds its own value again.
  bool Advance(long max_entries);
  bool done() const { return done_; }
  long entries_done() const { return entries_done_; }
  long entries_total() const { return entries_total_; }  // parameters x modes checked
  // The tensors finished so far; complete once done().
  const GradientCheckReport& report() const { return report_; }

 private:
  void StartMode();
  void FinishTensor();
  void Finish();

  std::unique_ptr<CheckedLoss> loss_;
  std::vector<ParameterRef> parameters_;
  std::vector<std::string> modes_;    // as the loss names them: inference, then training (batch >= 2)
  size_t mode_ = 0, tensor_ = 0;      // where the check is
  Eigen::Index entry_ = 0;            // row-major index into the current tensor
  std::vector<Eigen::MatrixXd> analytic_;  // backprop's gradients in the current mode
  Eigen::MatrixXd numeric_;                // the current tensor's finite differences so far
  long entries_done_ = 0, entries_total_ = 0;
  bool mode_started_ = false, done_ = false;
  GradientCheckReport report_;
};



GradientCheckReport CheckNetworkGradients(Network& network, const Loss& loss, const Matrix& inputs,
                                          const Matrix& targets);

}  // namespace netlab
