// Template overrides (docs/templates.md): one file in a templates folder
// replaces that built-in file only; an unknown file or a template that does
// not parse stops the build before anything is written; kbgen.json's
// "templates" is relative to the KB folder.
#include <catch2/catch.hpp>

#include <random>
#include <string>
#include <vector>

#include "render/site_test_support.h"
#include "render/templates.h"
#include "support/temp_dir.h"

using namespace kbgen::site_testing;
using kbgen::testing::TempDir;

namespace {

const std::string kToday = " --today 2026-11-24";
const std::string kMarker = "KBGEN-TEST-FOOTER-MARKER";
const std::string kFooterStart = "<footer class=\"site-footer\"";

std::string fixture(const std::string& name) { return std::string(KBGEN_FIXTURES) + "/render/" + name; }

bool ends_with(const std::string& s, const std::string& suffix) {
  return s.size() >= suffix.size() && s.compare(s.size() - suffix.size(), suffix.size(), suffix) == 0;
}

// [start, end) of the page's footer element, or npos.
std::pair<std::size_t, std::size_t> footer_range(const std::string& html) {
  const std::size_t start = html.find(kFooterStart);
  if (start == std::string::npos) return {std::string::npos, std::string::npos};
  const std::size_t close = html.find("</footer>", start);
  if (close == std::string::npos) return {std::string::npos, std::string::npos};
  return {start, close + 9};
}

Run build(const std::string& kb, const std::string& out, const std::string& extra = "") {
  return run_kbgen("build " + shell_quote(kb) + " -o " + shell_quote(out) + kToday + extra);
}

// A build that must fail before writing anything: OUT stays absent.
void require_refused(const Run& run, const std::string& out, const std::string& names) {
  INFO(run.err);
  CHECK(run.status == 2);
  CHECK(contains(run.err, names));
  CHECK(snapshot(out).empty());
  CHECK(staging_leftovers(out).empty());
}

}  // namespace

TEST_CASE("render: overriding the footer partial changes every page's footer and nothing else", "[render]") {
  TempDir dir("render-footer");
  const std::string theme = dir.str() + "/theme";
  dir.write("theme/footer.mustache",
            "<footer class=\"site-footer\"><p>" + kMarker + " {{site.title}} root=[{{root}}]</p></footer>\n");
  const Run plain = build(sample_kb(), dir.str() + "/plain");
  INFO(plain.err);
  REQUIRE(plain.status == 0);
  const Run themed = build(sample_kb(), dir.str() + "/themed", " --templates " + shell_quote(theme));
  INFO(themed.err);
  REQUIRE(themed.status == 0);
  const Tree a = snapshot(dir.str() + "/plain");
  const Tree b = snapshot(dir.str() + "/themed");
  REQUIRE(file_paths(a) == file_paths(b));

  std::vector<std::string> pages_with_footer;
  for (const std::string& path : file_paths(a)) {
    INFO("file: " << path);
    const std::string& before = a.at(path);
    const std::string& after = b.at(path);
    const auto [s1, e1] = footer_range(before);
    if (s1 == std::string::npos) {
      CHECK(before == after);  // no footer: the built-in output, unchanged
      CHECK_FALSE(contains(after, kMarker));
      continue;
    }
    pages_with_footer.push_back(path);
    const auto [s2, e2] = footer_range(after);
    REQUIRE(s2 != std::string::npos);
    CHECK(before.substr(0, s1) == after.substr(0, s2));
    CHECK(before.substr(e1) == after.substr(e2));
    const std::string footer = after.substr(s2, e2 - s2);
    CHECK(contains(footer, kMarker));
    // The partial sees the page's data.
    const std::string root = contains(path, "/") ? "../../" : "";
    if (path != "404.html") CHECK(contains(footer, "root=[" + root + "]"));
  }
  // Every page of the site has the footer.
  std::vector<std::string> expected = {"404.html", "index.html"};
  for (const std::string& path : file_paths(a))
    if ((path.rfind("codes/", 0) == 0 || path.rfind("tags/", 0) == 0) && ends_with(path, "/index.html"))
      expected.push_back(path);
  for (const std::string& page : expected) {
    INFO("page: " << page);
    CHECK(std::find(pages_with_footer.begin(), pages_with_footer.end(), page) != pages_with_footer.end());
  }
  CHECK(expected.size() >= 2 + 7);
}

TEST_CASE("render: an overridden asset is copied as is", "[render]") {
  TempDir dir("render-asset");
  dir.write("theme/assets/style.css", ":root { --bg: #123456; } /* test theme */\n");
  const std::string out = dir.str() + "/out";
  const Run run = build(fixture("small"), out, " --templates " + shell_quote(dir.str() + "/theme"));
  INFO(run.err);
  REQUIRE(run.status == 0);
  CHECK(read_file(out + "/assets/style.css") == ":root { --bg: #123456; } /* test theme */\n");
}

TEST_CASE("render: an unknown file in the templates folder fails the build, naming the file", "[render]") {
  for (const std::string name : {"fotter.mustache", "assets/stlye.css", "notes.txt", "partials/footer.mustache"}) {
    INFO("file: " << name);
    TempDir dir("render-unknown-template");
    dir.write("theme/footer.mustache", "<footer class=\"site-footer\">ok</footer>\n");
    dir.write("theme/" + name, "x");
    const std::string out = dir.str() + "/out";
    require_refused(build(fixture("small"), out, " --templates " + shell_quote(dir.str() + "/theme")), out, name);
  }
}

TEST_CASE("render: a template that does not parse fails the build before anything is written", "[render]") {
  struct Case {
    std::string file, text;
  };
  for (const Case& c : std::vector<Case>{{"footer.mustache", "<footer>{{#x}}</footer>"},
                                         {"entry.mustache", "{{#entry}}<h1>{{code}}</h1>"},
                                         {"layout.mustache", "{{{content}}"},
                                         {"home.mustache", "{{/products}}"},
                                         {"steps.mustache", "{{> no-such-partial}}"}}) {
    INFO(c.file << ": " << c.text);
    TempDir dir("render-bad-template");
    dir.write("theme/" + c.file, c.text);
    const std::string out = dir.str() + "/out";
    require_refused(build(fixture("small"), out, " --templates " + shell_quote(dir.str() + "/theme")), out, c.file);
  }
}

TEST_CASE("render: \"templates\" in kbgen.json is relative to the KB folder, and --templates wins", "[render]") {
  TempDir dir("render-config-templates");
  const std::string fixtures = std::string(KBGEN_FIXTURES) + "/render";
  // From the fixtures folder, from inside the KB, and with an absolute path.
  const std::vector<std::pair<std::string, std::string>> runs = {
      {fixtures, "themed/kb"}, {fixtures + "/themed/kb/entries", ".."}, {"", fixtures + "/themed/kb"}};
  Tree first;
  for (std::size_t i = 0; i < runs.size(); ++i) {
    const auto& [cwd, kb] = runs[i];
    INFO("cwd " << cwd << ", KB " << kb);
    const std::string out = dir.str() + "/out-" + std::to_string(i);
    const Run run = run_kbgen("build " + shell_quote(kb) + " -o " + shell_quote(out) + kToday, "", cwd);
    INFO(run.err);
    REQUIRE(run.status == 0);
    const Tree tree = snapshot(out);
    REQUIRE(tree.count("index.html"));
    for (const std::string page : {"index.html", "404.html", "codes/T1/index.html", "codes/T2/index.html",
                                   "tags/themed/index.html"}) {
      INFO("page: " << page);
      REQUIRE(tree.count(page));
      CHECK(contains(tree.at(page), "KBGEN-THEMED-FOOTER-MARKER Themed render fixture (2 entries)"));
    }
    if (i == 0)
      first = tree;
    else
      CHECK(tree == first);
  }

  // --templates replaces kbgen.json's folder (it does not add to it).
  dir.write("other/footer.mustache", "<footer class=\"site-footer\">KBGEN-OTHER-FOOTER</footer>\n");
  const std::string out = dir.str() + "/out-cli";
  const Run run = build(fixtures + "/themed/kb", out, " --templates " + shell_quote(dir.str() + "/other"));
  INFO(run.err);
  REQUIRE(run.status == 0);
  const std::string home = read_file(out + "/index.html");
  CHECK(contains(home, "KBGEN-OTHER-FOOTER"));
  CHECK_FALSE(contains(home, "KBGEN-THEMED-FOOTER-MARKER"));
}

TEST_CASE("render: a missing templates folder named in kbgen.json fails the build", "[render]") {
  TempDir dir("render-missing-theme");
  dir.write("kb/kbgen.json", R"({"templates": "no-such-theme"})");
  dir.write("kb/E1.json", read_file(fixture("themed/kb/entries/T1.json")));
  const std::string out = dir.str() + "/out";
  require_refused(build(dir.str() + "/kb", out), out, "no-such-theme");
}

TEST_CASE("render: an absolute \"templates\" path in kbgen.json is used as it is", "[render]") {
  TempDir dir("render-absolute-theme");
  dir.write("theme/footer.mustache", "<footer class=\"site-footer\">KBGEN-ABSOLUTE-THEME</footer>\n");
  dir.write("kb/kbgen.json", "{\"templates\": \"" + dir.str() + "/theme\"}");
  dir.write("kb/E1.json", read_file(fixture("themed/kb/entries/T1.json")));
  const std::string out = dir.str() + "/out";
  const Run run = build(dir.str() + "/kb", out);
  INFO(run.err);
  REQUIRE(run.status == 0);
  CHECK(contains(read_file(out + "/index.html"), "KBGEN-ABSOLUTE-THEME"));
}

TEST_CASE("render: a Markdown template that lists a section's steps gets them", "[render]") {
  // The built-in Markdown templates take "fix_md", so kbgen skips building
  // the "steps" lists for them; a template that does name "steps", itself
  // or through a partial it includes, must still get every step.
  TempDir dir("render-md-steps");
  dir.write("theme/markdown/entry.mustache",
            "{{#entry}}{{code}}{{#fix}}{{#steps}}[{{{md}}}]{{#has_steps}}{{#steps}}<{{{md}}}>{{/steps}}{{/has_steps}}"
            "{{/steps}}{{/fix}}{{/entry}}\n");
  dir.write("theme/markdown/runbook-entry.mustache", "{{code}}{{#fix}}{{> footer}}{{/fix}}\n");
  dir.write("theme/footer.mustache", "{{#steps}}({{{md}}}){{/steps}}\n");
  const std::string out = dir.str() + "/out";
  const Run run = build(sample_kb(), out, " --templates " + shell_quote(dir.str() + "/theme"));
  INFO(run.err);
  REQUIRE(run.status == 0);
  const std::string page = read_file(out + "/markdown/AADSTS53003.md");
  CHECK(contains(page, "[If a location policy blocked a legitimate user:]<Ask the user to disconnect"));
  const std::string runbook = read_file(out + "/runbook.md");
  CHECK(contains(runbook, "AADSTS53003(If the block works as designed"));
}

TEST_CASE("render: a runbook template that names backlinks, sources and link fields gets them", "[render]") {
  // The built-in runbook templates show neither backlinks nor sources, so
  // kbgen does not build them for the runbooks; a template that names them
  // must get them, with every field of each linked entry it names.
  TempDir dir("render-reach");
  dir.write("theme/runbook-entry.mustache",
            "{{code}}:{{#backlinks}}<{{code}}|{{url}}|{{md_url}}|{{anchor}}|{{md_anchor}}|{{#linked}}L{{/linked}}>"
            "{{/backlinks}}{{#sources}}[{{path}}]{{/sources}};\n");
  const std::string out = dir.str() + "/out";
  const Run run = build(sample_kb(), out, " --templates " + shell_quote(dir.str() + "/theme"));
  INFO(run.err);
  REQUIRE(run.status == 0);
  const std::string runbook = read_file(out + "/runbook.html");
  // AADSTS53003 is named in "related" by other entries of the sample KB.
  const std::string api = read_file(out + "/api/codes/AADSTS53003.json");
  REQUIRE(contains(api, "\"backlinks\": [\n    {"));
  CHECK(contains(runbook, "AADSTS53003:<AADSTS"));
  CHECK(contains(runbook, "|codes/AADSTS53000/index.html|AADSTS53000.md|AADSTS53000|aadsts53000|L>"));
  CHECK(contains(runbook, "[conditional-access/AADSTS53003.json]"));
}

TEST_CASE("render: a runbook template that names tags, code spans, fences and group anchors gets them", "[render]") {
  // The built-in runbook templates show none of these, so kbgen does not
  // make them for the runbooks; templates that name them must get them.
  TempDir dir("render-reach-more");
  dir.write("theme/runbook-entry.mustache",
            "{{code}}:{{#tags}}<{{name}}|{{url}}>{{/tags}}{{#aliases}}[{{code_md}}]{{/aliases}}"
            "{{#examples}}({{fence}}){{/examples}}{{product_anchor}}/{{category_anchor}};\n");
  dir.write("theme/markdown/runbook-entry.mustache",
            "{{code}}:{{#examples}}{{{code_md}}}{{/examples}}{{#sources}}[{{{code_md}}}]{{/sources}};\n");
  const std::string out = dir.str() + "/out";
  const Run run = build(sample_kb(), out, " --templates " + shell_quote(dir.str() + "/theme"));
  INFO(run.err);
  REQUIRE(run.status == 0);
  const std::string runbook = read_file(out + "/runbook.html");
  CHECK(contains(runbook, "AADSTS53003:<conditional-access|tags/conditional-access/index.html>"));
  CHECK(contains(runbook, "[`53003`]"));
  CHECK(contains(runbook, "(```)microsoft-entra-id/microsoft-entra-id-conditional-access;"));
  const std::string markdown = read_file(out + "/runbook.md");
  CHECK(contains(markdown, "AADSTS53003:import { InteractionRequiredAuthError }"));
  CHECK(contains(markdown, "[`conditional-access/AADSTS53003.json`][`conditional-access/AADSTS53003.prevention.json`];"));
}

TEST_CASE("render: an entry page's layout rendered once for all entries, or for each when it reads the entry", "[render]") {
  // The built-in layout reads no entry data: it is rendered once and filled
  // in per page (render/page_skeleton.h). A layout that reads the entry must
  // still see each page's own entry.
  for (const bool reads_entry : {false, true}) {
    TempDir dir("render-layout-once");
    dir.write("theme/layout.mustache", std::string("<title>{{page_title}}</title>") +
                                           (reads_entry ? "<h2>{{entry.code}}/{{#entry}}{{title}}{{/entry}}</h2>" : "") +
                                           "\n{{#canonical_url}}<link href=\"{{canonical_url}}\">{{/canonical_url}}\n"
                                           "<pre>{{content}}</pre>\n");
    const std::string out = dir.str() + "/out";
    const Run run = build(sample_kb(), out, " --only html --templates " + shell_quote(dir.str() + "/theme"));
    INFO(run.err);
    REQUIRE(run.status == 0);
    const std::string page = read_file(out + "/codes/AADSTS53003/index.html");
    CHECK(contains(page, "<title>AADSTS53003 BlockedByConditionalAccess</title>"));
    CHECK(contains(page, "<link href=\"https://kb.example.com/entra/codes/AADSTS53003/\">"));
    CHECK(contains(page, "<pre>&lt;div class=&quot;"));  // the content, escaped as {{content}} asks
    CHECK(contains(page, "<h2>AADSTS53003/BlockedByConditionalAccess</h2>") == reads_entry);
  }
}

TEST_CASE("render: partials named with spaces or under other delimiters still reach their data", "[render]") {
  // kainjow trims a tag before reading it, so "{{ > footer}}" is a partial,
  // and a template may change its delimiters; what such partials name must
  // still be built.
  for (const std::string article : {std::string("{{code}}:{{ > footer}};\n"),
                                    std::string("{{code}}:{{=<% %>=}}<%> footer%>;\n")}) {
    TempDir dir("render-reach-partial");
    dir.write("theme/runbook-entry.mustache", article);
    dir.write("theme/footer.mustache", "{{#backlinks}}<{{code}}>{{/backlinks}}");
    const std::string out = dir.str() + "/out";
    const Run run = build(sample_kb(), out, " --templates " + shell_quote(dir.str() + "/theme"));
    INFO(article << run.err);
    REQUIRE(run.status == 0);
    CHECK(contains(read_file(out + "/runbook.html"), "AADSTS53003:<AADSTS"));
  }
}

TEST_CASE("render: a list page's partial that names every link field gets them", "[render]") {
  // The built-in home and tag pages do not show an entry's Markdown link or
  // anchor, so kbgen does not make them for list pages; an entry list that
  // names them must get them.
  TempDir dir("render-reach-list");
  dir.write("theme/entry-list.mustache",
            "{{#entries}}<{{code}}|{{md_url}}|{{md_anchor}}|{{#linked}}L{{/linked}}>{{/entries}}\n");
  const std::string out = dir.str() + "/out";
  const Run run = build(sample_kb(), out, " --templates " + shell_quote(dir.str() + "/theme"));
  INFO(run.err);
  REQUIRE(run.status == 0);
  CHECK(contains(read_file(out + "/index.html"), "<AADSTS53003|AADSTS53003.md|aadsts53003|L>"));
}

TEST_CASE("plain values are escaped as kainjow escapes them, Markdown ones as markup", "[render][templates]") {
  std::string every_byte;
  for (int c = 0; c < 256; ++c) every_byte += static_cast<char>(c);
  std::mt19937 rng(7);
  std::vector<std::string> texts = {"", every_byte, "a&b<c>d\"e'f", "plain text without specials"};
  for (int n = 0; n < 2000; ++n) {
    std::string t;
    for (std::size_t k = rng() % 40; k > 0; --k) t += rng() % 3 ? static_cast<char>('a' + rng() % 26) : every_byte[rng() % 256];
    texts.push_back(t);
  }
  for (const std::string& t : texts) {
    CHECK(kbgen::html_escape(t) == kainjow::mustache::html_escape(t));
    std::string markdown;  // the rule: line breaks become spaces; \ ` * _ [ ] < > | & ~ ! # get a backslash
    for (char c : t) {
      if (c == '\n' || c == '\r') markdown += ' ';
      else markdown += (std::string("\\`*_[]<>|&~!#").find(c) != std::string::npos ? "\\" : "") + std::string(1, c);
    }
    CHECK(kbgen::markdown_escape(t) == markdown);
  }
  CHECK(kbgen::markdown_escape("a*b\nc") == "a\\*b c");
  CHECK(kbgen::html_escape("<a href='x'>") == "&lt;a href=&apos;x&apos;&gt;");
}
