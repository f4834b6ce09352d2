// The render pass walks the entries a chunk at a time (render/renderer.h):
// whatever the chunk size and the number of threads, a build writes the
// same bytes as a build in one chunk, including the files written piece by
// piece across chunks (search index, sitemap, api/index.json, runbooks)
// and the runbooks rendered whole when their templates defeat streaming.
#include <catch2/catch.hpp>

#include <string>

#include "check/dates.h"
#include "load/disk.h"
#include "pipeline.h"
#include "render/site_test_support.h"
#include "support/temp_dir.h"

using namespace kbgen;
using kbgen::site_testing::describe_difference;
using kbgen::site_testing::snapshot;
using kbgen::site_testing::Tree;
using kbgen::testing::TempDir;

namespace {

// A KB of `count` entries over a few products, categories and tags, each
// mentioning and relating to others (by code and by alias), with steps,
// sub-steps and causes, so every Markdown field crosses chunk boundaries;
// only every other entry has a description.
void write_kb(const TempDir& dir, int count) {
  dir.write("kb/kbgen.json", R"({"title": "Chunks", "base_url": "https://kb.example.com/c/"})");
  auto code = [](int n) { return "C" + std::to_string(100 + n); };
  for (int n = 0; n < count; ++n) {
    const std::string next = code((n + 1) % count), prev = code((n + count - 1) % count);
    const std::string alias = "alias-" + std::to_string((n + 3) % count);
    const std::string json =
        "{\"code\": \"" + code(n) + "\", \"title\": \"Failure number " + std::to_string(n) + "\"," +
        "\"summary\": \"Entry " + std::to_string(n) + " fails; compare " + next + " and " + alias + ".\"," +
        (n % 2 ? "" : "\"description\": \"Longer text about *" + code(n) + "* with `code " + prev + "` and " + prev + ".\",") +
        "\"product\": \"Product " + std::to_string(n % 3) + "\", \"category\": \"Cat " + std::to_string(n % 4) +
        "\", \"tags\": [\"t" + std::to_string(n % 5) + "\", \"all\"], \"aliases\": [\"alias-" +
        std::to_string(n) + "\"]," +
        "\"causes\": [{\"title\": \"Cause\", \"detail\": \"Often after " + next + ".\"}]," +
        "\"diagnosis\": [{\"text\": \"Look at " + prev + " logs for run " + std::to_string(n) +
        ".\", \"steps\": [\"Then check " + next + " state " + std::to_string(n) + ".\"]}]," +
        "\"fix\": [\"Restart service " + std::to_string(n) + " as for " + alias + ".\"]," +
        "\"related\": [{\"code\": \"" + next + "\", \"note\": \"Follows " + code(n) + ".\"}, \"" + alias +
        "\"]}";
    dir.write("kb/p" + std::to_string(n % 3) + "/" + code(n) + ".json", json);
  }
}

Tree build(const std::string& kb, const std::string& out, std::size_t chunk, unsigned jobs,
           const std::string& templates = "", std::vector<std::string> runbook_filter = {}) {
  RealDisk disk;
  CheckOptions options;
  options.today = *parse_iso_date("2026-11-24");
  BuildOptions build;
  build.out_dir = out;
  build.jobs = jobs;
  build.chunk_entries = chunk;
  build.templates_dir = templates;
  build.runbook_filter = std::move(runbook_filter);
  build.full = true;
  const BuildResult result = run_build(kb, disk, options, std::nullopt, build);
  INFO("fatal: " << result.checked.fatal << "; error: " << result.error);
  REQUIRE(result.built);
  return snapshot(out);
}

void require_chunking_invisible(const std::string& kb, const TempDir& dir, const std::string& templates = "",
                                const std::vector<std::string>& filter = {}) {
  const Tree whole = build(kb, dir.str() + "/whole", 1000000, 1, templates, filter);
  REQUIRE(whole.count("runbook.html"));
  for (const auto& [chunk, jobs] : std::vector<std::pair<std::size_t, unsigned>>{{1, 1}, {1, 3}, {2, 2}, {7, 1}, {7, 4}}) {
    const std::string out = dir.str() + "/chunk-" + std::to_string(chunk) + "-j" + std::to_string(jobs);
    const Tree chunked = build(kb, out, chunk, jobs, templates, filter);
    INFO("chunks of " << chunk << ", " << jobs << " threads\n" << describe_difference(whole, chunked));
    CHECK(chunked == whole);
  }
}

}  // namespace

TEST_CASE("render pass: the sample KB builds the same in chunks of any size", "[render]") {
  TempDir dir("render-pass-sample");
  require_chunking_invisible(site_testing::sample_kb(), dir);
}

TEST_CASE("render pass: a KB of many entries builds the same in chunks of any size", "[render]") {
  TempDir dir("render-pass-many");
  write_kb(dir, 40);
  require_chunking_invisible(dir.str() + "/kb", dir);
  // A runbook of some entries only: chosen entries fall unevenly into chunks.
  require_chunking_invisible(dir.str() + "/kb", dir, "", {"tag:t1", "code:C103"});
}

TEST_CASE("render pass: runbooks whose templates defeat streaming are rendered whole, the same in chunks",
          "[render]") {
  TempDir dir("render-pass-whole");
  write_kb(dir, 20);
  // The HTML runbook shows each article twice (no single marker per
  // article); the Markdown runbook's articles are blank for some entries
  // (kainjow drops their lines), which is found mid-pass.
  dir.write("theme/runbook.mustache",
            "<html><body>{{#entries}}{{{article_html}}}{{/entries}}<hr>{{#entries}}{{{article_html}}}{{/entries}}"
            "</body></html>\n");
  dir.write("theme/markdown/runbook-entry.mustache", "{{#has_description}}## {{code}}\n{{/has_description}}");
  dir.write("theme/markdown/runbook.mustache", "# Runbook\n{{#entries}}\n{{{article_md}}}\n{{/entries}}\nend\n");
  require_chunking_invisible(dir.str() + "/kb", dir, dir.str() + "/theme");
}
