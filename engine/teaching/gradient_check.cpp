#include "teaching/gradient_check.h"

#include <algorithm>

#include "core/finite_difference.h"

namespace netlab {

GradientCheckReport CheckNetworkGradients(Network& network, const Loss& loss, const Matrix& inputs,
                                          const Matrix& targets) {
  network.SetTraining(false);
  Matrix grad;
  loss.gradient(network.Forward(inputs), targets, grad);
  network.Backward(grad);
  GradientCheckReport report;
  auto value = [&] { return loss.value(network.Forward(inputs), targets); };
  int index = 0;
  for (const ParameterRef& p : network.Parameters()) {
    const double error = MaxRelativeError(*p.value, *p.gradient, value, 1e-3);
    report.names.push_back("#" + std::to_string(++index) + (p.is_weight ? " weights " : " bias/gain ") +
                           std::to_string(p.value->rows()) + "x" + std::to_string(p.value->cols()));
    report.relative_error.push_back(error);
    report.worst = std::max(report.worst, error);
  }
  return report;
}

}  // namespace netlab
