// load/config: bad-config, and kbgen.json "rules" overriding severities.
#include <catch2/catch.hpp>

#include "support/check_helpers.h"

using namespace kbgen::testing;

namespace {

bool contains(const std::string& haystack, const std::string& needle) {
  return haystack.find(needle) != std::string::npos;
}

}  // namespace

TEST_CASE("bad-config: what kbgen.json holds that kbgen cannot use", "[check][bad-config]") {
  const auto findings = check_files({
      {"kbgen.json", R"({
  "rules": {
    "placeholder-txt": "warning",
    "vague-step": "fatal",
    "stale-review": 1
  },
  "namespaces": [
    {"prefix": "AADSTS", "pattern": "^AADSTS[0-9"}
  ],
  "base_url": "ftp://kb.example.com/"
})"},
      {"entry.json", valid_entry()},
  });
  INFO(describe(findings));
  const auto hits = with_rule(findings, "bad-config");
  REQUIRE(hits.size() == 5);
  for (const auto& h : hits) {
    CHECK(h.file == "kbgen.json");
    CHECK(h.severity == "error");
  }
  CHECK(hits[0].line == 3);
  CHECK(hits[0].column == 5);
  CHECK(hits[0].message == "unknown rule id \"placeholder-txt\"; did you mean \"placeholder-text\"?");
  CHECK(hits[1].line == 4);
  CHECK(hits[1].column == 19);
  CHECK(contains(hits[1].message, "\"error\", \"warning\" or \"off\""));
  CHECK(hits[2].line == 5);
  CHECK(hits[2].column == 21);
  CHECK(hits[3].line == 8);
  CHECK(hits[3].column == 37);
  CHECK(contains(hits[3].message, "not a valid regular expression"));
  CHECK(hits[4].line == 10);
  CHECK(hits[4].column == 15);
}

TEST_CASE("bad-config cannot be turned off", "[check][bad-config]") {
  const auto findings = check_files({
      {"kbgen.json", R"({"rules": {"bad-config": "off", "no-such-rule": "off"}})"},
      {"entry.json", valid_entry()},
  });
  INFO(describe(findings));
  const auto hits = with_rule(findings, "bad-config");
  REQUIRE(hits.size() == 1);
  CHECK(hits[0].line == 1);
  CHECK(hits[0].column == 33);
}

TEST_CASE("kbgen.json rules: a rule's severity for this KB", "[check][rules][placeholder-text]") {
  const std::string entry = valid_entry(R"("description": "TODO")");
  SECTION("default") {
    const auto hits = with_rule(check_files({{"entry.json", entry}}), "placeholder-text");
    REQUIRE(hits.size() == 1);
    CHECK(hits[0].severity == "error");
  }
  SECTION("warning") {
    const auto findings = check_files(
        {{"kbgen.json", R"({"rules": {"placeholder-text": "warning"}})"}, {"entry.json", entry}});
    INFO(describe(findings));
    REQUIRE(findings.size() == 1);
    CHECK(findings[0].rule == "placeholder-text");
    CHECK(findings[0].severity == "warning");
    CHECK(findings[0].line == 6);
    CHECK(findings[0].column == 18);
  }
  SECTION("off") {
    const auto findings = check_files(
        {{"kbgen.json", R"({"rules": {"placeholder-text": "off"}})"}, {"entry.json", entry}});
    INFO(describe(findings));
    CHECK(findings.empty());
  }
  SECTION("a warning raised to an error") {
    const auto findings = check_files(
        {{"kbgen.json", R"({"rules": {"vague-step": "error"}})"},
         {"entry.json", valid_entry(R"("diagnosis": ["Fix the issue."])")}});
    INFO(describe(findings));
    const auto hits = with_rule(findings, "vague-step");
    REQUIRE(hits.size() == 1);
    CHECK(hits[0].severity == "error");
  }
}
