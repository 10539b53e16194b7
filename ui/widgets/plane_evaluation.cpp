#include "widgets/plane_evaluation.h"

#include <algorithm>
#include <chrono>
#include <cmath>

#include "widgets/plots.h"
#include "core/clock.h"

namespace netlab {
namespace {

double MultiplyAddsPerPoint(Trainer& trainer) {
  double macs = 0.0;
  for (const ParameterRef& p : trainer.network().Parameters()) macs += double(p.value->size());
  return std::max(1.0, macs);
}

// About 2 million multiply-adds per chunk: a millisecond or less of WASM SIMD, so a chunk never holds a
// frame long, whatever the network's size.
constexpr double kChunkMacs = 2e6;

}  // namespace

bool PlaneEvaluation::Advance(Trainer& trainer, long model_version, int cells, double budget_seconds,
                              const ChunkDone& done) {
  if (!running_) {
    if (model_version == version_ && cells == cells_ && finished_passes_ > 0) return false;
    version_ = model_version;
    cells_ = cells;
    next_point_ = 0;
    chunk_points_ = std::clamp(int(kChunkMacs / MultiplyAddsPerPoint(trainer)), 1, cells);
    running_ = true;
  }
  const Matrix& grid = PlaneGrid(cells_);
  const int total = cells_ * cells_;
  const double start = NowSeconds();
  // Another chunk only when it is expected to end within the budget: started near the end, a chunk of
  // a 12 x 256 network (a millisecond) would overrun it by its whole length.
  double chunk_seconds = 0.0;
  do {
    const double chunk_start = NowSeconds();
    const int count = std::min(chunk_points_, total - next_point_);
    chunk_ = grid.middleRows(next_point_, count);
    trainer.Predict(chunk_, prediction_);
    done(next_point_, prediction_, trainer);
    next_point_ += count;
    chunk_seconds = NowSeconds() - chunk_start;
  } while (next_point_ < total && NowSeconds() - start + chunk_seconds <= budget_seconds);
  if (next_point_ < total) return false;
  running_ = false;
  ++finished_passes_;
  return true;
}

int BudgetedCells(Trainer& trainer, int most, int least, double budget_macs) {
  const double cells = std::sqrt(budget_macs / MultiplyAddsPerPoint(trainer));
  return std::clamp(int(cells), least, most);
}

}  // namespace netlab
