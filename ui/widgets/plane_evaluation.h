#pragma once
// The network evaluated over a grid on the input plane a few rows per frame, within a time budget, so a
// 12 x 256 network's heatmap costs a few milliseconds a frame instead of a whole evaluation; a pass
// starts over when the model has changed since the last one began.
#include <functional>

#include "core/tensor.h"
#include "train/trainer.h"

namespace netlab {

class PlaneEvaluation {
 public:
  // Called after each chunk with the first grid point of the chunk and the trainer, whose network then
  // holds every layer's output for the chunk's points (Network::LayerOutput) and `prediction` its output.
  using ChunkDone = std::function<void(int first_point, const Matrix& prediction, Trainer& trainer)>;

  // Continues the pass over a (cells x cells) PlaneGrid, starting a new one when `model_version` or
  // `cells` differs from the current pass's and the last pass is complete. At least one chunk of points
  // is evaluated per call; more while `budget_seconds` lasts. Returns true when a pass has just finished.
  bool Advance(Trainer& trainer, long model_version, int cells, double budget_seconds, const ChunkDone& done);
  // Whether a pass has ever finished (there is a picture to draw).
  bool has_picture() const { return finished_passes_ > 0; }
  int cells() const { return cells_; }

 private:
  long version_ = -1;
  int cells_ = 0, next_point_ = 0, chunk_points_ = 1;
  long finished_passes_ = 0;
  bool running_ = false;
  Matrix chunk_, prediction_;
};

// Grid cells per side for a picture of the network: the full `most` for small networks, fewer as the
// multiply-adds per point grow, so a pass stays near `budget_macs` (never under `least` cells).
int BudgetedCells(Trainer& trainer, int most, int least, double budget_macs);

}  // namespace netlab
