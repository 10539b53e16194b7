#include "core/thread_pool.h"

namespace netlab {

ThreadPool::ThreadPool(int workers) {
  for (int w = 0; w < workers; ++w) threads_.emplace_back([this, w] { WorkerLoop(w); });
}

ThreadPool::~ThreadPool() {
  {
    std::lock_guard<std::mutex> lock(mutex_);
    stopping_ = true;
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
    ++generation_;
  }
  if (parts > 1) work_ready_.notify_all();
  function(context, 0);
  if (parts > 1) {
    std::unique_lock<std::mutex> lock(mutex_);
    work_done_.wait(lock, [this] { return remaining_ == 0; });
  }
}

void ThreadPool::WorkerLoop(int worker) {
  long seen = 0;
  for (;;) {
    std::unique_lock<std::mutex> lock(mutex_);
    work_ready_.wait(lock, [&] { return stopping_ || generation_ != seen; });
    if (stopping_) return;
    seen = generation_;
    const int part = worker + 1;
    if (part >= parts_) continue;
    void (*function)(void*, int) = function_;
    void* context = context_;
    lock.unlock();
    function(context, part);
    lock.lock();
    if (--remaining_ == 0) work_done_.notify_one();
  }
}

}  // namespace netlab
