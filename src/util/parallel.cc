#include "util/parallel.h"

#include <algorithm>
#include <atomic>
#include <condition_variable>
#include <cstdint>
#include <exception>
#include <mutex>
#include <thread>
#include <vector>

#include "util/progress.h"

namespace kbgen {

unsigned default_jobs() {
  const unsigned n = std::thread::hardware_concurrency();
  return n == 0 ? 1 : n;
}

namespace {

// One parallel_for call: indices handed out one by one to whoever asks next.
struct Loop {
  Loop(std::size_t n, const std::function<bool(std::size_t, std::string&)>& fn, std::string& error)
      : n(n), fn(fn), error(error) {}

  // Never throws: an exception from fn stops the loop and is kept for the
  // calling thread to rethrow once every thread has left the loop.
  void work() noexcept {
    std::string local_error;
    for (std::size_t i; !failed.load(std::memory_order_relaxed) && (i = next.fetch_add(1)) < n;) {
      try {
        if (fn(i, local_error)) {
          progress::advance();
          continue;
        }
      } catch (...) {
        std::lock_guard<std::mutex> lock(mutex);
        if (!thrown) thrown = std::current_exception();
        failed = true;
        continue;
      }
      std::lock_guard<std::mutex> lock(mutex);
      if (i < failed_at) {
        failed_at = i;
        error = local_error;
      }
      failed = true;
    }
  }

  const std::size_t n;
  const std::function<bool(std::size_t, std::string&)>& fn;
  std::string& error;
  std::atomic<std::size_t> next{0};
  std::atomic<bool> failed{false};
  std::mutex mutex;  // guards failed_at, error and thrown
  std::size_t failed_at = n;
  std::exception_ptr thrown;
};

// Worker threads kept for the whole run. A build makes hundreds of
// parallel_for calls (one or two per chunk of 256 entries); a thread made for
// each call started with an empty allocator heap and left its pages to be
// taken over by others when it ended, which cost a 10k build a tenth of its
// CPU more with two threads than with one.
class WorkerPool {
 public:
  ~WorkerPool() {
    {
      std::lock_guard<std::mutex> lock(mutex_);
      stopping_ = true;
    }
    wake_.notify_all();
    for (std::thread& t : threads_) t.join();
  }

  // Runs `loop` on the calling thread and `helpers` pool threads; false,
  // without running anything, when the pool is already running a loop (a
  // parallel_for inside another, or on another thread at the same time).
  bool run(Loop& loop, unsigned helpers) {
    if (on_pool_thread || busy_.exchange(true)) return false;
    {
      std::lock_guard<std::mutex> lock(mutex_);
      try {
        while (threads_.size() < helpers) {
          const unsigned index = static_cast<unsigned>(threads_.size());
          threads_.emplace_back([this, index] { serve(index); });
        }
      } catch (...) {
        busy_ = false;
        throw;
      }
      loop_ = &loop;
      helpers_ = helpers;
      running_ = helpers;
      ++generation_;
    }
    wake_.notify_all();
    loop.work();
    std::unique_lock<std::mutex> lock(mutex_);
    done_.wait(lock, [this] { return running_ == 0; });
    loop_ = nullptr;
    busy_ = false;
    return true;
  }

 private:
  void serve(unsigned index) {
    on_pool_thread = true;
    std::uint64_t seen = 0;
    std::unique_lock<std::mutex> lock(mutex_);
    for (;;) {
      wake_.wait(lock, [&] { return stopping_ || generation_ != seen; });
      if (generation_ == seen) return;  // stopping, with no loop left to help
      seen = generation_;
      if (index >= helpers_) continue;  // this loop asked for fewer threads
      Loop* loop = loop_;
      lock.unlock();
      loop->work();
      lock.lock();
      if (--running_ == 0) done_.notify_one();
    }
  }

  static thread_local bool on_pool_thread;
  std::atomic<bool> busy_{false};  // a loop is running on the pool
  std::mutex mutex_;  // guards everything below
  std::condition_variable wake_, done_;
  std::vector<std::thread> threads_;
  Loop* loop_ = nullptr;
  unsigned helpers_ = 0;   // pool threads the current loop uses
  unsigned running_ = 0;   // of those, still working on it
  std::uint64_t generation_ = 0;
  bool stopping_ = false;
};

thread_local bool WorkerPool::on_pool_thread = false;

WorkerPool& pool() {
  static WorkerPool workers;
  return workers;
}

}  // namespace

bool parallel_for(std::size_t n, unsigned jobs,
                  const std::function<bool(std::size_t, std::string&)>& fn, std::string& error) {
  progress::begin_work(n);
  if (jobs <= 1 || n < 2) {
    for (std::size_t i = 0; i < n; ++i) {
      if (!fn(i, error)) return false;
      progress::advance();
    }
    return true;
  }
  Loop loop(n, fn, error);
  const unsigned count = static_cast<unsigned>(std::min<std::size_t>(jobs, n));
  if (!pool().run(loop, count - 1)) {
    // The pool is busy with an enclosing or concurrent loop: threads of this
    // loop's own.
    std::vector<std::thread> threads;
    for (unsigned t = 1; t < count; ++t) threads.emplace_back([&loop] { loop.work(); });
    loop.work();
    for (std::thread& t : threads) t.join();
  }
  if (loop.thrown) std::rethrow_exception(loop.thrown);
  return !loop.failed;
}

}  // namespace kbgen
