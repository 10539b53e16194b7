#include "core/thread_pool.h"

namespace netlab {
namespace {
// Atomic loads before sleeping: a few tens of microseconds, about what a futex wake-up costs.
constexpr int kSpins = 20000;
}  // namespace

ThreadPool::ThreadPool(int workers) {
  for (int w = 0; w < workers; ++w) threads_.emplace_back([this, w] { WorkerLoop(w); });
}

ThreadPool::~ThreadPool() {
  {
    std::lock_guard<std::mutex> lock(mutex_);
    stopping_ = true;
    ++generation_;
  }
  work_ready_.notify_all();
  for (std::thread& t : threads_) t.join();
}

void ThreadPool::RunParts(int parts, void (*function)(void*, int), void* context) {
  if (parts > 1) {
    std::lock_guard<std::mutex> lock(mutex_);
    function_ = function;
    context_ = context;
    parts_ = parts;
    remaining_ = parts - 1;
    ++generation_;  // after the fields: a spinning worker that sees it also sees them
  }
  if (parts > 1) work_ready_.notify_all();
  function(context, 0);
  if (parts > 1) {
    for (int spin = 0; spin < kSpins && remaining_.load() != 0; ++spin) {
    }
    if (remaining_.load() != 0) {
      std::unique_lock<std::mutex> lock(mutex_);
      work_done_.wait(lock, [this] { return remaining_.load() == 0; });
    }
  }
}

void ThreadPool::WorkerLoop(int worker) {
  long seen = 0;
  bool busy = false;  // had a part in the last job: jobs of that size are likely to follow
  for (;;) {
    // A worker the last job left out (more workers than the jobs use) sleeps at once, so that it does
    // not spin on a core the working threads need.
    for (int spin = 0; busy && spin < kSpins && generation_.load() == seen; ++spin) {
    }
    std::unique_lock<std::mutex> lock(mutex_);
    work_ready_.wait(lock, [&] { return generation_.load() != seen; });
    if (stopping_) return;
    seen = generation_.load();
    const int part = worker + 1;
    busy = part < parts_;
    if (!busy) continue;
    void (*function)(void*, int) = function_;
    void* context = context_;
    lock.unlock();
    function(context, part);
    // The last part to finish wakes the caller if it went to sleep; under the mutex, so the wake-up
    // cannot fall between the caller's check and its wait.
    if (remaining_.fetch_sub(1) == 1) {
      std::lock_guard<std::mutex> done(mutex_);
      work_done_.notify_one();
    }
  }
}

}  // namespace netlab
