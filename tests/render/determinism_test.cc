// SPEC §5: `build` is deterministic: the same KB gives byte-identical output
// whatever the locale, time zone, working folder or clock. The only date that
// may matter is --today (or SOURCE_DATE_EPOCH), and no build timestamp is
// written.
#include <catch2/catch.hpp>

#include <clocale>
#include <ctime>
#include <filesystem>
#include <string>
#include <vector>

#include <locale.h>

#include "check/dates.h"
#include "render/site_test_support.h"
#include "support/temp_dir.h"

using namespace kbgen::site_testing;
using kbgen::testing::TempDir;
namespace fs = std::filesystem;

namespace {

bool locale_available(const char* name) {
  locale_t loc = ::newlocale(LC_ALL_MASK, name, static_cast<locale_t>(nullptr));
  if (!loc) return false;
  ::freelocale(loc);
  return true;
}

struct Variant {
  std::string name;
  std::string env;
  std::string cwd;  // run from here ("": the test's own working folder)
  std::string kb;   // as given on the command line
  std::string today = " --today 2026-11-24";
};

void require_same_tree(const Tree& expected, const Tree& actual, const std::string& what) {
  INFO(what << "\n" << describe_difference(expected, actual));
  CHECK(file_paths(actual) == file_paths(expected));
  CHECK(actual == expected);
}

// The dates of the build clock in the forms a page might show one.
std::vector<std::string> clock_date_strings(std::time_t now) {
  std::vector<std::string> out;
  for (const bool local : {false, true}) {
    std::tm tm{};
    if (local)
      ::localtime_r(&now, &tm);
    else
      ::gmtime_r(&now, &tm);
    char buf[64];
    for (const char* format : {"%Y-%m-%d", "%Y/%m/%d", "%d.%m.%Y", "%Y%m%d", "%B %e, %Y", "%d %b %Y"}) {
      std::strftime(buf, sizeof buf, format, &tm);
      out.push_back(buf);
    }
  }
  return out;
}

std::string all_kb_text(const std::string& kb) {
  std::string text;
  for (const auto& [path, content] : snapshot(kb)) text += content + "\n";
  return text;
}

}  // namespace

TEST_CASE("render: the sample KB builds byte-identically under any locale, time zone and working folder",
          "[render]") {
  TempDir dir("render-determinism");
  const std::string kb = sample_kb();
  const std::string source = KBGEN_SOURCE_DIR;
  const long day = *kbgen::parse_iso_date("2026-11-24");
  const std::string late_epoch = std::to_string(day * 86400L + 23L * 3600L);  // 23:00 UTC: already the 25th in Kiritimati

  std::vector<Variant> variants = {
      {"C, UTC", "-u LANG -u LANGUAGE LC_ALL=C TZ=UTC", "", kb},
      {"C.UTF-8, Pacific/Kiritimati", "LANG=C.UTF-8 LC_ALL=C.UTF-8 TZ=Pacific/Kiritimati", "", kb},
      {"C.UTF-8, America/St_Johns, relative KB path from the source folder",
       "LC_ALL=C.UTF-8 TZ=America/St_Johns SOURCE_DATE_EPOCH=0", source, "kb"},
      {"POSIX, TZ=UTC-14, relative path with .. and a trailing slash", "LC_ALL=POSIX TZ=UTC-14", source + "/kb/mfa",
       "../../kb/"},
      {"SOURCE_DATE_EPOCH instead of --today, Kiritimati", "LC_ALL=C.UTF-8 TZ=Pacific/Kiritimati SOURCE_DATE_EPOCH=" + late_epoch,
       "", kb, ""},
  };
  for (const char* name : {"de_DE.UTF-8", "de_DE.utf8", "tr_TR.UTF-8", "ja_JP.UTF-8"})
    if (locale_available(name))
      variants.push_back({std::string(name) + ", Asia/Kolkata",
                          std::string("LANG=") + name + " LC_ALL=" + name + " TZ=Asia/Kolkata", "", kb});

  Tree reference;
  for (std::size_t v = 0; v < variants.size(); ++v) {
    const Variant& variant = variants[v];
    const std::string out = dir.str() + "/out-" + std::to_string(v);
    const Run run = run_kbgen("build " + shell_quote(variant.kb) + " -o " + shell_quote(out) + variant.today,
                              variant.env, variant.cwd);
    INFO(variant.name << "\n" << run.err);
    REQUIRE(run.status == 0);
    const Tree tree = snapshot(out);
    REQUIRE(tree.count("index.html"));
    REQUIRE(tree.count("codes/AADSTS53003/index.html"));
    if (v == 0)
      reference = tree;
    else
      require_same_tree(reference, tree, variant.name);
  }

  // The same build again gives the same bytes (no state carried over).
  const Run again = run_kbgen("build " + shell_quote(kb) + " -o " + shell_quote(dir.str() + "/out-0") +
                              variants[0].today, variants[0].env);
  REQUIRE(again.status == 0);
  require_same_tree(reference, snapshot(dir.str() + "/out-0"), "rebuild over the first output");

  // Any number of rendering threads gives the same bytes.
  for (const char* jobs : {"1", "2", "3", "8"}) {
    const std::string out = dir.str() + "/jobs-" + jobs;
    const Run run = run_kbgen("build " + shell_quote(kb) + " -o " + shell_quote(out) + variants[0].today +
                                  " --jobs " + jobs,
                              variants[0].env);
    INFO("--jobs " << jobs << "\n" << run.err);
    REQUIRE(run.status == 0);
    require_same_tree(reference, snapshot(out), std::string("--jobs ") + jobs);
  }
}

TEST_CASE("render: no build timestamp: the clock only matters as the default --today", "[render]") {
  TempDir dir("render-clock");
  const std::string kb = sample_kb();
  const std::time_t before = std::time(nullptr);
  const Run clock = run_kbgen("build " + shell_quote(kb) + " -o " + shell_quote(dir.str() + "/clock"),
                              "-u SOURCE_DATE_EPOCH LC_ALL=C.UTF-8 TZ=Pacific/Kiritimati");
  const std::time_t after = std::time(nullptr);
  INFO(clock.err);
  REQUIRE(clock.status == 0);
  const Tree built = snapshot(dir.str() + "/clock");
  REQUIRE(built.count("index.html"));

  std::vector<std::string> dates = clock_date_strings(before);
  for (const std::string& d : clock_date_strings(after)) dates.push_back(d);
  const std::string kb_text = all_kb_text(kb);
  for (const std::string& date : dates) {
    if (contains(kb_text, date)) continue;  // in the KB data: may be shown
    for (const auto& [path, content] : built) {
      INFO("file " << path << " shows the build date " << date);
      CHECK_FALSE(contains(content, date));
    }
  }

  // And it is the same site as one built with the clock's UTC date as --today
  // (unless the build straddled midnight UTC).
  const std::string today_before = kbgen::format_iso_date(static_cast<long>(before / 86400));
  const std::string today_after = kbgen::format_iso_date(static_cast<long>(after / 86400));
  if (today_before == today_after) {
    const Run fixed = run_kbgen("build " + shell_quote(kb) + " -o " + shell_quote(dir.str() + "/fixed") +
                                " --today " + today_before, "LC_ALL=C TZ=UTC");
    REQUIRE(fixed.status == 0);
    require_same_tree(snapshot(dir.str() + "/fixed"), built, "clock build vs --today " + today_before);
  }
}
