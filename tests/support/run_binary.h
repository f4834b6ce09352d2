// Running the kbgen binary as users and CI run it: standard input is
// /dev/null, and standard output and standard error are captured separately,
// in files under a temporary folder. A pseudo-terminal stands in where
// standard output must be a terminal. Plus a little help reading what it wrote.
#pragma once

#include <string>
#include <vector>

namespace kbgen::testing {

struct Run {
  int status = -1;  // the exit status; -1 when the binary did not exit normally
  std::string out;
  std::string err;
};

// `s` as one word for /bin/sh (in single quotes).
std::string shell_quote(const std::string& s);

// The bytes of the file at `path` ("" when it cannot be read).
std::string read_file(const std::string& path);

struct RunOptions {
  // Changes to the environment, as env(1) takes them ("NAME=value",
  // "-u NAME", "-C DIR"); may be empty.
  std::string env = "";
  // The folder to run from, when not empty.
  std::string cwd = "";
  // Where standard output goes (e.g. a Pty's name()) instead of being
  // captured, when not empty; Run::out is then empty.
  std::string stdout_to = "";
  // The same for standard error; Run::err is then empty.
  std::string stderr_to = "";
};

// Runs `kbgen ARGS` (ARGS already shell-quoted where needed).
Run run_kbgen(const std::string& args, const RunOptions& options);

// The same with only `env` (see RunOptions).
inline Run run_kbgen(const std::string& args, const std::string& env = "") {
  return run_kbgen(args, RunOptions{.env = env});
}

// Whether `s` holds an ANSI escape sequence (colour).
bool has_ansi(const std::string& s);

// The lines of `text`, without their line ends.
std::vector<std::string> lines_of(const std::string& text);

// A pseudo-terminal whose far end can be named as a file, so the binary's
// standard output is a terminal. Keeps both ends open until destroyed, so
// nothing written is lost when the child exits. Only for short output:
// nobody reads the terminal while the binary runs.
class Pty {
 public:
  Pty();
  ~Pty();
  Pty(const Pty&) = delete;
  Pty& operator=(const Pty&) = delete;

  bool ok() const { return master_ >= 0 && slave_ >= 0 && !name_.empty(); }
  const std::string& name() const { return name_; }
  // Everything written to the terminal since the last drain().
  std::string drain();

 private:
  int master_ = -1;
  int slave_ = -1;
  std::string name_;
};

}  // namespace kbgen::testing
