// The engine's side of the WebGPU path: the plan's product sizes and refusals, and steps taken outside
// the trainer (as the GPU takes them) on the trainer's own batches give exactly the CPU's run.
#include <catch2/catch.hpp>

#include <cmath>
#include <limits>

#include "gpu/gpu_offload.h"
#include "optim/schedule.h"
#include "train/trainer.h"
#include "networks/network_builder.h"

using namespace netlab;

TEST_CASE("the GPU plan counts every product of a step", "[gpu]") {
  Config config;
  config.hidden = {{64, "relu"}, {32, "tanh"}};
  config.batch_size = 10;
  const GpuPlan plan = PlanGpuTraining(config, 2, 1);
  CHECK(plan.unsupported.empty());
  CHECK(plan.sizes == std::vector<int>{2, 64, 32, 1});
  CHECK(plan.activations == std::vector<std::string>{"relu", "tanh"});
  // Layer 1 needs no input gradient: 2 products of 10x2x64; layers 2 and 3 need 3 each.
  CHECK(plan.products.size() == 8);
  CHECK(plan.multiply_adds == 2 * 10 * 2 * 64 + 3 * 10 * 64 * 32 + 3 * 10 * 32 * 1);
  CHECK_FALSE(plan.large_enough);

  config.hidden = {{256, "relu"}, {256, "relu"}};
  config.batch_size = 64;
  const GpuPlan big = PlanGpuTraining(config, 2, 1);
  CHECK(big.multiply_adds == 2 * 64 * 2 * 256 + 3 * 64 * 256 * 256 + 3 * 64 * 256 * 1);
  CHECK(big.large_enough);
}

TEST_CASE("the GPU plan names what keeps a network on the CPU", "[gpu]") {
  auto reason = [](void (*edit)(Config&)) {
    Config config;
    edit(config);
    return PlanGpuTraining(config, 2, 1).unsupported;
  };
  CHECK(reason([](Config&) {}).empty());
  CHECK_THAT(reason([](Config& c) { c.hidden[1].dropout = 0.2f; }), Catch::Contains("layer 2 uses dropout"));
  CHECK_THAT(reason([](Config& c) { c.hidden[0].dropconnect = 0.2f; }), Catch::Contains("DropConnect"));
  CHECK_THAT(reason([](Config& c) { c.hidden[0].norm = "batch"; }), Catch::Contains("batch norm"));
  CHECK_THAT(reason([](Config& c) { c.hidden[0].skip = "residual"; }), Catch::Contains("residual skip"));
  CHECK_THAT(reason([](Config& c) { c.regularization.l2 = 0.01f; }), Catch::Contains("L1/L2"));
  CHECK_THAT(reason([](Config& c) { c.regularization.clip_norm = 1.0f; }), Catch::Contains("clipping"));
  CHECK_THAT(reason([](Config& c) { c.regularization.validation_fraction = 0.2f; }), Catch::Contains("Early stopping"));
  CHECK_THAT(reason([](Config& c) { c.loss = "mse"; c.output_activation = "tanh"; }), Catch::Contains("output activation"));
}

// An outside executor like the GPU: its own copy of the network and optimizer, fed the trainer's
// batches, its weights copied back into the trainer after each round.
TEST_CASE("steps taken outside the trainer on its batches reproduce the CPU run exactly", "[gpu]") {
  Config config;
  config.data.kind = "xor";
  config.hidden = {{8, "tanh"}, {5, "relu"}};
  config.batch_size = 7;  // does not divide the training set: batches straddle epochs
  config.schedule.kind = "step";
  config.schedule.decay_steps = 3;  // the learning rate changes within each round of drawn batches
  Trainer cpu(config), outside(config);
  Rng rng(config.seed);
  Network executor = BuildNetwork(config, int(outside.train_inputs().cols()), int(outside.train_targets().cols()), rng);
  std::vector<ParameterRef> executor_params = executor.Parameters(), outside_params = outside.network().Parameters();
  REQUIRE(executor_params.size() == outside_params.size());
  for (size_t i = 0; i < executor_params.size(); ++i) *executor_params[i].value = *outside_params[i].value;
  OptimizerSettings settings = config.optimizer;
  settings.seed = config.seed;
  std::unique_ptr<Optimizer> optimizer = CreateOptimizer(settings);
  const Loss* loss = FindLoss(config.loss);
  Matrix grad;

  for (int round = 0; round < 30; ++round) {
    // Draw four batches ahead, then run and count them, as the page queues a frame's steps.
    std::vector<Matrix> inputs, targets;
    std::vector<float> rates;
    for (int k = 0; k < 4; ++k) {
      const float rate = outside.DrawExternalBatch();
      REQUIRE(rate > 0.0f);
      rates.push_back(rate);
      inputs.push_back(outside.external_batch_inputs());
      targets.push_back(outside.external_batch_targets());
    }
    for (int k = 0; k < 4; ++k) {
      const long step = cpu.step();
      CHECK(rates[size_t(k)] == ScheduledLearningRate(config.schedule, config.optimizer.learning_rate, step));
      executor.SetTraining(true);
      const Matrix& output = executor.Forward(inputs[size_t(k)]);
      const double batch_loss = loss->value(output, targets[size_t(k)]);
      loss->gradient(output, targets[size_t(k)], grad);
      executor.Backward(grad);
      settings.learning_rate = rates[size_t(k)];
      optimizer->SetSettings(settings);
      optimizer->Step(executor_params);
      outside.CountExternalStep(batch_loss);
      cpu.Step();
    }
    for (size_t i = 0; i < executor_params.size(); ++i) *outside_params[i].value = *executor_params[i].value;
    outside.ParametersReplaced();
  }
  CHECK(outside.step() == cpu.step());
  CHECK(outside.epoch() == cpu.epoch());
  const std::vector<ParameterRef> cpu_params = cpu.network().Parameters();
  for (size_t i = 0; i < cpu_params.size(); ++i) CHECK(*cpu_params[i].value == *outside_params[i].value);
  CHECK(outside.Evaluate().train_loss == cpu.Evaluate().train_loss);
  Trainer untrained(config);
  CHECK(cpu.Evaluate().train_loss < untrained.Evaluate().train_loss - 0.05);  // it learned something
}

TEST_CASE("a non-finite loss or weight from outside stops training with a message", "[gpu]") {
  Config config;
  Trainer trainer(config);
  REQUIRE(trainer.DrawExternalBatch() > 0.0f);
  trainer.CountExternalStep(std::numeric_limits<double>::quiet_NaN());
  CHECK_THAT(trainer.diverged(), Catch::Contains("diverged at step 1"));
  CHECK(trainer.DrawExternalBatch() < 0.0f);

  Trainer other(config);
  (*other.network().Parameters()[0].value)(0, 0) = std::numeric_limits<float>::infinity();
  other.ParametersReplaced();
  CHECK_THAT(other.diverged(), Catch::Contains("NaN or infinite"));
}

// What the page copies between the engine and the GPU: an optimizer's state slots and step counter.
// A fresh optimizer given another's state continues exactly where that one was.
TEST_CASE("an optimizer continues exactly from a copy of another's state", "[gpu]") {
  for (const char* kind : {"sgd", "momentum", "nesterov", "adagrad", "rmsprop", "adam", "adamw"}) {
    CAPTURE(kind);
    OptimizerSettings settings;
    settings.kind = kind;
    settings.learning_rate = 0.05f;
    Matrix w1 = Matrix::Constant(3, 2, 0.5f), g1(3, 2), w2, g2;
    std::vector<ParameterRef> p1 = {{&w1, &g1}};
    std::unique_ptr<Optimizer> first = CreateOptimizer(settings), second = CreateOptimizer(settings),
                               fresh = CreateOptimizer(settings);
    auto gradient = [](const Matrix& w, Matrix& g) { g = (w.array() * w.array() - 0.1f).matrix(); };
    for (int s = 0; s < 5; ++s) {
      gradient(w1, g1);
      first->Step(p1);
    }
    w2 = w1;
    g2.resize(3, 2);
    std::vector<ParameterRef> p2 = {{&w2, &g2}};
    const std::vector<std::vector<Matrix>*> from = first->StateSlots(p1), to = second->StateSlots(p2);
    REQUIRE(from.size() == to.size());
    for (size_t slot = 0; slot < from.size(); ++slot) *to[slot] = *from[slot];
    REQUIRE((first->StepCounter() == nullptr) == (second->StepCounter() == nullptr));
    if (first->StepCounter()) *second->StepCounter() = *first->StepCounter();
    Matrix w3 = w1, g3(3, 2);
    std::vector<ParameterRef> p3 = {{&w3, &g3}};
    for (int s = 0; s < 3; ++s) {
      gradient(w1, g1);
      first->Step(p1);
      gradient(w2, g2);
      second->Step(p2);
      gradient(w3, g3);
      fresh->Step(p3);
    }
    CHECK(w2 == w1);
    const size_t slots = std::string(kind) == "sgd" ? 0 : std::string(kind).rfind("adam", 0) == 0 ? 2 : 1;
    CHECK(from.size() == slots);
    // Without the state (a fresh optimizer) the run differs, so the copy above is what made them equal.
    if (slots > 0) CHECK((w3 - w1).norm() > 1e-4f);
  }
}

TEST_CASE("the GPU plan refuses activations, losses and optimizers without a kernel", "[gpu]") {
  Config config;
  CHECK(PlanGpuTraining(config, 2, 1).unsupported.empty());  // tanh, sigmoid_bce, adam all have kernels
  config.hidden[0].activation = "gelu";
  CHECK_THAT(PlanGpuTraining(config, 2, 1).unsupported, Catch::Contains("gelu activation has no GPU kernel"));
  config = Config();
  config.loss = "hinge";
  CHECK_THAT(PlanGpuTraining(config, 2, 1).unsupported, Catch::Contains("hinge loss has no GPU kernel"));
  config = Config();
  config.optimizer.kind = "sgld";
  CHECK_THAT(PlanGpuTraining(config, 2, 1).unsupported, Catch::Contains("sgld optimizer has no GPU kernel"));
}
