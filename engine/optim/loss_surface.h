#pragma once
// Classic 2-D test functions for the optimizer race, with their gradients.
#include <string>
#include <vector>

namespace netlab {

struct LossSurface {
  const char* name;
  const char* label;
  const char* formula;
  double (*value)(double x, double y);
  void (*gradient)(double x, double y, double& dx, double& dy);
  double x_min, x_max, y_min, y_max;  // the drawn window
  double start_x, start_y;           // where the racers start
  double minimum_x, minimum_y;       // a global minimum (or the saddle point)
};

const std::vector<LossSurface>& LossSurfaces();
const LossSurface* FindLossSurface(const std::string& name);

}  // namespace netlab
