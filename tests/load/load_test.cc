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

TEST_CASE("load and check: the same entries, files and findings in the same order for any jobs",
          "[load][check]") {
  MemoryDisk disk;
  disk.add_file("kb/kbgen.json", R"({"title": "KB"})");
  for (int i = 0; i < 40; ++i) {
    const std::string code = "E" + std::to_string(i);
    const std::string dir = "kb/" + std::string(i % 3 == 0 ? "a" : "b/c") + "/";
    switch (i % 5) {
      case 0: disk.add_file(dir + code + ".json", valid_entry(R"("description": "TODO")", code)); break;
      case 1: disk.add_file(dir + code + ".json", "{\"code\": \"" + code + "\", \"code\": 1,"); break;
      case 2: disk.add_file(dir + code + ".json", "[" + valid_entry("", code) + ", " +
                                                     valid_entry(R"("fix": ["Try again."])", code + "b") + "]");
              break;
      case 3: disk.add_file(dir + code + ".json", valid_entry("\"title\": \"Caf\xC3\xA9 \\u2014 TBD\"", code)); break;
      default:
        disk.add_file(dir + code + ".json", valid_entry("", code));
        disk.fail_read(dir + code + ".json", "Permission denied");
    }
  }
  struct Run {
    KnowledgeBase kb;
    Diagnostics diagnostics;
  };
  const auto run_with = [&](unsigned jobs) {
    Run r;
    std::string fatal;
    REQUIRE(load_knowledge_base("kb", disk, r.kb, r.diagnostics, fatal, jobs));
    CheckOptions options;
    options.today = *parse_iso_date("2026-11-24");
    options.jobs = jobs;
    check_knowledge_base(r.kb, options, r.diagnostics);
    return r;
  };
  const Run one = run_with(1);
  REQUIRE(one.kb.entries.size() > 20);
  REQUIRE(one.diagnostics.items().size() > 20);
  for (unsigned jobs : {2u, 3u, 8u}) {
    INFO("jobs " << jobs);
    const Run many = run_with(jobs);
    REQUIRE(many.kb.sources.size() == one.kb.sources.size());
    for (FileId f = 0; f < one.kb.sources.size(); ++f)
      CHECK(many.kb.sources.at(f).rel_path == one.kb.sources.at(f).rel_path);
    REQUIRE(many.kb.entries.size() == one.kb.entries.size());
    for (std::size_t i = 0; i < one.kb.entries.size(); ++i) {
      CHECK(many.kb.entries[i].code.value == one.kb.entries[i].code.value);
      CHECK(many.kb.entries[i].pos.file == one.kb.entries[i].pos.file);
      CHECK(many.kb.entries[i].pos.offset == one.kb.entries[i].pos.offset);
    }
    const auto& a = one.diagnostics.items();
    const auto& b = many.diagnostics.items();
    REQUIRE(b.size() == a.size());
    for (std::size_t i = 0; i < a.size(); ++i) {
      CHECK(b[i].rule == a[i].rule);
      CHECK(b[i].message == a[i].message);
      CHECK(b[i].pos.file == a[i].pos.file);
      CHECK(b[i].pos.offset == a[i].pos.offset);
    }
  }
}
