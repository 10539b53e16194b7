#include "teaching/gradient_check.h"

#include <algorithm>
#include <climits>

#include "core/finite_difference.h"
#include "networks/model_shape.h"
#include "networks/network_builder.h"

namespace netlab {
namespace {

// The centred difference (L(w + h) - L(w - h)) / 2h errs by h^2 |L'''| / 6 (truncation) plus eps |L| / h
// (float rounding of the two forwards, eps ~ 6e-8): the sum is least near h = eps^(1/3) ~ 5e-3 (Numerical
// Recipes, 5.7), which is what a smooth loss gets. h = 1e-3 leaves 5x more rounding noise (a deep sigmoid
// autoencoder's first layer then reads ~1e-2) but straddles a ReLU's or a max's kink 5x less often, so a
// loss with kinks keeps it. The noise floor 1e-3: float forwards leave ~1e-4 of noise in a structurally
// zero gradient.
constexpr double kSmoothStep = 5e-3, kKinkedStep = 1e-3, kNoiseFloor = 1e-3;

}  // namespace

GradientCheck::GradientCheck(Network& network, const Loss& loss, Matrix inputs, Matrix targets)
    : GradientCheck(std::make_unique<NetworkLoss>(network, loss, std::move(inputs), std::move(targets))) {}

GradientCheck::GradientCheck(std::unique_ptr<Network> network, const Loss& loss, Matrix inputs, Matrix targets)
    : GradientCheck(std::make_unique<NetworkLoss>(*network, loss, std::move(inputs), std::move(targets),
                                                  std::move(network))) {}

GradientCheck::GradientCheck(std::unique_ptr<CheckedLoss> loss) : loss_(std::move(loss)) {
  parameters_ = loss_->Parameters();
  report_.step = loss_->Smooth() ? kSmoothStep : kKinkedStep;
  modes_ = loss_->Modes();
  long per_mode = 0;
  for (const ParameterRef& p : parameters_) per_mode += long(p.value->size());
  entries_total_ = per_mode * long(modes_.size());
  if (parameters_.empty() || modes_.empty()) Finish();
}

GradientCheck::~GradientCheck() {
  if (!done_) Finish();
}

void GradientCheck::StartMode() {
  loss_->SetMode(mode_);
  loss_->Backward();
  analytic_.clear();
  for (const ParameterRef& p : parameters_) analytic_.push_back(p.gradient->cast<double>());
  tensor_ = 0;
  entry_ = 0;
  mode_started_ = true;
}

void GradientCheck::FinishTensor() {
  const double error = RelativeError(analytic_[tensor_], numeric_, kNoiseFloor);
  const std::string& mode = modes_[mode_];
  report_.names.push_back((mode.empty() ? "" : mode + " ") + loss_->ParameterName(tensor_));
  report_.relative_error.push_back(error);
  report_.worst = std::max(report_.worst, error);
  ++tensor_;
  entry_ = 0;
  if (tensor_ == parameters_.size()) {
    mode_started_ = false;
    if (++mode_ == modes_.size()) Finish();
  }
}

void GradientCheck::Finish() {
  loss_->Restore();
  done_ = true;
}

bool GradientCheck::Advance(long max_entries) {
  auto value = [&] { return loss_->Value(); };
  while (!done_ && max_entries > 0) {
    if (!mode_started_) StartMode();
    Matrix& param = *parameters_[tensor_].value;
    if (entry_ == 0) numeric_.resize(param.rows(), param.cols());
    const Eigen::Index cols = param.cols();
    const Eigen::Index end = std::min<Eigen::Index>(param.size(), entry_ + Eigen::Index(max_entries));
    for (; entry_ < end; ++entry_, --max_entries, ++entries_done_)
      numeric_(entry_ / cols, entry_ % cols) = CentredDifference(param, entry_ / cols, entry_ % cols, value, report_.step);
    if (entry_ == param.size()) FinishTensor();
  }
  return done_;
}

GradientCheckReport CheckNetworkGradients(Network& network, const Loss& loss, const Matrix& inputs,
                                          const Matrix& targets) {
  GradientCheck check(network, loss, inputs, targets);
  check.Advance(LONG_MAX);
  return check.report();
}

}  // namespace netlab
