#include "util/parallel.h"

#include <atomic>
#include <mutex>
#include <thread>
#include <vector>

#include "util/progress.h"

namespace kbgen {

unsigned default_jobs() {
  const unsigned n = std::thread::hardware_concurrency();
  return n == 0 ? 1 : n;
}

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
  std::atomic<std::size_t> next{0};
  std::atomic<bool> failed{false};
  std::mutex mutex;
  std::size_t failed_at = n;
  auto worker = [&] {
    std::string local_error;
    for (std::size_t i; !failed.load(std::memory_order_relaxed) && (i = next.fetch_add(1)) < n;) {
      if (fn(i, local_error)) {
        progress::advance();
        continue;
      }
      std::lock_guard<std::mutex> lock(mutex);
      if (i < failed_at) {
        failed_at = i;
        error = local_error;
      }
      failed = true;
    }
  };
  std::vector<std::thread> threads;
  const unsigned count = static_cast<unsigned>(std::min<std::size_t>(jobs, n));
  for (unsigned t = 1; t < count; ++t) threads.emplace_back(worker);
  worker();
  for (std::thread& t : threads) t.join();
  return !failed;
}

}  // namespace kbgen
