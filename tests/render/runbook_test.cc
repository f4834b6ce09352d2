// The printable runbook (SPEC §6, docs/outputs.md): OUT/runbook.html,
// OUT/runbook.md and assets/runbook.css, built with the kbgen binary, and
// --runbook-filter (which entries the runbook holds, and what happens to
// links to the others). runbook.pdf is tested by tests/render/runbook_pdf.sh.
#include <catch2/catch.hpp>

#include <filesystem>
#include <map>
#include <set>
#include <string>
#include <vector>

#include <cmark.h>

#include "render/kb_json.h"
#include "render/site_test_support.h"
#include "support/temp_dir.h"

using namespace kbgen::site_testing;
using namespace kbgen::kb_json;
using kbgen::testing::TempDir;
namespace fs = std::filesystem;

namespace {

const std::string kToday = "2026-11-24";
const std::string kTitle = "Microsoft Entra Conditional Access sign-in errors";  // kb/kbgen.json

Run build_runbook(const std::string& out, const std::string& extra = "") {
  return run_kbgen("build " + shell_quote(sample_kb()) + " -o " + shell_quote(out) + " --only runbook --today " +
                   kToday + (extra.empty() ? "" : " " + extra));
}

// Builds into `out`; fails the test unless kbgen exits 0.
void build_ok(const std::string& out, const std::string& extra = "") {
  const Run run = build_runbook(out, extra);
  INFO("kbgen build ... " << extra << "\nstderr: " << run.err);
  REQUIRE(run.status == 0);
  REQUIRE(fs::is_regular_file(out + "/runbook.html"));
  REQUIRE(fs::is_regular_file(out + "/runbook.md"));
}

// The part of `html` from the first `open` to the following `close` ("" when absent).
std::string section(const std::string& html, const std::string& open, const std::string& close) {
  const std::size_t at = html.find(open);
  if (at == std::string::npos) return "";
  const std::size_t end = html.find(close, at);
  return html.substr(at, end == std::string::npos ? std::string::npos : end + close.size() - at);
}

// Text without tags, entities decoded, white space folded.
std::string text_of(const std::string& html) {
  std::string out;
  bool in_tag = false;
  for (char c : html) {
    if (c == '<') in_tag = true;
    else if (c == '>' && in_tag) {
      in_tag = false;
      out += ' ';
    } else if (!in_tag) out += c;
  }
  out = html_unescape(out);
  std::string folded;
  for (char c : out) {
    const bool space = c == ' ' || c == '\n' || c == '\t' || c == '\r';
    if (space && (folded.empty() || folded.back() == ' ')) continue;
    folded += space ? ' ' : c;
  }
  while (!folded.empty() && folded.back() == ' ') folded.pop_back();
  return folded;
}

bool has_class(const Tag& tag, const std::string& cls) {
  for (const Attribute& a : tag.attributes)
    if (a.name == "class") {
      const std::string v = " " + a.value + " ";
      if (v.find(" " + cls + " ") != std::string::npos) return true;
    }
  return false;
}

std::string attribute(const Tag& tag, const std::string& name) {
  for (const Attribute& a : tag.attributes)
    if (a.name == name) return html_unescape(a.value);
  return "";
}

// The ids of the <article class="entry"> elements, in document order.
std::vector<std::string> article_ids(const std::string& html) {
  std::vector<std::string> ids;
  for (const Tag& t : html_tags(html))
    if (!t.closing && t.name == "article" && has_class(t, "entry")) ids.push_back(attribute(t, "id"));
  return ids;
}

// The href of every <a> in `html`.
std::vector<std::string> hrefs(const std::string& html) {
  std::vector<std::string> out;
  for (const Tag& t : html_tags(html))
    if (!t.closing && t.name == "a") out.push_back(attribute(t, "href"));
  return out;
}

// The codes (sorted, as the runbook orders them) of the entries `keep` accepts.
template <class Keep>
std::vector<std::string> codes_where(const std::map<std::string, Json>& kb, Keep keep) {
  std::vector<std::string> out;
  for (const auto& [code, e] : kb)
    if (keep(e)) out.push_back(code);
  return out;
}

std::size_t step_count(const Json& steps) {
  std::size_t n = 0;
  for (const Json& s : steps) n += 1 + step_count(sub_steps(s));
  return n;
}

// ---- runbook.md ------------------------------------------------------------

struct NodeFree {
  void operator()(cmark_node* n) const { cmark_node_free(n); }
};
using Doc = std::unique_ptr<cmark_node, NodeFree>;

Doc parse(const std::string& markdown) {
  return Doc(cmark_parse_document(markdown.data(), markdown.size(), CMARK_OPT_DEFAULT));
}

std::string node_text(cmark_node* n) {
  std::string out;
  cmark_iter* it = cmark_iter_new(n);
  for (cmark_event_type ev; (ev = cmark_iter_next(it)) != CMARK_EVENT_DONE;) {
    cmark_node* c = cmark_iter_get_node(it);
    const cmark_node_type t = cmark_node_get_type(c);
    if (ev == CMARK_EVENT_ENTER && (t == CMARK_NODE_TEXT || t == CMARK_NODE_CODE)) out += cmark_node_get_literal(c);
  }
  cmark_iter_free(it);
  return out;
}

// The anchor GitHub and GitLab give a heading: lower case, spaces to '-',
// only [a-z0-9_-] kept.
std::string github_anchor(const std::string& heading) {
  std::string out;
  for (char c : heading) {
    if (c >= 'A' && c <= 'Z') out += static_cast<char>(c - 'A' + 'a');
    else if (c == ' ') out += '-';
    else if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_') out += c;
  }
  return out;
}

struct MarkdownRunbook {
  std::vector<std::string> h2;          // level-2 heading texts, in order
  std::set<std::string> anchors;        // every heading's anchor
  std::vector<std::string> toc;         // link targets in the Contents list
  std::vector<std::string> fragment_links;  // every "#..." link
};

MarkdownRunbook read_markdown_runbook(const std::string& markdown) {
  MarkdownRunbook r;
  Doc doc = parse(markdown);
  bool in_toc = false;
  for (cmark_node* n = cmark_node_first_child(doc.get()); n; n = cmark_node_next(n)) {
    if (cmark_node_get_type(n) == CMARK_NODE_HEADING) {
      const std::string text = node_text(n);
      r.anchors.insert(github_anchor(text));
      if (cmark_node_get_heading_level(n) == 2) {
        r.h2.push_back(text);
        in_toc = text == "Contents";
      }
      continue;
    }
    if (in_toc && cmark_node_get_type(n) == CMARK_NODE_LIST) {
      cmark_iter* it = cmark_iter_new(n);
      for (cmark_event_type ev; (ev = cmark_iter_next(it)) != CMARK_EVENT_DONE;) {
        cmark_node* c = cmark_iter_get_node(it);
        if (ev == CMARK_EVENT_ENTER && cmark_node_get_type(c) == CMARK_NODE_LINK) r.toc.push_back(cmark_node_get_url(c));
      }
      cmark_iter_free(it);
      in_toc = false;
    }
  }
  cmark_iter* it = cmark_iter_new(doc.get());
  for (cmark_event_type ev; (ev = cmark_iter_next(it)) != CMARK_EVENT_DONE;) {
    cmark_node* c = cmark_iter_get_node(it);
    if (ev != CMARK_EVENT_ENTER || cmark_node_get_type(c) != CMARK_NODE_LINK) continue;
    const std::string url = cmark_node_get_url(c);
    if (!url.empty() && url[0] == '#') r.fragment_links.push_back(url);
  }
  cmark_iter_free(it);
  return r;
}

// runbook.md: a "## CODE" heading per entry (after "## Contents"), a TOC
// linking each by its GitHub anchor, and every in-document link resolving.
void check_markdown_runbook(const std::string& markdown, const std::vector<std::string>& codes) {
  const MarkdownRunbook r = read_markdown_runbook(markdown);
  std::vector<std::string> expected_h2 = {"Contents"};
  expected_h2.insert(expected_h2.end(), codes.begin(), codes.end());
  CHECK(r.h2 == expected_h2);
  std::vector<std::string> expected_toc;
  for (const std::string& code : codes) expected_toc.push_back("#" + github_anchor(code));
  CHECK(r.toc == expected_toc);
  for (const std::string& link : r.fragment_links) {
    INFO("runbook.md link " << link);
    CHECK(r.anchors.count(link.substr(1)) == 1);
  }
}

// The run left `out` exactly as it was, and no staging folder behind.
void check_untouched(const std::string& out, const Tree& before) {
  CHECK(describe_difference(before, snapshot(out)) == "");
  CHECK(staging_leftovers(out).empty());
}

}  // namespace

TEST_CASE("runbook: runbook.html and runbook.md for the sample KB, with a cover naming the KB and its size",
          "[render][runbook]") {
  TempDir tmp("runbook-cover");
  const std::string out = tmp.str() + "/out";
  build_ok(out);
  const std::string html = read_file(out + "/runbook.html");
  const std::string cover = text_of(section(html, "<header class=\"cover\"", "</header>"));
  INFO("cover: " << cover);
  CHECK(contains(cover, kTitle));
  CHECK(contains(cover, "7 error codes"));
  // The style sheet it names is there.
  bool css_linked = false;
  for (const Tag& t : html_tags(html))
    if (t.name == "link" && attribute(t, "rel") == "stylesheet") css_linked = attribute(t, "href") == "assets/runbook.css";
  CHECK(css_linked);
  CHECK(fs::is_regular_file(out + "/assets/runbook.css"));

  const std::string md = read_file(out + "/runbook.md");
  Doc doc = parse(md);
  cmark_node* first = cmark_node_first_child(doc.get());
  REQUIRE(first != nullptr);
  REQUIRE(cmark_node_get_type(first) == CMARK_NODE_HEADING);
  CHECK(contains(node_text(first), kTitle));
  CHECK(contains(md, "7 error codes"));
}

TEST_CASE("runbook: the table of contents links #CODE for every entry, each to its article", "[render][runbook]") {
  TempDir tmp("runbook-toc");
  const std::string out = tmp.str() + "/out";
  build_ok(out);
  const auto kb = load_kb(sample_kb());
  std::vector<std::string> codes;
  for (const auto& [code, e] : kb) codes.push_back(code);
  REQUIRE(codes.size() == 7);

  const std::string html = read_file(out + "/runbook.html");
  const std::string toc = section(html, "<nav class=\"toc\"", "</nav>");
  REQUIRE_FALSE(toc.empty());
  std::vector<std::string> expected;
  for (const std::string& code : codes) expected.push_back("#" + code);
  CHECK(hrefs(toc) == expected);
  CHECK(article_ids(html) == codes);
  const std::set<std::string> ids = html_ids(html);
  for (const std::string& href : hrefs(html)) {
    if (href.empty() || href[0] != '#') continue;
    INFO("link " << href);
    CHECK(ids.count(href.substr(1)) == 1);
  }
  // ids are unique
  std::vector<std::string> all_ids = attribute_values(html, "id");
  CHECK(std::set<std::string>(all_ids.begin(), all_ids.end()).size() == all_ids.size());
}

TEST_CASE("runbook: every step is a checklist item with a box to tick", "[render][runbook]") {
  TempDir tmp("runbook-steps");
  const std::string out = tmp.str() + "/out";
  build_ok(out);
  const auto kb = load_kb(sample_kb());
  std::size_t steps = 0;
  for (const auto& [code, e] : kb)
    for (const char* field : step_fields()) steps += step_count(list_field(e, field));

  const std::string html = read_file(out + "/runbook.html");
  const std::vector<Tag> tags = html_tags(html);
  // Walk the tags, keeping a stack of open lists: every <li> directly in an
  // ol.checklist starts with <span class="box">.
  std::vector<bool> lists;  // true: ol.checklist
  std::size_t items = 0, boxed = 0, checklists = 0;
  for (std::size_t i = 0; i < tags.size(); ++i) {
    const Tag& t = tags[i];
    if (t.name == "ol" || t.name == "ul") {
      if (t.closing) {
        REQUIRE_FALSE(lists.empty());
        lists.pop_back();
      } else {
        lists.push_back(t.name == "ol" && has_class(t, "checklist"));
        checklists += lists.back() ? 1 : 0;
      }
    } else if (t.name == "li" && !t.closing && !lists.empty() && lists.back()) {
      ++items;
      INFO("checklist item followed by " << (i + 1 < tags.size() ? tags[i + 1].raw : "nothing"));
      REQUIRE(i + 1 < tags.size());
      const bool box = tags[i + 1].name == "span" && !tags[i + 1].closing && has_class(tags[i + 1], "box");
      CHECK(box);
      boxed += box ? 1 : 0;
    }
  }
  CHECK(lists.empty());
  CHECK(items == steps);
  CHECK(boxed == steps);
  CHECK(checklists > kb.size());  // sections and sub-step lists
}

TEST_CASE("runbook: runbook.css starts each entry on a new page and prints web link addresses",
          "[render][runbook]") {
  TempDir tmp("runbook-css");
  const std::string out = tmp.str() + "/out";
  build_ok(out);
  const std::string css = read_file(out + "/assets/runbook.css");
  const std::size_t media = css.find("@media print");
  REQUIRE(media != std::string::npos);
  // The @media print block, braces matched.
  const std::size_t open = css.find('{', media);
  REQUIRE(open != std::string::npos);
  std::size_t depth = 0, close = open;
  for (; close < css.size(); ++close) {
    if (css[close] == '{') ++depth;
    if (css[close] == '}' && --depth == 0) break;
  }
  REQUIRE(close < css.size());
  const std::string print = css.substr(open + 1, close - open - 1);
  // Its rules: selector -> declarations.
  std::vector<std::pair<std::string, std::string>> rules;
  for (std::size_t at = 0; at < print.size();) {
    const std::size_t b = print.find('{', at);
    if (b == std::string::npos) break;
    const std::size_t e = print.find('}', b);
    REQUIRE(e != std::string::npos);
    rules.emplace_back(print.substr(at, b - at), print.substr(b + 1, e - b - 1));
    at = e + 1;
  }
  bool entry_breaks = false, prints_urls = false;
  for (const auto& [selector, body] : rules) {
    std::string sel = " " + selector + " ";
    for (char& c : sel)
      if (c == ',' || c == '\n' || c == '\t') c = ' ';
    if (contains(sel, " .entry ") && contains(body, "break-before: page")) entry_breaks = true;
    if (contains(selector, "a[href^=\"http\"]") && contains(selector, "::after") && contains(body, "attr(href)"))
      prints_urls = true;
  }
  CHECK(entry_breaks);
  CHECK(prints_urls);
}

TEST_CASE("runbook: --runbook-filter tag:X keeps exactly the entries with that tag", "[render][runbook]") {
  TempDir tmp("runbook-tag");
  const std::string out = tmp.str() + "/out";
  build_ok(out, "--runbook-filter tag:mfa");
  const auto kb = load_kb(sample_kb());
  const std::vector<std::string> expected = codes_where(kb, [](const Json& e) {
    for (const Json& t : list_field(e, "tags"))
      if (t == "mfa") return true;
    return false;
  });
  REQUIRE_FALSE(expected.empty());
  REQUIRE(expected.size() < kb.size());
  const std::string html = read_file(out + "/runbook.html");
  CHECK(article_ids(html) == expected);
  const std::string cover = text_of(section(html, "<header class=\"cover\"", "</header>"));
  INFO("cover: " << cover);
  CHECK(contains(cover, std::to_string(expected.size()) + " error code"));
  CHECK(contains(cover, "tag:mfa"));
  check_markdown_runbook(read_file(out + "/runbook.md"), expected);
}

TEST_CASE("runbook: --runbook-filter code:ALIAS keeps that entry, and links to the others become plain text",
          "[render][runbook]") {
  TempDir tmp("runbook-code");
  const std::string out = tmp.str() + "/out";
  build_ok(out, "--runbook-filter code:53003");
  const std::string html = read_file(out + "/runbook.html");
  CHECK(article_ids(html) == std::vector<std::string>{"AADSTS53003"});
  const std::string cover = text_of(section(html, "<header class=\"cover\"", "</header>"));
  INFO("cover: " << cover);
  CHECK(contains(cover, "1 error code matching code:53003"));

  // AADSTS53003 relates to and mentions AADSTS50076, which is not in this
  // runbook: the code stays as text, never as a link to a missing anchor.
  CHECK_FALSE(contains(html, "href=\"#AADSTS50076\""));
  CHECK(contains(text_of(section(html, "<main>", "</main>")), "AADSTS50076"));
  for (const std::string& href : hrefs(html)) {
    if (href.empty() || href[0] != '#') continue;
    INFO("link " << href);
    CHECK(href == "#AADSTS53003");
  }
  const std::string md = read_file(out + "/runbook.md");
  check_markdown_runbook(md, {"AADSTS53003"});
  CHECK_FALSE(contains(md, "(#aadsts50076"));
  CHECK(contains(md, "AADSTS50076"));
}

TEST_CASE("runbook: --runbook-filter category: is case-insensitive, and terms add up", "[render][runbook]") {
  const auto kb = load_kb(sample_kb());
  const std::vector<std::string> conditional_access =
      codes_where(kb, [](const Json& e) { return lower(text_field(e, "category")) == "conditional access"; });
  REQUIRE_FALSE(conditional_access.empty());
  REQUIRE(conditional_access.size() < kb.size());
  for (const std::string& filter : {"category:conditional access", "category:CONDITIONAL ACCESS"}) {
    TempDir tmp("runbook-category");
    const std::string out = tmp.str() + "/out";
    build_ok(out, "--runbook-filter " + shell_quote(filter));
    INFO(filter);
    CHECK(article_ids(read_file(out + "/runbook.html")) == conditional_access);
    check_markdown_runbook(read_file(out + "/runbook.md"), conditional_access);
  }
  // An entry matching any term is in.
  TempDir tmp("runbook-union");
  const std::string out = tmp.str() + "/out";
  build_ok(out, "--runbook-filter " + shell_quote("tag:intune,code:AADSTS50076"));
  const std::vector<std::string> expected = codes_where(kb, [](const Json& e) {
    if (e.at("code") == "AADSTS50076") return true;
    for (const Json& t : list_field(e, "tags"))
      if (t == "intune") return true;
    return false;
  });
  CHECK(article_ids(read_file(out + "/runbook.html")) == expected);
}

TEST_CASE("runbook: a filter that matches nothing, or a malformed one, exits 2 and leaves OUT as it was",
          "[render][runbook]") {
  TempDir tmp("runbook-bad-filter");
  const std::string out = tmp.str() + "/out";
  build_ok(out);
  tmp.write("out/keep.txt", "not kbgen's\n");
  const Tree before = snapshot(out);

  {
    const Run run = build_runbook(out, "--runbook-filter tag:no-such-tag");
    INFO("stderr: " << run.err);
    CHECK(run.status == 2);
    CHECK(contains(run.err, "tag:no-such-tag"));
    CHECK(icontains(run.err, "matches no entry"));
    check_untouched(out, before);
  }
  for (const std::string& term : {"foo:bar", "tag", "code", "category"}) {
    const Run run = build_runbook(out, "--runbook-filter " + shell_quote(term));
    INFO("--runbook-filter " << term << "\nstderr: " << run.err);
    CHECK(run.status == 2);
    CHECK(contains(run.err, "--runbook-filter"));
    CHECK(contains(run.err, term));
    check_untouched(out, before);
  }
}

TEST_CASE("runbook: runbook.md's contents link the GitHub anchors of its ## CODE headings", "[render][runbook]") {
  TempDir tmp("runbook-md");
  const std::string out = tmp.str() + "/out";
  build_ok(out);
  const auto kb = load_kb(sample_kb());
  std::vector<std::string> codes;
  for (const auto& [code, e] : kb) codes.push_back(code);
  const std::string md = read_file(out + "/runbook.md");
  check_markdown_runbook(md, codes);
  CHECK(contains(md, "](#aadsts53003)"));
  // Links between entries point into the document too.
  const MarkdownRunbook r = read_markdown_runbook(md);
  CHECK(r.fragment_links.size() > r.toc.size());
}

// The runbooks are written article by article (render/runbook.cc); page
// templates that use the articles otherwise must still get kainjow's bytes.
TEST_CASE("runbook: an article put in by an escaping tag is escaped, as Mustache says", "[render][runbook]") {
  TempDir tmp("runbook-escaped");
  tmp.write("templates/runbook.mustache", "<main>\n{{#entries}}\n{{article_html}}\n{{/entries}}\n</main>\n");
  const std::string out = tmp.str() + "/out";
  build_ok(out, "--templates " + shell_quote(tmp.str() + "/templates"));
  const std::string html = read_file(out + "/runbook.html");
  const std::size_t entries = load_kb(sample_kb()).size();
  std::size_t escaped = 0;
  for (std::size_t at = html.find("&lt;article class=&quot;entry&quot;"); at != std::string::npos;
       at = html.find("&lt;article class=&quot;entry&quot;", at + 1))
    ++escaped;
  CHECK(escaped == entries);
  CHECK(html.rfind("<main>\n&lt;article", 0) == 0);
  CHECK(html.find('\x02') == std::string::npos);
  CHECK(read_file(out + "/runbook.md").find('\x02') == std::string::npos);
}

TEST_CASE("runbook: blank articles keep the lines Mustache gives them", "[render][runbook]") {
  TempDir tmp("runbook-blank");
  tmp.write("templates/runbook-entry.mustache", "");
  tmp.write("templates/markdown/runbook-entry.mustache", " \t");
  tmp.write("templates/runbook.mustache", "<main>\n{{#entries}}\n{{{article_html}}}\n{{/entries}}\n</main>\n");
  tmp.write("templates/markdown/runbook.mustache", "{{#entries}}[{{{article_md}}}]{{/entries}}\n");
  const std::string out = tmp.str() + "/out";
  build_ok(out, "--templates " + shell_quote(tmp.str() + "/templates"));
  const std::size_t entries = load_kb(sample_kb()).size();
  // kainjow keeps the line of each (empty) article.
  CHECK(read_file(out + "/runbook.html") == "<main>\n" + std::string(entries, '\n') + "</main>\n");
  std::string md;
  for (std::size_t k = 0; k < entries; ++k) md += "[ \t]";
  CHECK(read_file(out + "/runbook.md") == md + "\n");
}

TEST_CASE("runbook: a page that shows each article twice gets both", "[render][runbook]") {
  TempDir tmp("runbook-twice");
  tmp.write("templates/runbook-entry.mustache", "<p>{{code}}</p>");
  tmp.write("templates/runbook.mustache",
            "{{#entries}}{{{article_html}}}{{/entries}}|{{#entries}}{{{article_html}}}{{/entries}}");
  const std::string out = tmp.str() + "/out";
  build_ok(out, "--templates " + shell_quote(tmp.str() + "/templates"));
  std::string once;
  for (const std::string& code : codes_where(load_kb(sample_kb()), [](const Json&) { return true; }))
    once += "<p>" + code + "</p>";
  CHECK(read_file(out + "/runbook.html") == once + "|" + once);
}
