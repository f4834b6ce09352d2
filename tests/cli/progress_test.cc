// The progress line of `kbgen build` (util/progress.h): drawn on a terminal,
// never into a pipe or a file, never under CI, and erased when the build ends.
#include <catch2/catch.hpp>

#include <string>

#include "support/run_binary.h"
#include "support/temp_dir.h"

using namespace kbgen::testing;

namespace {

std::string build_args(const TempDir& dir) {
  return "build " + shell_quote(std::string(KBGEN_FIXTURES) + "/render/small") + " -o " +
         shell_quote(dir.str() + "/site") + " --today 2026-11-24";
}

bool contains(const std::string& s, const std::string& part) { return s.find(part) != std::string::npos; }

}  // namespace

TEST_CASE("progress: a build on a terminal shows its stages in place, then erases the line", "[cli][progress]") {
  TempDir dir("progress-tty");
  Pty pty;
  REQUIRE(pty.ok());
  // No delay, so that the small fixture's build shows the line at all.
  const Run r = run_kbgen(build_args(dir), {.env = "-u CI TERM=xterm KBGEN_PROGRESS_DELAY_MS=0", .stderr_to = pty.name()});
  REQUIRE(r.status == 0);
  const std::string seen = pty.drain();
  INFO(seen);
  CHECK(contains(seen, "\r\x1b[2Kkbgen: "));
  // The last thing drawn before the summary erases the line.
  const std::size_t summary = seen.find("kbgen: built");
  REQUIRE(summary != std::string::npos);
  CHECK(seen.rfind("\r\x1b[2K", summary) + 5 == summary);
}

TEST_CASE("progress: no progress line under CI, in a pipe, or on a dumb terminal", "[cli][progress]") {
  TempDir dir("progress-quiet");
  SECTION("CI set, on a terminal") {
    Pty pty;
    REQUIRE(pty.ok());
    const Run r = run_kbgen(build_args(dir), {.env = "CI=true TERM=xterm KBGEN_PROGRESS_DELAY_MS=0", .stderr_to = pty.name()});
    REQUIRE(r.status == 0);
    const std::string seen = pty.drain();
    CHECK(contains(seen, "kbgen: built"));
    CHECK_FALSE(contains(seen, "\x1b["));
  }
  SECTION("TERM=dumb") {
    Pty pty;
    REQUIRE(pty.ok());
    const Run r = run_kbgen(build_args(dir), {.env = "-u CI TERM=dumb KBGEN_PROGRESS_DELAY_MS=0", .stderr_to = pty.name()});
    REQUIRE(r.status == 0);
    CHECK_FALSE(contains(pty.drain(), "\x1b["));
  }
  SECTION("standard error into a file") {
    const Run r = run_kbgen(build_args(dir), "-u CI TERM=xterm KBGEN_PROGRESS_DELAY_MS=0");
    REQUIRE(r.status == 0);
    CHECK(contains(r.err, "kbgen: built"));
    CHECK_FALSE(contains(r.err, "\r"));
    CHECK_FALSE(contains(r.err, "\x1b["));
  }
}
