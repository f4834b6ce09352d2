// util/parallel: every index once, the lowest failing index's error, and
// the worker pool's fallbacks (a loop inside a loop, loops on two threads).
#include <catch2/catch.hpp>

#include <atomic>
#include <mutex>
#include <set>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

#include "util/parallel.h"

using namespace kbgen;

namespace {

// Runs a loop of n indices on `jobs` threads; counts how often each ran and
// on how many distinct threads.
struct Visits {
  std::vector<std::atomic<int>> count;
  std::mutex mutex;
  std::set<std::thread::id> threads;

  explicit Visits(std::size_t n) : count(n) {}
  bool run(unsigned jobs) {
    std::string error;
    return parallel_for(count.size(), jobs, [this](std::size_t i, std::string&) {
      count[i].fetch_add(1);
      std::lock_guard<std::mutex> lock(mutex);
      threads.insert(std::this_thread::get_id());
      return true;
    }, error);
  }
  bool each_once() const {
    for (const auto& c : count)
      if (c.load() != 1) return false;
    return true;
  }
};

}  // namespace

TEST_CASE("parallel_for visits every index once, whatever the jobs", "[util][parallel]") {
  for (unsigned jobs : {1u, 2u, 3u, 8u, 2u, 1u}) {
    INFO("jobs " << jobs);
    Visits visits(500);
    REQUIRE(visits.run(jobs));
    CHECK(visits.each_once());
    CHECK(visits.threads.size() <= jobs);
  }
  Visits one(1);
  REQUIRE(one.run(4));
  CHECK(one.each_once());
  Visits none(0);
  CHECK(none.run(4));
}

TEST_CASE("parallel_for reports the lowest failing index's error", "[util][parallel]") {
  for (unsigned jobs : {1u, 2u, 4u}) {
    std::string error;
    const bool ok = parallel_for(1000, jobs, [](std::size_t i, std::string& err) {
      if (i % 100 == 37) {
        err = "failed at " + std::to_string(i);
        return false;
      }
      return true;
    }, error);
    CHECK_FALSE(ok);
    CHECK(error == "failed at 37");
  }
  // The pool is usable again after a failed loop.
  Visits after(300);
  REQUIRE(after.run(2));
  CHECK(after.each_once());
}

TEST_CASE("parallel_for runs a loop inside a loop, and loops on two threads at once", "[util][parallel]") {
  // Inner loops run while the pool is busy with the outer one.
  std::vector<std::atomic<int>> cells(20 * 30);
  std::string error;
  REQUIRE(parallel_for(20, 2, [&cells](std::size_t outer, std::string& err) {
    return parallel_for(30, 2, [&cells, outer](std::size_t inner, std::string&) {
      cells[outer * 30 + inner].fetch_add(1);
      return true;
    }, err);
  }, error));
  for (const auto& c : cells) CHECK(c.load() == 1);

  // Two threads start loops at the same time, many times over: one gets the
  // pool, the other its own threads, and both finish every index.
  for (int round = 0; round < 50; ++round) {
    Visits a(200), b(200);
    bool a_ok = false, b_ok = false;
    std::thread other([&] { b_ok = b.run(2); });
    a_ok = a.run(3);
    other.join();
    CHECK(a_ok);
    CHECK(b_ok);
    CHECK(a.each_once());
    CHECK(b.each_once());
  }
}

TEST_CASE("parallel_for rethrows an exception from the loop once every thread has left it", "[util][parallel]") {
  for (int round = 0; round < 20; ++round) {
    // Index 0 is the calling thread's first; a late index is likely another
    // thread's. Either way the loop stops and the caller gets the exception.
    for (std::size_t bad : {std::size_t{0}, std::size_t{150}}) {
      std::string error;
      CHECK_THROWS_WITH(parallel_for(200, 2, [&](std::size_t i, std::string&) -> bool {
        if (i == bad) throw std::runtime_error("boom at " + std::to_string(i));
        return true;
      }, error), "boom at " + std::to_string(bad));
    }
    // Loops after a thrown one still run every index once.
    Visits after(300);
    REQUIRE(after.run(2));
    CHECK(after.each_once());
  }
}
