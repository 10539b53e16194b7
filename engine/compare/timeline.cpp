#include "compare/timeline.h"

#include "links/run_snapshot.h"

namespace netlab {

void Timeline::Offer(Trainer& trainer) {
  const long step = trainer.step();
  while (!snapshots_.empty() && snapshots_.back().first >= step) snapshots_.pop_back();  // a run gone back
  snapshots_.emplace_back(step, SaveRunSnapshot(trainer));
  if (snapshots_.size() <= kMostSnapshots) return;
  // Thinned: the first (the run's start) and every second after it stay, so the gaps stay even.
  std::vector<std::pair<long, std::string>> kept;
  for (size_t i = 0; i < snapshots_.size(); ++i)
    if (i % 2 == 0 || i + 1 == snapshots_.size()) kept.push_back(std::move(snapshots_[i]));
  snapshots_ = std::move(kept);
  interval_ *= 2;
}

bool Timeline::TrainerAt(long step, std::unique_ptr<Trainer>& out, std::string& error) const {
  const std::pair<long, std::string>* from = nullptr;
  for (const auto& s : snapshots_)
    if (s.first <= step) from = &s;
  if (!from) {
    error = "no snapshot at or before step " + std::to_string(step);
    return false;
  }
  std::unique_ptr<Trainer> trainer;
  if (!RestoreRunSnapshot(from->second, trainer, error)) return false;
  while (trainer->step() < step && trainer->diverged().empty()) trainer->Step();
  trainer->Evaluate();
  out = std::move(trainer);
  return true;
}

void Timeline::Truncate(long step) {
  while (!snapshots_.empty() && snapshots_.back().first > step) snapshots_.pop_back();
}

size_t Timeline::bytes() const {
  size_t total = 0;
  for (const auto& s : snapshots_) total += s.second.size();
  return total;
}

}  // namespace netlab
