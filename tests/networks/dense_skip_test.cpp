// The dense (DenseNet, Huang et al. 2017) skip of a classification stack's dense row: y = [x, F(x)], so
// the next row reads fan_in + units values. Shapes and parameter counts by hand, the built network
// agreeing with its plan, gradients through the concatenation against finite differences, the link
// round trip and the task and layer kinds that refuse it.
#include <catch2/catch.hpp>

#include "links/share_link.h"
#include "core/finite_difference.h"
#include "nn/loss.h"
#include "nn/skip.h"
#include "support/config_text.h"
#include "support/stack_gradients.h"
#include "support/test_support.h"
#include "networks/network_builder.h"
#include "links/config_text.h"

using namespace netlab;


TEST_CASE("a dense skip widens the next row's input: shapes and parameters by hand", "[workbench][stack][dense_skip]") {
  const Config c = DigitsStack("16:relu:cat,8:tanh:cat,12:relu");
  const StackPlan plan = PlanStack(c, KnownDataShape("digits"), 10);
  REQUIRE(plan.error.empty());
  REQUIRE(plan.rows.size() == 4);
  CHECK(plan.rows[0].output == "80");              // [x (64), F(x) (16)]
  CHECK(plan.rows[0].parameters == 64 * 16 + 16);  // no projection: nothing is added
  CHECK(plan.rows[1].output == "88");              // [80, 8]
  CHECK(plan.rows[1].parameters == 80 * 8 + 8);
  CHECK(plan.rows[2].output == "12");
  CHECK(plan.rows[2].parameters == 88 * 12 + 12);
  CHECK(plan.rows[3].parameters == 12 * 10 + 10);
  CHECK(plan.parameters == 1040 + 648 + 1068 + 130);
  CHECK(plan.rows[0].layer == "dense 16 relu concat");
  Rng rng(4);
  Network net = BuildStack(c, KnownDataShape("digits"), 10, rng);
  long count = 0;
  for (const ParameterRef& p : net.Parameters()) count += long(p.value->size());
  CHECK(count == plan.parameters);
  const Matrix x = RandomMatrix(3, 64, rng);
  const Matrix& out = net.Forward(x);
  CHECK(out.cols() == 10);
  // The first block's output starts with its input, unchanged.
  CHECK(std::string(net.layer(0).kind()) == "dense_concat");
  CHECK((net.LayerOutput(0).leftCols(64) - x).cwiseAbs().maxCoeff() == 0.0f);
  CHECK(net.LayerOutput(0).cols() == 80);
}

TEST_CASE("gradients through dense skips match finite differences for every tensor", "[workbench][stack][dense_skip][gradient]") {
  const Config c = DigitsStack("5:tanh:cat,4:sigmoid:ln:cat,3:tanh");
  Rng rng(8);
  Network net = BuildStack(c, KnownDataShape("digits"), 10, rng);
  const Matrix input = RandomMatrix(4, 64, rng);
  Matrix targets = Matrix::Zero(4, 10);
  targets(0, 1) = targets(1, 9) = targets(2, 4) = targets(3, 4) = 1.0f;
  const auto value = BackpropSoftmaxCe(net, input, targets);
  const std::vector<ParameterRef> params = net.Parameters();
  REQUIRE(params.size() == 10);  // W, b of rows 1 and 3, W, b, gain, shift of row 2, W, b of the output
  for (size_t i = 0; i < params.size(); ++i) {
    INFO("tensor " << i);
    const Matrix analytic = *params[i].gradient;
    CHECK(GradientRelativeError(*params[i].value, analytic, value, 1e-3) < 1e-2);
  }
  // The input gradient too: the copied x adds dL/dy[:, :64] to F's input gradient.
  Matrix x = input;
  const auto of_input = BackpropSoftmaxCe(net, x, targets);
  const Matrix analytic_input = net.InputGradient();
  CHECK(GradientRelativeError(x, analytic_input, of_input, 1e-3) < 1e-2);
}

TEST_CASE("a dense skip survives the config text and a share link, and is refused where it cannot work",
          "[workbench][stack][dense_skip][config]") {
  const Config c = DigitsStack("16:relu:bn:cat:d0.1,8:tanh");
  CHECK(c.hidden[0].skip == "dense");
  CHECK(ConfigToText(c).find("16:relu:bn:cat:d0.1") != std::string::npos);
  Config back;
  std::string error;
  REQUIRE(DecodeShareLink(EncodeShareLink(c), back, error));
  REQUIRE(back.hidden.size() == 2);
  CHECK(back.hidden[0] == c.hidden[0]);
  Config refused;
  CHECK_FALSE(ParseConfig("dataset=circle&layers=4:tanh:cat,2:tanh", refused, error));  // the playground
  CHECK_THAT(error, Catch::Contains("dense skip"));
  CHECK_FALSE(ParseConfig("task=rbm&dataset=digits&layers=16:sigmoid:cat", refused, error));
  CHECK_THAT(error, Catch::Contains("dense skip"));
}
