#include "teaching/gradient_check.h"

#include <algorithm>
#include <climits>

#include "core/finite_difference.h"
#include "train/model_shape.h"

namespace netlab {
namespace {

// h = 1e-3 and the noise floor 1e-3: float forwards with h = 1e-3 leave ~1e-4 of noise in a structurally
// zero gradient.
constexpr double kStep = 1e-3, kNoiseFloor = 1e-3;

}  // namespace

GradientCheck::GradientCheck(Network& network, const Loss& loss, Matrix inputs, Matrix targets)
    : network_(network), loss_(loss), inputs_(std::move(inputs)), targets_(std::move(targets)) {
  // Training-mode forwards update batch norm's running statistics: they are put back at the end.
  for (Matrix* m : network_.State()) saved_state_.push_back(*m);
  parameters_ = network_.Parameters();
  modes_.push_back(false);
  if (inputs_.rows() >= 2) modes_.push_back(true);  // batch statistics need two samples
  long per_mode = 0;
  for (const ParameterRef& p : parameters_) per_mode += long(p.value->size());
  entries_total_ = per_mode * long(modes_.size());
  if (parameters_.empty()) Finish();
}

GradientCheck::GradientCheck(std::unique_ptr<Network> network, const Loss& loss, Matrix inputs, Matrix targets)
    : GradientCheck(*network, loss, std::move(inputs), std::move(targets)) {
  owned_ = std::move(network);
}

GradientCheck::~GradientCheck() {
  if (!done_) Finish();
}

void GradientCheck::StartMode() {
  const bool training = modes_[mode_];
  network_.SetTraining(training);
  network_.HoldMasks(training);
  Matrix grad;
  loss_.gradient(network_.Forward(inputs_), targets_, grad);
  network_.Backward(grad);
  analytic_.clear();
  for (const ParameterRef& p : parameters_) analytic_.push_back(p.gradient->cast<double>());
  tensor_ = 0;
  entry_ = 0;
  mode_started_ = true;
}

void GradientCheck::FinishTensor() {
  const ParameterRef& p = parameters_[tensor_];
  const double error = RelativeError(analytic_[tensor_], numeric_, kNoiseFloor);
  report_.names.push_back(std::string(modes_[mode_] ? "training" : "inference") + " #" +
                          std::to_string(tensor_ + 1) + (p.is_weight ? " weights " : " bias/gain ") +
                          std::to_string(p.value->rows()) + "x" + std::to_string(p.value->cols()));
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
  network_.HoldMasks(false);
  size_t i = 0;
  for (Matrix* m : network_.State()) *m = saved_state_[i++];
  network_.SetTraining(false);
  done_ = true;
}

bool GradientCheck::Advance(long max_entries) {
  auto value = [&] { return loss_.value(network_.Forward(inputs_), targets_); };
  while (!done_ && max_entries > 0) {
    if (!mode_started_) StartMode();
    Matrix& param = *parameters_[tensor_].value;
    if (entry_ == 0) numeric_.resize(param.rows(), param.cols());
    const Eigen::Index cols = param.cols();
    const Eigen::Index end = std::min<Eigen::Index>(param.size(), entry_ + Eigen::Index(max_entries));
    for (; entry_ < end; ++entry_, --max_entries, ++entries_done_)
      numeric_(entry_ / cols, entry_ % cols) = CentredDifference(param, entry_ / cols, entry_ % cols, value, kStep);
    if (entry_ == param.size()) FinishTensor();
  }
  return done_;
}

std::unique_ptr<Network> CopyOfNetwork(const Config& config, Network& source) {
  const ModelShape shape = ShapeForConfig(config);
  Rng rng(config.seed);  // the initial weights are overwritten below
  auto copy = std::make_unique<Network>(BuildNetwork(config, shape.inputs, shape.outputs, rng));
  CopyWeightsAndState(source, *copy);
  return copy;
}

GradientCheckReport CheckNetworkGradients(Network& network, const Loss& loss, const Matrix& inputs,
                                          const Matrix& targets) {
  GradientCheck check(network, loss, inputs, targets);
  check.Advance(LONG_MAX);
  return check.report();
}

}  // namespace netlab
