#include "support/run_binary.h"

#include <cerrno>
#include <cstdlib>
#include <fstream>
#include <sstream>

#include <fcntl.h>
#include <sys/wait.h>
#include <unistd.h>

#include "support/temp_dir.h"

namespace kbgen::testing {

std::string shell_quote(const std::string& s) {
  std::string out = "'";
  for (char c : s) {
    if (c == '\'')
      out += "'\\''";
    else
      out += c;
  }
  return out + "'";
}

std::string read_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

Run run_kbgen(const std::string& args, const RunOptions& options) {
  TempDir io("run-io");
  const std::string out = io.str() + "/stdout";
  const std::string err = io.str() + "/stderr";
  std::string command;
  if (!options.cwd.empty()) command += "cd " + shell_quote(options.cwd) + " && ";
  command += "env " + options.env + " " + shell_quote(KBGEN_BINARY) + " " + args + " </dev/null >" +
             shell_quote(options.stdout_to.empty() ? out : options.stdout_to) + " 2>" + shell_quote(options.stderr_to.empty() ? err : options.stderr_to);
  Run r;
  const int raw = std::system(command.c_str());
  r.status = (raw == -1 || !WIFEXITED(raw)) ? -1 : WEXITSTATUS(raw);
  r.out = read_file(out);
  r.err = read_file(err);
  return r;
}

bool has_ansi(const std::string& s) { return s.find("\x1b[") != std::string::npos; }

std::vector<std::string> lines_of(const std::string& text) {
  std::vector<std::string> out;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) out.push_back(line);
  return out;
}

Pty::Pty() {
  master_ = ::posix_openpt(O_RDWR | O_NOCTTY);
  if (master_ < 0 || ::grantpt(master_) != 0 || ::unlockpt(master_) != 0) return;
  const char* name = ::ptsname(master_);
  if (!name) return;
  name_ = name;
  slave_ = ::open(name_.c_str(), O_RDWR | O_NOCTTY);
  ::fcntl(master_, F_SETFL, ::fcntl(master_, F_GETFL) | O_NONBLOCK);
}

Pty::~Pty() {
  if (slave_ >= 0) ::close(slave_);
  if (master_ >= 0) ::close(master_);
}

std::string Pty::drain() {
  std::string out;
  char buffer[4096];
  for (;;) {
    const ssize_t n = ::read(master_, buffer, sizeof buffer);
    if (n > 0) {
      out.append(buffer, static_cast<std::size_t>(n));
      continue;
    }
    if (n < 0 && errno == EINTR) continue;
    break;
  }
  return out;
}

}  // namespace kbgen::testing
