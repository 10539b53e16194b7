#include "optimizer.h"

#include "registry.h"

#include <cmath>

namespace netlab {
namespace {

// Sizes per-parameter state buffers to match the parameters, zero-filled, the first time they are seen.
void EnsureState(std::vector<Matrix>& state, const std::vector<ParameterRef>& parameters) {
  if (state.size() == parameters.size()) return;
  state.clear();
  for (const ParameterRef& p : parameters) state.push_back(Matrix::Zero(p.value->rows(), p.value->cols()));
}

// w <- w - eta * g
class Sgd : public Optimizer {
 public:
  explicit Sgd(const OptimizerSettings& s) : Optimizer(s) {}
  void Step(const std::vector<ParameterRef>& parameters) override {
    for (const ParameterRef& p : parameters) *p.value -= settings_.learning_rate * *p.gradient;
  }
};

// Polyak heavy ball: v <- mu v - eta g;  w <- w + v
class Momentum : public Optimizer {
 public:
  explicit Momentum(const OptimizerSettings& s) : Optimizer(s) {}
  void Step(const std::vector<ParameterRef>& parameters) override {
    EnsureState(velocity_, parameters);
    for (size_t i = 0; i < parameters.size(); ++i) {
      velocity_[i] = settings_.momentum * velocity_[i] - settings_.learning_rate * *parameters[i].gradient;
      *parameters[i].value += velocity_[i];
    }
  }

 private:
  std::vector<Matrix> velocity_;
};

// Kingma & Ba 2015: m <- b1 m + (1-b1) g;  v <- b2 v + (1-b2) g²;
// w <- w - eta * m̂ / (sqrt(v̂) + eps) with m̂ = m / (1 - b1^t), v̂ = v / (1 - b2^t).
class Adam : public Optimizer {
 public:
  explicit Adam(const OptimizerSettings& s) : Optimizer(s) {}
  void Step(const std::vector<ParameterRef>& parameters) override {
    EnsureState(first_moment_, parameters);
    EnsureState(second_moment_, parameters);
    ++step_;
    const float b1 = settings_.beta1, b2 = settings_.beta2;
    const float correction1 = 1.0f - float(std::pow(double(b1), double(step_)));
    const float correction2 = 1.0f - float(std::pow(double(b2), double(step_)));
    for (size_t i = 0; i < parameters.size(); ++i) {
      const Matrix& g = *parameters[i].gradient;
      Matrix& m = first_moment_[i];
      Matrix& v = second_moment_[i];
      m = b1 * m + (1.0f - b1) * g;
      v = b2 * v + (1.0f - b2) * g.cwiseProduct(g);
      parameters[i].value->array() -=
          settings_.learning_rate * (m.array() / correction1) /
          ((v.array() / correction2).sqrt() + settings_.epsilon);
    }
  }

 private:
  std::vector<Matrix> first_moment_, second_moment_;
  long step_ = 0;
};

template <class T>
std::unique_ptr<Optimizer> Create(const OptimizerSettings& s) {
  return std::make_unique<T>(s);
}

}  // namespace

const std::vector<OptimizerKind>& OptimizerKinds() {
  static const std::vector<OptimizerKind> table = {
      {"sgd", "SGD", "w <- w - eta g", Create<Sgd>},
      {"momentum", "Momentum", "v <- mu v - eta g;  w <- w + v", Create<Momentum>},
      {"adam", "Adam", "m, v moment estimates, bias-corrected;  w <- w - eta m^ / (sqrt(v^) + eps)",
       Create<Adam>},
  };
  return table;
}

std::unique_ptr<Optimizer> CreateOptimizer(const OptimizerSettings& settings) {
  const OptimizerKind* kind = FindOptimizerKind(settings.kind);
  return kind ? kind->create(settings) : nullptr;
}

const OptimizerKind* FindOptimizerKind(const std::string& name) { return FindByName(OptimizerKinds(), name); }
int OptimizerKindIndex(const std::string& name) { return IndexByName(OptimizerKinds(), name); }

}  // namespace netlab
