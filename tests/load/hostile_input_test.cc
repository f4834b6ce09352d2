// Hostile or broken input: each case gets one clear finding (or, for a
// KB_DIR that cannot be used, a fatal error), and no crash, hang or huge
// memory use. Cases that need the operating system (sparse files, links,
// FIFOs) go through RealDisk in a temporary folder under /tmp.
#include <catch2/catch.hpp>

#include <algorithm>
#include <filesystem>
#include <string>
#include <vector>

#include <sys/stat.h>
#include <sys/types.h>

#include "check/dates.h"
#include "pipeline.h"
#include "support/check_helpers.h"
#include "support/memory_disk.h"
#include "support/temp_dir.h"

using namespace kbgen;
using namespace kbgen::testing;

namespace {

CheckOptions options_for_tests() {
  CheckOptions options;
  options.today = *parse_iso_date("2026-11-24");
  return options;
}

PipelineResult run(const std::string& dir, const Disk& disk) {
  return run_checks(dir, disk, options_for_tests());
}

bool contains(const std::string& haystack, const std::string& needle) {
  return haystack.find(needle) != std::string::npos;
}

// A message fit for a person: not empty, one line, valid UTF-8, and no
// leftovers of the JSON library's own exception text or position.
void check_clear(const Finding& f) {
  INFO("message: " << f.message);
  CHECK_FALSE(f.message.empty());
  CHECK_FALSE(contains(f.message, "\n"));
  CHECK(is_valid_utf8(f.message));
  CHECK_FALSE(contains(f.message, "json.exception"));
  CHECK_FALSE(contains(f.message, "parse error at line"));
}

// The one finding in `findings`, checked to be of `rule` at `line`:`column`.
// Call it under INFO(describe(findings)).
const Finding& only_finding(const std::vector<Finding>& findings, const std::string& rule,
                            unsigned line, unsigned column) {
  REQUIRE(findings.size() == 1);
  CHECK(findings[0].rule == rule);
  CHECK(findings[0].line == line);
  CHECK(findings[0].column == column);
  return findings[0];
}

std::vector<Finding> in_file(const std::vector<Finding>& findings, const std::string& file) {
  std::vector<Finding> out;
  for (const Finding& f : findings)
    if (f.file == file) out.push_back(f);
  return out;
}

std::size_t code_points(const std::string& s) {
  return static_cast<std::size_t>(
      std::count_if(s.begin(), s.end(), [](char c) { return (static_cast<unsigned char>(c) & 0xC0) != 0x80; }));
}

}  // namespace

TEST_CASE("hostile: invalid JSON is one json-syntax finding at the right line:column",
          "[load][hostile][json-syntax]") {
  SECTION("a missing comma: points at the token that should have followed one") {
    const auto findings = check_entry(
        "{\n  \"code\": \"E1\",\n  \"title\": \"T\"\n  \"summary\": \"S.\",\n"
        "  \"fix\": [\"Restart the agent.\"]\n}\n");
    INFO(describe(findings));
    const Finding& f = only_finding(findings, "json-syntax", 4, 3);
    CHECK(f.severity == "error");
    CHECK(f.file == "entry.json");
    CHECK(contains(f.message, "unexpected string"));
    check_clear(f);
  }
  SECTION("a trailing comma: points at the bracket") {
    const auto findings = check_entry(
        "{\n  \"code\": \"E1\",\n  \"fix\": [\"Restart the agent.\",]\n}\n");
    INFO(describe(findings));
    const Finding& f = only_finding(findings, "json-syntax", 3, 32);
    CHECK(contains(f.message, "unexpected ']'"));
    check_clear(f);
  }
  SECTION("a file cut off in the middle") {
    const auto findings = check_entry("{\n  \"code\": \"E1\",\n  \"title\": \"T\"");
    INFO(describe(findings));
    const Finding& f = only_finding(findings, "json-syntax", 3, 15);
    CHECK(contains(f.message, "end of input"));
    check_clear(f);
  }
}

TEST_CASE("hostile: invalid UTF-8 in a string is json-syntax at the bad byte",
          "[load][hostile][json-syntax]") {
  // "Café " is five code points (six bytes) before the stray 0xFF byte.
  const auto findings =
      check_entry("{\n  \"code\": \"E1\",\n  \"title\": \"Caf\xC3\xA9 \xFF\",\n  \"summary\": \"S.\"\n}\n");
  INFO(describe(findings));
  const Finding& f = only_finding(findings, "json-syntax", 3, 18);
  CHECK(f.severity == "error");
  CHECK(contains(f.message, "UTF-8"));
  check_clear(f);
}

TEST_CASE("hostile: a UTF-8 byte-order mark is accepted and shifts no position",
          "[load][hostile]") {
  const std::string bom = "\xEF\xBB\xBF";
  SECTION("a valid file with a BOM has no findings") {
    const auto findings = check_entry(bom + valid_entry());
    INFO(describe(findings));
    CHECK(findings.empty());
  }
  SECTION("findings after the BOM sit where they would without it") {
    const std::string entry = valid_entry(R"("tags": ["Bad Tag"])");
    const auto plain = check_entry(entry);
    const auto with_bom = check_entry(bom + entry);
    INFO(describe(with_bom));
    REQUIRE(with_rule(plain, "bad-tag").size() == 1);
    const auto hits = with_rule(with_bom, "bad-tag");
    REQUIRE(hits.size() == 1);
    CHECK(with_bom.size() == plain.size());
    CHECK(hits[0].line == 6);
    CHECK(hits[0].column == 12);
    CHECK(hits[0].line == with_rule(plain, "bad-tag")[0].line);
    CHECK(hits[0].column == with_rule(plain, "bad-tag")[0].column);
  }
  SECTION("a syntax error on the first line is not shifted by three columns") {
    const auto findings = check_entry(bom + "{\"code\": @}");
    INFO(describe(findings));
    only_finding(findings, "json-syntax", 1, 10);
  }
}

TEST_CASE("hostile: CRLF line ends give the same lines and columns as LF",
          "[load][hostile]") {
  auto crlf = [](const std::string& text) {
    std::string out;
    for (char c : text) {
      if (c == '\n') out += '\r';
      out += c;
    }
    return out;
  };
  SECTION("a finding in an entry") {
    const auto findings = check_entry(crlf(valid_entry(R"("tags": ["Bad Tag"])")));
    INFO(describe(findings));
    only_finding(findings, "bad-tag", 6, 12);
  }
  SECTION("a syntax error") {
    const auto findings = check_entry(crlf("{\n  \"code\": \"E1\",\n  \"title\": @\n}\n"));
    INFO(describe(findings));
    only_finding(findings, "json-syntax", 3, 12);
  }
  SECTION("deep into a large file with multi-byte text") {
    // 5,000 lines of two non-objects each: every one is a wrong-type finding
    // whose place is known by construction.
    const std::string text_item = "\"\xC3\x9Cn\xC3\xAF" "c\xC3\xB8" "d\xC3\xA9 \xE2\x9C\x93\"";
    const std::string prefix = "  " + text_item + ", ";
    const int lines = 5000;
    std::string json = "[\r\n";
    for (int i = 0; i < lines; ++i)
      json += prefix + std::to_string(i) + (i + 1 < lines ? ",\r\n" : "\r\n");
    json += "]\r\n";
    const auto findings = check_entry(json);
    REQUIRE(findings.size() == 2 * lines);
    const unsigned number_column = static_cast<unsigned>(code_points(prefix)) + 1;
    for (int i = 0; i < lines; ++i) {
      const Finding& s = findings[2 * i];
      const Finding& n = findings[2 * i + 1];
      INFO("line " << i + 2 << ": " << describe({s, n}));
      REQUIRE(s.rule == "wrong-type");
      REQUIRE(s.line == static_cast<unsigned>(i + 2));
      REQUIRE(s.column == 3);
      REQUIRE(n.rule == "wrong-type");
      REQUIRE(n.line == static_cast<unsigned>(i + 2));
      REQUIRE(n.column == number_column);
    }
  }
}

TEST_CASE("hostile: 100,000 levels of nesting are one json-syntax finding, no stack overflow",
          "[load][hostile][json-syntax]") {
  const std::size_t depth = 100000;
  SECTION("arrays") {
    const auto findings = check_entry(std::string(depth, '[') + std::string(depth, ']'));
    INFO(describe(findings).substr(0, 2000));
    const Finding& f = only_finding(findings, "json-syntax", 1, 257);  // the first bracket past the limit
    CHECK(contains(f.message, "nesting deeper than"));
    check_clear(f);
  }
  SECTION("objects") {
    std::string json;
    json.reserve(depth * 6 + 1);
    for (std::size_t i = 0; i < depth; ++i) json += "{\"a\":";
    json += "1";
    json += std::string(depth, '}');
    const auto findings = check_entry(json);
    INFO(describe(findings).substr(0, 2000));
    const Finding& f = only_finding(findings, "json-syntax", 1, 5 * 256 + 1);
    CHECK(contains(f.message, "nesting deeper than"));
    check_clear(f);
  }
}

TEST_CASE("hostile: a 200 MB file is file-too-large and is never read",
          "[load][hostile][file-too-large]") {
  TempDir tmp("too-large");
  tmp.write("kb/a.json", valid_entry());
  const std::filesystem::path big = tmp.path() / "kb" / "big.json";
  tmp.write("kb/big.json", "");
  std::filesystem::resize_file(big, 200ull << 20);  // sparse: takes no disk space
  REQUIRE(std::filesystem::file_size(big) == (200ull << 20));

  CountingDisk disk;
  const PipelineResult result = run(tmp.str() + "/kb", disk);
  REQUIRE(result.fatal.empty());
  const auto findings = findings_of(result);
  INFO(describe(findings));
  REQUIRE(findings.size() == 1);
  CHECK(findings[0].rule == "file-too-large");
  CHECK(findings[0].severity == "error");
  CHECK(findings[0].file == "big.json");
  CHECK(contains(findings[0].message, "200 MiB"));
  CHECK(contains(findings[0].message, "64 MiB"));
  check_clear(findings[0]);
  CHECK(disk.reads().count(big.string()) == 0);
  CHECK(disk.reads().count(tmp.str() + "/kb/a.json") == 1);
  CHECK(result.kb.entries.size() == 1);
}

TEST_CASE("hostile: an empty or white-space-only file is json-syntax \"the file is empty\"",
          "[load][hostile][json-syntax]") {
  const auto findings = check_files({{"empty.json", ""}, {"blank.json", " \r\n\t\n   \n"}});
  INFO(describe(findings));
  REQUIRE(findings.size() == 2);
  for (const std::string file : {"empty.json", "blank.json"}) {
    const auto hits = in_file(findings, file);
    INFO(file);
    REQUIRE(hits.size() == 1);
    CHECK(hits[0].rule == "json-syntax");
    CHECK(hits[0].severity == "error");
    CHECK(hits[0].message.rfind("the file is empty", 0) == 0);
    check_clear(hits[0]);
  }
  CHECK(in_file(findings, "empty.json")[0].line == 1);
  CHECK(in_file(findings, "empty.json")[0].column == 1);
}

TEST_CASE("hostile: a folder link back to its parent is one symlink-loop warning",
          "[load][hostile][symlink-loop]") {
  TempDir tmp("loop");
  tmp.write("kb/sub/a.json", valid_entry());
  std::filesystem::create_directory_symlink("..", tmp.path() / "kb" / "sub" / "loop");

  CountingDisk disk;
  const PipelineResult result = run(tmp.str() + "/kb", disk);
  REQUIRE(result.fatal.empty());
  const auto findings = findings_of(result);
  INFO(describe(findings));
  REQUIRE(findings.size() == 1);
  CHECK(findings[0].rule == "symlink-loop");
  CHECK(findings[0].severity == "warning");
  CHECK(findings[0].file == "sub/loop");
  check_clear(findings[0]);
  CHECK(result.kb.entries.size() == 1);
  CHECK(result.kb.entry_files == 1);
  REQUIRE(disk.reads().size() == 1);
  CHECK(disk.reads().begin()->second == 1);
}

TEST_CASE("hostile: a file that cannot be read is unreadable-file", "[load][hostile][unreadable-file]") {
  // Through MemoryDisk: tests may run as root, where chmod 000 stops no read.
  MemoryDisk disk;
  disk.add_file("kb/a.json", valid_entry());
  disk.add_file("kb/b.json", valid_entry("", "E2"));
  disk.fail_read("kb/b.json", "Permission denied");
  const PipelineResult result = run("kb", disk);
  REQUIRE(result.fatal.empty());
  const auto findings = findings_of(result);
  INFO(describe(findings));
  REQUIRE(findings.size() == 1);
  CHECK(findings[0].rule == "unreadable-file");
  CHECK(findings[0].severity == "error");
  CHECK(findings[0].file == "b.json");
  CHECK(contains(findings[0].message, "cannot read"));
  CHECK(contains(findings[0].message, "Permission denied"));
  check_clear(findings[0]);
  CHECK(result.kb.entries.size() == 1);
}

TEST_CASE("hostile: a KB path that does not exist is fatal", "[load][hostile]") {
  TempDir tmp("missing");
  const std::string missing = tmp.str() + "/no-such-kb";
  RealDisk disk;
  const PipelineResult result = run(missing, disk);
  INFO(result.fatal);
  CHECK_FALSE(result.fatal.empty());
  CHECK(contains(result.fatal, missing));
  CHECK(contains(result.fatal, "not found"));
  CHECK(result.diagnostics.items().empty());
  CHECK(result.kb.entries.empty());
}

TEST_CASE("hostile: a file whose root is a string or a number is wrong-type",
          "[load][hostile][wrong-type]") {
  const auto findings = check_files({{"s.json", "\"just a string\"\n"}, {"n.json", "  42\n"}});
  INFO(describe(findings));
  REQUIRE(findings.size() == 2);
  const auto s = in_file(findings, "s.json");
  const auto n = in_file(findings, "n.json");
  REQUIRE(s.size() == 1);
  REQUIRE(n.size() == 1);
  CHECK(s[0].rule == "wrong-type");
  CHECK(s[0].line == 1);
  CHECK(s[0].column == 1);
  CHECK(contains(s[0].message, "an entry object or an array of entry objects"));
  CHECK(contains(s[0].message, "not a string"));
  CHECK(n[0].rule == "wrong-type");
  CHECK(n[0].line == 1);
  CHECK(n[0].column == 3);
  CHECK(contains(n[0].message, "not a number"));
  check_clear(s[0]);
  check_clear(n[0]);
}

TEST_CASE("hostile: an array holding a non-object is wrong-type at that item",
          "[load][hostile][wrong-type]") {
  MemoryDisk disk;
  // valid_entry() takes lines 2-7; the comma line 8; the number line 9.
  disk.add_file("kb/list.json", "[\n" + valid_entry() + ",\n  42\n]\n");
  const PipelineResult result = run("kb", disk);
  const auto findings = findings_of(result);
  INFO(describe(findings));
  const Finding& f = only_finding(findings, "wrong-type", 9, 3);
  CHECK(f.severity == "error");
  CHECK(contains(f.message, "must be an object, not a number"));
  check_clear(f);
  CHECK(result.kb.entries.size() == 1);
}

TEST_CASE("hostile: an object with 100,000 distinct keys completes with unknown-field findings",
          "[load][hostile][unknown-field]") {
  const int keys = 100000;
  auto check_all_unknown = [&](const std::vector<Finding>& findings) {
    REQUIRE(findings.size() == static_cast<std::size_t>(keys));
    for (const Finding& f : findings) REQUIRE(f.rule == "unknown-field");
    CHECK(findings[7].message.rfind("unknown field \"k7\"", 0) == 0);
    check_clear(findings.back());
  };
  SECTION("one key a line") {
    std::string extra;
    for (int i = 0; i < keys; ++i)
      extra += (i ? ",\n  \"k" : "\"k") + std::to_string(i) + "\": " + std::to_string(i);
    const auto findings = check_entry(valid_entry(extra));
    check_all_unknown(findings);
    // valid_entry() puts `extra` on line 6.
    CHECK(findings.front().line == 6);
    CHECK(findings.front().column == 3);
    CHECK(findings.back().line == static_cast<unsigned>(6 + keys - 1));
    CHECK(findings.back().column == 3);
  }
  SECTION("all on one line") {
    std::string json = R"({"code": "E1", "title": "T", "summary": "S.", "fix": ["Restart the agent."])";
    std::size_t last_key = 0;
    for (int i = 0; i < keys; ++i) {
      json += ", ";
      last_key = json.size();
      json += "\"k" + std::to_string(i) + "\": " + std::to_string(i);
    }
    json += "}";
    const auto findings = check_entry(json);
    check_all_unknown(findings);
    CHECK(findings.back().line == 1);
    CHECK(findings.back().column == last_key + 1);
  }
}

TEST_CASE("hostile: a FIFO named x.json does not hang the run", "[load][hostile]") {
  TempDir tmp("fifo");
  tmp.write("kb/a.json", valid_entry());
  const std::string fifo = tmp.str() + "/kb/x.json";
  REQUIRE(::mkfifo(fifo.c_str(), 0600) == 0);

  // Nobody ever writes to the FIFO: a blocking open or read would hang here.
  CountingDisk disk;
  const PipelineResult result = run(tmp.str() + "/kb", disk);
  REQUIRE(result.fatal.empty());
  const auto findings = findings_of(result);
  INFO(describe(findings));
  CHECK(result.diagnostics.count(Severity::Error) == 0);
  CHECK(in_file(findings, "x.json").size() <= 1);
  CHECK(result.kb.entries.size() == 1);
}
