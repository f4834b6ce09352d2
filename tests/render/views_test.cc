// Entry views filled in place (render/views.h): a view refilled entry after
// entry, in any order, holds exactly what a view built afresh for the entry
// holds, for every flavour; RecycledViews keeps one view per thread.
#include <catch2/catch.hpp>

#include <algorithm>
#include <map>
#include <string>
#include <thread>

#include "check/dates.h"
#include "link/link.h"
#include "load/disk.h"
#include "pipeline.h"
#include "render/context.h"
#include "render/views.h"
#include "support/temp_dir.h"

using namespace kbgen;
using kbgen::testing::TempDir;

namespace {

// The data as text, object keys sorted, so two views compare by content.
std::string dump(const MData& data) {
  if (data.is_string()) return "\"" + data.string_value() + "\"";
  if (data.is_true()) return "true";
  if (data.is_false()) return "false";
  if (data.is_list()) {
    std::string out = "[";
    for (const MData& item : data.list_value()) out += dump(item) + ",";
    return out + "]";
  }
  if (data.is_object()) {
    // kainjow offers no iteration over an object's keys: look up each the
    // views can hold (every key docs/templates.md lists, and the tests' own).
    static const char* const kKeys[] = {
        "code", "title", "url", "md_url", "anchor", "md_anchor", "linked", "summary_html", "summary_md",
        "summary_cell_md", "aliases", "tags", "name", "code_md", "has_aliases", "has_tags", "product_anchor",
        "category_anchor", "has_description", "description_html", "description_md", "product", "has_product",
        "category", "has_category", "owner", "has_owner", "reviewed", "has_reviewed", "review_overdue",
        "stale_after_days", "causes", "has_title", "detail_html", "detail_md", "has_causes", "diagnosis",
        "diagnosis_md", "fix", "fix_md", "verification", "verification_md", "prevention", "prevention_md", "steps",
        "html", "md", "has_steps", "examples", "language", "fence", "has_examples", "related", "has_note",
        "note_html", "note_md", "has_related", "has_backlinks", "backlinks", "references", "has_references",
        "sources", "path", "x-team", "x-links", "x-flag", "a", "b"};
    std::map<std::string, std::string> found;
    for (const char* key : kKeys)
      if (const MData* value = data.get(key)) found[key] = dump(*value);
    std::string out = "{";
    for (const auto& [key, value] : found) out += key + ":" + value + ",";
    return out + "}";
  }
  return "?";
}

// Entries that differ in every list's length, in which fields they have,
// and in extension fields (which only some have).
void write_kb(const TempDir& dir) {
  dir.write("kb/kbgen.json", R"({"title": "Views"})");
  dir.write("kb/a.json", R"({"code": "V-1", "title": "Full entry", "summary": "Like V-2, with *everything*.",
    "description": "Long | text about V-3.", "product": "P", "category": "C", "owner": "team-a",
    "reviewed": "2020-01-01", "tags": ["one", "two", "three"], "aliases": ["v1", "`odd`"],
    "causes": [{"title": "First", "detail": "See V-2."}, {"detail": "Untitled cause."}],
    "diagnosis": [{"text": "Look at logs.", "steps": ["Then at V-2.", {"text": "And deeper.", "steps": ["Deepest."]}]},
                  "Second look."],
    "fix": ["Restart V-3.", "Check again."], "verification": ["It works."], "prevention": ["Monitor it."],
    "examples": [{"title": "Log", "language": "Shell Script", "code": "echo ``` done\n"}, {"code": "plain"}],
    "related": [{"code": "V-2", "note": "The short one."}, "V-3"],
    "references": [{"title": "Docs", "url": "https://example.com/docs"}],
    "x-team": {"name": "Ops", "pager": 12}, "x-links": ["a", "b"]})");
  dir.write("kb/b.json", R"({"code": "V-2", "title": "Short entry", "summary": "Nothing else.",
    "fix": ["One step."]})");
  dir.write("kb/c.json", R"({"code": "V-3", "title": "Middle entry", "summary": "Some of it, like V-1.",
    "tags": ["one"], "diagnosis": ["Only one."], "fix": [{"text": "Nested.", "steps": ["Inner."]}],
    "related": ["V-1"], "x-flag": true})");
  dir.write("kb/d.json", R"({"code": "V-4", "title": "Other product", "summary": "Elsewhere.",
    "product": "Q", "causes": [{"title": "Only", "detail": "One."}], "related": ["V-2"]})");
}

}  // namespace

TEST_CASE("views: a view refilled for entry after entry equals one built afresh, in every flavour", "[render][views]") {
  TempDir dir;
  write_kb(dir);
  RealDisk disk;
  CheckOptions options;
  options.today = *parse_iso_date("2026-11-24");
  PipelineResult checked = run_checks(dir.str() + "/kb", disk, options, std::nullopt, false);
  REQUIRE(checked.fatal.empty());
  LinkedKb linked = link_entries(std::move(checked.merged.entries), checked.kb.config);
  for (std::size_t f = 0; f < checked.kb.sources.size(); ++f)
    linked.source_paths.push_back(checked.kb.sources.at(static_cast<FileId>(f)).rel_path);
  const RenderContext ctx = make_render_context(linked, options.today, {"html", "markdown", "runbook"}, 1);
  REQUIRE(ctx.kb->entries.size() == 4);

  const IncludedEntries some{{true, true, false, false}, &linked};  // V-1 and V-2
  CHECK(some.has("V-1"));
  CHECK_FALSE(some.has("V-3"));
  CHECK_FALSE(some.has("v1"));  // V-1's alias: entry links name codes only
  const std::pair<const char*, ViewFlavor> flavors[] = {
      {"html page", ViewFlavor::html_page("../../")},
      {"markdown wiki", ViewFlavor::markdown_wiki()},
      {"html runbook", ViewFlavor::html_runbook(nullptr)},
      {"markdown runbook of some", ViewFlavor::markdown_runbook(&some)},
  };
  std::vector<std::size_t> order = {0, 1, 2, 3};
  for (const auto& [name, flavor] : flavors) {
    // Every order of the entries, so each follows each.
    std::sort(order.begin(), order.end());
    do {
      RecycledViews views;
      for (std::size_t i : order) {
        const PreparedEntry p = prepare_entry(ctx, i);
        MData& view = views.take(!ctx.entry(i).extensions.empty());
        fill_entry_view(ctx, p, flavor, view);
        INFO(name << ", entry " << ctx.entry(i).code.value);
        CHECK(dump(view) == dump(entry_view(ctx, p, flavor)));
      }
    } while (std::next_permutation(order.begin(), order.end()));
  }
  // The dump sees what matters: the full entry's view has its extensions,
  // nested steps and fields.
  const std::string full = dump(entry_view(ctx, prepare_entry(ctx, 0), ViewFlavor::html_page("../../")));
  CHECK(full.find("x-team:{") != std::string::npos);
  CHECK(full.find("Deepest.") != std::string::npos);
  CHECK(full.find("has_owner:true") != std::string::npos);
}

TEST_CASE("views: RecycledViews hands each thread a view of its own, the same one each time", "[render][views]") {
  RecycledViews views;
  MData* mine = &views.take(false);
  CHECK(&views.take(false) == mine);
  MData* other = nullptr;
  std::thread([&] { other = &views.take(false); }).join();
  CHECK(other != mine);
  // What a fill sets is there for the next; after an entry with extension
  // fields the view is emptied first.
  put_text(views.take(false), "code", "V-1");
  CHECK(views.take(false).get("code") != nullptr);
  put_text(views.take(true), "x-extra", "left");
  const MData& next = views.take(false);
  CHECK(next.get("x-extra") == nullptr);
  CHECK(next.get("code") == nullptr);
}
