#include "teaching/gradient_check.h"

#include <algorithm>

#include "core/finite_difference.h"

namespace netlab {
namespace {

void CheckMode(Network& network, const Loss& loss, const Matrix& inputs, const Matrix& targets, bool training,
               GradientCheckReport& report) {
  network.SetTraining(training);
  Matrix grad;
  loss.gradient(network.Forward(inputs), targets, grad);
  network.Backward(grad);
  auto value = [&] { return loss.value(network.Forward(inputs), targets); };
  int index = 0;
  for (const ParameterRef& p : network.Parameters()) {
    // Noise floor 1e-3: float forwards with h = 1e-3 leave ~1e-4 of noise in a structurally zero gradient.
    const double error = GradientRelativeError(*p.value, *p.gradient, value, 1e-3, 1e-3);
    report.names.push_back(std::string(training ? "training" : "inference") + " #" + std::to_string(++index) +
                           (p.is_weight ? " weights " : " bias/gain ") + std::to_string(p.value->rows()) + "x" +
                           std::to_string(p.value->cols()));
    report.relative_error.push_back(error);
    report.worst = std::max(report.worst, error);
  }
}

}  // namespace

GradientCheckReport CheckNetworkGradients(Network& network, const Loss& loss, const Matrix& inputs,
                                          const Matrix& targets) {
  GradientCheckReport report;
  // Training-mode forwards update batch norm's running statistics: they are put back afterwards.
  std::vector<Matrix> saved_state;
  for (Matrix* m : network.State()) saved_state.push_back(*m);
  CheckMode(network, loss, inputs, targets, false, report);
  if (inputs.rows() >= 2) {  // batch statistics need two samples
    network.HoldMasks(true);
    CheckMode(network, loss, inputs, targets, true, report);
    network.HoldMasks(false);
  }
  size_t i = 0;
  for (Matrix* m : network.State()) *m = saved_state[i++];
  network.SetTraining(false);
  return report;
}

}  // namespace netlab
