// Proves that a training step allocates nothing on the heap once warmed up: activations, gradients,
// optimizer state and GEMM packing buffers are all reused. This executable replaces malloc (and so
// operator new, which calls it, and Eigen's aligned allocations) with a counting wrapper; it is its
// own executable so the replacement cannot disturb the main test binary.
#define CATCH_CONFIG_MAIN
#include <catch2/catch.hpp>

#include <atomic>
#include <cstddef>

#include "config/config.h"
#include "nn/activation.h"
#include "nn/loss.h"
#include "nn/network.h"
#include "optim/optimizer.h"
#include "core/rng.h"
#include "train/trainer.h"

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

// Every optimizer and every element-wise activation. Still missing: the non-element-wise layers and
// blocks (PReLU, maxout, softmax, batch/layer norm, residual/highway, dropout/DropConnect): one config
// holding all of them still allocates 3 times a step (not yet located). Early stopping is left out too:
// its snapshot of the best weights allocates in the trainer (engine/train/trainer.*), which another
// change owns; validation_fraction stays 0 here.
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
