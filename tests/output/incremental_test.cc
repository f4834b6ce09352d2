// Incremental builds: OUT_DIR's manifest lets a build rewrite only the files
// whose content changed, and skip a build whose inputs did not change at all,
// while the result stays byte-identical to a clean single-threaded build.
#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>
#include <map>
#include <string>

#include <sys/stat.h>

#include "render/site_test_support.h"
#include "support/temp_dir.h"

using namespace kbgen::site_testing;
using kbgen::testing::TempDir;
namespace fs = std::filesystem;

namespace {

const std::string kToday = " --today 2026-11-24";

// What tells a rewritten file from an untouched one: a rewrite is a new file
// renamed into place, so its inode changes, and so does its mtime.
using Identities = std::map<std::string, std::pair<ino_t, std::int64_t>>;

Identities identities(const std::string& dir) {
  Identities ids;
  for (const auto& entry : fs::recursive_directory_iterator(dir)) {
    if (!entry.is_regular_file()) continue;
    struct ::stat st;
    REQUIRE(::stat(entry.path().c_str(), &st) == 0);
    ids[fs::relative(entry.path(), dir).generic_string()] = {
        st.st_ino, static_cast<std::int64_t>(st.st_mtim.tv_sec) * 1000000000 + st.st_mtim.tv_nsec};
  }
  return ids;
}

std::set<std::string> rewritten(const Identities& before, const Identities& after) {
  std::set<std::string> out;
  for (const auto& [path, id] : after) {
    const auto found = before.find(path);
    if (found == before.end() || found->second != id) out.insert(path);
  }
  return out;
}

std::set<std::string> differing(const Tree& before, const Tree& after) {
  std::set<std::string> out;
  for (const auto& [path, content] : after) {
    if (path.back() == '/') continue;
    const auto found = before.find(path);
    if (found == before.end() || found->second != content) out.insert(path);
  }
  return out;
}

// A copy of a fixture KB that the test may edit.
struct EditableKb {
  TempDir dir{"output-incremental"};
  std::string kb = dir.str() + "/kb";
  std::string out = dir.str() + "/site";

  explicit EditableKb(const std::string& source) {
    fs::copy(source, kb, fs::copy_options::recursive);
  }
  Run build(const std::string& extra = "", const std::string& to = "") const {
    return run_kbgen("build " + shell_quote(kb) + " -o " + shell_quote(to.empty() ? out : to) + kToday + extra);
  }
  void replace_in(const std::string& rel, const std::string& from, const std::string& to) const {
    std::string text = read_file(kb + "/" + rel);
    const std::size_t at = text.find(from);
    REQUIRE(at != std::string::npos);
    text.replace(at, from.size(), to);
    dir.write("kb/" + rel, text);
  }
};

std::string small_fixture() { return std::string(KBGEN_FIXTURES) + "/render/small"; }
std::string sample_kb_dir() { return std::string(KBGEN_SOURCE_DIR) + "/kb"; }

}  // namespace

TEST_CASE("incremental: a rebuild with no change writes nothing and says so", "[output][incremental]") {
  EditableKb kb(sample_kb_dir());
  const Run first = kb.build();
  INFO(first.err);
  REQUIRE(first.status == 0);
  CHECK(fs::exists(kb.out + "/.kbgen-manifest"));
  const Identities before = identities(kb.out);

  const Run again = kb.build();
  INFO(again.err);
  CHECK(again.status == 0);
  CHECK(contains(again.err, "is up to date"));
  CHECK(identities(kb.out) == before);
  CHECK(staging_leftovers(kb.out).empty());
}

TEST_CASE("incremental: an up-to-date build reports the same findings as the build before it",
          "[output][incremental]") {
  EditableKb kb(small_fixture());
  // A warning: a vague step.
  kb.replace_in("ops/E100.json", "\"fix\": [", "\"fix\": [\"Try again.\", ");
  const Run first = kb.build();
  INFO(first.err);
  REQUIRE(first.status == 0);
  REQUIRE(contains(first.err, "warning[vague-step]"));
  const Run again = kb.build();
  INFO(again.err);
  CHECK(again.status == 0);
  CHECK(contains(again.err, "is up to date"));
  const auto findings = [](const std::string& err) { return err.substr(0, err.find("kbgen: ")); };
  CHECK(findings(again.err) == findings(first.err));
}

TEST_CASE("incremental: editing one entry rewrites exactly the files whose content changed",
          "[output][incremental]") {
  EditableKb kb(sample_kb_dir());
  REQUIRE(kb.build().status == 0);
  const Tree before = snapshot(kb.out);
  const Identities ids_before = identities(kb.out);

  // A new title shows on the entry's own page and on every page that lists
  // or links to it (related links, backlinks, tag pages, the index).
  kb.replace_in("conditional-access/AADSTS53003.json", "\"title\": \"", "\"title\": \"Edited: ");
  const Run run = kb.build();
  INFO(run.err);
  REQUIRE(run.status == 0);
  CHECK(contains(run.err, "unchanged"));
  const Tree after = snapshot(kb.out);
  const std::set<std::string> changed = differing(before, after);
  CHECK(changed.count("codes/AADSTS53003/index.html"));
  CHECK(changed.count("index.html"));
  CHECK(changed.size() > 3);
  std::set<std::string> expected = changed;
  expected.insert(".kbgen-manifest");
  CHECK(rewritten(ids_before, identities(kb.out)) == expected);

  // Byte for byte what a clean single-threaded build makes.
  const std::string clean = kb.dir.str() + "/clean";
  const Run full = kb.build(" --full -j 1", clean);
  INFO(full.err);
  REQUIRE(full.status == 0);
  INFO(describe_difference(snapshot(clean), after));
  CHECK(snapshot(clean) == after);
}

TEST_CASE("incremental: a removed entry's files go, and so do files put into OUT by hand",
          "[output][incremental]") {
  EditableKb kb(small_fixture());
  REQUIRE(kb.build().status == 0);
  REQUIRE(fs::exists(kb.out + "/codes/E200/index.html"));
  kb.dir.write("site/stray.html", "not kbgen's");
  kb.dir.write("site/codes/STRAY/index.html", "not kbgen's");
  fs::create_directories(kb.out + "/empty/deeper");
  // What a killed incremental build leaves: its staging folder in OUT.
  kb.dir.write("site/.kbgen-staging-999999/codes/E100/index.html", "half a page");
  // E100 names E200 as related; without E200 that would be an error.
  kb.replace_in("ops/E100.json", "\"related\": [{\"code\": \"E200\", \"note\": \"E200 is the disk-full case that often follows.\"}]",
                "\"related\": []");
  fs::remove(kb.kb + "/ops/E200.json");
  const Run run = kb.build();
  INFO(run.err);
  REQUIRE(run.status == 0);
  CHECK_FALSE(fs::exists(kb.out + "/codes/E200"));
  CHECK_FALSE(fs::exists(kb.out + "/markdown/E200.md"));
  CHECK_FALSE(fs::exists(kb.out + "/stray.html"));
  CHECK_FALSE(fs::exists(kb.out + "/codes/STRAY"));
  CHECK_FALSE(fs::exists(kb.out + "/empty"));
  CHECK_FALSE(fs::exists(kb.out + "/.kbgen-staging-999999"));
  CHECK(fs::exists(kb.out + "/codes/E100/index.html"));
  const std::string clean = kb.dir.str() + "/clean";
  REQUIRE(kb.build(" --full", clean).status == 0);
  CHECK(snapshot(clean) == snapshot(kb.out));
}

TEST_CASE("incremental: an output file changed by hand is written again", "[output][incremental]") {
  EditableKb kb(small_fixture());
  REQUIRE(kb.build().status == 0);
  const Tree built = snapshot(kb.out);
  kb.dir.write("site/codes/E100/index.html", "edited by hand");
  const Run run = kb.build();
  INFO(run.err);
  REQUIRE(run.status == 0);
  CHECK_FALSE(contains(run.err, "is up to date"));
  CHECK(snapshot(kb.out) == built);
}

TEST_CASE("incremental: changed options, templates or configuration are never taken as up to date",
          "[output][incremental]") {
  EditableKb kb(small_fixture());
  REQUIRE(kb.build().status == 0);
  SECTION("another --today") {
    const Run run = run_kbgen("build " + shell_quote(kb.kb) + " -o " + shell_quote(kb.out) + " --today 2030-01-01");
    CHECK_FALSE(contains(run.err, "is up to date"));
  }
  SECTION("--only") {
    const Run run = kb.build(" --only json");
    INFO(run.err);
    CHECK_FALSE(contains(run.err, "is up to date"));
    CHECK(fs::exists(kb.out + "/api/index.json"));
    CHECK_FALSE(fs::exists(kb.out + "/index.html"));  // as a whole build would leave it
  }
  SECTION("kbgen.json") {
    kb.replace_in("kbgen.json", "Small render fixture", "Small render fixture, renamed");
    const Run run = kb.build();
    CHECK_FALSE(contains(run.err, "is up to date"));
    CHECK(contains(read_file(kb.out + "/index.html"), "renamed"));
  }
  SECTION("a template override") {
    kb.dir.write("templates/footer.mustache", "<footer>first</footer>\n");
    REQUIRE(kb.build(" --templates " + shell_quote(kb.dir.str() + "/templates")).status == 0);
    kb.dir.write("templates/footer.mustache", "<footer>second</footer>\n");
    const Run run = kb.build(" --templates " + shell_quote(kb.dir.str() + "/templates"));
    INFO(run.err);
    CHECK_FALSE(contains(run.err, "is up to date"));
    CHECK(contains(read_file(kb.out + "/index.html"), "second"));
  }
}

TEST_CASE("incremental: a build with errors leaves OUT and its manifest as they were", "[output][incremental]") {
  EditableKb kb(small_fixture());
  REQUIRE(kb.build().status == 0);
  const std::string manifest = read_file(kb.out + "/.kbgen-manifest");
  const Identities before = identities(kb.out);
  kb.replace_in("ops/E100.json", "\"code\": \"E100\"", "\"code\": 100");
  CHECK(kb.build().status == 1);
  CHECK(identities(kb.out) == before);
  CHECK(read_file(kb.out + "/.kbgen-manifest") == manifest);
}

TEST_CASE("incremental: --full and a missing manifest rewrite every file", "[output][incremental]") {
  EditableKb kb(small_fixture());
  REQUIRE(kb.build().status == 0);
  const Tree built = snapshot(kb.out);
  const Identities before = identities(kb.out);
  SECTION("--full") { REQUIRE(kb.build(" --full").status == 0); }
  SECTION("no manifest") {
    fs::remove(kb.out + "/.kbgen-manifest");
    REQUIRE(kb.build().status == 0);
  }
  SECTION("a damaged manifest") {
    kb.dir.write("site/.kbgen-manifest", "kbgen-manifest 1\nout zz\n");
    REQUIRE(kb.build().status == 0);
  }
  const Identities after = identities(kb.out);
  for (const auto& [path, id] : before) {
    INFO(path);
    if (path != ".kbgen-manifest") CHECK(after.at(path) != id);
  }
  CHECK(snapshot(kb.out) == built);
}

TEST_CASE("incremental: a site inside the KB folder can be up to date", "[output][incremental]") {
  // The incremental build stages inside OUT, so the KB folder itself (an
  // input: its listing decides which files are entries) does not change.
  EditableKb kb(small_fixture());
  const std::string inside = kb.kb + "/site";
  REQUIRE(kb.build("", inside).status == 0);
  const Run second = kb.build("", inside);
  INFO(second.err);
  REQUIRE(second.status == 0);
  kb.replace_in("ops/E100.json", "AgentStopped", "AgentHalted");
  const Run edited = kb.build("", inside);
  INFO(edited.err);
  REQUIRE(edited.status == 0);
  CHECK(contains(read_file(inside + "/codes/E100/index.html"), "AgentHalted"));
  const Run again = kb.build("", inside);
  INFO(again.err);
  CHECK(again.status == 0);
  CHECK(contains(again.err, "is up to date"));
}

TEST_CASE("incremental: a summary edit renders only that entry again, the rest reused byte for byte",
          "[output][incremental]") {
  EditableKb kb(sample_kb_dir());
  REQUIRE(kb.build().status == 0);
  const Identities ids_before = identities(kb.out);
  const Tree before = snapshot(kb.out);

  kb.replace_in("conditional-access/AADSTS53003.json", "\"summary\": \"", "\"summary\": \"Edited. ");
  const Run run = kb.build(" --stats");
  INFO(run.err);
  REQUIRE(run.status == 0);
  CHECK(contains(run.err, "6 of 7 entries reused from the last build"));
  const Tree after = snapshot(kb.out);
  std::set<std::string> expected = differing(before, after);
  CHECK(expected.count("runbook.html"));
  CHECK(expected.count("search-index.json"));
  expected.insert(".kbgen-manifest");
  CHECK(rewritten(ids_before, identities(kb.out)) == expected);

  // The same with every skippable entry rendered and compared.
  const std::string verified = kb.dir.str() + "/verified";
  REQUIRE(kb.build("", verified).status == 0);
  kb.replace_in("conditional-access/AADSTS53003.json", "Edited. ", "Edited twice. ");
  const Run verifying = run_kbgen("build " + shell_quote(kb.kb) + " -o " + shell_quote(verified) + kToday + " --stats",
                                  "KBGEN_VERIFY_SKIP=1");
  INFO(verifying.err);
  REQUIRE(verifying.status == 0);
  CHECK(contains(verifying.err, "6 of 7 entries reused"));

  const std::string clean = kb.dir.str() + "/clean";
  REQUIRE(kb.build(" --full -j 1", clean).status == 0);
  REQUIRE(kb.build().status == 0);
  INFO(describe_difference(snapshot(clean), snapshot(kb.out)));
  CHECK(snapshot(clean) == snapshot(kb.out));
  CHECK(snapshot(clean) == snapshot(verified));
}

namespace {

// Overwrites the start of OUT's `rel` with `mark`, keeping its size and
// modification time: a build trusts it as its own, so only a render
// (not a keep) takes the mark away.
void mark_in_place(const std::string& out, const std::string& rel, const std::string& mark) {
  const std::string path = out + "/" + rel;
  const auto mtime = fs::last_write_time(path);
  std::string text = read_file(path);
  REQUIRE(text.size() > mark.size());
  text.replace(0, mark.size(), mark);
  {
    std::ofstream(path, std::ios::binary | std::ios::trunc) << text;
  }
  fs::last_write_time(path, mtime);
}

}  // namespace

TEST_CASE("incremental: a list page whose entries show the same is kept without being rendered",
          "[output][incremental]") {
  EditableKb kb(sample_kb_dir());
  REQUIRE(kb.build().status == 0);
  const std::string mark = "<!--KEPT-->";
  // "mfa" does not list AADSTS53003; "block-access" does.
  REQUIRE_FALSE(contains(read_file(kb.out + "/tags/mfa/index.html"), "AADSTS53003"));
  REQUIRE(contains(read_file(kb.out + "/tags/block-access/index.html"), "AADSTS53003"));
  for (const char* page : {"index.html", "tags/mfa/index.html", "tags/block-access/index.html", "markdown/README.md"})
    mark_in_place(kb.out, page, mark);

  // A fix step shows on no list: every list page is kept.
  kb.replace_in("conditional-access/AADSTS53003.json", "tell the user which context", "tell the user exactly which context");
  Run run = kb.build();
  INFO(run.err);
  REQUIRE(run.status == 0);
  for (const char* page : {"index.html", "tags/mfa/index.html", "tags/block-access/index.html", "markdown/README.md"}) {
    INFO(page);
    CHECK(read_file(kb.out + "/" + page).rfind(mark, 0) == 0);
  }
  CHECK(contains(read_file(kb.out + "/codes/AADSTS53003/index.html"), "tell the user exactly which context"));

  // A summary shows on the home page, the README and its tags' pages: those
  // are rendered again; the other tags' pages are kept.
  kb.replace_in("conditional-access/AADSTS53003.json", "\"summary\": \"", "\"summary\": \"Edited. ");
  run = kb.build();
  INFO(run.err);
  REQUIRE(run.status == 0);
  CHECK(read_file(kb.out + "/tags/mfa/index.html").rfind(mark, 0) == 0);
  for (const char* page : {"index.html", "tags/block-access/index.html", "markdown/README.md"}) {
    INFO(page);
    CHECK(read_file(kb.out + "/" + page).rfind(mark, 0) != 0);
    CHECK(contains(read_file(kb.out + "/" + page), "Edited. "));
  }

  // With KBGEN_VERIFY_SKIP every page a build would keep is rendered and
  // compared with what the last build wrote; all agree.
  const std::string verified = kb.dir.str() + "/verified";
  REQUIRE(kb.build("", verified).status == 0);
  kb.replace_in("conditional-access/AADSTS53003.json", "tell the user exactly which context", "tell the user which context");
  const Run verifying = run_kbgen("build " + shell_quote(kb.kb) + " -o " + shell_quote(verified) + kToday, "KBGEN_VERIFY_SKIP=1");
  INFO(verifying.err);
  CHECK(verifying.status == 0);
  const std::string clean = kb.dir.str() + "/clean";
  REQUIRE(kb.build(" --full -j 1", clean).status == 0);
  CHECK(snapshot(clean) == snapshot(verified));
}
