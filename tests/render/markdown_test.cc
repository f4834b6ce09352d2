// The Markdown wiki (SPEC §6, docs/outputs.md): OUT/markdown/README.md and
// OUT/markdown/<CODE>.md, built with the kbgen binary and read back with
// cmark, so the checks see the documents as a wiki would: links, headings,
// ordered step lists, fenced examples, and every step's text surviving the
// trip from the entry's Markdown to the generated file.
#include <catch2/catch.hpp>

#include <algorithm>
#include <filesystem>
#include <map>
#include <memory>
#include <set>
#include <string>
#include <vector>

#include <cmark.h>
#include <nlohmann/json.hpp>

#include "render/kb_json.h"
#include "render/site_test_support.h"
#include "support/temp_dir.h"

using namespace kbgen::site_testing;
using namespace kbgen::kb_json;
using kbgen::testing::TempDir;
namespace fs = std::filesystem;

namespace {

const std::string kToday = "2026-11-24";
const std::string kEscapingKb = std::string(KBGEN_FIXTURES) + "/render/markdown-escaping";

// ---- cmark helpers ---------------------------------------------------------

struct NodeFree {
  void operator()(cmark_node* n) const { cmark_node_free(n); }
};
using Doc = std::unique_ptr<cmark_node, NodeFree>;

Doc parse(const std::string& markdown) {
  return Doc(cmark_parse_document(markdown.data(), markdown.size(), CMARK_OPT_DEFAULT));
}

std::string literal(cmark_node* n) {
  const char* s = cmark_node_get_literal(n);
  return s ? s : "";
}

// White space runs folded to one space, trimmed.
std::string fold(const std::string& s) {
  std::string out;
  bool space = false;
  for (char c : s) {
    if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v') {
      space = true;
      continue;
    }
    if (space && !out.empty()) out += ' ';
    space = false;
    out += c;
  }
  return out;
}

// The plain text of a tree: TEXT, CODE and code block literals, breaks and
// block boundaries as spaces. Raw HTML is not text (kbgen drops it).
void plain_into(cmark_node* n, std::string& out) {
  switch (cmark_node_get_type(n)) {
    case CMARK_NODE_TEXT:
    case CMARK_NODE_CODE:
      out += literal(n);
      return;
    case CMARK_NODE_CODE_BLOCK:
      out += " " + literal(n) + " ";
      return;
    case CMARK_NODE_SOFTBREAK:
    case CMARK_NODE_LINEBREAK:
      out += " ";
      return;
    case CMARK_NODE_HTML_INLINE:
    case CMARK_NODE_HTML_BLOCK:
      return;
    default:
      break;
  }
  const bool block = cmark_node_first_child(n) && cmark_node_get_type(n) < CMARK_NODE_FIRST_INLINE;
  if (block) out += " ";
  for (cmark_node* c = cmark_node_first_child(n); c; c = cmark_node_next(c)) plain_into(c, out);
  if (block) out += " ";
}

std::string plain(cmark_node* n) {
  std::string out;
  plain_into(n, out);
  return fold(out);
}

std::string plain_of_markdown(const std::string& markdown) {
  Doc doc = parse(markdown);
  return plain(doc.get());
}

// Every node of the tree (document order).
std::vector<cmark_node*> nodes(cmark_node* root) {
  std::vector<cmark_node*> out;
  cmark_iter* it = cmark_iter_new(root);
  for (cmark_event_type ev; (ev = cmark_iter_next(it)) != CMARK_EVENT_DONE;)
    if (ev == CMARK_EVENT_ENTER) out.push_back(cmark_iter_get_node(it));
  cmark_iter_free(it);
  return out;
}

std::vector<cmark_node*> nodes_of_type(cmark_node* root, cmark_node_type type) {
  std::vector<cmark_node*> out;
  for (cmark_node* n : nodes(root))
    if (cmark_node_get_type(n) == type) out.push_back(n);
  return out;
}

std::vector<cmark_node*> headings(cmark_node* root, int level) {
  std::vector<cmark_node*> out;
  for (cmark_node* n : nodes_of_type(root, CMARK_NODE_HEADING))
    if (cmark_node_get_heading_level(n) == level) out.push_back(n);
  return out;
}

std::vector<std::string> heading_texts(cmark_node* root, int level) {
  std::vector<std::string> out;
  for (cmark_node* h : headings(root, level)) out.push_back(plain(h));
  return out;
}

// The top-level heading of this level whose text is `text`, or null.
cmark_node* heading(cmark_node* doc, int level, const std::string& text) {
  for (cmark_node* h : headings(doc, level))
    if (plain(h) == text && cmark_node_parent(h) == doc) return h;
  return nullptr;
}

std::vector<std::string> link_urls(cmark_node* root) {
  std::vector<std::string> out;
  for (cmark_node* n : nodes(root)) {
    const cmark_node_type t = cmark_node_get_type(n);
    if (t == CMARK_NODE_LINK || t == CMARK_NODE_IMAGE) {
      const char* url = cmark_node_get_url(n);
      out.push_back(url ? url : "");
    }
  }
  return out;
}

bool starts_with(const std::string& s, const std::string& prefix) { return s.rfind(prefix, 0) == 0; }

bool is_external(const std::string& url) {
  const std::string l = lower(url);
  return starts_with(l, "http://") || starts_with(l, "https://") || starts_with(l, "mailto:") ||
         starts_with(url, "#");
}

// ---- the knowledge base as written (render/kb_json.h) ------------------------

// Codes whose `related` names `code` (directly or by an alias).
std::set<std::string> backlinks_of(const std::map<std::string, Json>& kb, const std::string& code) {
  const auto names = names_of(kb);
  std::set<std::string> out;
  for (const auto& [other, e] : kb)
    for (const Json& r : list_field(e, "related")) {
      auto it = names.find(related_code(r));
      if (it != names.end() && it->second == code && other != code) out.insert(other);
    }
  return out;
}

struct Section {
  const char* heading;
  const char* field;
};
const std::vector<Section> kStepSections = {
    {"Diagnosis", "diagnosis"}, {"Fix", "fix"}, {"Verification", "verification"}, {"Prevention", "prevention"}};

// The level-2 sections the entry's page has, in page order.
std::vector<std::string> expected_sections(const std::map<std::string, Json>& kb, const std::string& code) {
  const Json& e = kb.at(code);
  std::vector<std::string> out;
  if (!fold(text_field(e, "description")).empty()) out.push_back("Description");
  if (!list_field(e, "causes").empty()) out.push_back("Causes");
  for (const Section& s : kStepSections)
    if (!list_field(e, s.field).empty()) out.push_back(s.heading);
  if (!list_field(e, "examples").empty()) out.push_back("Examples");
  if (!list_field(e, "related").empty()) out.push_back("Related");
  if (!backlinks_of(kb, code).empty()) out.push_back("Referenced by");
  if (!list_field(e, "references").empty()) out.push_back("References");
  out.push_back("Details");
  return out;
}

// ---- building ----------------------------------------------------------------

struct Wiki {
  std::string kb_dir;
  std::map<std::string, Json> kb;
  fs::path dir;                              // OUT/markdown
  std::map<std::string, std::string> files;  // name -> Markdown
};

void build_wiki(const std::string& kb_dir, const TempDir& tmp, Wiki& wiki) {
  const std::string out = tmp.str() + "/out";
  const Run run = run_kbgen("build " + shell_quote(kb_dir) + " -o " + shell_quote(out) +
                            " --only markdown --today " + kToday);
  INFO("stderr: " << run.err);
  REQUIRE(run.status == 0);
  wiki.kb_dir = kb_dir;
  wiki.kb = load_kb(kb_dir);
  REQUIRE_FALSE(wiki.kb.empty());
  wiki.dir = fs::path(out) / "markdown";
  REQUIRE(fs::is_directory(wiki.dir));
  for (const auto& f : fs::recursive_directory_iterator(wiki.dir))
    if (f.is_regular_file()) wiki.files[fs::relative(f.path(), wiki.dir).generic_string()] = read_file(f.path().string());
}

// The checks every wiki must pass, whatever its KB.

void check_links(const Wiki& wiki) {
  std::set<std::string> expected_files = {"README.md"};
  for (const auto& [code, e] : wiki.kb) expected_files.insert(code + ".md");
  std::set<std::string> actual_files;
  for (const auto& [name, text] : wiki.files) actual_files.insert(name);
  CHECK(actual_files == expected_files);

  std::size_t relative_links = 0;
  for (const auto& [name, text] : wiki.files) {
    Doc doc = parse(text);
    const fs::path folder = (wiki.dir / name).parent_path();
    for (const std::string& url : link_urls(doc.get())) {
      INFO(name << ": link " << url);
      if (is_external(url)) continue;
      const std::string target = url.substr(0, url.find('#'));
      CHECK_FALSE(target.empty());
      CHECK_FALSE(starts_with(target, "/"));
      CHECK(target.find(':') == std::string::npos);  // no other scheme
      CHECK(fs::is_regular_file(folder / target));
      ++relative_links;
    }
  }
  CHECK(relative_links > wiki.kb.size());
}

void check_readme(const Wiki& wiki) {
  REQUIRE(wiki.files.count("README.md"));
  const std::string& readme = wiki.files.at("README.md");
  Doc doc = parse(readme);
  const std::vector<std::string> urls = link_urls(doc.get());
  for (const auto& [code, e] : wiki.kb) {
    INFO("README.md links " << code);
    CHECK(std::count(urls.begin(), urls.end(), code + ".md") >= 1);
  }
  // A table row per entry, its cells intact: exactly four unescaped '|'
  // (escaped ones, "\|", are cell content in GFM tables, even in code spans).
  std::size_t rows = 0;
  std::size_t start = 0;
  while (start < readme.size()) {
    std::size_t end = readme.find('\n', start);
    if (end == std::string::npos) end = readme.size();
    const std::string line = readme.substr(start, end - start);
    start = end + 1;
    if (!starts_with(line, "| [")) continue;
    ++rows;
    std::size_t pipes = 0;
    for (std::size_t i = 0; i < line.size(); ++i) {
      if (line[i] == '\\') {
        ++i;
        continue;
      }
      if (line[i] == '|') ++pipes;
    }
    INFO("row: " << line);
    CHECK(pipes == 4);
  }
  CHECK(rows == wiki.kb.size());
}

// `list` is the ordered list of `steps`, sub-steps as ordered lists inside
// their step's item, each step's text in its item.
void check_step_list(cmark_node* list, const Json& steps, const std::string& where) {
  INFO(where);
  REQUIRE(list != nullptr);
  REQUIRE(cmark_node_get_type(list) == CMARK_NODE_LIST);
  CHECK(cmark_node_get_list_type(list) == CMARK_ORDERED_LIST);
  CHECK(cmark_node_get_list_start(list) == 1);
  std::vector<cmark_node*> items;
  for (cmark_node* c = cmark_node_first_child(list); c; c = cmark_node_next(c)) items.push_back(c);
  REQUIRE(items.size() == steps.size());
  for (std::size_t i = 0; i < items.size(); ++i) {
    const std::string at = where + " step " + std::to_string(i + 1);
    REQUIRE(cmark_node_get_type(items[i]) == CMARK_NODE_ITEM);
    cmark_node* nested = nullptr;
    std::size_t lists = 0;
    for (cmark_node* c = cmark_node_first_child(items[i]); c; c = cmark_node_next(c))
      if (cmark_node_get_type(c) == CMARK_NODE_LIST) {
        nested = c;
        ++lists;
      }
    const Json subs = sub_steps(steps[i]);
    INFO(at);
    // The step's own text is in its item (before any sub-step list).
    CHECK(plain(items[i]).find(plain_of_markdown(step_text(steps[i]))) != std::string::npos);
    if (subs.empty()) {
      CHECK(lists == 0);
    } else {
      CHECK(lists == 1);
      check_step_list(nested, subs, at);
    }
  }
}

void check_entry_pages(const Wiki& wiki) {
  for (const auto& [code, e] : wiki.kb) {
    const std::string name = code + ".md";
    INFO(name);
    REQUIRE(wiki.files.count(name));
    const std::string& md = wiki.files.at(name);
    Doc doc = parse(md);

    // No raw HTML: a permissive wiki would run it.
    CHECK(nodes_of_type(doc.get(), CMARK_NODE_HTML_BLOCK).empty());
    CHECK(nodes_of_type(doc.get(), CMARK_NODE_HTML_INLINE).empty());

    // The title heading: text equal to the original, whatever its markup characters.
    const std::vector<std::string> h1 = heading_texts(doc.get(), 1);
    REQUIRE(h1.size() == 1);
    CHECK(h1[0] == code + ": " + text_field(e, "title"));

    // The same sections as the HTML page, as level-2 headings, in order.
    CHECK(heading_texts(doc.get(), 2) == expected_sections(wiki.kb, code));

    // Steps: ordered lists right under their section heading.
    for (const Section& s : kStepSections) {
      const Json steps = list_field(e, s.field);
      if (steps.empty()) continue;
      cmark_node* h = heading(doc.get(), 2, s.heading);
      REQUIRE(h != nullptr);
      check_step_list(cmark_node_next(h), steps, name + " " + s.heading);
    }

    // Examples: a level-3 heading with the title, then a fenced block whose
    // info string is the language and whose content is the code, verbatim.
    const Json examples = list_field(e, "examples");
    if (!examples.empty()) {
      cmark_node* n = cmark_node_next(heading(doc.get(), 2, "Examples"));
      for (const Json& x : examples) {
        const std::string title = x.at("title").get<std::string>();
        INFO("example " << title);
        REQUIRE(n != nullptr);
        REQUIRE(cmark_node_get_type(n) == CMARK_NODE_HEADING);
        CHECK(cmark_node_get_heading_level(n) == 3);
        CHECK(plain(n) == title);
        n = cmark_node_next(n);
        REQUIRE(n != nullptr);
        REQUIRE(cmark_node_get_type(n) == CMARK_NODE_CODE_BLOCK);
        std::string language = lower(x.value("language", std::string()));
        if (language.empty()) language = "text";
        const char* info = cmark_node_get_fence_info(n);
        CHECK(std::string(info ? info : "") == language);
        std::string code_text = x.at("code").get<std::string>();
        if (code_text.empty() || code_text.back() != '\n') code_text += '\n';
        CHECK(literal(n) == code_text);
        n = cmark_node_next(n);
      }
    }

    // Related and Referenced by: a link to each entry's page.
    const std::vector<std::string> urls = link_urls(doc.get());
    const auto names = names_of(wiki.kb);
    for (const Json& r : list_field(e, "related")) {
      const std::string target = names.at(related_code(r));
      CHECK(std::count(urls.begin(), urls.end(), target + ".md") >= 1);
    }
    for (const std::string& b : backlinks_of(wiki.kb, code)) CHECK(std::count(urls.begin(), urls.end(), b + ".md") >= 1);
    for (const Json& ref : list_field(e, "references"))
      CHECK(std::count(urls.begin(), urls.end(), ref.at("url").get<std::string>()) == 1);
  }
}

// Round trip: the plain text of every step and sub-step is in the page.
void check_round_trip(const Wiki& wiki) {
  for (const auto& [code, e] : wiki.kb) {
    const std::string name = code + ".md";
    REQUIRE(wiki.files.count(name));
    Doc doc = parse(wiki.files.at(name));
    const std::string page = plain(doc.get());
    std::vector<std::string> steps;
    for (const Section& s : kStepSections) all_steps(list_field(e, s.field), steps);
    CHECK_FALSE(steps.empty());
    for (const std::string& step : steps) {
      const std::string text = plain_of_markdown(step);
      INFO(name << ": step " << step << "\nplain text: " << text);
      CHECK_FALSE(text.empty());
      CHECK(page.find(text) != std::string::npos);
    }
  }
}

}  // namespace

TEST_CASE("markdown: the sample KB's wiki has a page per code and only relative links that resolve",
          "[render][markdown]") {
  TempDir tmp("markdown-sample");
  Wiki wiki;
  build_wiki(sample_kb(), tmp, wiki);
  CHECK(wiki.kb.size() == 7);
  check_links(wiki);
}

TEST_CASE("markdown: README.md links every code, one intact table row each", "[render][markdown]") {
  TempDir tmp("markdown-readme");
  Wiki wiki;
  build_wiki(sample_kb(), tmp, wiki);
  check_readme(wiki);
  Doc doc = parse(wiki.files.at("README.md"));
  const std::vector<std::string> h1 = heading_texts(doc.get(), 1);
  REQUIRE(h1.size() == 1);
  CHECK(h1[0] == "Microsoft Entra Conditional Access sign-in errors");
}

TEST_CASE("markdown: each entry page has the HTML page's sections, ordered step lists and fenced examples",
          "[render][markdown]") {
  TempDir tmp("markdown-pages");
  Wiki wiki;
  build_wiki(sample_kb(), tmp, wiki);
  check_entry_pages(wiki);
  // The sample KB exercises sub-steps and examples at all.
  std::size_t nested = 0, examples = 0;
  for (const auto& [code, e] : wiki.kb) {
    examples += list_field(e, "examples").size();
    for (const Section& s : kStepSections)
      for (const Json& step : list_field(e, s.field)) nested += sub_steps(step).empty() ? 0 : 1;
  }
  CHECK(nested > 0);
  CHECK(examples > 0);
}

TEST_CASE("markdown: every step and sub-step of the sample KB round-trips to its page", "[render][markdown]") {
  TempDir tmp("markdown-roundtrip");
  Wiki wiki;
  build_wiki(sample_kb(), tmp, wiki);
  check_round_trip(wiki);
}

TEST_CASE("markdown: backticks, pipes and <script> in code, and markup characters in titles, survive",
          "[render][markdown]") {
  TempDir tmp("markdown-escaping");
  Wiki wiki;
  build_wiki(kEscapingKb, tmp, wiki);
  REQUIRE(wiki.kb.size() == 2);
  check_links(wiki);
  check_readme(wiki);
  check_entry_pages(wiki);
  check_round_trip(wiki);

  // The site title in README.md, markup characters and all.
  {
    Doc doc = parse(wiki.files.at("README.md"));
    const std::vector<std::string> h1 = heading_texts(doc.get(), 1);
    REQUIRE(h1.size() == 1);
    CHECK(h1[0] == Json::parse(read_file(kEscapingKb + "/kbgen.json")).at("title").get<std::string>());
  }

  std::size_t code_spans = 0, code_blocks = 0;
  for (const auto& [code, e] : wiki.kb) {
    const std::string name = code + ".md";
    INFO(name);
    Doc doc = parse(wiki.files.at(name));
    std::multiset<std::string> spans;
    std::set<std::pair<std::string, std::string>> blocks;  // (info, literal)
    for (cmark_node* n : nodes_of_type(doc.get(), CMARK_NODE_CODE)) spans.insert(literal(n));
    for (cmark_node* n : nodes_of_type(doc.get(), CMARK_NODE_CODE_BLOCK))
      blocks.insert({cmark_node_get_fence_info(n) ? cmark_node_get_fence_info(n) : "", literal(n)});

    // Every code span and fenced block of every step, verbatim.
    std::vector<std::string> steps;
    for (const Section& s : kStepSections) all_steps(list_field(e, s.field), steps);
    for (const std::string& step : steps) {
      Doc source = parse(step);
      for (cmark_node* n : nodes_of_type(source.get(), CMARK_NODE_CODE)) {
        INFO("code span " << literal(n) << " of step " << step);
        CHECK(spans.count(literal(n)) >= 1);
        ++code_spans;
      }
      for (cmark_node* n : nodes_of_type(source.get(), CMARK_NODE_CODE_BLOCK)) {
        const std::string info = cmark_node_get_fence_info(n) ? cmark_node_get_fence_info(n) : "";
        INFO("code block " << literal(n) << " of step " << step);
        CHECK(blocks.count({info, literal(n)}) == 1);
        ++code_blocks;
      }
    }

    // Titles with * _ [ | as written: causes (strong text), related,
    // references (link text), details.
    for (const Json& c : list_field(e, "causes")) {
      if (!c.is_object() || !c.contains("title")) continue;
      bool found = false;
      for (cmark_node* n : nodes_of_type(doc.get(), CMARK_NODE_STRONG)) found = found || plain(n) == c.at("title");
      INFO("cause " << c.at("title"));
      CHECK(found);
    }
    for (const Json& r : list_field(e, "references")) {
      bool found = false;
      for (cmark_node* n : nodes_of_type(doc.get(), CMARK_NODE_LINK))
        found = found || (plain(n) == r.at("title") && cmark_node_get_url(n) == r.at("url").get<std::string>());
      INFO("reference " << r.at("title"));
      CHECK(found);
    }
    const std::string page = plain(doc.get());
    for (const Json& r : list_field(e, "related")) {
      const std::string target = related_code(r);
      const std::string title = text_field(wiki.kb.at(target), "title");
      INFO("related " << target);
      CHECK(page.find(target + " " + title) != std::string::npos);
    }
    for (const char* field : {"product", "category", "owner"})
      if (!text_field(e, field).empty()) CHECK(page.find(text_field(e, field)) != std::string::npos);
  }
  // The fixture has what this test is about.
  CHECK(code_spans >= 6);
  CHECK(code_blocks >= 2);
  const std::string fixture = read_file(kEscapingKb + "/entries.json");
  CHECK(contains(fixture, "<script>"));
  CHECK(contains(fixture, "````"));
}
