// What a build of the sample KB contains: internal links that resolve, the
// AADSTS53003 entry page in full, sitemap and search index (SPEC §6,
// docs/templates.md). One build per KB is shared by the test cases.
#include <catch2/catch.hpp>

#include <algorithm>
#include <filesystem>
#include <map>
#include <memory>
#include <set>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "render/site_test_support.h"
#include "support/temp_dir.h"

using namespace kbgen::site_testing;
using kbgen::testing::TempDir;
using json = nlohmann::json;
namespace fs = std::filesystem;

namespace {

bool starts_with(const std::string& s, const std::string& prefix) { return s.rfind(prefix, 0) == 0; }
bool ends_with(const std::string& s, const std::string& suffix) {
  return s.size() >= suffix.size() && s.compare(s.size() - suffix.size(), suffix.size(), suffix) == 0;
}

std::string fixture(const std::string& name) { return std::string(KBGEN_FIXTURES) + "/render/" + name; }

// A KB built once per test run (per KB and date).
struct Built {
  std::unique_ptr<TempDir> dir;
  std::string out;
  Tree tree;
};

const Built& built(const std::string& kb, const std::string& today = "2026-11-24") {
  static std::map<std::string, Built> cache;
  const std::string key = kb + "@" + today;
  auto it = cache.find(key);
  if (it != cache.end()) return it->second;
  Built b;
  b.dir = std::make_unique<TempDir>("render-content");
  b.out = b.dir->str() + "/site";
  const Run run = run_kbgen("build " + shell_quote(kb) + " -o " + shell_quote(b.out) + " --today " + today);
  INFO(run.err);
  REQUIRE(run.status == 0);
  b.tree = snapshot(b.out);
  return cache.emplace(key, std::move(b)).first->second;
}

std::vector<std::string> codes_in(const Tree& tree) {
  std::vector<std::string> codes;
  for (const std::string& path : file_paths(tree))
    if (starts_with(path, "codes/") && ends_with(path, "/index.html"))
      codes.push_back(path.substr(6, path.size() - 6 - 11));
  return codes;
}

// The part of `html` from the element with id="id" to the end of its
// <section> (or "" when there is none).
std::string section(const std::string& html, const std::string& id) {
  const std::size_t start = html.find("<section id=\"" + id + "\"");
  if (start == std::string::npos) return "";
  const std::size_t end = html.find("</section>", start);
  return html.substr(start, end == std::string::npos ? std::string::npos : end - start);
}

// Checks that every link and resource in the site's files resolves.
void check_internal_links(const Built& site) {
  std::size_t checked = 0;
  for (const std::string& path : file_paths(site.tree)) {
    const bool is_html = ends_with(path, ".html");
    const bool is_md = ends_with(path, ".md");
    if (!is_html && !is_md) continue;
    const std::string& content = site.tree.at(path);
    // Markdown: the links a wiki would render (cmark keeps relative links).
    const std::string html = is_html ? content : permissive_markdown_to_html(content);
    const std::set<std::string> own_ids = html_ids(html);
    const fs::path folder = fs::path(path).parent_path();
    for (const std::string attribute : {"href", "src"}) {
      for (const std::string& url : attribute_values(html, attribute)) {
        INFO(path << ": " << attribute << "=\"" << url << "\"");
        if (starts_with(url, "http://") || starts_with(url, "https://") || starts_with(url, "mailto:")) continue;
        ++checked;
        CHECK_FALSE(url.empty());
        CHECK_FALSE(starts_with(url, "/"));  // root-relative links break file:// and sub-folders
        CHECK(url.find(':') == std::string::npos);
        std::string target = url, fragment;
        if (const std::size_t hash = target.find('#'); hash != std::string::npos) {
          fragment = target.substr(hash + 1);
          target = target.substr(0, hash);
        }
        if (const std::size_t q = target.find('?'); q != std::string::npos) target = target.substr(0, q);
        if (target.empty()) {
          // Same page: the fragment must be an id here (HTML; a Markdown
          // wiki makes heading anchors itself).
          if (is_html) CHECK(own_ids.count(fragment));
          continue;
        }
        const std::string resolved = (folder / target).lexically_normal().generic_string();
        CHECK_FALSE(starts_with(resolved, ".."));
        REQUIRE(site.tree.count(resolved));  // a file, not a folder ("dir/" keys)
        if (!fragment.empty() && ends_with(resolved, ".html"))
          CHECK(html_ids(site.tree.at(resolved)).count(fragment));
      }
    }
  }
  CHECK(checked > 20);
}

}  // namespace

TEST_CASE("render: every internal href and src in the sample site resolves to a file (and anchor)", "[render]") {
  check_internal_links(built(sample_kb()));
}

TEST_CASE("render: every internal href and src in the small fixture site resolves", "[render]") {
  check_internal_links(built(fixture("small")));
}

TEST_CASE("render: internal links also resolve in a site without base_url", "[render]") {
  const Built& site = built(fixture("themed/kb"));
  REQUIRE(site.tree.count("404.html"));
  check_internal_links(site);
}

TEST_CASE("render: every entry page has an id for each section its on-page contents link to", "[render]") {
  const Built& site = built(sample_kb());
  const std::vector<std::string> codes = codes_in(site.tree);
  REQUIRE(codes.size() >= 7);
  for (const std::string& code : codes) {
    INFO("entry " << code);
    const std::string& page = site.tree.at("codes/" + code + "/index.html");
    const std::size_t toc_start = page.find("<nav class=\"toc");
    REQUIRE(toc_start != std::string::npos);
    const std::string toc = page.substr(toc_start, page.find("</nav>", toc_start) - toc_start);
    const std::set<std::string> ids = html_ids(page);
    std::size_t links = 0;
    for (const std::string& href : attribute_values(toc, "href")) {
      INFO("toc link " << href);
      REQUIRE(starts_with(href, "#"));
      CHECK(ids.count(href.substr(1)));
      ++links;
    }
    CHECK(links >= 2);  // at least fix and details
    CHECK(ids.count("fix"));
    CHECK(ids.count("summary"));
  }
}

TEST_CASE("render: the AADSTS53003 page shows every part of the merged entry", "[render]") {
  const Built& site = built(sample_kb());
  REQUIRE(site.tree.count("codes/AADSTS53003/index.html"));
  const std::string& page = site.tree.at("codes/AADSTS53003/index.html");

  CHECK(contains(page, "AADSTS53003"));
  CHECK(contains(page, "BlockedByConditionalAccess"));
  CHECK(contains(page, ">53003<"));  // the alias, in its own element
  const std::set<std::string> ids = html_ids(page);
  for (const std::string id : {"summary", "description", "causes", "diagnosis", "fix", "verification", "prevention",
                               "examples", "related", "referenced-by", "references", "details"}) {
    INFO("section " << id);
    CHECK(ids.count(id));
    CHECK_FALSE(section(page, id).empty());
  }
  CHECK(contains(section(page, "examples"), "<code class=\"language-javascript\">"));
  // Shown verbatim, escaped, and not linked.
  CHECK(contains(section(page, "examples"), "&quot;@azure/msal-browser&quot;"));
  CHECK_FALSE(contains(section(page, "examples"), "<a "));
  // Merged from two files: both named, and both files' items shown.
  CHECK(contains(page, "conditional-access/AADSTS53003.json"));
  CHECK(contains(page, "conditional-access/AADSTS53003.prevention.json"));
  CHECK(contains(section(page, "prevention"), "Report-only"));
  CHECK(contains(section(page, "prevention"), "access-requirements page"));
  CHECK(contains(section(page, "references"), "concept-conditional-access-report-only"));
  CHECK(contains(section(page, "references"), "msal-error-handling-js"));
  // Markdown rendered.
  CHECK(contains(section(page, "summary"), "<strong>Block access</strong>"));
  // Sub-steps nest.
  const std::string diagnosis = section(page, "diagnosis");
  const std::size_t first_ol = diagnosis.find("<ol");
  REQUIRE(first_ol != std::string::npos);
  CHECK(diagnosis.find("<ol", first_ol + 1) != std::string::npos);

  // Mentions in the description link to the other entries, relative to the page.
  const std::string description = section(page, "description");
  CHECK(contains(description, "href=\"../../codes/AADSTS50076/index.html\""));
  CHECK(contains(description, "href=\"../../codes/AADSTS53000/index.html\""));
  CHECK(contains(description, "href=\"../../codes/AADSTS53009/index.html\""));
  // Never to itself, in any part of the entry.
  const std::size_t body_start = page.find("<section id=\"summary\"");
  const std::size_t body_end = page.find("<section id=\"details\"");
  REQUIRE(body_start != std::string::npos);
  REQUIRE(body_end != std::string::npos);
  CHECK_FALSE(contains(page.substr(body_start, body_end - body_start), "codes/AADSTS53003/index.html"));

  // Related, in the entry's order; referenced-by, in entry (code) order.
  // (Notes link their own mentions too: the codes are taken in first-seen order.)
  auto linked_codes = [](const std::string& html) {
    std::vector<std::string> out;
    for (const std::string& href : attribute_values(html, "href"))
      if (starts_with(href, "../../codes/")) {
        const std::string code = href.substr(12, href.size() - 12 - 11);
        if (std::find(out.begin(), out.end(), code) == out.end()) out.push_back(code);
      }
    return out;
  };
  CHECK(linked_codes(section(page, "related")) ==
        std::vector<std::string>{"AADSTS50076", "AADSTS53000", "AADSTS53004"});
  // The entries whose related name AADSTS53003 (by code or alias), sorted by code.
  CHECK(linked_codes(section(page, "referenced-by")) ==
        std::vector<std::string>{"AADSTS50076", "AADSTS53000", "AADSTS53001", "AADSTS53002", "AADSTS53004"});
}

TEST_CASE("render: the review-overdue marker shows only when the review is overdue", "[render]") {
  // AADSTS53003 was reviewed 2026-11-20; kbgen.json allows 365 days.
  const std::string& fresh = built(sample_kb(), "2026-11-24").tree.at("codes/AADSTS53003/index.html");
  const std::string& due = built(sample_kb(), "2030-01-01").tree.at("codes/AADSTS53003/index.html");
  CHECK_FALSE(contains(fresh, "badge-overdue"));
  CHECK_FALSE(icontains(fresh, "overdue<"));
  REQUIRE(contains(due, "badge-overdue"));
  // Visible: the marked element has text, and it says so.
  const std::size_t mark = due.find("badge-overdue");
  const std::size_t text_start = due.find('>', mark) + 1;
  const std::string text = due.substr(text_start, due.find('<', text_start) - text_start);
  CHECK(icontains(text, "overdue"));
  // It is also a day-exact matter: 365 days after the review is not overdue, 366 is.
  CHECK_FALSE(contains(built(sample_kb(), "2027-11-20").tree.at("codes/AADSTS53003/index.html"), "badge-overdue"));
  CHECK(contains(built(sample_kb(), "2027-11-21").tree.at("codes/AADSTS53003/index.html"), "badge-overdue"));
  // The page agrees with check's stale-review warning on the same days.
  auto stale = [](const std::string& today) {
    const Run run = run_kbgen("check " + shell_quote(sample_kb()) + " --format json --today " + today);
    bool found = false;
    for (const json& f : json::parse(run.out))
      found = found || (f.at("rule") == "stale-review" && contains(f.at("file").get<std::string>(), "AADSTS53003.json"));
    return found;
  };
  CHECK_FALSE(stale("2027-11-20"));
  CHECK(stale("2027-11-21"));
}

TEST_CASE("render: sitemap.xml lists every page under kbgen.json's base_url", "[render]") {
  const Built& site = built(sample_kb());
  REQUIRE(site.tree.count("sitemap.xml"));
  const std::string& xml = site.tree.at("sitemap.xml");
  CHECK(starts_with(xml, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>"));
  CHECK(contains(xml, "<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">"));
  const std::string base = json::parse(read_file(sample_kb() + "/kbgen.json")).at("base_url");
  REQUIRE(base == "https://kb.example.com/entra/");
  std::vector<std::string> locs;
  for (std::size_t at = xml.find("<loc>"); at != std::string::npos; at = xml.find("<loc>", at + 5))
    locs.push_back(xml.substr(at + 5, xml.find("</loc>", at) - at - 5));
  std::set<std::string> pages;
  for (const std::string& loc : locs) {
    INFO("loc " << loc);
    REQUIRE(starts_with(loc, base));
    const std::string rel = loc.substr(base.size());
    CHECK((rel.empty() || ends_with(rel, "/")));
    CHECK(site.tree.count(rel + "index.html"));
    pages.insert(rel);
  }
  CHECK(pages.size() == locs.size());  // no duplicates
  CHECK(pages.count(""));
  for (const std::string& code : codes_in(site.tree)) CHECK(pages.count("codes/" + code + "/"));
  std::size_t tags = 0;
  for (const std::string& path : file_paths(site.tree))
    if (starts_with(path, "tags/") && ends_with(path, "/index.html")) {
      ++tags;
      CHECK(pages.count(path.substr(0, path.size() - 10)));
    }
  CHECK(locs.size() == 1 + codes_in(site.tree).size() + tags);
}

TEST_CASE("render: search-index.json has every code with its page URL; search-index.js carries it", "[render]") {
  const Built& site = built(sample_kb());
  REQUIRE(site.tree.count("search-index.json"));
  const json index = json::parse(site.tree.at("search-index.json"));
  CHECK(index.at("root_relative") == true);
  std::vector<std::string> codes;
  for (const json& entry : index.at("entries")) {
    const std::string code = entry.at("code");
    INFO("entry " << code);
    codes.push_back(code);
    CHECK(entry.at("url") == "codes/" + code + "/index.html");
    CHECK(site.tree.count(entry.at("url").get<std::string>()));
    for (const char* key : {"title", "summary", "product", "category", "text"}) CHECK(entry.at(key).is_string());
    CHECK(entry.at("aliases").is_array());
    CHECK(entry.at("tags").is_array());
    const std::string summary = entry.at("summary");
    CHECK_FALSE(contains(summary, "<"));
    CHECK_FALSE(contains(summary, "**"));
    const std::string text = entry.at("text");
    CHECK(text == lower(text));
  }
  std::vector<std::string> pages = codes_in(site.tree);
  std::sort(codes.begin(), codes.end());
  std::sort(pages.begin(), pages.end());
  CHECK(codes == pages);
  for (const json& entry : index.at("entries"))
    if (entry.at("code") == "AADSTS53003") {
      CHECK(entry.at("aliases") == json::array({"53003"}));
      CHECK(entry.at("title") == "BlockedByConditionalAccess");
    }

  REQUIRE(site.tree.count("assets/search-index.js"));
  const std::string& script = site.tree.at("assets/search-index.js");
  const std::string prefix = "window.KBGEN_SEARCH_INDEX = ";
  REQUIRE(starts_with(script, prefix));
  REQUIRE(ends_with(script, ";\n"));
  CHECK(json::parse(script.substr(prefix.size(), script.size() - prefix.size() - 2)) == index);
  CHECK_FALSE(icontains(script, "</script"));
  CHECK_FALSE(contains(script, "<!--"));
}

TEST_CASE("render: search-index.js escapes a \"</script\" that entry text holds", "[render]") {
  TempDir dir("render-search-script");
  dir.write("kb/e.json", R"({
    "code": "E1",
    "title": "Ends </script><script>alert(1)</script> early",
    "summary": "Mentions `</SCRIPT>` and <!-- a comment --> in text.",
    "aliases": ["</script>"],
    "fix": ["Restart the agent with `systemctl restart agent`."]
  })");
  const std::string out = dir.str() + "/out";
  const Run run = run_kbgen("build " + shell_quote(dir.str() + "/kb") + " -o " + shell_quote(out) + " --today 2026-11-24");
  INFO(run.err);
  REQUIRE(run.status == 0);
  const std::string script = read_file(out + "/assets/search-index.js");
  CHECK_FALSE(icontains(script, "</script"));
  CHECK_FALSE(contains(script, "<!--"));
  const std::string prefix = "window.KBGEN_SEARCH_INDEX = ";
  REQUIRE(starts_with(script, prefix));
  const json index = json::parse(script.substr(prefix.size(), script.size() - prefix.size() - 2));
  CHECK(index == json::parse(read_file(out + "/search-index.json")));
  CHECK(index.at("entries").at(0).at("title") == "Ends </script><script>alert(1)</script> early");
}
