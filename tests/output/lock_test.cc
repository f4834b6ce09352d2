// One build at a time per output folder (output/lock.h). flock(2) locks of
// two descriptors conflict within one process too, so a second OutputLock
// here stands for another kbgen process.
#include <catch2/catch.hpp>

#include <filesystem>
#include <future>
#include <string>
#include <thread>

#include "check/dates.h"
#include "load/disk.h"
#include "output/lock.h"
#include "pipeline.h"
#include "support/temp_dir.h"

using namespace kbgen;
using kbgen::testing::TempDir;
namespace fs = std::filesystem;

TEST_CASE("output lock: a second holder is refused until the first lets go", "[output][lock]") {
  TempDir dir("output-lock");
  const std::string out = dir.str() + "/site";
  fs::create_directory(out);
  std::string error;
  OutputLock first, second;
  REQUIRE(first.try_acquire(out, error));
  CHECK_FALSE(second.try_acquire(out, error));
  CHECK(error.empty());  // busy is not an error
  first.release();
  CHECK(second.try_acquire(out, error));
}

TEST_CASE("output lock: before the first build the nearest existing folder is locked", "[output][lock]") {
  TempDir dir("output-lock");
  const std::string out = dir.str() + "/not/yet/site";
  std::string error;
  OutputLock first, second, other;
  REQUIRE(first.try_acquire(out, error));
  CHECK_FALSE(second.try_acquire(out, error));
  CHECK_FALSE(fs::exists(dir.str() + "/not"));  // locking makes no folder
  // Another output folder under the same existing parent is held as well,
  // until the first build has made its own.
  CHECK_FALSE(other.try_acquire(dir.str() + "/not/site-b", error));
}

TEST_CASE("output lock: a build that waited locks the folder swapped in meanwhile", "[output][lock]") {
  TempDir dir("output-lock");
  const std::string out = dir.str() + "/site";
  fs::create_directory(out);
  std::string error;
  OutputLock holder;
  REQUIRE(holder.try_acquire(out, error));

  std::promise<void> waiting;
  OutputLock waiter;
  std::string waiter_error;
  bool acquired = false, told = false;  // Catch's assertions are for the main thread only
  std::thread thread([&] {
    acquired = waiter.acquire(out, [&] {
      told = true;
      waiting.set_value();
    }, waiter_error);
  });
  waiting.get_future().wait();
  // What a whole build does: a new folder takes OUT_DIR's name.
  fs::create_directory(dir.str() + "/staging");
  fs::rename(out, dir.str() + "/old");
  fs::rename(dir.str() + "/staging", out);
  holder.release();
  thread.join();
  INFO(waiter_error);
  CHECK(acquired);
  CHECK(told);
  CHECK(waiter.held());
  OutputLock third;
  CHECK_FALSE(third.try_acquire(out, error));  // the waiter holds the new folder
}

TEST_CASE("output lock: a build waits for another build into the same folder", "[output][lock]") {
  TempDir dir("output-lock");
  const std::string out = dir.str() + "/site";
  std::string error;
  OutputLock other_build;
  REQUIRE(other_build.try_acquire(out, error));

  std::promise<void> waiting;
  BuildResult result;
  std::thread thread([&] {
    RealDisk disk;
    CheckOptions options;
    options.today = *parse_iso_date("2026-11-24");
    BuildOptions build;
    build.out_dir = out;
    build.only = {"json"};
    build.jobs = 1;
    build.on_lock_wait = [&] { waiting.set_value(); };
    result = run_build(std::string(KBGEN_FIXTURES) + "/render/small", disk, options, std::nullopt, build);
  });
  waiting.get_future().wait();
  CHECK_FALSE(fs::exists(out));  // nothing written while the other build holds the folder
  other_build.release();
  thread.join();
  INFO(result.error);
  CHECK(result.built);
  CHECK(fs::exists(out + "/api/index.json"));
}
