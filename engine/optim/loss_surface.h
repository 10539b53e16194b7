#pragma once
// Classic 2-D test functions for optimizers (Rosenbrock's valley, Beale's, a saddle, an ill-conditioned bowl),
// with their gradients: the optimizer race (teaching/optimizer_race.h) runs on them, and the config's
// race_surface key names one (config/settings.cpp checks the name against this registry).
#include <string>
#include <vector>

namespace netlab {

struct LossSurface {
  const char* name, *label, *formula;  // the key's value, the race's combo entry, f as the race prints it
  double (*value)(double x, double y);
  void (*gradient)(double x, double y, double& dx, double& dy);
  double x_min, x_max, y_min, y_max;  // the drawn window
  double start_x, start_y;           // where the racers start
  double minimum_x, minimum_y;       // a global minimum (or the saddle point)
};

const std::vector<LossSurface>& LossSurfaces();
const LossSurface* FindLossSurface(const std::string& name);

}  // namespace netlab
