// A knowledge base is untrusted text: script, event handlers and javascript:
// URLs placed in every text field of an entry (and in the site title) must
// not reach any output file as markup. Built with the real binary; every file
// it writes is scanned: HTML (and XML) directly, Markdown after rendering it
// the way a permissive wiki would (raw HTML passed through), the search
// script as data only, JSON by parsing it.
#include <catch2/catch.hpp>

#include <set>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "render/site_test_support.h"
#include "support/temp_dir.h"

using namespace kbgen::site_testing;
using kbgen::testing::TempDir;
using json = nlohmann::ordered_json;

namespace {

const std::string kPayload =
    "<script>alert(1)</script> <img src=x onerror=alert(1)> \" onmouseover=\"alert(1) javascript:alert(1)";
// Markdown-only ways to the same end.
const std::string kMarkdownPayload =
    " [x](javascript:alert(1)) [d](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)"
    " [v](vbscript:msgbox(1)) ![i](javascript:alert(1)) <javascript:alert(1)> [k](kbgen:../../x)"
    " <a href=\"javascript:alert(1)\">a</a> <svg onload=alert(1)>";

// A distinct payload per field: repeated list items would be merged away.
std::string p(const std::string& where) { return kPayload + " " + where; }
// Markdown fields start with a word: at the start of a paragraph,
// "<script>" would open an HTML block and the whole line would be dropped
// unseen (the description has such blocks of its own).
std::string md(const std::string& where) { return where + ": " + kPayload + kMarkdownPayload; }

json step(const std::string& where, json sub = json()) {
  if (sub.is_null()) return md(where);
  return json{{"text", md(where)}, {"steps", sub}};
}

json hostile_entry() {
  json e;
  e["code"] = "EVIL1";
  e["title"] = p("title");
  e["summary"] = md("summary") + " See EVIL2.";
  e["description"] = "<script>alert(1)</script>\n\n<img src=x onerror=alert(1)>\n\n" + md("description") +
                     "\n\n[r][ref]\n\n[ref]: javascript:alert(1)\n\n<div onmouseover=\"alert(1)\">div</div>";
  e["product"] = p("product");
  e["category"] = p("category");
  e["tags"] = {"script", "onerror", "javascript-alert-1"};
  e["aliases"] = {"<script>alert(1)</script>", "<img src=x onerror=alert(1)>", "\" onmouseover=\"alert(1)",
                  "javascript:alert(1)", "`` <script>alert(1)</script> ``"};
  e["causes"] = {md("cause as text"), {{"title", p("cause title")}, {"detail", md("cause detail")}}};
  e["diagnosis"] = {step("diagnosis one"),
                    step("diagnosis two", {step("diagnosis sub"), step("diagnosis sub two", {step("diagnosis deep")})})};
  e["fix"] = {step("fix one"), step("fix two", {step("fix sub one"), step("fix sub two")})};
  e["verification"] = {step("verification one"), step("verification two", {step("verification sub")})};
  e["prevention"] = {step("prevention one"), step("prevention two", {step("prevention sub")})};
  e["examples"] = {{{"title", p("example title")},
                    {"language", "\" onmouseover=\"alert(1)"},
                    {"code", "</code></pre>" + p("example code") +
                                 "\n```\n<img src=x onerror=alert(1)>\n```\n~~~\n<script>alert(1)</script>\n"}},
                   {{"title", "second"}, {"language", "<script>alert(1)</script>"}, {"code", "</script><script>alert(1)</script>"}}};
  e["related"] = {{{"code", "EVIL2"}, {"note", md("related note")}}, "EVIL3"};
  e["references"] = {{{"title", p("reference title")}, {"url", "https://example.com/?q=%22%3E%3Cscript%3E"}},
                     {{"title", "quote in url"}, {"url", "https://example.com/?q=\"><script>alert(1)</script>"}},
                     {{"title", "mail"}, {"url", "mailto:a@example.com?subject=\"><script>alert(1)</script>"}}};
  e["reviewed"] = "2020-01-01";
  e["owner"] = p("owner");
  e["x-evil"] = p("x-field");
  e["x-nested"] = {{"a", p("x nested")}, {"b", {p("x list")}}};
  return e;
}

json plain_entry(const std::string& code, const std::string& summary, json related = json::array()) {
  json e;
  e["code"] = code;
  e["title"] = "Plain " + code;
  e["summary"] = summary;
  e["fix"] = {"Restart the agent with `systemctl restart agent`."};
  if (!related.empty()) e["related"] = related;
  return e;
}

struct HostileKb {
  TempDir dir{"render-hostile"};
  HostileKb() {
    json config;
    config["title"] = p("site title");
    config["base_url"] = "https://kb.example.com/";
    dir.write("kb/kbgen.json", config.dump(2));
    dir.write("kb/evil.json", hostile_entry().dump(2));
    dir.write("kb/others.json",
              json::array({plain_entry("EVIL2", "Plain EVIL1 summary.", {"EVIL1"}),
                           plain_entry("EVIL3", "Also see EVIL1.")})
                  .dump(2));
  }
  std::string kb() const { return dir.str() + "/kb"; }
  std::string out() const { return dir.str() + "/out"; }
};

std::string html_escape(const std::string& s) {
  std::string out;
  for (char c : s) {
    switch (c) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      default: out += c;
    }
  }
  return out;
}

bool ends_with(const std::string& s, const std::string& suffix) {
  return s.size() >= suffix.size() && s.compare(s.size() - suffix.size(), suffix.size(), suffix) == 0;
}

}  // namespace

TEST_CASE("render: hostile entry text never becomes markup in any output file", "[render]") {
  HostileKb kb;
  const Run run = run_kbgen("build " + shell_quote(kb.kb()) + " -o " + shell_quote(kb.out()) + " --today 2026-11-24");
  INFO(run.err);
  REQUIRE(run.status == 0);
  const Tree tree = snapshot(kb.out());
  const std::vector<std::string> files = file_paths(tree);
  REQUIRE(tree.count("codes/EVIL1/index.html"));
  REQUIRE(tree.count("index.html"));

  // The tags the templates themselves write, from a build of the sample KB.
  TempDir baseline("render-baseline");
  const Run sample = run_kbgen("build " + shell_quote(sample_kb()) + " -o " + shell_quote(baseline.str() + "/out") +
                               " --today 2026-11-24");
  REQUIRE(sample.status == 0);
  std::set<std::string> site_own;
  for (const auto& [path, content] : snapshot(baseline.str() + "/out")) {
    if (ends_with(path, ".html")) site_own.merge(raw_tags(content));
    if (ends_with(path, ".md")) site_own.merge(raw_tags(permissive_markdown_to_html(content)));
  }
  // None of them may be unsafe where the page could not be otherwise.
  for (const std::string& tag : site_own) {
    INFO("site tag: " << tag);
    CHECK_FALSE(icontains(tag, "javascript:"));
    CHECK_FALSE(icontains(tag, " on"));
  }

  std::size_t html = 0, markdown = 0, jsons = 0;
  for (const std::string& path : files) {
    const std::string& content = tree.at(path);
    INFO("file: " << path);
    if (ends_with(path, ".html") || ends_with(path, ".xml")) {
      ++html;
      CHECK(unsafe_html_findings(content, site_own) == std::vector<std::string>{});
      CHECK_FALSE(icontains(content, "href=\"javascript:"));
      CHECK_FALSE(icontains(content, "src=\"javascript:"));
      CHECK_FALSE(contains(content, "kbgen:"));
    } else if (ends_with(path, ".md")) {
      ++markdown;
      const std::string rendered = permissive_markdown_to_html(content);
      INFO("rendered:\n" << rendered);
      CHECK(unsafe_html_findings(rendered, site_own) == std::vector<std::string>{});
      CHECK_FALSE(contains(content, "kbgen:"));
    } else if (ends_with(path, ".json")) {
      ++jsons;
      CHECK_NOTHROW(json::parse(content));
    } else if (path == "assets/search-index.js") {
      // Data only: one assignment of the JSON index, with no '<' that could
      // end or open an element if the script were ever inlined.
      const std::string prefix = "window.KBGEN_SEARCH_INDEX = ";
      REQUIRE(content.rfind(prefix, 0) == 0);
      REQUIRE(ends_with(content, ";\n"));
      const std::string body = content.substr(prefix.size(), content.size() - prefix.size() - 2);
      CHECK(json::parse(body) == json::parse(tree.at("search-index.json")));
      CHECK_FALSE(icontains(content, "</script"));
      CHECK_FALSE(contains(content, "<"));
    } else {
      // Built-in files (style sheets, scripts, the marker): nothing of the entry.
      CHECK_FALSE(contains(content, "alert(1)"));
    }
  }
  CHECK(html >= 6);
  CHECK(jsons >= 1);
  // When the Markdown outputs exist they were scanned too.
  if (tree.count("markdown/EVIL1.md")) CHECK(markdown >= 2);

  // The text is still shown (escaped), not silently lost: every field
  // reached the page, so every field was put to the test.
  const std::string& page = tree.at("codes/EVIL1/index.html");
  for (const std::string where : {"title", "product", "category", "owner", "cause title", "example title",
                                  "reference title"}) {
    INFO("field " << where);
    CHECK(contains(page, html_escape(p(where))));
  }
  for (const std::string where : {"summary", "description", "cause as text", "cause detail", "diagnosis one",
                                  "diagnosis sub two", "diagnosis deep", "fix one", "fix sub two", "verification sub",
                                  "prevention sub", "related note"}) {
    INFO("field " << where);
    CHECK(contains(page, where + ":"));
  }
  for (const std::string alias : {"<script>alert(1)</script>", "<img src=x onerror=alert(1)>",
                                  "\" onmouseover=\"alert(1)", "javascript:alert(1)"})
    CHECK(contains(page, ">" + html_escape(alias) + "<"));
  CHECK(contains(tree.at("index.html"), html_escape(p("site title"))));
  CHECK(contains(page, "&lt;script&gt;alert(1)&lt;/script&gt;"));
  CHECK(contains(page, "&lt;img src=x onerror=alert(1)&gt;"));
  CHECK(contains(page, "javascript:alert(1)"));  // as text
  // The only links to other entries are real ones, and the hand-written
  // kbgen: link did not turn into a path.
  CHECK(contains(page, "href=\"../../codes/EVIL2/index.html\""));
  CHECK_FALSE(contains(page, "codes/../"));
  // External references are kept, escaped.
  CHECK(contains(page, "href=\"https://example.com/?q=%22%3E%3Cscript%3E\""));

  // The search index keeps the text as data.
  const json index = json::parse(tree.at("search-index.json"));
  bool found = false;
  for (const json& entry : index.at("entries"))
    if (entry.at("code") == "EVIL1") {
      found = true;
      CHECK(entry.at("title") == p("title"));
    }
  CHECK(found);
}

TEST_CASE("render: check rejects reference URLs with unsafe schemes (bad-url), and build writes nothing",
          "[render]") {
  for (const std::string url : {"javascript:alert(1)", "JavaScript:alert(1)", " javascript:alert(1)",
                                "data:text/html,<script>alert(1)</script>", "vbscript:msgbox(1)",
                                "file:///etc/passwd", "//evil.example.com/"}) {
    INFO("url: " << url);
    TempDir dir("render-bad-url");
    json e = plain_entry("E1", "Summary.");
    e["references"] = {{{"title", "t"}, {"url", url}}};
    dir.write("kb/e.json", e.dump(2));
    const Run check = run_kbgen("check " + shell_quote(dir.str() + "/kb") + " --format json --today 2026-11-24");
    CHECK(check.status == 1);
    const json findings = json::parse(check.out.empty() ? "[]" : check.out);
    bool bad_url = false;
    for (const json& f : findings) bad_url = bad_url || (f.at("rule") == "bad-url" && f.at("severity") == "error");
    CHECK(bad_url);

    const std::string out = dir.str() + "/out";
    const Run build = run_kbgen("build " + shell_quote(dir.str() + "/kb") + " -o " + shell_quote(out) +
                                " --today 2026-11-24");
    CHECK(build.status == 1);
    CHECK(contains(build.err, "bad-url"));
    CHECK(snapshot(out).empty());
    CHECK(staging_leftovers(out).empty());
  }
}

TEST_CASE("render: a base_url with an unsafe scheme is refused", "[render]") {
  TempDir dir("render-bad-base");
  dir.write("kb/kbgen.json", R"({"base_url": "javascript:alert(1)//"})");
  dir.write("kb/e.json", plain_entry("E1", "Summary.").dump(2));
  const std::string out = dir.str() + "/out";
  const Run build = run_kbgen("build " + shell_quote(dir.str() + "/kb") + " -o " + shell_quote(out) +
                              " --today 2026-11-24");
  CHECK(build.status != 0);
  CHECK(snapshot(out).empty());
}

TEST_CASE("render: an alias holding backticks cannot break out of its code span in the Markdown outputs",
          "[render]") {
  TempDir dir("render-backtick-alias");
  json e = plain_entry("E1", "Summary.");
  e["aliases"] = {"a`<img src=x onerror=alert(1)>`b", "c``<script>alert(1)</script>``d"};
  dir.write("kb/e.json", e.dump(2));
  const std::string out = dir.str() + "/out";
  const Run build = run_kbgen("build " + shell_quote(dir.str() + "/kb") + " -o " + shell_quote(out) +
                              " --today 2026-11-24");
  INFO(build.err);
  REQUIRE(build.status == 0);
  std::size_t scanned = 0;
  for (const auto& [path, content] : snapshot(out)) {
    if (!ends_with(path, ".md")) continue;
    ++scanned;
    INFO("file: " << path << "\n" << content);
    CHECK(unsafe_html_findings(permissive_markdown_to_html(content)) == std::vector<std::string>{});
  }
  CHECK(scanned > 0);
}
