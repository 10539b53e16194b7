#pragma once
// A deterministic grid world for reinforcement learning (Sutton & Barto 2018, chapter 3's gridworlds):
// the agent moves up, right, down or left one cell; a move into a wall or off the grid leaves it where it
// was. Entering the goal pays +1 and entering the pit -1, and both end the episode; every other move
// pays 0, so with a discount γ < 1 the best return from a cell is γ^(d-1) for a goal d moves away.
#include <string>
#include <vector>

namespace netlab {

constexpr int kGridActions = 4;  // 0 up, 1 right, 2 down, 3 left

class GridWorld {
 public:
  // One string per row, top first: '.' open, '#' wall, 'G' goal, 'P' pit. All rows the same length.
  explicit GridWorld(const std::vector<std::string>& rows);
  int width() const { return width_; }
  int height() const { return height_; }
  int states() const { return width_ * height_; }  // one per cell, row-major; walls included, never entered
  char cell(int state) const { return cells_[size_t(state)]; }
  bool wall(int state) const { return cell(state) == '#'; }
  bool terminal(int state) const { return cell(state) == 'G' || cell(state) == 'P'; }
  // The cells an episode may start from (open, not terminal).
  const std::vector<int>& starts() const { return starts_; }

  struct Outcome {
    int next;
    float reward;
    bool done;
  };
  Outcome Move(int state, int action) const;

 private:
  int width_ = 0, height_ = 0;
  std::string cells_;
  std::vector<int> starts_;
};

// The lesson's 5 x 5 world: the goal in the top-right corner behind a wall, a pit beside the way in.
GridWorld LessonGridWorld();

// The optimal state values V*(s) = max_a [r(s, a) + γ V*(s')] (0 after a terminal move, 0 at terminal
// and wall cells) by value iteration (Bellman 1957) until no value moves by more than `tolerance`.
std::vector<double> ValueIteration(const GridWorld& world, double discount, double tolerance = 1e-12);
// Q*(s, a) = r(s, a) + γ V*(s') (no γ V*(s') when the move ends the episode).
double OptimalActionValue(const GridWorld& world, const std::vector<double>& values, double discount, int state,
                          int action);

}  // namespace netlab
