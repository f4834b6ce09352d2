// The render pass walks the entries a chunk at a time (render/renderer.h):
// whatever the chunk size and the number of threads, a build writes the
// same bytes as a build in one chunk, including the files written piece by
// piece across chunks (search index, sitemap, api/index.json, runbooks)
// and the runbooks rendered whole when their templates defeat streaming.
#include <catch2/catch.hpp>

#include <atomic>
#include <mutex>
#include <set>
#include <string>

#include "check/dates.h"
#include "load/disk.h"
#include "pipeline.h"
#include "render/renderer.h"
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

namespace {

// A renderer that records how the pass calls it: which entries it rendered
// (and on how many threads at once), the chunks end_chunk got and whether
// two ever overlapped, and the pages it left and in which order they ran.
class Recorder : public Renderer {
 public:
  explicit Recorder(std::size_t entries, std::set<std::size_t> failing = {}, std::size_t failing_chunk = SIZE_MAX)
      : rendered(entries), failing_(std::move(failing)), failing_chunk_(failing_chunk) {}

  const char* name() const override { return "recorder"; }
  bool begin(const RenderContext&, const TemplateSet&, StagedOutput&, std::string&) override { return true; }
  std::size_t pieces_per_entry() const override { return 2; }

  bool render_entry(const RenderContext&, const PreparedEntry& entry, HashedPiece* pieces, const TemplateSet&,
                    StagedOutput&, std::string& error) override {
    ++rendered[entry.index];
    pieces[0] = HashedPiece::of("a" + std::to_string(entry.index));
    pieces[1] = HashedPiece::of("b" + std::to_string(entry.index));
    if (failing_.count(entry.index)) {
      error = "entry " + std::to_string(entry.index) + " failed";
      return false;
    }
    return true;
  }

  bool end_chunk(const RenderContext&, std::size_t first, std::size_t count, HashedPiece* pieces, StagedOutput&,
                 std::string& error) override {
    if (in_end_chunk_.exchange(true)) overlapped = true;
    std::lock_guard<std::mutex> lock(mutex_);
    if (first != appended) out_of_order = true;
    for (std::size_t k = 0; k < count; ++k)
      if (pieces[2 * k].bytes != "a" + std::to_string(first + k) || pieces[2 * k + 1].bytes != "b" + std::to_string(first + k))
        wrong_pieces = true;
    appended = first + count;
    ++chunks;
    in_end_chunk_ = false;
    if (chunks == failing_chunk_) {
      error = "chunk " + std::to_string(chunks) + " failed";
      return false;
    }
    return true;
  }

  bool finish(const RenderContext&, const TemplateSet&, StagedOutput&, std::vector<PageTask>& pages,
              std::string&) override {
    finished_after = appended;
    for (int n = 0; n < 6; ++n)
      pages.push_back({n == 4, [this, n](std::string&) {
        std::lock_guard<std::mutex> lock(mutex_);
        page_order.push_back(n);
        return true;
      }});
    return true;
  }

  std::vector<std::atomic<int>> rendered;  // per entry: render_entry calls
  std::size_t appended = 0, chunks = 0, finished_after = 0;
  bool overlapped = false, out_of_order = false, wrong_pieces = false;
  std::vector<int> page_order;

 private:
  std::set<std::size_t> failing_;
  std::size_t failing_chunk_;
  std::atomic<bool> in_end_chunk_{false};
  std::mutex mutex_;
};

// What render_all needs, for the 40-entry KB, built once per pass.
struct PassFixture {
  explicit PassFixture(const TempDir& dir) {
    write_kb(dir, 40);
    RealDisk disk;
    CheckOptions options;
    options.today = *parse_iso_date("2026-11-24");
    checked = run_checks(dir.str() + "/kb", disk, options, std::nullopt, false);
    REQUIRE(checked.fatal.empty());
    linked = link_entries(std::move(checked.merged.entries), checked.kb.config);
    std::string error;
    REQUIRE(templates.load("", error));
  }

  // Runs the pass with `renderer` alone; `error` gets its error.
  bool run(Recorder& renderer, const TempDir& dir, std::size_t chunk, unsigned jobs, std::string& error) {
    RenderContext ctx = make_render_context(linked, 0, {renderer.name()}, jobs);
    StagedOutput out;
    REQUIRE(out.begin(dir.str() + "/out-" + std::to_string(runs++), error));
    EntryReuse reuse;
    reuse.begin(ctx, templates, "test", nullptr, out);
    ctx.records = &reuse.records;
    ctx.reuse = &reuse;
    std::vector<std::unique_ptr<Renderer>> renderers;
    renderers.push_back(std::unique_ptr<Renderer>(&renderer));
    const bool ok = render_all(ctx, renderers, templates, out, chunk, reuse, error);
    renderers.front().release();  // owned by the caller
    return ok;
  }

  PipelineResult checked;
  LinkedKb linked;
  TemplateSet templates;
  int runs = 0;
};

}  // namespace

TEST_CASE("render pass: every entry is rendered once and every chunk appended once, in order, one at a time",
          "[render]") {
  TempDir dir("render-pass-contract");
  PassFixture fixture(dir);
  const std::size_t entries = fixture.linked.entries.size();
  REQUIRE(entries == 40);
  for (const auto& [chunk, jobs] : std::vector<std::pair<std::size_t, unsigned>>{{1, 1}, {1, 4}, {3, 2}, {7, 3}, {1000, 2}}) {
    INFO("chunks of " << chunk << ", " << jobs << " threads");
    Recorder recorder(entries);
    std::string error;
    REQUIRE(fixture.run(recorder, dir, chunk, jobs, error));
    for (std::size_t i = 0; i < entries; ++i) CHECK(recorder.rendered[i] == 1);
    CHECK(recorder.appended == entries);
    CHECK(recorder.chunks == (entries + chunk - 1) / chunk);
    CHECK_FALSE(recorder.out_of_order);
    CHECK_FALSE(recorder.overlapped);
    CHECK_FALSE(recorder.wrong_pieces);
    // finish comes after the last chunk is appended; its pages all run, the
    // long one first when there is one thread to run them in order.
    CHECK(recorder.finished_after == entries);
    REQUIRE(recorder.page_order.size() == 6);
    if (jobs == 1) CHECK(recorder.page_order == std::vector<int>{4, 0, 1, 2, 3, 5});
  }
}

TEST_CASE("render pass: a failing entry or chunk stops the pass with the same error for any chunking", "[render]") {
  TempDir dir("render-pass-failing");
  PassFixture fixture(dir);
  for (const auto& [chunk, jobs] : std::vector<std::pair<std::size_t, unsigned>>{{1, 1}, {1, 4}, {3, 2}, {1000, 3}}) {
    INFO("chunks of " << chunk << ", " << jobs << " threads");
    {
      Recorder recorder(40, {29, 11, 30});
      std::string error;
      CHECK_FALSE(fixture.run(recorder, dir, chunk, jobs, error));
      // The first failing entry's error, whatever else ran meanwhile.
      CHECK(error == "entry 11 failed");
      CHECK(recorder.appended <= 11);
    }
    {
      Recorder recorder(40, {}, 2);
      std::string error;
      const bool ok = fixture.run(recorder, dir, chunk, jobs, error);
      if (chunk == 1000) {
        CHECK(ok);  // one chunk: end_chunk runs once
      } else {
        CHECK_FALSE(ok);
        CHECK(error == "chunk 2 failed");
        CHECK(recorder.page_order.empty());
      }
    }
  }
}
