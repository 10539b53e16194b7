// The classification task's layer stack: shapes and parameter counts worked out by hand, the built
// network agreeing with its plan, impossible stacks named by their layer, and the gradient of a
// convolutional stack against centred finite differences.
#include <catch2/catch.hpp>

#include "links/share_link.h"
#include "core/finite_difference.h"
#include "nn/loss.h"
#include "support/stack_gradients.h"
#include "support/test_support.h"
#include "networks/network_builder.h"
#include "links/config_text.h"

using namespace netlab;

namespace {

Config ClassifyConfig(const std::string& layers, const std::string& data = "digits") {
  Config c;
  std::string error;
  const bool parsed = ParseConfig("task=classify&dataset=" + data + "&loss=softmax_ce&initializer=xavier_uniform&init_scale=0.5&optimizer=adam&learning_rate=0.03&batch_size=10&seed=1&layers=" + layers, c, error);
  INFO(error);
  REQUIRE(parsed);
  return c;
}

long CountParameters(Network& net) {
  long count = 0;
  for (const ParameterRef& p : net.Parameters()) count += long(p.value->size());
  return count;
}

}  // namespace

TEST_CASE("A small CNN on 8x8 digits has the shapes and parameter counts worked out by hand", "[workbench][stack]") {
  const Config c = ClassifyConfig("conv:8:relu:3x3:s1:p1,maxpool:2x2:s2,conv:16:relu:3x3:s1:p1,flatten,32:relu");
  const StackPlan plan = PlanStack(c, KnownDataShape("digits"), 10);
  REQUIRE(plan.error.empty());
  REQUIRE(plan.rows.size() == 6);
  // conv: (8 + 2·1 − 3)/1 + 1 = 8 per side, 1·3·3·8 weights + 8 biases
  CHECK(plan.rows[0].output == "8x8x8");
  CHECK(plan.rows[0].parameters == 80);
  CHECK(plan.rows[1].output == "8x4x4");  // 2x2 max pool with stride 2 halves each side
  CHECK(plan.rows[2].output == "16x4x4");
  CHECK(plan.rows[2].parameters == 8 * 9 * 16 + 16);
  CHECK(plan.rows[3].output == "256");     // 16·4·4
  CHECK(plan.rows[4].parameters == 256 * 32 + 32);
  CHECK(plan.rows[5].parameters == 32 * 10 + 10);
  CHECK(plan.parameters == 80 + 1168 + 8224 + 330);
}

TEST_CASE("The built network has exactly the parameters its plan counts, for every kind of layer", "[workbench][stack]") {
  for (const char* layers :
       {"conv:6:tanh:5x5:s1:p2:d0.1,avgpool:2x2:s2,conv:4:elu:3x3:s2:p0,24:relu:bn:res",
        "12:maxout:k3:ln,12:prelu:hw,7:sigmoid:hw,10:relu:d0.3:c0.2",
        "conv:3:relu:3x3:s1:p0,maxpool:3x3:s1,flatten,5:gelu:res"}) {
    INFO(layers);
    const Config c = ClassifyConfig(layers);
    const StackPlan plan = PlanStack(c, KnownDataShape("digits"), 10);
    REQUIRE(plan.error.empty());
    Rng rng(3);
    Network net = BuildStack(c, KnownDataShape("digits"), 10, rng);
    CHECK(CountParameters(net) == plan.parameters);
    const Matrix& out = net.Forward(Matrix::Constant(5, 64, 0.5f));
    CHECK(out.rows() == 5);
    CHECK(out.cols() == 10);
  }
}

TEST_CASE("A stack that cannot work is refused with a message naming its layer", "[workbench][stack]") {
  struct Case {
    const char* layers;
    const char* data;
    int layer;  // 1-based, as the message counts
    const char* says;
  };
  for (const Case& k : {Case{"conv:8:relu:3x3:s1:p0,maxpool:2x2:s2,conv:4:relu:5x5:s1:p0", "digits", 3, "Layer 3 (conv 4 5x5"},
                        Case{"16:relu,conv:4:relu:3x3:s1:p1", "digits", 2, "flat vector"},
                        Case{"lstm:8", "digits", 1, "sequence"},
                        Case{"conv:4:relu:3x3:s1:p1", "iris", 1, "not images"},
                        Case{"conv:64:relu:3x3:s1:p1,128:relu", "fashion", 2, "parameters"},
                        Case{"maxpool:3x3:s3,maxpool:3x3:s3", "digits", 2, "Layer 2"}}) {
    INFO(k.layers << " on " << k.data);
    Config c;
    std::string error;
    REQUIRE_FALSE(ParseConfig(std::string("task=classify&loss=softmax_ce&dataset=") + k.data + "&layers=" + k.layers, c,
                              error));
    CHECK_THAT(error, Catch::Contains(k.says));
    CHECK_THAT(error, Catch::Contains("Layer " + std::to_string(k.layer) + " ("));
  }
  // Fashion-MNIST README's MLP 256-128-100: 784·256+256 + 256·128+128 + 128·100+100 + 100·10+10.
  const Config mlp = ClassifyConfig("256:relu,128:relu,100:relu", "fashion");
  CHECK(PlanStack(mlp, KnownDataShape("fashion"), 10).parameters == 200960 + 32896 + 12900 + 1010);
}

TEST_CASE("A stack's layers survive the config text and a share link unchanged", "[workbench][stack][config]") {
  const Config c = ClassifyConfig("conv:16:relu:5x5:s1:p2:d0.25,maxpool:3x3:s2,avgpool:2x2:s2,flatten,64:tanh:bn:d0.5");
  Config back;
  std::string error;
  REQUIRE(DecodeShareLink(EncodeShareLink(c), back, error));
  REQUIRE(back.hidden.size() == c.hidden.size());
  for (size_t i = 0; i < c.hidden.size(); ++i) CHECK(back.hidden[i] == c.hidden[i]);
  CHECK(back.hidden[0].kernel == 5);
  CHECK(back.hidden[0].padding == 2);
  CHECK(back.hidden[1].stride == 2);
  CHECK(back.hidden[2].stride == 2);  // a pool without a stride token moves by its window
  CHECK(back.task == "classify");
  CHECK(back.view == "training");  // a task without a view key opens on its first tab
}

TEST_CASE("The gradient of a convolutional stack matches finite differences for every tensor", "[workbench][stack][gradient]") {
  const Config c = ClassifyConfig("conv:3:tanh:3x3:s1:p1,avgpool:2x2:s2,conv:2:relu:3x3:s2:p1,flatten,6:tanh");
  CheckStackGradients(c);
}
