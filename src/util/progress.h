// A progress line for long builds: which stage runs and how far it has got,
// redrawn in place on standard error. Shown only when standard error is a
// terminal, CI is not set and the build has run for a second, so short
// builds, logs and CI output never see it.
//
// Stages report through the free functions, which cost an atomic add when
// no display is running; `ProgressDisplay` draws.
#pragma once

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstddef>
#include <mutex>
#include <string>
#include <string_view>
#include <thread>

namespace kbgen::progress {

// The stage now running ("load", "render html").
void stage(std::string_view name);
// Work of `total` items begins within the stage (parallel_for reports this).
void begin_work(std::size_t total);
// One item of that work is done.
void advance();

// Whether a progress line suits this run: standard error is a terminal, CI
// is unset and TERM is not "dumb".
bool wanted();

// Draws the line from a thread of its own until destroyed, then erases it.
class ProgressDisplay {
 public:
  // `delay`: how long a build runs before the line appears.
  explicit ProgressDisplay(std::chrono::milliseconds delay);
  ~ProgressDisplay();
  ProgressDisplay(const ProgressDisplay&) = delete;
  ProgressDisplay& operator=(const ProgressDisplay&) = delete;

 private:
  void run(std::chrono::milliseconds delay);

  std::mutex mutex_;
  std::condition_variable stop_;
  bool stopping_ = false;
  std::thread thread_;
};

}  // namespace kbgen::progress
