#include "pacing/background_training.h"

#include <algorithm>

#include "core/gemm.h"

namespace netlab {

void BackgroundTraining::Start(std::unique_ptr<Trainer> trainer, const FramePacing& pacing) {
  Stop();
  trainer_ = std::move(trainer);
  pacing_ = pacing;
  stopping_ = granted_ = ended_ = false;
  picture_.new_points.clear();
  picture_version_ = shown_version_ = 0;
  trainer_->KeepPicturePoints(true);
  thread_ = std::thread([this] { Run(); });
}

void BackgroundTraining::Grant(double budget_seconds, long step_limit) {
  if (!running()) return;
  {
    std::lock_guard<std::mutex> lock(mutex_);
    grant_seconds_ = budget_seconds;
    grant_steps_ = step_limit;
    granted_ = true;
  }
  wake_.notify_one();
}

bool BackgroundTraining::Refresh(Trainer& copy) {
  if (!running()) return false;
  std::unique_lock<std::mutex> lock(mutex_, std::try_to_lock);
  if (!lock.owns_lock()) return false;  // the thread is handing a picture over: the next frame shows it
  if (picture_version_ != shown_version_) {
    copy.ShowPicture(picture_);
    shown_version_ = picture_version_;
  }
  return ended_;
}

std::unique_ptr<Trainer> BackgroundTraining::Stop(FramePacing* pacing) {
  if (!running()) return nullptr;
  {
    std::lock_guard<std::mutex> lock(mutex_);
    stopping_ = true;
  }
  wake_.notify_one();
  thread_.join();
  trainer_->KeepPicturePoints(false);
  if (pacing) *pacing = pacing_;
  return std::move(trainer_);
}

void BackgroundTraining::Run() {
  // One core stays with the page's thread and the browser's drawing: on two cores, a training thread
  // that split its products over both starved them (12 x 256: 24 fps against 41 without the thread).
  LimitGemmThreadsOnThisThread(std::max(1, int(std::thread::hardware_concurrency()) - 1));
  for (;;) {
    double seconds = 0.0;
    long steps = 0;
    {
      std::unique_lock<std::mutex> lock(mutex_);
      wake_.wait(lock, [this] { return stopping_ || granted_; });
      if (stopping_) return;
      seconds = grant_seconds_;
      steps = grant_steps_;
      granted_ = false;
    }
    const long before = trainer_->step();
    TrainFrame(*trainer_, pacing_, seconds, steps);
    const bool ended = !trainer_->diverged().empty() || !trainer_->stopped_early().empty();
    if (trainer_->step() == before && !ended) continue;  // a frame the pace left to rest
    std::lock_guard<std::mutex> lock(mutex_);
    trainer_->TakePicture(picture_);
    ++picture_version_;
    ended_ = ended;
  }
}

}  // namespace netlab
