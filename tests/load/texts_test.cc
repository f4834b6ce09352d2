// load: entry texts are copied out of each file's JSON into the KB's arena,
// and stay valid through merging, moves of the result, and the end of the
// files' own text.
#include <catch2/catch.hpp>

#include <string>
#include <utility>
#include <vector>

#include "check/dates.h"
#include "pipeline.h"
#include "support/memory_disk.h"

using namespace kbgen;
using namespace kbgen::testing;

namespace {

PipelineResult run(const MemoryDisk& disk, bool keep_objects) {
  CheckOptions options;
  options.today = *parse_iso_date("2026-11-24");
  return run_checks("kb", disk, options, std::nullopt, keep_objects);
}

// One code in two files: a.json says the title and one fix step, b.json the
// rest. b.json repeats a key, which sends it to the full (nlohmann) parser
// rather than the fast one: both must hand over the same texts.
MemoryDisk two_files() {
  MemoryDisk disk;
  disk.add_file("kb/a.json", R"({
  "code": "E1",
  "title": "Tab\there, \"quoted\", caf\u00e9 and caf\u00C3\u00A9? no: café, \ud83d\ude00",
  "fix": ["Restart the \\service\\ with `systemctl restart x`"],
  "description": ""
})");
  disk.add_file("kb/b.json", R"({
  "code": "E1",
  "summary": "Zusammenfassung – ünïcödé, 日本語\nnew line",
  "summary": "ignored repeat",
  "fix": [{"text": "Second step", "steps": ["Sub-step één"]}],
  "tags": ["sync", "tls"],
  "related": [{"code": "E2", "note": "see \u201cE2\u201d"}]
})");
  return disk;
}

void check_merged(const PipelineResult& result) {
  REQUIRE(result.merged.entries.size() == 1);
  const Entry& e = result.merged.entries[0];
  CHECK(e.code.value == "E1");
  CHECK(e.title.value == "Tab\there, \"quoted\", caf\u00e9 and caf\u00C3\u00A9? no: café, \xF0\x9F\x98\x80");
  CHECK(e.summary.value == "Zusammenfassung – ünïcödé, 日本語\nnew line");
  REQUIRE(e.fix.size() == 2);
  CHECK(e.fix[0].text.value == "Restart the \\service\\ with `systemctl restart x`");
  CHECK(e.fix[1].text.value == "Second step");
  REQUIRE(e.fix[1].steps.size() == 1);
  CHECK(e.fix[1].steps[0].text.value == "Sub-step één");
  REQUIRE(e.tags.size() == 2);
  CHECK(e.tags[1].value == "tls");
  REQUIRE(e.related.size() == 1);
  CHECK(e.related[0].note.value == "see \u201cE2\u201d");
  // Present but empty is not absent.
  CHECK(e.description.present());
  CHECK(e.description.value.empty());
  CHECK_FALSE(e.owner.present());
  // Positions still name the file each text came from.
  CHECK(result.kb.sources.at(e.title.pos.file).rel_path == "a.json");
  CHECK(result.kb.sources.at(e.summary.pos.file).rel_path == "b.json");
  CHECK(result.kb.sources.line_column(e.summary.pos).line == 3);
}

}  // namespace

TEST_CASE("load texts: merged entries from two files keep every text", "[load]") {
  check_merged(run(two_files(), /*keep_objects=*/false));
  const PipelineResult kept = run(two_files(), /*keep_objects=*/true);
  check_merged(kept);
  REQUIRE(kept.kb.entries.size() == 2);  // the objects view the same arena
  CHECK(kept.kb.entries[1].tags[0].value == "sync");
}

TEST_CASE("load texts: moving the result keeps the views valid", "[load]") {
  PipelineResult first = run(two_files(), /*keep_objects=*/false);
  PipelineResult second = std::move(first);
  std::vector<PipelineResult> many;
  many.push_back(std::move(second));
  for (int i = 0; i < 8; ++i) many.push_back(run(two_files(), false));  // the vector grows and moves
  check_merged(many.front());
  check_merged(many.back());
}
