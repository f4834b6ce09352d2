// Stage 6, output (SPEC §5): `build` never leaves a half-written or mixed
// site. A failed build leaves OUT_DIR byte-for-byte as it was and no staging
// folder behind; a folder kbgen did not write is never replaced.
#include <catch2/catch.hpp>

#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <string>
#include <thread>

#include "output/old_trees.h"
#include "output/output.h"
#include "render/site_test_support.h"
#include "support/temp_dir.h"

using namespace kbgen::site_testing;
using kbgen::StagedOutput;
using kbgen::is_safe_output_path;
using kbgen::testing::TempDir;
namespace fs = std::filesystem;

namespace {

const std::string kToday = " --today 2026-11-24";

std::string fixture(const std::string& name) { return std::string(KBGEN_FIXTURES) + "/render/" + name; }

Run build(const std::string& kb, const std::string& out, const std::string& extra = "") {
  return run_kbgen("build " + shell_quote(kb) + " -o " + shell_quote(out) + kToday + extra);
}

// out_dir's old trees (output/old_trees.h) in its parent folder.
std::vector<std::string> old_trees(const std::string& out_dir) {
  std::vector<std::string> found;
  std::error_code ec;
  for (auto it = fs::directory_iterator(fs::path(out_dir).parent_path(), ec); !ec && it != fs::directory_iterator();
       it.increment(ec))
    if (it->path().filename().string().rfind(kbgen::old_tree_prefix(out_dir), 0) == 0)
      found.push_back(it->path().filename().string());
  return found;
}

// Whether out_dir's old trees are all removed within a minute: their
// removal runs on its own, after the build.
bool old_trees_removed(const std::string& out_dir) {
  for (int i = 0; i < 600 && !old_trees(out_dir).empty(); ++i)
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
  return old_trees(out_dir).empty();
}

// OUT holding an earlier, successful build of the small fixture.
struct BuiltSite {
  TempDir dir{"output-atomic"};
  std::string out = dir.str() + "/site";
  Tree before;
  BuiltSite() {
    const Run first = build(fixture("small"), out);
    INFO(first.err);
    REQUIRE(first.status == 0);
    before = snapshot(out);
    REQUIRE(before.count(".kbgen-site"));
    REQUIRE(before.count("index.html"));
    REQUIRE(staging_leftovers(out).empty());
  }
  // Builds the small fixture into OUT again: the site is the first build's.
  void require_rebuilt(const std::string& extra = "") const {
    const Run run = build(fixture("small"), out, extra);
    INFO(run.err);
    REQUIRE(run.status == 0);
    const Tree after = snapshot(out);
    INFO(describe_difference(before, after));
    CHECK(after == before);
    CHECK(staging_leftovers(out).empty());
  }
  void require_unchanged() const {
    const Tree after = snapshot(out);
    INFO(describe_difference(before, after));
    CHECK(after == before);
    CHECK(staging_leftovers(out) == std::vector<std::string>{});
  }
};

}  // namespace

TEST_CASE("output: a KB with errors leaves an existing site exactly as it was", "[output]") {
  BuiltSite site;
  const Run run = build(fixture("broken"), site.out);
  CHECK(run.status == 1);
  CHECK(contains(run.err, "bad-tag"));
  site.require_unchanged();
}

TEST_CASE("output: a template override with a Mustache syntax error leaves the site as it was", "[output]") {
  BuiltSite site;
  for (const std::string bad : {"{{#x}}", "{{/x}}", "<p>{{#entry}}{{/site}}</p>", "{{> nope}}", "{{"}) {
    INFO("footer.mustache: " << bad);
    site.dir.write("theme/footer.mustache", bad);
    const Run run = build(fixture("small"), site.out, " --templates " + shell_quote(site.dir.str() + "/theme"));
    CHECK(run.status == 2);
    CHECK(contains(run.err, "footer.mustache"));
    site.require_unchanged();
  }
}

TEST_CASE("output: an unknown file in the templates folder leaves the site as it was", "[output]") {
  BuiltSite site;
  site.dir.write("theme/fotter.mustache", "<footer>typo</footer>");
  const Run run = build(fixture("small"), site.out, " --templates " + shell_quote(site.dir.str() + "/theme"));
  CHECK(run.status == 2);
  CHECK(contains(run.err, "fotter.mustache"));
  site.require_unchanged();
}

TEST_CASE("output: a missing KB or templates folder leaves the site as it was", "[output]") {
  BuiltSite site;
  CHECK(build(site.dir.str() + "/no-such-kb", site.out).status == 2);
  site.require_unchanged();
  CHECK(build(fixture("small"), site.out, " --templates " + shell_quote(site.dir.str() + "/no-such-theme")).status == 2);
  site.require_unchanged();
}

TEST_CASE("output: a successful rebuild replaces the whole site, stale files included", "[output]") {
  BuiltSite site;
  // A file the next build does not write, and a changed one.
  site.dir.write("site/codes/GONE/index.html", "stale");
  site.dir.write("site/index.html", "changed");
  site.require_rebuilt();
}

TEST_CASE("output: a non-empty folder without the .kbgen-site marker is refused and untouched", "[output]") {
  TempDir dir("output-foreign");
  const std::string out = dir.str() + "/precious";
  dir.write("precious/notes.txt", "my notes\n");
  dir.write("precious/sub/index.html", "<p>mine</p>\n");
  const Tree before = snapshot(out);
  const Run run = build(fixture("small"), out);
  CHECK(run.status == 2);
  CHECK(contains(run.err, ".kbgen-site"));
  CHECK(snapshot(out) == before);
  CHECK(staging_leftovers(out).empty());

  // The same with a trailing slash on -o.
  CHECK(build(fixture("small"), out + "/").status == 2);
  CHECK(snapshot(out) == before);
  CHECK(staging_leftovers(out).empty());
}

TEST_CASE("output: a file where OUT should be is refused and untouched", "[output]") {
  TempDir dir("output-file");
  const std::string out = dir.write("site", "a file\n");
  CHECK(build(fixture("small"), out).status == 2);
  CHECK(read_file(out) == "a file\n");
  CHECK(staging_leftovers(out).empty());
}

TEST_CASE("output: an empty existing folder and a missing one are both written", "[output]") {
  TempDir dir("output-empty");
  fs::create_directory(dir.path() / "empty");
  const Run into_empty = build(fixture("small"), dir.str() + "/empty");
  INFO(into_empty.err);
  CHECK(into_empty.status == 0);
  const Run into_new = build(fixture("small"), dir.str() + "/a/b/new");
  INFO(into_new.err);
  CHECK(into_new.status == 0);
  CHECK(snapshot(dir.str() + "/empty") == snapshot(dir.str() + "/a/b/new"));
  CHECK(snapshot(dir.str() + "/empty").count(".kbgen-site"));
  CHECK(staging_leftovers(dir.str() + "/empty").empty());
  CHECK(staging_leftovers(dir.str() + "/a/b/new").empty());
}

TEST_CASE("output: StagedOutput writes nothing to OUT until commit, and cleans up when dropped", "[output]") {
  TempDir dir("output-staged");
  const std::string out = dir.str() + "/site";
  dir.write("site/.kbgen-site", "old marker\n");
  dir.write("site/old.html", "old\n");
  const Tree before = snapshot(out);
  std::string error;
  {
    StagedOutput staged;
    REQUIRE(staged.begin(out, error));
    REQUIRE(staged.write("new.html", "new\n", error));
    REQUIRE(staged.write("deep/er/file.txt", "x", error));
    CHECK(snapshot(out) == before);
    CHECK(staging_leftovers(out).size() == 1);
  }  // dropped without commit
  CHECK(snapshot(out) == before);
  CHECK(staging_leftovers(out).empty());
  CHECK(old_trees_removed(out));

  {
    StagedOutput staged;
    REQUIRE(staged.begin(out, error));
    REQUIRE(staged.write("new.html", "new\n", error));
    // A path that leaves the folder fails the write, and the build with it.
    CHECK_FALSE(staged.write("../escaped.html", "x", error));
    CHECK(contains(error, "../escaped.html"));
    CHECK_FALSE(fs::exists(dir.path() / "escaped.html"));
    REQUIRE(staged.write("deep/er/file.txt", "x", error));
    CHECK(staged.files_written() == 3);  // the marker, new.html, file.txt
    REQUIRE(staged.commit({}, error));
  }
  const Tree after = snapshot(out);
  CHECK(after.count("new.html"));
  CHECK(after.count("deep/er/file.txt"));
  CHECK(after.count(".kbgen-site"));
  CHECK_FALSE(after.count("old.html"));
  CHECK(staging_leftovers(out).empty());
  CHECK(old_trees_removed(out));
}

TEST_CASE("output: a whole rebuild leaves the replaced site to a removal of its own, which finishes", "[output]") {
  BuiltSite site;
  // What a remover that did not finish leaves behind.
  site.dir.write(kbgen::old_tree_prefix(site.out) + "999999-0/codes/X/index.html", "old");
  REQUIRE(old_trees(site.out).size() == 1);
  // The new site is in place at once, nothing of the old one in it.
  site.require_rebuilt(" --full");
  // The replaced site and the leftover both go, and nothing else beside OUT.
  CHECK(old_trees_removed(site.out));
  std::vector<std::string> beside;
  for (const auto& item : fs::directory_iterator(site.dir.path())) beside.push_back(item.path().filename().string());
  CHECK(beside == std::vector<std::string>{"site"});
}

TEST_CASE("output: git never sees the replaced site while it is being removed", "[output]") {
  if (std::system("git --version >/dev/null 2>&1") != 0) {
    WARN("git is not installed: nothing to check against");
    return;
  }
  BuiltSite site;
  const std::string git = "git -C " + shell_quote(site.dir.str()) + " ";
  REQUIRE(std::system((git + "init -q").c_str()) == 0);
  // The replaced site stays, as if its removal had not finished.
  const Run run = run_kbgen("build " + shell_quote(fixture("small")) + " -o " + shell_quote(site.out) + kToday +
                            " --full", "KBGEN_KEEP_OLD_TREES=1");
  INFO(run.err);
  REQUIRE(run.status == 0);
  REQUIRE(old_trees(site.out).size() == 1);
  // No file of the old site is untracked: only site/ is.
  const std::string listing = site.dir.str() + "/../" + site.dir.path().filename().string() + ".git-status";
  REQUIRE(std::system((git + "status --porcelain --untracked-files=all > " + shell_quote(listing)).c_str()) == 0);
  const std::vector<std::string> lines = kbgen::testing::lines_of(read_file(listing));
  fs::remove(listing);
  CHECK_FALSE(lines.empty());
  for (const std::string& line : lines) {
    INFO(line);
    CHECK(line.rfind("?? site/", 0) == 0);
  }
  // The next whole build removes it.
  site.require_rebuilt(" --full");
  CHECK(old_trees_removed(site.out));
}

TEST_CASE("output: a file written in pieces holds every piece in order, across buffer flushes", "[output]") {
  TempDir dir("output-pieces");
  const std::string out = dir.str() + "/site";
  std::string error;
  std::string expected;
  {
    StagedOutput staged;
    REQUIRE(staged.begin(out, error));
    CHECK(staged.open("../outside.md", error) == nullptr);
    CHECK(contains(error, "../outside.md"));
    auto file = staged.open("book/runbook.md", error);
    REQUIRE(file);
    // Small pieces, one larger than the write buffer, then small ones again.
    for (int i = 0; i < 1000; ++i) {
      const std::string piece = "piece " + std::to_string(i) + "\n";
      expected += piece;
      REQUIRE(file->append(piece, error));
    }
    const std::string large(3u << 20, 'x');
    expected += large;
    REQUIRE(file->append(large, error));
    expected += "end\n";
    REQUIRE(file->append("end\n", error));
    CHECK_FALSE(fs::exists(out + "/book/runbook.md"));
    REQUIRE(staged.close(std::move(file), error));
    CHECK(staged.files_written() == 2);  // the marker and the runbook
    CHECK(staged.bytes_written() >= expected.size());
    REQUIRE(staged.commit({}, error));
  }
  CHECK(read_file(out + "/book/runbook.md") == expected);
}

TEST_CASE("output: is_safe_output_path accepts only plain relative paths", "[output]") {
  for (const char* bad : {"../x", "/x", "a/../b", "a//b", "", "a\\b", ".", "..", "./a", "a/.", "a/", "x/..",
                          "/", "//x", "a/./b"})
    CHECK_FALSE(is_safe_output_path(bad));
  CHECK_FALSE(is_safe_output_path(std::string_view("a\0b", 3)));
  for (const char* good : {"index.html", "codes/AADSTS53003/index.html", ".kbgen-site", "a/b/c.d", "..x", "x..",
                           "a.b/..c", "E.1-x_y/index.html"})
    CHECK(is_safe_output_path(good));
}

TEST_CASE("output: a site built inside the KB folder is not read back as entries on the next build", "[output]") {
  // `kbgen build . ` from inside a KB writes ./site: the next build must not
  // load site/**/*.json (search index, API files) as entry files.
  TempDir dir("output-inside-kb");
  for (const std::string file : {"kbgen.json", "ops/E100.json", "ops/E200.json"})
    dir.write("kb/" + file, read_file(fixture("small") + "/" + file));
  const std::string out = dir.str() + "/kb/site";
  const Run first = build(dir.str() + "/kb", out);
  INFO(first.err);
  REQUIRE(first.status == 0);
  const Tree before = snapshot(out);
  const Run second = build(dir.str() + "/kb", out);
  INFO(second.err);
  CHECK(second.status == 0);
  CHECK(snapshot(out) == before);
  CHECK(staging_leftovers(out).empty());
}

TEST_CASE("output: a small file written in pieces is made only if it changed", "[output]") {
  TempDir dir("output-small-pieces");
  const std::string out = dir.str() + "/site";
  std::string error;
  const auto write_in_pieces = [&](StagedOutput& staged, const std::string& path, const std::string& text) {
    auto file = staged.open(path, error);
    REQUIRE(file);
    for (std::size_t at = 0; at < text.size(); at += 7) REQUIRE(file->append(text.substr(at, 7), error));
    return file;
  };
  {
    StagedOutput staged;
    REQUIRE(staged.begin(out, error));
    REQUIRE(staged.close(write_in_pieces(staged, "tags/a/index.html", "<p>tag a, as it was</p>\n"), error));
    REQUIRE(staged.close(write_in_pieces(staged, "tags/b/index.html", "<p>tag b, as it was</p>\n"), error));
    REQUIRE(staged.commit({}, error));
  }
  kbgen::Manifest previous;
  REQUIRE(kbgen::parse_manifest(read_file(out + "/" + kbgen::kManifestName), previous));
  {
    StagedOutput staged;
    REQUIRE(staged.begin(out, error, &previous));
    auto same = write_in_pieces(staged, "tags/a/index.html", "<p>tag a, as it was</p>\n");
    auto changed = write_in_pieces(staged, "tags/b/index.html", "<p>tag b, changed</p>\n");
    // Nothing is in the staging folder until a file is closed.
    CHECK_FALSE(fs::exists(staged.staging_path("tags")));
    REQUIRE(staged.close(std::move(same), error));
    CHECK_FALSE(fs::exists(staged.staging_path("tags/a")));
    REQUIRE(staged.close(std::move(changed), error));
    CHECK(fs::exists(staged.staging_path("tags/b/index.html")));
    CHECK(staged.files_written() == 1);
    REQUIRE(staged.commit({}, error));
  }
  CHECK(read_file(out + "/tags/a/index.html") == "<p>tag a, as it was</p>\n");
  CHECK(read_file(out + "/tags/b/index.html") == "<p>tag b, changed</p>\n");
}

TEST_CASE("output: keep_previous_all keeps every file or none", "[output]") {
  TempDir dir("output-keep-all");
  const std::string out = dir.str() + "/site";
  std::string error;
  {
    StagedOutput staged;
    REQUIRE(staged.begin(out, error));
    for (const char* path : {"codes/A/index.html", "markdown/A.md", "codes/B/index.html"})
      REQUIRE(staged.write(path, std::string("page ") + path, error));
    REQUIRE(staged.commit({}, error));
  }
  kbgen::Manifest previous;
  REQUIRE(kbgen::parse_manifest(read_file(out + "/" + kbgen::kManifestName), previous));
  fs::remove(out + "/markdown/A.md");
  StagedOutput staged;
  REQUIRE(staged.begin(out, error, &previous));
  CHECK_FALSE(staged.keep_previous_all({"codes/A/index.html", "markdown/A.md"}));
  CHECK(staged.files_unchanged() == 1);  // the marker only: nothing of A was kept
  CHECK(staged.keep_previous_all({"codes/B/index.html"}));
  CHECK(staged.files_unchanged() == 2);
}
