// `kbgen explain CODE [--kb DIR]` as users run it: lookup by code, alias and
// case, the unknown-code message, colour and width. Standard output and
// standard error are captured separately, in files under a temporary folder.
#include <catch2/catch.hpp>

#include <algorithm>
#include <string>
#include <vector>

#include "render/terminal.h"
#include "support/check_helpers.h"
#include "support/run_binary.h"
#include "support/temp_dir.h"

using namespace kbgen::testing;

namespace {

std::string sample_kb() { return shell_quote(std::string(KBGEN_SOURCE_DIR) + "/kb"); }

bool contains(const std::string& haystack, const std::string& needle) {
  return haystack.find(needle) != std::string::npos;
}

// A one-entry KB whose explanation is short enough for a terminal buffer.
struct SmallKb {
  TempDir dir{"explain-small"};
  SmallKb() { dir.write("E1.json", valid_entry(R"("description": "Some **bold** text.")")); }
  std::string path() const { return shell_quote(dir.str()); }
};

}  // namespace

TEST_CASE("explain: finds an entry by code, alias and case", "[explain]") {
  for (const std::string code : {"AADSTS53003", "53003", "aadsts53003"}) {
    SECTION(code) {
      // From the source folder with a relative --kb: the source paths shown
      // are then as short as on any checkout, and no wrapping splits them.
      const Run r = run_kbgen("explain " + code + " --kb kb", "-C " + shell_quote(KBGEN_SOURCE_DIR));
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
  const Run r = run_kbgen("explain 53003", "-C " + shell_quote(KBGEN_SOURCE_DIR));
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
  const Run r = run_kbgen("explain E1 --kb " + shell_quote(dir.str()));
  INFO(r.out << r.err);
  CHECK(r.status == 0);
  CHECK(r.out.rfind("E1: Title\n", 0) == 0);
  CHECK(lines_of(r.err).size() == 1);
  CHECK(contains(r.err, "warning"));
  CHECK(contains(r.err, " 2 errors"));
  CHECK(contains(r.err, "kbgen check"));

  SECTION("and an entry it lacks is still unknown") {
    const Run missing = run_kbgen("explain E3 --kb " + shell_quote(dir.str()));
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
    const Run coloured = run_kbgen(small + " --color auto",
                                   {.env = "-u NO_COLOR TERM=xterm-256color", .stdout_to = pty.name()});
    const std::string seen = pty.drain();
    INFO(seen << coloured.err);
    CHECK(coloured.status == 0);
    CHECK(contains(seen, "Title"));
    CHECK(has_ansi(seen));

    const Run plain = run_kbgen(small + " --color auto",
                                {.env = "NO_COLOR=1 TERM=xterm-256color", .stdout_to = pty.name()});
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
      // A source path is never cut either; it starts within the width.
      const std::string last_word = line.substr(line.rfind(' ') + 1);
      const bool source_path = last_word.find(".json:") != std::string::npos &&
                               w - kbgen::display_width(last_word) <= width;
      INFO(line);
      CHECK((w <= width || lone_url || source_path));
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

TEST_CASE("explain: a source path longer than the line is shown whole", "[explain]") {
  TempDir dir{"explain-long-path"};
  const std::string folder = "a-folder-name-long-enough-to-need-a-line-of-its-own";
  dir.write(folder + "/E1.json", valid_entry(R"("description": "Text.")"));
  const Run r = run_kbgen("explain E1 --width 40 --kb " + shell_quote(dir.str() + "/" + folder));
  INFO(r.out << r.err);
  REQUIRE(r.status == 0);
  CHECK(contains(r.out, dir.str() + "/" + folder + "/E1.json:1\n"));
}

TEST_CASE("explain: --help names the options", "[explain]") {
  const Run r = run_kbgen("explain --help");
  CHECK(r.status == 0);
  for (const char* option : {"--kb", "--color", "--width", "Exit status"}) {
    INFO(option);
    CHECK(contains(r.out, option));
  }
}
