#pragma once
// A fixed set of worker threads that split one job into parts: Run(parts, body) calls body(0) on the
// calling thread and body(1..parts-1) on the workers, and returns when every part is done. Nothing is
// allocated per job, so training steps stay allocation-free. In a WASM build the workers are pthreads
// (the page must be cross-origin isolated); a build without threads only ever runs part 0 inline.
//
// A training step hands out dozens of jobs of a fraction of a millisecond each, and waking a sleeping
// thread (a futex; Atomics.wait in the browser) costs tens of microseconds: workers and the caller
// first spin on an atomic for about that long, and only then sleep on the condition variable.
#include <atomic>
#include <condition_variable>
#include <mutex>
#include <thread>
#include <vector>

namespace netlab {

class ThreadPool {
 public:
  explicit ThreadPool(int workers);
  ~ThreadPool();
  ThreadPool(const ThreadPool&) = delete;
  ThreadPool& operator=(const ThreadPool&) = delete;

  int workers() const { return int(threads_.size()); }
  // parts must be at most workers() + 1. `body` is called as body(part) and must not throw.
  template <class Body>
  void Run(int parts, Body& body) {
    RunParts(parts, [](void* context, int part) { (*static_cast<Body*>(context))(part); }, &body);
  }

 private:
  void RunParts(int parts, void (*function)(void*, int), void* context);
  void WorkerLoop(int worker);

  std::vector<std::thread> threads_;
  std::mutex mutex_;
  std::condition_variable work_ready_, work_done_;
  // Bumped (under the mutex) for each job, so a worker runs each job once; read without it while spinning.
  std::atomic<long> generation_{0};
  std::atomic<int> remaining_{0};  // parts still running on workers
  int parts_ = 0;
  bool stopping_ = false;
  void (*function_)(void*, int) = nullptr;
  void* context_ = nullptr;
};

}  // namespace netlab
