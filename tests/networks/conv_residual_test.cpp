// Residual skips around convolutions that keep their input's shape (He et al. 2016's identity
// shortcut, y = F(x) + x): the plan's shapes and counts, the block being exactly the identity when F is
// zero, stacks whose shapes differ refused with the layer named, the config text carrying the skip, and
// the gradient of a stack with such blocks against centred finite differences.
#include <catch2/catch.hpp>

#include "core/finite_difference.h"
#include "conv/conv2d.h"
#include "nn/loss.h"
#include "nn/skip.h"
#include "support/config_text.h"
#include "support/stack_gradients.h"
#include "support/test_support.h"
#include "networks/network_builder.h"
#include "links/config_text.h"

using namespace netlab;


TEST_CASE("A residual convolution keeps its shape and adds no parameters to the plan", "[workbench][stack][residual]") {
  const Config c = DigitsStack("conv:4:tanh:3x3:s1:p1,conv:4:tanh:3x3:s1:p1:res,flatten,8:tanh");
  const StackPlan plan = PlanStack(c, KnownDataShape("digits"), 10);
  REQUIRE(plan.error.empty());
  CHECK(plan.rows[1].output == "4x8x8");  // (8 + 2·1 − 3)/1 + 1 = 8 per side, 4 channels in and out
  CHECK(plan.rows[1].parameters == 4 * 9 * 4 + 4);  // the conv's own; the identity shortcut has none
  CHECK(plan.rows[1].layer.find("residual") != std::string::npos);
  Rng rng(2);
  Network net = BuildStack(c, KnownDataShape("digits"), 10, rng);
  long count = 0;
  for (const ParameterRef& p : net.Parameters()) count += long(p.value->size());
  CHECK(count == plan.parameters);
  // The text form keeps the skip: conv rows write ":res" and read it back.
  Config back;
  std::string error;
  REQUIRE(ParseConfig(ConfigToText(c), back, error));
  CHECK(back.hidden[1].skip == "residual");
  CHECK(back.hidden[0].skip == "none");
}

TEST_CASE("A residual convolution whose F is zero passes its input through unchanged", "[workbench][stack][residual]") {
  const Config c = DigitsStack("conv:1:linear:3x3:s1:p1:res");
  Rng rng(4);
  Network net = BuildStack(c, KnownDataShape("digits"), 10, rng);
  REQUIRE(std::string(net.layer(0).kind()) == "residual");
  Residual& block = static_cast<Residual&>(net.layer(0));
  for (const ParameterRef& p : block.block().Parameters()) p.value->setZero();  // F(x) = 0 x + 0
  const Matrix input = RandomMatrix(3, 64, rng);
  net.Forward(input);
  CHECK((net.LayerOutput(0) - input).cwiseAbs().maxCoeff() == 0.0f);  // y = F(x) + x = x exactly
}

TEST_CASE("A residual skip around a convolution that changes the shape is refused, naming the layer", "[workbench][stack][residual]") {
  // 1 channel in, 4 out; and 8x8 in, 6x6 out without padding. The config itself is refused with the
  // plan's message (a link with such a stack never opens), and the plan names the layer.
  for (const char* layers : {"conv:4:relu:3x3:s1:p1", "conv:1:relu:3x3:s1:p0"}) {
    INFO(layers);
    Config c;
    std::string error;
    CHECK(!ParseConfig(std::string("task=classify&dataset=digits&loss=softmax_ce&layers=") + layers + ":res", c, error));
    CHECK(error.find("same shape") != std::string::npos);
    Config residual = DigitsStack(layers);
    residual.hidden[0].skip = "residual";
    const StackPlan plan = PlanStack(residual, KnownDataShape("digits"), 10);
    CHECK(plan.failed_layer == 0);
    CHECK(plan.error.find("Layer 1") != std::string::npos);
    CHECK(plan.error.find("same shape") != std::string::npos);
  }
  // The longest conv row LayerToText writes (a norm, the skip and dropout) reads back.
  const Config longest = DigitsStack("conv:1:tanh:3x3:s1:p1:bn:res:d0.1");
  CHECK(longest.hidden[0].norm == "batch");
  CHECK(longest.hidden[0].skip == "residual");
  Config highway = DigitsStack("conv:1:relu:3x3:s1:p1");
  highway.hidden[0].skip = "highway";
  CHECK(PlanStack(highway, KnownDataShape("digits"), 10).error.find("highway skips wrap dense layers only") !=
        std::string::npos);
}

TEST_CASE("The gradient of a stack with residual convolutions matches finite differences for every tensor",
          "[workbench][stack][residual][gradient]") {
  // Smooth activations only (no kinks for h to straddle); the second block has layer norm inside F.
  const Config c = DigitsStack("conv:2:tanh:3x3:s1:p1,conv:2:tanh:3x3:s1:p1:res,avgpool:2x2:s2,"
                         "conv:2:sigmoid:3x3:s1:p1:ln:res,flatten,6:tanh");
  REQUIRE(PlanStack(c, KnownDataShape("digits"), 10).error.empty());
  // 3 convs and 2 dense layers (weights, bias), layer norm's gain and shift.
  REQUIRE(CheckStackGradients(c) == 12);
}
