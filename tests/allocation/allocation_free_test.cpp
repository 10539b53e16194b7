// Proves that a training step allocates nothing on the heap once warmed up: activations, gradients,
// optimizer state and GEMM packing buffers are all reused. This executable replaces malloc (and so
// operator new, which calls it, and Eigen's aligned allocations) with a counting wrapper; it is its
// own executable so the replacement cannot disturb the main test binary.
#define CATCH_CONFIG_MAIN
#include <catch2/catch.hpp>

#include <atomic>
#include <cstddef>
#include <functional>
#include <string>
#include <utility>
#include <vector>

#include "allocation_counter.h"
#include "config/config.h"
#include "conv/conv2d.h"
#include "conv/pooling.h"
#include "conv/small_cnn.h"
#include "nn/dense.h"
#include "nn/activation.h"
#include "nn/loss.h"
#include "nn/network.h"
#include "optim/optimizer.h"
#include "core/rng.h"
#include "train/trainer.h"
#include "networks/network_builder.h"
#include "links/config_text.h"

#if defined(__EMSCRIPTEN__)
extern "C" void* emscripten_builtin_malloc(size_t size);
extern "C" void* emscripten_builtin_memalign(size_t alignment, size_t size);
#define REAL_MALLOC emscripten_builtin_malloc
#define REAL_MEMALIGN emscripten_builtin_memalign
#elif defined(__GLIBC__)
extern "C" void* __libc_malloc(size_t size);
extern "C" void* __libc_memalign(size_t alignment, size_t size);
extern "C" void* __libc_calloc(size_t count, size_t size);
extern "C" void* __libc_realloc(void* pointer, size_t size);
#define REAL_MALLOC __libc_malloc
#define REAL_MEMALIGN __libc_memalign
#else
#error "allocation counting needs glibc or emscripten"
#endif

namespace {
std::atomic<long> allocations{0};
}  // namespace

long HeapAllocations() { return allocations.load(); }

extern "C" {
void* malloc(size_t size) {
  allocations.fetch_add(1, std::memory_order_relaxed);
  return REAL_MALLOC(size);
}
void* memalign(size_t alignment, size_t size) {
  allocations.fetch_add(1, std::memory_order_relaxed);
  return REAL_MEMALIGN(alignment, size);
}
void* aligned_alloc(size_t alignment, size_t size) { return memalign(alignment, size); }
int posix_memalign(void** out, size_t alignment, size_t size) {
  *out = memalign(alignment, size);
  return *out ? 0 : 12;  // ENOMEM
}
#if defined(__GLIBC__)
void* calloc(size_t count, size_t size) {
  allocations.fetch_add(1, std::memory_order_relaxed);
  return __libc_calloc(count, size);
}
void* realloc(void* pointer, size_t size) {
  allocations.fetch_add(1, std::memory_order_relaxed);
  return __libc_realloc(pointer, size);
}
#endif
}

using namespace netlab;

TEST_CASE("the allocation counter sees std::vector and Eigen allocations", "[allocation]") {
  // Without this the zero counts below would prove nothing.
  // Globals, so the compiler cannot elide the allocations as it may for unused locals.
  static std::vector<int> kept_vector;
  static Matrix kept_matrix;
  const long before = allocations.load();
  kept_vector.resize(100);
  REQUIRE(allocations.load() - before == 1);
  kept_matrix.resize(30, 30);
  REQUIRE(allocations.load() - before == 2);
}

TEST_CASE("Trainer::Step allocates nothing after warm-up", "[allocation]") {
  Config config;
  config.data.kind = "spiral";
  config.hidden = {{16, "relu"}, {8, "tanh"}};
  config.batch_size = 25;
  for (const char* optimizer : {"sgd", "momentum", "adam"}) {
    config.optimizer.kind = optimizer;
    Trainer trainer(config);
    for (int i = 0; i < 3; ++i) trainer.Step();
    const long before = allocations.load();
    for (int i = 0; i < 50; ++i) trainer.Step();  // crosses epoch boundaries (reshuffles) too
    const long during = allocations.load() - before;
    INFO(optimizer);
    REQUIRE(during == 0);
    REQUIRE(trainer.step() == 53);
  }
}

// Every optimizer and every element-wise activation.
TEST_CASE("Trainer::Step with every optimizer and activation allocates nothing after warm-up", "[allocation]") {
  Config config;
  config.data.kind = "spiral";
  config.batch_size = 16;
  config.hidden = {{6, "tanh"}, {5, "relu"}};
  std::vector<Config> configs;
  for (const OptimizerKind& kind : OptimizerKinds()) {
    config.optimizer.kind = kind.name;
    configs.push_back(config);
  }
  // Each element-wise activation once, in a small net of its own.
  for (const Activation& activation : Activations()) {
    if (!activation.elementwise) continue;
    Config c;
    c.hidden = {{5, activation.name}};
    configs.push_back(c);
  }
  for (const Config& c : configs) {
    INFO(c.optimizer.kind << " / " << c.hidden[0].activation);
    REQUIRE(ValidateConfig(c).empty());
    Trainer trainer(c);
    for (int i = 0; i < 3; ++i) trainer.Step();
    const long before = allocations.load();
    for (int i = 0; i < 40; ++i) trainer.Step();  // crosses epoch boundaries too
    CHECK(allocations.load() - before == 0);
    REQUIRE(trainer.step() == 43);
  }
}

// Every layer kind that a hidden layer can hold, each in a config of its own so that a failure names it,
// then all of them at once; and early stopping, whose end of epoch evaluates the validation set.
TEST_CASE("Trainer::Step with every layer kind and early stopping allocates nothing after warm-up",
          "[allocation]") {
  auto with = [](std::function<void(LayerConfig&)> edit, const char* name) {
    Config c;
    c.data.kind = "spiral";
    c.batch_size = 16;
    c.hidden = {{6, "tanh"}, {6, "relu"}};
    edit(c.hidden[1]);
    return std::make_pair(std::string(name), c);
  };
  std::vector<std::pair<std::string, Config>> configs = {
      with([](LayerConfig& l) { l.norm = "batch"; }, "batch norm"),
      with([](LayerConfig& l) { l.norm = "layer"; }, "layer norm"),
      with([](LayerConfig& l) { l.skip = "residual"; }, "residual"),
      with([](LayerConfig& l) { l.skip = "highway"; }, "highway"),
      with([](LayerConfig& l) { l.units = 5; l.skip = "residual"; }, "residual with a projection"),
      with([](LayerConfig& l) { l.units = 5; l.skip = "highway"; }, "highway with a projection"),
      with([](LayerConfig& l) { l.dropout = 0.3f; }, "dropout"),
      with([](LayerConfig& l) { l.dropconnect = 0.3f; }, "DropConnect"),
      with([](LayerConfig& l) { l.activation = "maxout"; l.pieces = 3; }, "maxout"),
      with([](LayerConfig& l) { l.activation = "prelu"; }, "PReLU"),
  };
  for (const Activation& activation : Activations())
    if (!activation.elementwise && activation.name != std::string("maxout") && activation.name != std::string("prelu"))
      configs.push_back(with([&](LayerConfig& l) { l.activation = activation.name; }, activation.name));
  Config all;
  all.data.kind = "spiral";
  all.batch_size = 16;
  all.hidden = {{6, "prelu"}, {6, "maxout"}, {6, "tanh"}, {5, "relu"}};
  all.hidden[0].norm = "batch";
  all.hidden[1].norm = "layer";
  all.hidden[1].dropout = 0.2f;
  all.hidden[2].skip = "highway";
  all.hidden[2].dropconnect = 0.2f;
  all.hidden[3].skip = "residual";
  configs.push_back({"all of them", all});
  Config early = all;
  // 400 samples, half for training, a fifth of those held out: 160 training samples, an epoch every 10
  // steps of 16, each ending in a validation pass; patience high enough not to stop within the steps.
  early.data.samples = 400;
  early.regularization.validation_fraction = 0.2f;
  early.regularization.patience = 1000;
  configs.push_back({"early stopping", early});
  for (const auto& [name, c] : configs) {
    INFO(name);
    REQUIRE(ValidateConfig(c).empty());
    Trainer trainer(c);
    for (int i = 0; i < 25; ++i) trainer.Step();  // past the first ends of epoch
    const long before = allocations.load();
    for (int i = 0; i < 40; ++i) trainer.Step();  // crosses epoch boundaries too
    CHECK(allocations.load() - before == 0);
    REQUIRE(trainer.step() == 65);
  }
}

TEST_CASE("MLP 784-256-128-10 forward, backward and Adam allocate nothing after warm-up", "[allocation]") {
  // The benchmark's shape: big enough that the products take the blocked GEMM path (or Eigen's).
  Config config;
  config.hidden = {{256, "relu"}, {128, "relu"}};
  config.loss = "softmax_ce";
  config.initializer = "he_uniform";
  config.optimizer.kind = "adam";
  config.optimizer.learning_rate = 0.001f;
  Rng rng(5);
  Network network = BuildNetwork(config, 784, 10, rng);
  const Loss* loss = FindLoss(config.loss);
  std::unique_ptr<Optimizer> optimizer = CreateOptimizer(config.optimizer);
  std::vector<ParameterRef> parameters = network.Parameters();
  Matrix inputs(64, 784), targets = Matrix::Zero(64, 10), grad_output;
  for (Eigen::Index i = 0; i < inputs.size(); ++i) inputs.data()[i] = rng.Uniform();
  for (Eigen::Index r = 0; r < 64; ++r) targets(r, r % 10) = 1.0f;
  auto step = [&] {
    const Matrix& output = network.Forward(inputs);
    loss->gradient(output, targets, grad_output);
    network.Backward(grad_output);
    optimizer->Step(parameters);
  };
  step();
  step();
  const double loss_before = loss->value(network.Forward(inputs), targets);
  const long before = allocations.load();
  for (int i = 0; i < 10; ++i) step();
  const long during = allocations.load() - before;
  REQUIRE(during == 0);
  // The steps did train: the loss on the repeated batch went down.
  REQUIRE(loss->value(network.Forward(inputs), targets) < loss_before);
}

// The convolutional path: the lecture's small CNN (convolutions with fused ReLU, max pooling, flatten,
// dense), and average pooling in a network of its own, each with every optimizer.
TEST_CASE("convolution, pooling and every optimizer allocate nothing after warm-up", "[allocation]") {
  const ImageShape image{1, 8, 8};
  Rng rng(9);
  Matrix inputs(12, image.size()), targets = Matrix::Zero(12, 3), grad_output;
  for (Eigen::Index i = 0; i < inputs.size(); ++i) inputs.data()[i] = rng.Uniform();
  for (Eigen::Index r = 0; r < 12; ++r) targets(r, r % 3) = 1.0f;
  const Loss* loss = FindLoss("softmax_ce");
  auto build_average = [&] {
    Network net;
    net.Add(std::make_unique<Conv2d>(image, 4, 3, 1, 1));
    net.Add(std::make_unique<AveragePool2d>(ImageShape{4, 8, 8}, 2, 2));
    net.Add(std::make_unique<Flatten>());
    net.Add(std::make_unique<Dense>(4 * 4 * 4, 3));
    return net;
  };
  for (const OptimizerKind& kind : OptimizerKinds()) {
    for (bool average : {false, true}) {
      INFO(kind.name << (average ? " / average pooling" : " / small CNN"));
      Network network = average ? build_average() : BuildSmallCnn(image, 3, 4, 6, 10, rng);
      OptimizerSettings settings;
      settings.kind = kind.name;
      settings.training_samples = 12;
      std::unique_ptr<Optimizer> optimizer = CreateOptimizer(settings);
      std::vector<ParameterRef> parameters = network.Parameters();
      auto step = [&] {
        network.SetTraining(true);
        loss->gradient(network.Forward(inputs), targets, grad_output);
        network.Backward(grad_output);
        optimizer->Step(parameters);
      };
      for (int i = 0; i < 3; ++i) step();
      const long before = allocations.load();
      for (int i = 0; i < 10; ++i) step();
      CHECK(allocations.load() - before == 0);
    }
  }
}
