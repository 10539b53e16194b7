#include "reinforcement/grid_world.h"

#include <algorithm>
#include <cmath>

namespace netlab {

GridWorld::GridWorld(const std::vector<std::string>& rows) {
  height_ = int(rows.size());
  width_ = rows.empty() ? 0 : int(rows[0].size());
  for (const std::string& row : rows) cells_ += row.substr(0, size_t(width_)) + std::string(size_t(width_) - std::min(size_t(width_), row.size()), '#');
  for (int s = 0; s < states(); ++s)
    if (!wall(s) && !terminal(s)) starts_.push_back(s);
}

GridWorld::Outcome GridWorld::Move(int state, int action) const {
  static const int dx[kGridActions] = {0, 1, 0, -1}, dy[kGridActions] = {-1, 0, 1, 0};
  const int x = state % width_ + dx[action], y = state / width_ + dy[action];
  int next = state;
  if (x >= 0 && x < width_ && y >= 0 && y < height_ && !wall(y * width_ + x)) next = y * width_ + x;
  if (cell(next) == 'G') return {next, 1.0f, true};
  if (cell(next) == 'P') return {next, -1.0f, true};
  return {next, 0.0f, false};
}

GridWorld LessonGridWorld() {
  return GridWorld({"...#G",
                    ".#.#.",
                    ".#...",
                    ".##P.",
                    "....."});
}

double OptimalActionValue(const GridWorld& world, const std::vector<double>& values, double discount, int state,
                          int action) {
  const GridWorld::Outcome o = world.Move(state, action);
  return o.reward + (o.done ? 0.0 : discount * values[size_t(o.next)]);
}

std::vector<double> ValueIteration(const GridWorld& world, double discount, double tolerance) {
  std::vector<double> values(size_t(world.states()), 0.0);
  for (int sweep = 0; sweep < 100000; ++sweep) {
    double change = 0.0;
    for (int s : world.starts()) {
      double best = -1e300;
      for (int a = 0; a < kGridActions; ++a) best = std::max(best, OptimalActionValue(world, values, discount, s, a));
      change = std::max(change, std::abs(best - values[size_t(s)]));
      values[size_t(s)] = best;
    }
    if (change <= tolerance) break;
  }
  return values;
}

}  // namespace netlab
