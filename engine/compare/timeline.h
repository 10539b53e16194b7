#pragma once
// Scrubbing back in time (issue 35): snapshots of a playground run taken as it trains, at an interval
// that doubles whenever the budget is full, so a run of any length keeps at most kMostSnapshots of them
// spread over its whole past (the newest interval steps apart, the oldest from step 0). The run at any
// step k it has passed is the snapshot at or before k trained on to k: training is deterministic, so
// that is the model the run had at k, bit for bit.
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "train/trainer.h"

namespace netlab {

class Timeline {
 public:
  // The memory budget: this many snapshots (each the run's weights, optimizer state and history, as
  // links/run_snapshot.h keeps it: tens of kilobytes for the playground's networks).
  static constexpr size_t kMostSnapshots = 32;

  void Reset() { snapshots_.clear(), interval_ = 1; }
  // Whether a snapshot is due at `step`: the first, or `interval` steps after the last.
  bool Due(long step) const { return snapshots_.empty() || step >= snapshots_.back().first + interval_; }
  // Keeps the trainer as it is now; when over the budget, every other snapshot but the first goes and
  // the interval doubles.
  void Offer(Trainer& trainer);
  // A trainer exactly at `step` (0 .. the last offered step + whatever the caller trains on): false with
  // `error` before the first snapshot or after a restore that failed.
  bool TrainerAt(long step, std::unique_ptr<Trainer>& out, std::string& error) const;
  // Forgets the snapshots after `step` (training resumes from there).
  void Truncate(long step);

  size_t count() const { return snapshots_.size(); }
  long interval() const { return interval_; }
  size_t bytes() const;
  long first_step() const { return snapshots_.empty() ? 0 : snapshots_.front().first; }

 private:
  std::vector<std::pair<long, std::string>> snapshots_;  // (step, run snapshot), by step
  long interval_ = 1;
};

}  // namespace netlab
