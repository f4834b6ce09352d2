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

// The first of `names` found as an executable in PATH, or "".
std::string find_program(const std::vector<std::string>& names);

}  // namespace kbgen
