#pragma once
// Several optimizers descending the same 2-D loss surface from the same start, each with its own
// learning rate; the paths are what the race view draws.
#include <memory>
#include <string>
#include <vector>

#include "optim/loss_surface.h"
#include "optim/optimizer.h"

namespace netlab {

struct Racer {
  OptimizerSettings settings;
  std::unique_ptr<Optimizer> optimizer;
  Matrix position, gradient;  // 1 x 2
  std::vector<float> path_x, path_y;
  bool escaped = false;  // left any sane region (diverged or ran off an unbounded surface)
};

class OptimizerRace {
 public:
  OptimizerRace(const LossSurface& surface, const std::vector<OptimizerSettings>& racers);
  void Step(int steps = 1);
  const LossSurface& surface() const { return surface_; }
  const std::vector<Racer>& racers() const { return racers_; }
  long step() const { return step_; }
  double Value(const Racer& r) const;

 private:
  const LossSurface& surface_;
  std::vector<Racer> racers_;
  long step_ = 0;
};

// A learning rate that makes each optimizer race sensibly on the surfaces above.
float SuggestedRaceLearningRate(const std::string& optimizer_kind);

}  // namespace netlab
