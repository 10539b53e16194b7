// The classification task's layer stack (workbench/layer_stack.h), its early-stopped search trial, the
// playground's trial and the recurrent cells: after warm-up a training step allocates nothing, and
// neither does a validation pass between steps (it runs on a copy of the network, so the training
// buffers keep the batch's shape). Counted by the malloc wrapper of allocation_free_test.cpp.
#include <catch2/catch.hpp>

#include <functional>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "allocation_counter.h"
#include "config/config.h"
#include "core/rng.h"
#include "search/training_objective.h"
#include "tasks/classify/classify_run.h"
#include "search/classify_trial.h"
#include "tasks/sequence/sequence_run.h"
#include "networks/network_builder.h"

using namespace netlab;

namespace {

// Random 8x8 images of three classes. 300 test rows: one full evaluation chunk of 256 and a tail of 44,
// so the padded tail chunk is exercised.
TaskData RandomImages() {
  TaskData data;
  data.name = "random 8x8";
  Rng rng(11);
  for (LabeledData* set : {&data.train, &data.test}) {
    const int rows = set == &data.train ? 80 : 300;
    set->classes = 3;
    set->image_width = set->image_height = 8;
    set->features.resize(rows, 64);
    for (Eigen::Index i = 0; i < set->features.size(); ++i) set->features.data()[i] = rng.Uniform();
    for (int r = 0; r < rows; ++r) set->labels.push_back(r % 3);
  }
  return data;
}

LayerConfig Conv(int filters, const char* activation) {
  LayerConfig l{filters, activation};
  l.kind = "conv";
  l.kernel = 3;
  l.padding = 1;
  return l;
}

LayerConfig Pool(const char* kind) {
  LayerConfig l;
  l.kind = kind;
  l.kernel = 2;
  l.stride = 2;
  return l;
}

// conv -> pool -> dense -> output, with `edit` changing one of the layers.
std::pair<std::string, Config> Stack(const char* name, std::function<void(std::vector<LayerConfig>&)> edit) {
  Config c;
  c.task = "classify";
  c.loss = "softmax_ce";
  c.optimizer.kind = "adam";
  c.batch_size = 16;
  c.hidden = {Conv(4, "relu"), Pool("maxpool"), LayerConfig{6, "tanh"}};
  edit(c.hidden);
  return {name, c};
}

}  // namespace

TEST_CASE("ClassifyRun steps with every layer kind of the stack allocate nothing, evaluations between them included",
          "[allocation]") {
  const TaskData data = RandomImages();
  std::vector<std::pair<std::string, Config>> configs = {
      Stack("conv relu (fused) and max pooling", [](auto&) {}),
      Stack("conv with batch norm", [](auto& h) { h[0].norm = "batch"; }),
      Stack("conv with layer norm", [](auto& h) { h[0].norm = "layer"; }),
      Stack("conv tanh (activation layer)", [](auto& h) { h[0].activation = "tanh"; }),
      Stack("conv with dropout", [](auto& h) { h[0].dropout = 0.3f; }),
      Stack("conv stride 2, no padding", [](auto& h) { h[0].stride = 2; h[0].padding = 0; }),
      Stack("average pooling", [](auto& h) { h[1] = Pool("avgpool"); }),
      Stack("flatten", [](auto& h) { h[1].kind = "flatten"; }),
      Stack("dense with batch norm", [](auto& h) { h[2].norm = "batch"; }),
      Stack("dense with layer norm", [](auto& h) { h[2].norm = "layer"; }),
      Stack("residual with a projection", [](auto& h) { h[2].skip = "residual"; }),
      Stack("highway with a projection", [](auto& h) { h[2].skip = "highway"; }),
      Stack("residual and highway", [](auto& h) {
        h.push_back({6, "relu"});
        h.push_back({6, "relu"});
        h[3].skip = "residual";
        h[4].skip = "highway";
      }),
      Stack("dense skips (concatenation)", [](auto& h) {
        h[2].skip = "dense";
        h.push_back({5, "relu"});
        h[3].skip = "dense";
      }),
      Stack("dense with dropout", [](auto& h) { h[2].dropout = 0.3f; }),
      Stack("DropConnect", [](auto& h) { h[2].dropconnect = 0.3f; }),
      Stack("maxout", [](auto& h) { h[2].activation = "maxout"; h[2].pieces = 3; }),
      Stack("PReLU", [](auto& h) { h[2].activation = "prelu"; }),
      Stack("softmax hidden layer", [](auto& h) { h[2].activation = "softmax"; }),
      Stack("multiclass hinge loss", [](auto&) {}),
  };
  configs.back().second.loss = "hinge";
  for (auto& [name, c] : configs) {
    INFO(name);
    const StackPlan plan = PlanStack(c, data.shape(), 3);
    REQUIRE(plan.error.empty());
    ClassifyRun run(c, data);
    REQUIRE(run.error().empty());
    // Warm-up: the first ten steps record their losses, and the first evaluation builds its copy.
    for (int i = 0; i < 12; ++i) run.Step();
    run.Evaluate();
    run.TestLoss(1000);
    for (int i = 0; i < 3; ++i) run.Step();
    long during_steps = 0;
    for (int round = 0; round < 3; ++round) {
      const long before = HeapAllocations();
      for (int i = 0; i < 7; ++i) run.Step();  // 80 rows in batches of 16: crosses epoch ends
      during_steps += HeapAllocations() - before;
      run.Evaluate();  // its history and confusion lists may grow; not counted
    }
    CHECK(during_steps == 0);
    const long before_loss = HeapAllocations();
    const double loss = run.TestLoss(1000);
    CHECK(HeapAllocations() - before_loss == 0);
    // The copy, in padded chunks, gives the loss the training network gives on all 300 rows at once.
    Network& network = run.network();
    network.SetTraining(false);
    Matrix targets = Matrix::Zero(300, 3);
    for (int r = 0; r < 300; ++r) targets(r, data.test.labels[size_t(r)]) = 1.0f;
    CHECK(loss == Approx(run.loss().value(network.Forward(data.test.features), targets)).epsilon(1e-5));
    REQUIRE(run.step() == 36);
    REQUIRE(run.diverged().empty());
  }
}

TEST_CASE("an early-stopped classification trial allocates nothing per check after warm-up", "[allocation]") {
  const TaskData data = RandomImages();
  Config c = Stack("", [](auto& h) { h[0].norm = "batch"; h[2].skip = "highway"; }).second;
  auto split = std::make_shared<const TaskData>(HoldOutValidation(data));
  EarlyStoppingSettings settings;
  settings.max_steps = 1000;
  settings.steps_per_check = 5;
  settings.patience = 1000;  // never stops within the checks below
  ClassifyTrial trial(c, split, settings);
  for (int i = 0; i < 4; ++i) REQUIRE_FALSE(trial.Work());  // builds the run, then trains and checks
  const long before = HeapAllocations();
  for (int i = 0; i < 10; ++i) REQUIRE_FALSE(trial.Work());
  CHECK(HeapAllocations() - before == 0);
  REQUIRE(trial.Steps() == 65);  // 13 checks of 5 steps
}

TEST_CASE("an early-stopped playground trial allocates nothing per check after warm-up", "[allocation]") {
  Config c;
  c.data.kind = "spiral";
  c.batch_size = 16;
  c.hidden = {{6, "tanh"}, {6, "relu"}};
  c.hidden[0].norm = "batch";
  c.hidden[1].skip = "highway";
  EarlyStoppingSettings settings;
  settings.max_steps = 1000;
  settings.steps_per_check = 5;
  settings.patience = 1000;
  TrainingTrial trial(c, settings);
  for (int i = 0; i < 4; ++i) REQUIRE_FALSE(trial.Work());
  const long before = HeapAllocations();
  for (int i = 0; i < 10; ++i) REQUIRE_FALSE(trial.Work());
  CHECK(HeapAllocations() - before == 0);
  REQUIRE(trial.Steps() == 65);
}

TEST_CASE("recurrent cells train without allocating after warm-up", "[allocation]") {
  for (const char* kind : {"rnn", "lstm", "gru"}) {
    INFO(kind);
    Config c;
    c.task = "sequence";
    c.batch_size = 8;
    c.family.sequence_length = 12;
    c.data.noise = 0.1f;
    c.optimizer.kind = "adam";
    LayerConfig cell{8, "tanh"};
    cell.kind = kind;
    c.hidden = {cell};
    SequenceRun run(c, TaskData());
    for (int i = 0; i < 3; ++i) run.Step();
    const long before = HeapAllocations();
    for (int i = 0; i < 10; ++i) run.Step();
    CHECK(HeapAllocations() - before == 0);
    REQUIRE(run.first_loss() > 0.0);  // waves of amplitude 1 against an untrained readout: a positive error
    REQUIRE(run.diverged().empty());
  }
}
