// load/load: walking KB_DIR through a Disk, and files that cannot be read.
#include <catch2/catch.hpp>

#include "check/dates.h"
#include "pipeline.h"
#include "support/check_helpers.h"
#include "support/memory_disk.h"

using namespace kbgen;
using namespace kbgen::testing;

namespace {

PipelineResult run(const MemoryDisk& disk, const std::string& dir = "kb") {
  CheckOptions options;
  options.today = *parse_iso_date("2026-11-24");
  return run_checks(dir, disk, options);
}

}  // namespace

TEST_CASE("unreadable-file: a file whose read fails", "[check][unreadable-file]") {
  MemoryDisk disk;
  disk.add_file("kb/a.json", valid_entry(R"("description": "TODO")", "E1"));
  disk.add_file("kb/b.json", valid_entry("", "E2"));
  disk.fail_read("kb/b.json", "Permission denied");
  const PipelineResult result = run(disk);
  REQUIRE(result.fatal.empty());
  const auto& items = result.diagnostics.items();
  REQUIRE(items.size() == 2);
  // a.json is still checked.
  CHECK(items[0].rule == "placeholder-text");
  CHECK(result.kb.sources.at(items[0].pos.file).rel_path == "a.json");
  const Diagnostic& d = items[1];
  CHECK(d.rule == "unreadable-file");
  CHECK(d.severity == Severity::Error);
  CHECK(result.kb.sources.at(d.pos.file).path == "kb/b.json");
  const LineColumn lc = result.kb.sources.line_column(d.pos);
  CHECK(lc.line == 1);
  CHECK(lc.column == 1);
  CHECK(d.message == "cannot read this file: Permission denied");
  CHECK(result.kb.entries.size() == 1);
}

TEST_CASE("unreadable-file: kbgen.json itself", "[check][unreadable-file]") {
  MemoryDisk disk;
  disk.add_file("kb/kbgen.json", R"({"rules": {"placeholder-text": "off"}})");
  disk.add_file("kb/a.json", valid_entry(R"("description": "TODO")"));
  disk.fail_read("kb/kbgen.json", "Input/output error");
  const PipelineResult result = run(disk);
  const auto& items = result.diagnostics.items();
  REQUIRE(items.size() == 2);
  CHECK(items[0].rule == "placeholder-text");  // the configuration was not applied
  CHECK(items[1].rule == "unreadable-file");
  CHECK(result.kb.sources.at(items[1].pos.file).rel_path == "kbgen.json");
}

TEST_CASE("load: which files are entries", "[load]") {
  CHECK(is_entry_file_name("AADSTS53003.json"));
  CHECK_FALSE(is_entry_file_name("entry.schema.json"));
  CHECK_FALSE(is_entry_file_name("README.md"));

  MemoryDisk disk;
  disk.add_file("kb/kbgen.json", R"({"title": "KB"})");
  disk.add_file("kb/entry.schema.json", "not json");
  disk.add_file("kb/.hidden/x.json", "not json");
  disk.add_file("kb/notes.txt", "not json");
  disk.add_file("kb/deep/er/b.json", valid_entry("", "E2"));
  disk.add_file("kb/a.json", valid_entry("", "E1"));
  disk.add_file("kb/sub/kbgen.json", valid_entry("", "E3"));  // only the root one is the config
  const PipelineResult result = run(disk);
  INFO(result.fatal);
  CHECK(result.diagnostics.items().empty());
  CHECK(result.kb.config.title == "KB");
  REQUIRE(result.kb.entries.size() == 3);
  CHECK(result.kb.entries[0].code.value == "E1");
  CHECK(result.kb.entries[1].code.value == "E2");
  CHECK(result.kb.entries[2].code.value == "E3");
}

TEST_CASE("load: a KB_DIR that cannot be used is fatal, not a finding", "[load]") {
  MemoryDisk disk;
  disk.add_file("kb/a.json", valid_entry());
  const PipelineResult missing = run(disk, "nope");
  CHECK(missing.fatal == "knowledge base folder not found: nope");
  CHECK(missing.diagnostics.items().empty());
  const PipelineResult file = run(disk, "kb/a.json");
  CHECK(file.fatal.rfind("not a folder: kb/a.json", 0) == 0);
}
