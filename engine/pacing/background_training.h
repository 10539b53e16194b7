#pragma once
// The playground's training on a thread of its own, where the build has threads (the page's pthreads
// build, when it is cross-origin isolated), so that no step ever holds a frame: the page's frame grants
// the thread one frame's training (train/frame_training.h) and draws a copy of the trainer, refreshed
// from the pictures the thread takes after each grant (Trainer::Picture). The page never waits for the
// thread except in Stop, which waits for the step in flight and gives the trainer back for edits.
//
// The thread alone touches the trainer between Start and Stop; the picture is handed over under a mutex
// that the page only tries to take, so a frame that finds it taken draws the last picture again.
#include <condition_variable>
#include <memory>
#include <mutex>
#include <thread>

#include "pacing/frame_training.h"
#include "train/trainer.h"

namespace netlab {

class BackgroundTraining {
 public:
  BackgroundTraining() = default;
  BackgroundTraining(const BackgroundTraining&) = delete;
  BackgroundTraining& operator=(const BackgroundTraining&) = delete;
  ~BackgroundTraining() { Stop(); }

  bool running() const { return trainer_ != nullptr; }
  // Moves `trainer` and its pacing to a new thread, which then waits for grants.
  void Start(std::unique_ptr<Trainer> trainer, const FramePacing& pacing);
  // One frame's training: up to `budget_seconds` of steps, at most `step_limit`. A grant not yet begun
  // is replaced, so the thread trains at most one grant per frame. Never waits.
  void Grant(double budget_seconds, long step_limit);
  // Shows the latest picture in `copy` (a trainer built from the trainer's config) when there is one it
  // has not shown; never waits. True once training has ended on the thread (diverged or stopped early).
  bool Refresh(Trainer& copy);
  // Ends the thread after the step in flight and gives the trainer (and its pacing) back; null when
  // none was running.
  std::unique_ptr<Trainer> Stop(FramePacing* pacing = nullptr);

 private:
  void Run();

  std::unique_ptr<Trainer> trainer_;
  FramePacing pacing_;
  std::thread thread_;
  std::mutex mutex_;
  std::condition_variable wake_;
  // Under mutex_:
  bool stopping_ = false, granted_ = false, ended_ = false;
  double grant_seconds_ = 0.0;
  long grant_steps_ = 0;
  Trainer::Picture picture_;
  long picture_version_ = 0, shown_version_ = 0;
};

}  // namespace netlab
