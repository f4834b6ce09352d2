// List pages (home, tags) are streamed into their files inside the layout,
// rendered around a marker (render/html.cc). Whatever the layout does with
// the content, the page must be what rendering it whole gives.
#include <catch2/catch.hpp>

#include <string>

#include "render/site_test_support.h"
#include "support/temp_dir.h"

using namespace kbgen::site_testing;
using kbgen::testing::TempDir;

namespace {

std::string small_kb() { return std::string(KBGEN_FIXTURES) + "/render/small"; }

// index.html and one tag page built from the small fixture with these
// templates (empty: the built-in one).
std::pair<std::string, std::string> build_with(TempDir& dir, const std::string& layout, const std::string& home = "",
                                               const std::string& tag = "") {
  dir.write("theme/layout.mustache", layout);
  if (!home.empty()) dir.write("theme/home.mustache", home);
  if (!tag.empty()) dir.write("theme/tag.mustache", tag);
  const std::string out = dir.str() + "/out";
  const Run run = run_kbgen("build " + shell_quote(small_kb()) + " -o " + shell_quote(out) +
                            " --today 2026-11-24 --only html --templates " + shell_quote(dir.str() + "/theme"));
  INFO(run.err);
  REQUIRE(run.status == 0);
  const Tree tree = snapshot(out);
  std::string tag_page;
  for (const auto& [path, content] : tree)
    if (path.rfind("tags/", 0) == 0 && tag_page.empty()) tag_page = content;
  REQUIRE(!tag_page.empty());
  return {tree.at("index.html"), tag_page};
}

}  // namespace

TEST_CASE("list pages: the content lands whole between the layout's two halves", "[render][list-page]") {
  TempDir dir("list-page-plain");
  const auto [home, tag] =
      build_with(dir, "<head>{{page_title}}</head>\n<main>{{{content}}}</main>\n<foot>{{site.title}}</foot>\n",
                 "{{#products}}{{#categories}}{{#entries}}<li>{{code}}</li>\n{{/entries}}{{/categories}}{{/products}}",
                 "{{#entries}}<t>{{code}}</t>{{/entries}}");
  CHECK(home.rfind("<head>", 0) == 0);
  CHECK(contains(home, "</head>\n<main><li>"));
  CHECK(contains(home, "</li>\n</main>\n<foot>"));
  CHECK(home.substr(home.size() - 8) == "</foot>\n");
  CHECK(contains(tag, "<main><t>"));
  CHECK_FALSE(contains(home, "kbgen-content"));
}

TEST_CASE("list pages: a layout that escapes the content gets it escaped", "[render][list-page]") {
  TempDir dir("list-page-escaped");
  const auto [home, tag] = build_with(dir, "<main>{{content}}</main>\n", "<b>{{site.title}}</b>", "<i>tag</i>");
  CHECK(home.find("<main>&lt;b&gt;") == 0);
  CHECK(tag == "<main>&lt;i&gt;tag&lt;/i&gt;</main>\n");
  CHECK_FALSE(contains(home, "kbgen-content"));
}

TEST_CASE("list pages: a layout that shows the content twice gets it twice", "[render][list-page]") {
  TempDir dir("list-page-twice");
  const auto [home, tag] = build_with(dir, "{{{content}}}|{{{content}}}\n", "", "<i>tag</i>");
  CHECK(tag == "<i>tag</i>|<i>tag</i>\n");
}

TEST_CASE("list pages: blank content on a line of section tags drops the line, as a whole render does",
          "[render][list-page]") {
  TempDir dir("list-page-blank");
  const auto [home, tag] = build_with(dir, "top\n{{#site}}{{{content}}}{{/site}}\nend\n", "  ", "\t");
  CHECK(home == "top\nend\n");
  CHECK(tag == "top\nend\n");
}
