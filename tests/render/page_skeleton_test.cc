// A layout rendered once and filled in per page (render/page_skeleton.h)
// gives exactly what rendering the layout for each page gives, whatever
// the layout does with the values; a value that could change which lines
// kainjow keeps is refused. And TemplateSet::looks_up, which decides whether
// a layout may be rendered once, finds every tag that reads the entry.
#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include "render/page_skeleton.h"
#include "support/temp_dir.h"

using namespace kbgen;
using kbgen::testing::TempDir;

namespace {

TemplateSet load(const TempDir& dir) {
  TemplateSet templates;
  std::string error;
  REQUIRE(templates.load(dir.str(), error));
  return templates;
}

// The data an entry page's layout sees but for the values.
MData constant_view() {
  MData view;
  MData site;
  put_text(site, "title", "Site & <Co>");
  put_flag(site, "has_runbook", true);
  view["site"] = std::move(site);
  put_text(view, "root", "../../");
  put_flag(view, "is_entry", true);
  put_flag(view, "is_home", false);
  return view;
}

const std::vector<std::string> kKeys = {"page_title", "content", "canonical_url"};

}  // namespace

TEST_CASE("page skeleton: filled in, a layout gives what rendering it gives", "[render][skeleton]") {
  const std::vector<std::string> layouts = {
      "",  // the built-in layout
      "<title>{{page_title}} | {{{page_title}}} | {{& page_title}}</title>\n{{content}}\n<main>{{{content}}}</main>\n",
      "{{#is_entry}}\n{{{content}}}\n{{/is_entry}}\n{{^is_home}}  {{page_title}}  {{/is_home}}\n"
      "{{#canonical_url}}\n<link href=\"{{canonical_url}}\">\n{{/canonical_url}}\n",
      "{{#site.has_runbook}}{{page_title}}{{/site.has_runbook}}\n{{#is_home}}\nnever\n{{/is_home}}\nend",
      "no values at all {{site.title}}\n",
  };
  const std::vector<std::vector<std::string>> value_sets = {
      {"E1 Plain title", "<p>Content</p>\n<ul>\n<li>x</li>\n</ul>\n", "https://kb.example.com/codes/E1/"},
      {"A & B <c> \"d\" 'e'", "line one\n\n  indented & <raw>\n", "https://x/?a=1&b=2"},
      {"t", "\t x", "u"},
  };
  for (const std::string& layout : layouts) {
    TempDir dir("skeleton");
    if (!layout.empty()) dir.write("layout.mustache", layout);
    const TemplateSet templates = load(dir);
    MData skeleton_view = constant_view();
    PageSkeleton skeleton;
    REQUIRE(skeleton.make(templates, "layout", skeleton_view, kKeys));
    for (const auto& values : value_sets) {
      MData view = constant_view();
      for (std::size_t k = 0; k < kKeys.size(); ++k) put_text(view, kKeys[k], values[k]);
      std::string filled;
      INFO("layout: " << layout << "\nvalues: " << values[0]);
      REQUIRE(skeleton.fill({values[0], values[1], values[2]}, filled));
      CHECK(filled == templates.render("layout", view));
    }
  }
}

TEST_CASE("page skeleton: blank values and the wrong number of them are refused", "[render][skeleton]") {
  TempDir dir("skeleton-blank");
  // Blank on this line, the value would make kainjow drop it.
  dir.write("layout.mustache", "{{#is_entry}}{{page_title}}{{/is_entry}}\n{{{content}}}|{{canonical_url}}\n");
  const TemplateSet templates = load(dir);
  MData view = constant_view();
  PageSkeleton skeleton;
  REQUIRE(skeleton.make(templates, "layout", view, kKeys));
  std::string page;
  CHECK_FALSE(skeleton.fill({"", "c", "u"}, page));
  CHECK_FALSE(skeleton.fill({" \t ", "c", "u"}, page));
  CHECK_FALSE(skeleton.fill({"t", "c"}, page));
  REQUIRE(skeleton.fill({"t", "c", "u"}, page));
  CHECK(page == "t\nc|u\n");
}

TEST_CASE("looks_up: every tag that reads a name is found, in partials too", "[render][skeleton]") {
  const auto reads_entry = [](const std::string& layout, const std::string& header = "") {
    TempDir dir("looks-up");
    dir.write("layout.mustache", layout);
    if (!header.empty()) dir.write("header.mustache", header);
    return load(dir).looks_up("layout", "entry");
  };
  CHECK(reads_entry("{{entry.code}}"));
  CHECK(reads_entry("{{# entry }}{{code}}{{/ entry }}"));
  CHECK(reads_entry("{{^entry.aliases}}none{{/entry.aliases}}"));
  CHECK(reads_entry("{{{entry.summary_html}}}"));
  CHECK(reads_entry("{{& entry.title}}"));
  CHECK(reads_entry("{{> header}}", "{{entry.title}}"));
  CHECK(reads_entry("{{=<% %>=}}<%entries%>"));  // other delimiters: cannot tell
  CHECK_FALSE(reads_entry("<body class=\"page-entry\">{{#is_entry}}{{page_title}}{{/is_entry}}{{! entry }}"));
  CHECK_FALSE(reads_entry("{{entries}}{{site.entry_count}}{{> header}}", "{{root}}"));
  TemplateSet builtin;
  std::string error;
  REQUIRE(builtin.load("", error));
  CHECK_FALSE(builtin.looks_up("layout", "entry"));
  CHECK(builtin.looks_up("entry", "entry"));
}
