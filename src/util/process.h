// Running another program (headless Chromium for --pdf) without a shell.
#pragma once

#include <string>
#include <vector>

namespace kbgen {

struct ProcessResult {
  bool started = false;
  bool timed_out = false;
  int exit_code = -1;
  std::string output;  // standard output and error, the last 64 KiB
};

// Runs argv[0] (looked up in PATH) with standard input from /dev/null; kills
// it after `timeout_seconds`.
ProcessResult run_process(const std::vector<std::string>& argv, int timeout_seconds);

// Starts argv[0] (a path) on its own, not waited for: in a session of its
// own, at a lower CPU priority, with standard input and output on /dev/null
// and none of this process's other files open (a lock held here stays this
// process's alone). Returns false if it could not be started.
bool start_detached(const std::vector<std::string>& argv);

// The first of `names` found as an executable in PATH, or "".
std::string find_program(const std::vector<std::string>& names);

}  // namespace kbgen
