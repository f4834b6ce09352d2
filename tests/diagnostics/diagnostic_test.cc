// diagnostics/diagnostic and rules: default severities, sorting, and
// applying kbgen.json severities.
#include <catch2/catch.hpp>

#include "diagnostics/diagnostic.h"
#include "diagnostics/rules.h"
#include "support/check_helpers.h"

using namespace kbgen;
using namespace kbgen::testing;

TEST_CASE("rules: every SPEC rule id is known, with its default severity", "[diagnostics][rules]") {
  const std::vector<std::pair<std::string, Severity>> spec = {
      {"json-syntax", Severity::Error},        {"duplicate-key", Severity::Error},
      {"wrong-type", Severity::Error},         {"missing-field", Severity::Error},
      {"unknown-field", Severity::Error},      {"bad-code", Severity::Error},
      {"bad-tag", Severity::Error},            {"bad-url", Severity::Error},
      {"bad-date", Severity::Error},           {"empty-text", Severity::Error},
      {"placeholder-text", Severity::Error},   {"vague-step", Severity::Warning},
      {"dangling-related", Severity::Error},   {"self-related", Severity::Warning},
      {"alias-conflict", Severity::Error},     {"scalar-conflict", Severity::Error},
      {"duplicate-item", Severity::Warning},   {"near-duplicate-item", Severity::Warning},
      {"near-duplicate-entry", Severity::Warning}, {"stale-review", Severity::Warning},
  };
  for (const auto& [id, severity] : spec) {
    INFO(id);
    const RuleInfo* info = find_rule(id);
    REQUIRE(info != nullptr);
    CHECK(info->default_severity == severity);
  }
  CHECK(find_rule("no-such-rule") == nullptr);

  Diagnostics d;
  d.report("vague-step", {}, "m");
  d.report("placeholder-text", {}, "m");
  CHECK(d.items()[0].severity == Severity::Warning);
  CHECK(d.items()[1].severity == Severity::Error);
  CHECK(d.count(Severity::Error) == 1);
  CHECK(d.has_rule("vague-step"));
  CHECK_FALSE(d.has_rule("bad-url"));
}

TEST_CASE("rules: apply_rule_severities", "[diagnostics][rules]") {
  Diagnostics d;
  d.report("placeholder-text", {}, "a");
  d.report("stale-review", {}, "b");
  d.report("unreadable-file", {}, "c");
  d.report("vague-step", {}, "d");
  apply_rule_severities(d.items(), {{"placeholder-text", Severity::Warning},
                                    {"stale-review", Severity::Off},
                                    {"unreadable-file", Severity::Off}});
  REQUIRE(d.items().size() == 3);
  CHECK(d.items()[0].rule == "placeholder-text");
  CHECK(d.items()[0].severity == Severity::Warning);
  CHECK(d.items()[1].rule == "unreadable-file");  // about the run: cannot be turned off
  CHECK(d.items()[1].severity == Severity::Error);
  CHECK(d.items()[2].rule == "vague-step");
  CHECK(d.items()[2].severity == Severity::Warning);
}

TEST_CASE("sort_diagnostics: by file path, then position, then rule", "[diagnostics]") {
  Sources sources;
  const FileId b = sources.add({"kb/b.json", "b.json", "{}"});
  const FileId a = sources.add({"kb/a.json", "a.json", "{}"});
  std::vector<Diagnostic> items;
  auto add = [&](FileId file, std::uint32_t offset, const std::string& rule) {
    Diagnostic d;
    d.rule = rule;
    d.pos = {file, offset};
    items.push_back(d);
  };
  add(b, 5, "bad-url");
  add(a, 9, "bad-tag");
  add(a, 2, "wrong-type");
  add(a, 2, "bad-code");
  add(kNoFile, 0, "bad-config");
  sort_diagnostics(items, sources);
  std::vector<std::string> order;
  for (const Diagnostic& d : items) order.push_back(d.rule);
  CHECK(order == std::vector<std::string>{"bad-config", "bad-code", "wrong-type", "bad-tag", "bad-url"});
}

TEST_CASE("pipeline: diagnostics come out sorted by file path, then position", "[check][sort]") {
  // Found in another order: field forms and content per entry first, then
  // the rules across entries (dangling-related, missing-field).
  const auto findings = check_files({
      {"sub/c.json", valid_entry(R"("description": "TODO")", "E3")},
      {"b.json", valid_entry(R"("tags": ["Bad"])", "E2")},
      {"a.json", R"({
  "related": ["NOPE"],
  "code": "E1",
  "title": "Title",
  "summary": "TODO",
  "fix": ["Run `x`."]
})"},
      {"a-b.json", "[\n  {\"code\": \"E4\", \"title\": \"T\", \"fix\": [\"Run `x`.\"]},\n"
                   "  {\"code\": \"E5\", \"title\": \"TBD\", \"summary\": \"S.\", \"fix\": [\"Run `x`.\"]}\n]"},
  });
  std::vector<std::string> got;
  for (const Finding& f : findings)
    got.push_back(f.file + ":" + std::to_string(f.line) + ":" + std::to_string(f.column) + ":" + f.rule);
  CHECK(got == std::vector<std::string>{
                   "a-b.json:2:3:missing-field",
                   "a-b.json:3:27:placeholder-text",
                   "a.json:2:15:dangling-related",
                   "a.json:5:14:placeholder-text",
                   "b.json:6:12:bad-tag",
                   "sub/c.json:6:18:placeholder-text",
               });
}
