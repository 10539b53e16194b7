#include "tasks/perceptron/perceptron_run.h"

#include <cmath>
#include <sstream>

#include "core/json_text.h"
#include "data/task_data.h"

namespace netlab {

PerceptronPoints MakePerceptronPoints(const Config& config) {
  Rng rng(DataSeed(config.seed));
  const int n = config.data.samples;
  PerceptronPoints out;
  out.points.resize(n, 2);
  out.targets.resize(size_t(n));
  for (int i = 0; i < n; ++i) {
    double x1 = 0.0, x2 = 0.0;
    int target = 0;
    if (config.data.kind == "xor") {
      const int corner = i % 4;  // (-1,-1) (1,-1) (-1,1) (1,1) in turn: classes 0 1 1 0
      const double spread = 0.5 * config.data.noise;
      x1 = (corner & 1 ? 1.0 : -1.0) + spread * rng.Normal();
      x2 = (corner & 2 ? 1.0 : -1.0) + spread * rng.Normal();
      target = corner == 1 || corner == 2 ? 1 : 0;
    } else {
      // Uniform on [-2, 2]², the class from the side of the line 0.8 x1 − 0.6 x2 + 0.3 = 0 (a unit
      // normal, so the value is the distance), redrawn while within the 0.2 margin.
      double side = 0.0;
      do {
        x1 = rng.Uniform(-2.0f, 2.0f);
        x2 = rng.Uniform(-2.0f, 2.0f);
        side = 0.8 * x1 - 0.6 * x2 + 0.3;
      } while (std::abs(side) < 0.2);
      target = side > 0.0 ? 1 : 0;
    }
    out.points(i, 0) = float(x1);
    out.points(i, 1) = float(x2);
    out.targets[size_t(i)] = target;
  }
  return out;
}

PerceptronSettings PerceptronSettingsOf(const Config& config) {
  PerceptronSettings s;
  s.rule = config.lesson.perceptron_rule == "sigmoid" ? PerceptronRule::kSigmoidGradient : PerceptronRule::kRosenblatt;
  s.update = config.lesson.perceptron_update == "batch" ? PerceptronUpdate::kBatch : PerceptronUpdate::kIncremental;
  s.learning_rate = config.optimizer.learning_rate;
  return s;
}

PerceptronRun::PerceptronRun(const Config& config, const TaskData&)
    : RunBase(config), points_(MakePerceptronPoints(config)),
      primary_(config.lesson.perceptron_rule == "sigmoid" ? 1 : 0) {
  for (const char* rule : {"rosenblatt", "sigmoid"}) {
    Config c = config;
    c.lesson.perceptron_rule = rule;
    units_.push_back({Perceptron(PerceptronSettingsOf(c), points_.points, points_.targets), {}, {}});
    units_.back().errors_per_epoch.push_back(float(units_.back().perceptron.Errors()));
  }
  error_ = perceptron().error();
}

void PerceptronRun::Step() {
  if (!error_.empty() || !diverged_.empty()) return;
  for (Unit& u : units_) {
    constexpr size_t kTrail = 12;
    const int epoch = u.perceptron.epochs();
    u.trail.push_back(u.perceptron.weights());
    if (u.trail.size() > kTrail) u.trail.pop_front();
    u.perceptron.Step();
    if (u.perceptron.epochs() != epoch) {
      u.errors_per_epoch.push_back(float(u.perceptron.Errors()));
      if (u.errors_per_epoch.size() > 400) u.errors_per_epoch.erase(u.errors_per_epoch.begin());
    }
  }
  ++updates_;
  const PerceptronWeights& w = perceptron().weights();
  if (!std::isfinite(w.w1) || !std::isfinite(w.w2) || !std::isfinite(w.b))
    diverged_ = "The weights became NaN or infinite: lower the learning rate and press Reset.";
}

long PerceptronRun::StepsPerEpoch() const {
  return config_.lesson.perceptron_update == "batch" ? 1 : long(points_.targets.size());
}

std::string PerceptronRun::ReportLine() {
  const PerceptronWeights& w = perceptron().weights();
  std::ostringstream line;
  line << Prefix() << " errors=" << perceptron().Errors() << " corrections=" << perceptron().updates()
       << " squared_loss=" << JsonNumber(perceptron().SquaredLoss()) << " w1=" << JsonNumber(w.w1)
       << " w2=" << JsonNumber(w.w2) << " b=" << JsonNumber(w.b);
  return line.str();
}

}  // namespace netlab
