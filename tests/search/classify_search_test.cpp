// The network views and the hyperparameter search on a classification stack: the copy the gradient
// check differentiates is the same function as the trained stack, the search holds a validation part
// out of the training set (never the test set) and finds a learning rate that trains, and a stack that
// cannot be built fails its trial with the layer named.
#include <catch2/catch.hpp>

#include <cmath>

#include "config/config.h"
#include "search/config_search_space.h"
#include "support/built_in_task_data.h"
#include "support/config_text.h"
#include "teaching/gradient_check.h"
#include "search/classify_trial.h"
#include "networks/network_builder.h"
#include "links/config_text.h"

using namespace netlab;

namespace {

// A classification stack on the digits from its layers text, trained by SGD at 0.1 from seed 3.
Config SgdDigitsStack(const std::string& layers) {
  return Parsed("task=classify&dataset=digits&loss=softmax_ce&initializer=he_normal&optimizer=sgd&"
                "learning_rate=0.1&batch_size=32&seed=3&layers=" + layers);
}

}  // namespace

TEST_CASE("The gradient check's copy of a stack computes what the trained stack computes", "[workbench][stack][gradient]") {
  const Config c = SgdDigitsStack("conv:4:relu:3x3:s1:p1:bn,maxpool:2x2:s2,16:tanh");
  const TaskData data = BuiltInTaskData("digits", c.seed);
  ClassifyRun run(c, data);
  REQUIRE(run.error().empty());
  for (int i = 0; i < 20; ++i) run.Step();  // weights away from their initial draw
  std::unique_ptr<Network> copy = run.CopyNetwork();
  Matrix inputs, targets;
  run.SampleBatch(16, inputs, targets);
  run.network().SetTraining(false);
  copy->SetTraining(false);
  const Matrix original = run.network().Forward(inputs);
  CHECK((copy->Forward(inputs) - original).cwiseAbs().maxCoeff() == 0.0f);  // the same weights, the same function
  // Backprop agrees with central differences on the copy, per tensor (the view's own check).
  const GradientCheckReport report = CheckNetworkGradients(*copy, run.loss(), inputs, targets);
  REQUIRE(!report.names.empty());
  CHECK(report.worst < 2e-2);
  // The check leaves the copy's weights as they were.
  CHECK((copy->Forward(inputs) - original).cwiseAbs().maxCoeff() == 0.0f);
}

TEST_CASE("The classification search validates on the last fifth of the training set, never on the test set", "[workbench][search]") {
  const TaskData data = BuiltInTaskData("digits", 3);
  const TaskData split = HoldOutValidation(data);
  const size_t rows = data.train.labels.size();  // 1438 of the 1797 digits (data/built_in.h)
  REQUIRE(rows == 1438);
  const size_t held = size_t(std::lround(0.2 * 1438));  // 288
  CHECK(split.test.labels.size() == held);
  CHECK(split.train.labels.size() == rows - held);
  CHECK(split.test.features.row(0) == data.train.features.row(Eigen::Index(rows - held)));
  CHECK(split.test.labels.back() == data.train.labels.back());
  CHECK(split.train.features.row(0) == data.train.features.row(0));
  CHECK(split.train.image_width == 8);
}

TEST_CASE("A search over the learning rate of a digits MLP trains, and an impossible stack fails its trial", "[workbench][search]") {
  const TaskData data = BuiltInTaskData("digits", 3);
  Config base = SgdDigitsStack("conv:4:relu:3x3:s1:p1,32:relu");
  SearchSpace space;
  space.dimensions.push_back(DefaultDimension(*FindConfigHyperparameter("learning_rate")));
  space.dimensions.push_back(DefaultDimension(*FindConfigHyperparameter("hidden_units")));
  space.dimensions[0].low = 0.01;  // plain SGD's useful range on these pixels in [0, 1]
  space.dimensions[0].high = 0.3;
  space.dimensions[1].low = 8;
  space.dimensions[1].high = 32;
  const EarlyStoppingSettings stopping{300, 100, 3, 0.0};
  SearchSettings settings;
  settings.method = SearchMethod::kGrid;
  settings.budget = 4;
  HyperparameterSearch search(space, settings, ClassifyObjective(base, space, data, stopping));
  REQUIRE(search.error().empty());
  while (!search.finished()) search.AdvancePieces(1);
  REQUIRE(search.results().size() == 4);
  const int best = search.BestIndex();
  REQUIRE(best >= 0);
  // Ten classes guessed uniformly give a cross-entropy of ln 10 = 2.3026; a trained stack does far better.
  CHECK(search.results()[size_t(best)].value < 0.5 * std::log(10.0));
  // Units vary the dense row only: the convolution keeps its 4 filters.
  const Config applied = ApplySearchPoint(base, space, search.results()[size_t(best)].point);
  CHECK(applied.hidden[0].units == 4);
  CHECK(applied.hidden[0].kind == "conv");
  CHECK(applied.hidden[1].units == int(search.results()[size_t(best)].point[1]));

  auto split = std::make_shared<const TaskData>(HoldOutValidation(data));
  Config too_big = base;
  too_big.hidden[0].kernel = 9;  // a 9x9 kernel on 8x8 digits without padding
  too_big.hidden[0].padding = 0;
  ClassifyTrial impossible(too_big, split, stopping);
  CHECK(impossible.Work());  // fails at once
  CHECK(!std::isfinite(impossible.Value()));
  CHECK(impossible.Note().find("Layer 1") != std::string::npos);
}
