#include "util/progress.h"

#include <cstdio>
#include <cstdlib>
#include <cstring>

#include <unistd.h>

namespace kbgen::progress {
namespace {

std::mutex stage_mutex;
std::string current_stage = "starting";
std::atomic<std::size_t> work_done{0};
std::atomic<std::size_t> work_total{0};

std::string line() {
  std::string text;
  {
    std::lock_guard<std::mutex> lock(stage_mutex);
    text = "kbgen: " + current_stage;
  }
  const std::size_t total = work_total.load(std::memory_order_relaxed);
  const std::size_t done = work_done.load(std::memory_order_relaxed);
  if (total > 0) text += " " + std::to_string(done < total ? done : total) + "/" + std::to_string(total);
  return text;
}

}  // namespace

void stage(std::string_view name) {
  std::lock_guard<std::mutex> lock(stage_mutex);
  current_stage = name;
  work_total.store(0, std::memory_order_relaxed);
  work_done.store(0, std::memory_order_relaxed);
}

void begin_work(std::size_t total) {
  work_done.store(0, std::memory_order_relaxed);
  work_total.store(total, std::memory_order_relaxed);
}

void advance() { work_done.fetch_add(1, std::memory_order_relaxed); }

bool wanted() {
  const char* term = std::getenv("TERM");
  const char* ci = std::getenv("CI");
  return ::isatty(STDERR_FILENO) && !(ci && *ci) && !(term && std::strcmp(term, "dumb") == 0);
}

ProgressDisplay::ProgressDisplay(std::chrono::milliseconds delay) {
  thread_ = std::thread([this, delay] { run(delay); });
}

ProgressDisplay::~ProgressDisplay() {
  {
    std::lock_guard<std::mutex> lock(mutex_);
    stopping_ = true;
  }
  stop_.notify_all();
  thread_.join();
}

void ProgressDisplay::run(std::chrono::milliseconds delay) {
  const auto start = std::chrono::steady_clock::now();
  std::unique_lock<std::mutex> lock(mutex_);
  // A zero delay draws at once, even if the build is already over.
  if (delay.count() > 0 && stop_.wait_for(lock, delay, [this] { return stopping_; })) return;
  do {
    const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    // \r and "erase line": the line is redrawn in place, whatever its length.
    std::fprintf(stderr, "\r\x1b[2K%s (%.0f s)", line().c_str(), seconds);
    std::fflush(stderr);
  } while (!stop_.wait_for(lock, std::chrono::milliseconds(100), [this] { return stopping_; }));
  std::fputs("\r\x1b[2K", stderr);
  std::fflush(stderr);
}

}  // namespace kbgen::progress
