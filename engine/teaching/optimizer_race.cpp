#include "teaching/optimizer_race.h"

#include <cmath>

namespace netlab {

OptimizerRace::OptimizerRace(const LossSurface& surface, const std::vector<OptimizerSettings>& racers)
    : surface_(surface) {
  for (const OptimizerSettings& s : racers) {
    Racer r;
    r.settings = s;
    // SGLD reads the surface as the mean loss of N = 10^4 samples: its noise sqrt(2 eta / N) is then a
    // visible jitter along the path rather than a random walk over the whole plot.
    if (r.settings.training_samples <= 1) r.settings.training_samples = 10000;
    r.optimizer = CreateOptimizer(r.settings);
    r.position.resize(1, 2);
    r.position << float(surface.start_x), float(surface.start_y);
    r.gradient = Matrix::Zero(1, 2);
    r.path_x.push_back(r.position(0, 0));
    r.path_y.push_back(r.position(0, 1));
    racers_.push_back(std::move(r));
  }
}

void OptimizerRace::Step(int steps) {
  constexpr size_t kMaxPathPoints = 20000;
  for (int s = 0; s < steps; ++s) {
    ++step_;
    for (Racer& r : racers_) {
      if (r.escaped || !r.optimizer) continue;
      double dx = 0, dy = 0;
      surface_.gradient(r.position(0, 0), r.position(0, 1), dx, dy);
      r.gradient << float(dx), float(dy);
      std::vector<ParameterRef> params = {{&r.position, &r.gradient}};
      r.optimizer->Step(params);
      if (!r.position.allFinite() || r.position.cwiseAbs().maxCoeff() > 1e6f) {
        r.escaped = true;
        continue;
      }
      if (r.path_x.size() < kMaxPathPoints) {
        r.path_x.push_back(r.position(0, 0));
        r.path_y.push_back(r.position(0, 1));
      }
    }
  }
}

double OptimizerRace::Value(const Racer& r) const { return surface_.value(r.position(0, 0), r.position(0, 1)); }

float SuggestedRaceLearningRate(const std::string& kind) {
  if (kind == "adagrad") return 0.5f;
  if (kind == "rmsprop") return 0.01f;
  if (kind == "adam" || kind == "adamw") return 0.05f;
  return 0.001f;  // sgd, momentum, nesterov, sgld: Rosenbrock's curvature (~1000) bounds the stable rate
}

}  // namespace netlab
