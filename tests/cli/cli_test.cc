// The kbgen binary as users and CI run it (SPEC §5): exit statuses, output
// formats, colour, help and version. Each run captures standard output and
// standard error separately, in files under a temporary folder.
#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "support/check_helpers.h"
#include "support/run_binary.h"
#include "support/temp_dir.h"

using namespace kbgen::testing;

namespace {

bool contains(const std::string& haystack, const std::string& needle) {
  return haystack.find(needle) != std::string::npos;
}

const std::string kToday = "--today 2026-11-24";

std::string sample_kb() { return std::string(KBGEN_SOURCE_DIR) + "/kb"; }

// A KB with one error (bad-tag) and one warning (stale-review).
struct ErrorKb {
  TempDir dir{"cli-kb-error"};
  ErrorKb() {
    dir.write("E1.json", valid_entry(R"("tags": ["Bad Tag"], "reviewed": "2020-01-01")"));
  }
  std::string path() const { return shell_quote(dir.str()); }
};

// A KB whose only finding is a warning (stale-review).
struct WarningKb {
  TempDir dir{"cli-kb-warning"};
  WarningKb() { dir.write("E1.json", valid_entry(R"("reviewed": "2020-01-01")")); }
  std::string path() const { return shell_quote(dir.str()); }
};

}  // namespace

TEST_CASE("cli: the sample KB checks clean: exit 0, nothing on stdout", "[cli]") {
  const Run r = run_kbgen("check " + shell_quote(sample_kb()) + " " + kToday);
  INFO(r.out << r.err);
  CHECK(r.status == 0);
  CHECK(r.out.empty());
}

TEST_CASE("cli: a KB with an error exits 1", "[cli]") {
  ErrorKb kb;
  const Run r = run_kbgen("check " + kb.path() + " " + kToday);
  INFO(r.out << r.err);
  CHECK(r.status == 1);
  CHECK(contains(r.out, "E1.json:6:12: error[bad-tag]: "));
  CHECK(contains(r.out, "warning[stale-review]: "));
}

TEST_CASE("cli: warnings alone exit 0, and 1 under --strict", "[cli]") {
  WarningKb kb;
  const Run plain = run_kbgen("check " + kb.path() + " " + kToday);
  INFO(plain.out << plain.err);
  CHECK(plain.status == 0);
  CHECK(contains(plain.out, "warning[stale-review]: "));
  CHECK_FALSE(contains(plain.out, "error["));

  const Run strict = run_kbgen("check " + kb.path() + " --strict " + kToday);
  INFO(strict.out << strict.err);
  CHECK(strict.status == 1);
  CHECK(strict.out == plain.out);
}

TEST_CASE("cli: bad usage and unusable paths exit 2 with a message on stderr", "[cli]") {
  const std::string kb = shell_quote(sample_kb());
  struct Case {
    const char* name;
    std::string args;
    std::string mentions;  // stderr must name what was wrong
  };
  TempDir tmp("cli-missing");
  const std::string missing = tmp.str() + "/no-such-kb";
  const std::vector<Case> cases = {
      {"a missing KB path", "check " + shell_quote(missing) + " " + kToday, missing},
      {"an unknown option", "check " + kb + " --bogus " + kToday, "--bogus"},
      {"an unknown subcommand", "frobnicate " + kb, "frobnicate"},
      {"no subcommand", "", "subcommand"},
      {"an invalid --format", "check " + kb + " --format xml " + kToday, "xml"},
      {"a bad --today", "check " + kb + " --today 2026-13-01", "2026-13-01"},
      {"a --today that is not a date", "check " + kb + " --today yesterday", "yesterday"},
  };
  for (const Case& c : cases) {
    SECTION(c.name) {
      const Run r = run_kbgen(c.args);
      INFO("kbgen " << c.args << "\nstdout: " << r.out << "\nstderr: " << r.err);
      CHECK(r.status == 2);
      CHECK(r.out.empty());
      CHECK(contains(r.err, c.mentions));
    }
  }
}

TEST_CASE("cli: --format json is one array of {file,line,column,severity,rule,message}", "[cli]") {
  ErrorKb kb;
  const Run r = run_kbgen("check " + kb.path() + " --format json " + kToday);
  INFO(r.out << r.err);
  CHECK(r.status == 1);
  nlohmann::json parsed;
  REQUIRE_NOTHROW(parsed = nlohmann::json::parse(r.out));
  REQUIRE(parsed.is_array());
  REQUIRE(parsed.size() == 2);
  for (const nlohmann::json& o : parsed) {
    REQUIRE(o.is_object());
    CHECK(o.size() == 6);
    for (const char* key : {"file", "line", "column", "severity", "rule", "message"}) {
      INFO(key);
      CHECK(o.contains(key));
    }
    CHECK(o["file"].is_string());
    CHECK(o["line"].is_number_unsigned());
    CHECK(o["column"].is_number_unsigned());
    CHECK(o["severity"].is_string());
    CHECK(o["rule"].is_string());
    CHECK(o["message"].is_string());
  }
  bool saw_bad_tag = false;
  for (const nlohmann::json& o : parsed) {
    if (o["rule"] != "bad-tag") continue;
    saw_bad_tag = true;
    CHECK(o["severity"] == "error");
    CHECK(o["line"] == 6);
    CHECK(o["column"] == 12);
    CHECK(o["file"].get<std::string>().size() > std::string("E1.json").size());
    CHECK(contains(o["file"].get<std::string>(), "E1.json"));
  }
  CHECK(saw_bad_tag);

  SECTION("a clean KB gives an empty array") {
    const Run clean = run_kbgen("check " + shell_quote(sample_kb()) + " --format json " + kToday);
    INFO(clean.out << clean.err);
    CHECK(clean.status == 0);
    nlohmann::json empty;
    REQUIRE_NOTHROW(empty = nlohmann::json::parse(clean.out));
    CHECK(empty == nlohmann::json::array());
  }
}

TEST_CASE("cli: --format github prints workflow commands", "[cli]") {
  ErrorKb kb;
  const Run r = run_kbgen("check " + kb.path() + " --format github " + kToday);
  INFO(r.out << r.err);
  CHECK(r.status == 1);
  const auto lines = lines_of(r.out);
  REQUIRE(lines.size() == 2);
  bool saw_error = false, saw_warning = false;
  for (const std::string& line : lines) {
    INFO(line);
    const bool error = line.rfind("::error file=", 0) == 0;
    const bool warning = line.rfind("::warning file=", 0) == 0;
    CHECK((error || warning));
    saw_error = saw_error || error;
    saw_warning = saw_warning || warning;
    CHECK(contains(line, ",line="));
    CHECK(contains(line, ",col="));
    CHECK(contains(line, ",title="));
  }
  CHECK(saw_error);
  CHECK(saw_warning);
  CHECK(contains(r.out, ",line=6,col=12,title=bad-tag::"));
}

TEST_CASE("cli: colour only on a terminal, with --color always, and never under NO_COLOR", "[cli]") {
  ErrorKb kb;
  const std::string args = "check " + kb.path() + " " + kToday;

  SECTION("stdout is not a terminal: no escape codes") {
    const Run r = run_kbgen(args, "-u NO_COLOR TERM=xterm-256color");
    INFO(r.out);
    CHECK(r.status == 1);
    CHECK_FALSE(r.out.empty());
    CHECK_FALSE(has_ansi(r.out));
  }
  SECTION("--color always adds them") {
    const Run r = run_kbgen(args + " --color always", "NO_COLOR=1");
    INFO(r.out);
    CHECK(r.status == 1);
    CHECK(has_ansi(r.out));
  }
  SECTION("--color never on a terminal: none") {
    Pty pty;
    REQUIRE(pty.ok());
    const Run r = run_kbgen(args + " --color never",
                            {.env = "-u NO_COLOR TERM=xterm-256color", .stdout_to = pty.name()});
    const std::string seen = pty.drain();
    INFO(seen);
    CHECK(r.status == 1);
    CHECK(contains(seen, "error[bad-tag]"));
    CHECK_FALSE(has_ansi(seen));
  }
  SECTION("default --color on a terminal: colour, unless NO_COLOR=1") {
    Pty pty;
    REQUIRE(pty.ok());
    const Run coloured = run_kbgen(args,
                                   {.env = "-u NO_COLOR TERM=xterm-256color", .stdout_to = pty.name()});
    const std::string seen = pty.drain();
    INFO(seen);
    CHECK(coloured.status == 1);
    CHECK(has_ansi(seen));

    const Run plain = run_kbgen(args,
                                {.env = "NO_COLOR=1 TERM=xterm-256color", .stdout_to = pty.name()});
    const std::string seen_plain = pty.drain();
    INFO(seen_plain);
    CHECK(plain.status == 1);
    CHECK(contains(seen_plain, "bad-tag"));
    CHECK_FALSE(has_ansi(seen_plain));
  }
  SECTION("NO_COLOR=1 with stdout redirected: none") {
    const Run r = run_kbgen(args, "NO_COLOR=1");
    CHECK_FALSE(has_ansi(r.out));
  }
}

TEST_CASE("cli: check --stats prints each stage's time after the summary, findings unchanged", "[cli]") {
  WarningKb kb;
  const Run plain = run_kbgen("check " + kb.path() + " " + kToday);
  const Run stats = run_kbgen("check " + kb.path() + " --stats " + kToday);
  INFO(stats.out << stats.err);
  CHECK(stats.status == plain.status);
  CHECK(stats.out == plain.out);
  const std::size_t summary = stats.err.find("kbgen: 1 entry from 1 object");
  REQUIRE(summary != std::string::npos);
  std::size_t at = summary;
  for (const char* stage : {"kbgen: load ", "kbgen: check ", "kbgen: dedupe ", "kbgen: total "}) {
    INFO(stage);
    const std::size_t next = stats.err.find(stage, at);
    REQUIRE(next != std::string::npos);
    CHECK(stats.err.find(" s\n", next) != std::string::npos);
    at = next;
  }
  CHECK_FALSE(contains(plain.err, "kbgen: load "));
}

TEST_CASE("cli: build --stats times each stage, and the render stage's parts under it", "[cli]") {
  TempDir out("cli-build-stats");
  const Run run = run_kbgen("build " + shell_quote(sample_kb()) + " -o " + shell_quote(out.str() + "/site") +
                            " --only html,json --stats " + kToday);
  INFO(run.err);
  REQUIRE(run.status == 0);
  // "kbgen: NAME   SECONDS s", NAME indented by two spaces for a part.
  std::vector<std::pair<std::string, double>> lines;
  std::size_t at = 0;
  for (std::size_t end; (end = run.err.find('\n', at)) != std::string::npos; at = end + 1) {
    const std::string line = run.err.substr(at, end - at);
    if (line.rfind("kbgen: ", 0) != 0 || line.size() < 10 || line.compare(line.size() - 2, 2, " s") != 0) continue;
    const std::string body = line.substr(7, line.size() - 9);
    const std::size_t gap = body.find_last_of(' ');
    std::string name = body.substr(0, gap);
    while (!name.empty() && name.back() == ' ') name.pop_back();
    lines.emplace_back(name, std::stod(body.substr(gap + 1)));
  }
  std::vector<std::string> names;
  for (const auto& line : lines) names.push_back(line.first);
  const std::vector<std::string> expected = {"load", "check", "dedupe", "templates", "link", "render keys", "render",
                                             "  prepare", "  html", "  json", "swap in", "total"};
  CHECK(names == expected);
}

TEST_CASE("cli: check --jobs N gives the same findings for any N", "[cli]") {
  // The option is taken and passed on (tests/dedupe/dedupe_test.cc holds
  // the stages' results to it on a KB with findings).
  const std::string kb = shell_quote(sample_kb());
  const Run one = run_kbgen("check " + kb + " --format json -j 1 " + kToday);
  INFO(one.err);
  CHECK(one.status == 0);
  for (const char* jobs : {"-j 2", "--jobs 3", "--jobs 0"}) {
    INFO(jobs);
    const Run r = run_kbgen("check " + kb + " --format json " + jobs + " " + kToday);
    CHECK(r.status == one.status);
    CHECK(r.out == one.out);
    CHECK(r.err == one.err);
  }
}

TEST_CASE("cli: --help names every check option and the exit statuses", "[cli]") {
  for (const std::string args : {"--help", "check --help"}) {
    SECTION(args) {
      const Run r = run_kbgen(args);
      INFO(r.out << r.err);
      CHECK(r.status == 0);
      for (const char* option : {"--format", "--strict", "--color", "--today"}) {
        INFO(option);
        CHECK(contains(r.out, option));
      }
      const std::size_t exit = r.out.find("Exit status");
      REQUIRE(exit != std::string::npos);
      const std::string tail = r.out.substr(exit);
      CHECK(contains(tail, "0 success"));
      CHECK(contains(tail, "1 "));
      CHECK(contains(tail, "2 bad usage"));
    }
  }
}

TEST_CASE("cli: --version exits 0 and names the program", "[cli]") {
  const Run r = run_kbgen("--version");
  INFO(r.out << r.err);
  CHECK(r.status == 0);
  CHECK(r.out.rfind("kbgen ", 0) == 0);
}
