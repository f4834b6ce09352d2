// `kbgen explain CODE [--kb DIR]` as users run it: lookup by code, alias and
// case, the unknown-code message, colour and width. Standard output and
// standard error are captured separately, in files under a temporary folder.
#include <catch2/catch.hpp>

#include <algorithm>
#include <cerrno>
#include <cstdlib>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include <fcntl.h>
#include <sys/wait.h>
#include <unistd.h>

#include "render/terminal.h"
#include "support/check_helpers.h"
#include "support/temp_dir.h"

using namespace kbgen::testing;

namespace {

struct Run {
  int status = -1;
  std::string out;
  std::string err;
};

std::string quote(const std::string& s) {
  std::string out = "'";
  for (char c : s) {
    if (c == '\'')
      out += "'\\''";
    else
      out += c;
  }
  return out + "'";
}

std::string slurp(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

// Runs `kbgen ARGS` with `env` changes (e.g. "NO_COLOR=1", "-u COLUMNS");
// standard output goes to `stdout_to` when given, else to a file.
Run run_kbgen(const std::string& args, const std::string& env = "",
              const std::string& stdout_to = "") {
  TempDir io("explain-io");
  const std::string out = io.str() + "/stdout";
  const std::string err = io.str() + "/stderr";
  const std::string command = "env " + env + " " + quote(KBGEN_BINARY) + " " + args +
                              " </dev/null >" + quote(stdout_to.empty() ? out : stdout_to) +
                              " 2>" + quote(err);
  Run r;
  const int raw = std::system(command.c_str());
  r.status = raw != -1 && WIFEXITED(raw) ? WEXITSTATUS(raw) : -1;
  r.out = slurp(out);
  r.err = slurp(err);
  return r;
}

std::string sample_kb() { return quote(std::string(KBGEN_SOURCE_DIR) + "/kb"); }

bool contains(const std::string& haystack, const std::string& needle) {
  return haystack.find(needle) != std::string::npos;
}

bool has_ansi(const std::string& s) { return contains(s, "\x1b["); }

std::vector<std::string> lines_of(const std::string& text) {
  std::vector<std::string> out;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) out.push_back(line);
  return out;
}

// A pseudo-terminal whose far end can be named as a file, so the binary's
// standard output is a terminal. Only for short output: nobody reads the
// terminal while the binary runs.
class Pty {
 public:
  Pty() {
    master_ = ::posix_openpt(O_RDWR | O_NOCTTY);
    if (master_ < 0 || ::grantpt(master_) != 0 || ::unlockpt(master_) != 0) return;
    const char* name = ::ptsname(master_);
    if (!name) return;
    name_ = name;
    slave_ = ::open(name_.c_str(), O_RDWR | O_NOCTTY);
    ::fcntl(master_, F_SETFL, ::fcntl(master_, F_GETFL) | O_NONBLOCK);
  }
  ~Pty() {
    if (slave_ >= 0) ::close(slave_);
    if (master_ >= 0) ::close(master_);
  }
  bool ok() const { return master_ >= 0 && slave_ >= 0 && !name_.empty(); }
  const std::string& name() const { return name_; }
  std::string drain() {
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

 private:
  int master_ = -1;
  int slave_ = -1;
  std::string name_;
};

// A one-entry KB whose explanation is short enough for a terminal buffer.
struct SmallKb {
  TempDir dir{"explain-small"};
  SmallKb() { dir.write("E1.json", valid_entry(R"("description": "Some **bold** text.")")); }
  std::string path() const { return quote(dir.str()); }
};

}  // namespace

TEST_CASE("explain: finds an entry by code, alias and case", "[explain]") {
  for (const std::string code : {"AADSTS53003", "53003", "aadsts53003"}) {
    SECTION(code) {
      const Run r = run_kbgen("explain " + code + " --kb " + sample_kb());
      INFO(r.out << r.err);
      CHECK(r.status == 0);
      CHECK(r.out.rfind("AADSTS53003: BlockedByConditionalAccess\n", 0) == 0);
      CHECK(contains(r.out, "BlockedByConditionalAccess"));
      CHECK(r.err.empty());
      // Both objects of the merged entry are there.
      CHECK(contains(r.out, "AADSTS53003.prevention.json"));
      CHECK(contains(r.out, "Export Conditional Access policies with Microsoft Graph"));
      CHECK(contains(r.out, "  - AADSTS53000: DeviceNotCompliant"));
    }
  }
}

TEST_CASE("explain: --kb defaults to kb in the current folder", "[explain]") {
  const Run r = run_kbgen("explain 53003", "-C " + quote(KBGEN_SOURCE_DIR));
  INFO(r.out << r.err);
  CHECK(r.status == 0);
  CHECK(contains(r.out, "BlockedByConditionalAccess"));
}

TEST_CASE("explain: an unknown code exits 1 and names the three closest codes", "[explain]") {
  const Run r = run_kbgen("explain AADSTS5300 --kb " + sample_kb());
  INFO(r.out << r.err);
  CHECK(r.status == 1);
  CHECK(r.out.empty());
  CHECK(contains(r.err, "kbgen: no entry AADSTS5300 in "));
  CHECK(contains(r.err, "; closest: AADSTS53000, AADSTS53001, AADSTS53002\n"));
  CHECK(lines_of(r.err).size() == 1);

  SECTION("however far it is") {
    const Run far = run_kbgen("explain nothing-like-it --kb " + sample_kb());
    INFO(far.err);
    CHECK(far.status == 1);
    const std::size_t at = far.err.find("; closest: ");
    REQUIRE(at != std::string::npos);
    const std::string names = far.err.substr(at);
    CHECK(std::count(names.begin(), names.end(), ',') == 2);
  }
}

TEST_CASE("explain: a missing --kb folder exits 2", "[explain]") {
  const Run r = run_kbgen("explain AADSTS53003 --kb /nonexistent/kbgen-kb");
  INFO(r.out << r.err);
  CHECK(r.status == 2);
  CHECK(r.out.empty());
  CHECK(contains(r.err, "/nonexistent/kbgen-kb"));
  CHECK(contains(r.err, "--kb"));
}

TEST_CASE("explain: a KB with errors still explains its entries, with a warning", "[explain]") {
  TempDir dir("explain-errors");
  dir.write("E1.json", valid_entry());
  dir.write("broken.json", "{\"code\": ");
  dir.write("E2.json", valid_entry(R"("tags": ["Not A Slug"])", "E2"));
  const Run r = run_kbgen("explain E1 --kb " + quote(dir.str()));
  INFO(r.out << r.err);
  CHECK(r.status == 0);
  CHECK(r.out.rfind("E1: Title\n", 0) == 0);
  CHECK(lines_of(r.err).size() == 1);
  CHECK(contains(r.err, "warning"));
  CHECK(contains(r.err, " 2 errors"));
  CHECK(contains(r.err, "kbgen check"));

  SECTION("and an entry it lacks is still unknown") {
    const Run missing = run_kbgen("explain E3 --kb " + quote(dir.str()));
    INFO(missing.err);
    CHECK(missing.status == 1);
    CHECK(contains(missing.err, "no entry E3"));
    CHECK(contains(missing.err, " 2 errors"));
  }
}

TEST_CASE("explain: colour only on a terminal, never under NO_COLOR, always with --color always",
          "[explain]") {
  const std::string args = "explain AADSTS53003 --kb " + sample_kb();

  SECTION("stdout is not a terminal: no escape codes") {
    const Run r = run_kbgen(args, "-u NO_COLOR TERM=xterm-256color");
    INFO(r.err);
    CHECK(r.status == 0);
    CHECK_FALSE(r.out.empty());
    CHECK_FALSE(contains(r.out, "\x1b"));
  }
  SECTION("--color always adds them, even under NO_COLOR") {
    const Run r = run_kbgen(args + " --color always", "NO_COLOR=1");
    CHECK(r.status == 0);
    CHECK(has_ansi(r.out));
    CHECK(contains(r.out, "BlockedByConditionalAccess"));
  }
  SECTION("--color never and --color nonsense") {
    CHECK_FALSE(has_ansi(run_kbgen(args + " --color never", "-u NO_COLOR").out));
    CHECK(run_kbgen(args + " --color sometimes").status == 2);
  }

  SmallKb kb;
  const std::string small = "explain E1 --kb " + kb.path();
  SECTION("a terminal with --color auto: colour, unless NO_COLOR is set") {
    Pty pty;
    REQUIRE(pty.ok());
    const Run coloured = run_kbgen(small + " --color auto", "-u NO_COLOR TERM=xterm-256color", pty.name());
    const std::string seen = pty.drain();
    INFO(seen << coloured.err);
    CHECK(coloured.status == 0);
    CHECK(contains(seen, "Title"));
    CHECK(has_ansi(seen));

    const Run plain = run_kbgen(small + " --color auto", "NO_COLOR=1 TERM=xterm-256color", pty.name());
    const std::string seen_plain = pty.drain();
    INFO(seen_plain << plain.err);
    CHECK(plain.status == 0);
    CHECK(contains(seen_plain, "Some bold text."));
    CHECK_FALSE(contains(seen_plain, "\x1b"));
  }
}

TEST_CASE("explain: prose fits COLUMNS, while code blocks and lone URLs stay whole", "[explain]") {
  const std::string args = "explain AADSTS53003 --kb " + sample_kb();
  const auto check_width = [](const std::string& out, std::size_t width) {
    bool in_code = false, saw_code = false;
    std::size_t widest = 0;
    for (const std::string& line : lines_of(out)) {
      const std::size_t first = line.find_first_not_of(' ');
      if (first != std::string::npos && line.compare(first, 3, "```") == 0) {
        in_code = !in_code;
        saw_code = true;
        continue;
      }
      if (in_code) continue;
      const std::size_t w = kbgen::display_width(line);
      const bool lone_url = first != std::string::npos && line.find(' ', first) == std::string::npos &&
                            line.compare(first, 4, "http") == 0;
      INFO(line);
      CHECK((w <= width || lone_url));
      if (!lone_url) widest = std::max(widest, w);
    }
    CHECK(saw_code);
    CHECK_FALSE(in_code);
    return widest;
  };

  SECTION("COLUMNS=50") {
    const Run r = run_kbgen(args, "COLUMNS=50");
    INFO(r.out << r.err);
    REQUIRE(r.status == 0);
    CHECK(check_width(r.out, 50) > 45);
    // The example's code is not wrapped.
    CHECK(contains(r.out, "\n          window.location.assign(`/help/access-blocked?correlationId=${id}`);\n"));
  }
  SECTION("no terminal and no COLUMNS: 80") {
    const Run r = run_kbgen(args, "-u COLUMNS");
    REQUIRE(r.status == 0);
    CHECK(check_width(r.out, 80) > 70);
  }
  SECTION("--width wins over COLUMNS; never below 40") {
    const Run wide = run_kbgen(args + " --width 100", "COLUMNS=50");
    REQUIRE(wide.status == 0);
    CHECK(check_width(wide.out, 100) > 90);
    const Run narrow = run_kbgen(args, "COLUMNS=20");
    REQUIRE(narrow.status == 0);
    CHECK(check_width(narrow.out, 40) > 35);
  }
}

TEST_CASE("explain: --help names the options", "[explain]") {
  const Run r = run_kbgen("explain --help");
  CHECK(r.status == 0);
  for (const char* option : {"--kb", "--color", "--width", "Exit status"}) {
    INFO(option);
    CHECK(contains(r.out, option));
  }
}
