// start_detached (util/process.h): the program runs on its own, after the
// call returns, holding none of this process's files.
#include <catch2/catch.hpp>

#include <chrono>
#include <filesystem>
#include <thread>

#include <unistd.h>

#include "support/temp_dir.h"
#include "util/process.h"

using namespace kbgen;
using kbgen::testing::TempDir;
namespace fs = std::filesystem;

namespace {

// Waits up to a minute for `path` to exist (or, with `gone`, not to).
bool eventually(const fs::path& path, bool gone = false) {
  for (int i = 0; i < 600; ++i) {
    if (fs::exists(path) != gone) return true;
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
  }
  return false;
}

}  // namespace

TEST_CASE("process: a detached program runs after start_detached returns", "[util]") {
  TempDir dir("process-detached");
  const std::string done = dir.str() + "/done";
  REQUIRE(start_detached({"/bin/sh", "-c", "sleep 0.2; echo ok > \"$1\"", "sh", done}));
  CHECK(eventually(done));
}

TEST_CASE("process: a detached program holds none of this process's files", "[util]") {
  TempDir dir("process-files");
  // A pipe's reading end sees its end once every writing end is closed: if
  // the program had inherited this one, the read would wait for it to exit.
  int fds[2];
  REQUIRE(::pipe(fds) == 0);
  const std::string done = dir.str() + "/done";
  REQUIRE(start_detached({"/bin/sh", "-c", "sleep 10; echo ok > \"$1\"", "sh", done}));
  ::close(fds[1]);
  char byte;
  CHECK(::read(fds[0], &byte, 1) == 0);
  ::close(fds[0]);
  // The read ended before the program did.
  CHECK_FALSE(fs::exists(done));
}

TEST_CASE("process: start_detached reports a program that cannot be started", "[util]") {
  CHECK_FALSE(start_detached({"/nonexistent/program"}));
  CHECK_FALSE(start_detached({}));
}
