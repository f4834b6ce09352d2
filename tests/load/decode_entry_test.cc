// load/decode_entry and load/fields: wrong-type and unknown-field, at the
// entry level and in nested objects.
#include <catch2/catch.hpp>

#include "support/check_helpers.h"

using namespace kbgen::testing;

namespace {

bool contains(const std::string& haystack, const std::string& needle) {
  return haystack.find(needle) != std::string::npos;
}

// The one finding of `rule` among `findings` (which may hold others), checked
// to be at `line`:`column`. Call it under INFO(describe(findings)).
Finding only_hit(const std::vector<Finding>& findings, const std::string& rule, unsigned line,
                 unsigned column) {
  const auto hits = with_rule(findings, rule);
  REQUIRE(hits.size() == 1);
  CHECK(hits[0].line == line);
  CHECK(hits[0].column == column);
  return hits[0];
}

}  // namespace

TEST_CASE("wrong-type: points at the value of the wrong type", "[check][wrong-type]") {
  SECTION("a number where a string belongs") {
    const auto findings = check_entry(R"({
  "code": "E1",
  "title": 42,
  "summary": "Summary.",
  "fix": ["Run `x`."]
})");
    INFO(describe(findings));
    const Finding hit = only_hit(findings, "wrong-type", 3, 12);
    CHECK(hit.severity == "error");
    CHECK(hit.message == "title must be a string, not a number");
  }
  SECTION("a string where an array belongs, after a number") {
    const auto findings = check_entry(valid_entry(R"("x-count": 12, "tags": "network")"));
    INFO(describe(findings));
    const Finding hit = only_hit(findings, "wrong-type", 6, 26);
    CHECK(hit.message == "tags must be an array, not a string");
  }
  SECTION("a step that is neither string nor object") {
    const auto findings = check_entry(valid_entry(R"("diagnosis": ["Run `x`.", 7, true])"));
    INFO(describe(findings));
    const auto hits = with_rule(findings, "wrong-type");
    REQUIRE(hits.size() == 2);
    CHECK(hits[0].line == 6);
    CHECK(hits[0].column == 29);
    CHECK(hits[1].line == 6);
    CHECK(hits[1].column == 32);
  }
  SECTION("an entry file that holds neither object nor array") {
    const auto findings = check_entry("\n  \"hello\"\n");
    INFO(describe(findings));
    REQUIRE(findings.size() == 1);
    CHECK(findings[0].rule == "wrong-type");
    CHECK(findings[0].line == 2);
    CHECK(findings[0].column == 3);
  }
  SECTION("an array item that is not an entry object") {
    const auto findings = check_entry("[\n  1,\n  null\n]\n");
    INFO(describe(findings));
    const auto hits = with_rule(findings, "wrong-type");
    REQUIRE(hits.size() == 2);
    CHECK(hits[0].line == 2);
    CHECK(hits[0].column == 3);
    CHECK(hits[1].line == 3);
    CHECK(hits[1].column == 3);
  }
}

TEST_CASE("unknown-field: points at the key, with a did-you-mean hint", "[check][unknown-field]") {
  SECTION("entry level") {
    const auto findings = check_entry(R"({
  "code": "E1",
  "title": "Title",
  "sumary": "Summary.",
  "fix": ["Run `x`."]
})");
    INFO(describe(findings));
    const Finding hit = only_hit(findings, "unknown-field", 4, 3);
    CHECK(hit.severity == "error");
    CHECK(hit.message == "unknown field \"sumary\" in an entry; did you mean \"summary\"?");
  }
  SECTION("a key in the wrong case") {
    const auto findings = check_entry(valid_entry(R"("Owner": "Identity team")"));
    INFO(describe(findings));
    const Finding hit = only_hit(findings, "unknown-field", 6, 3);
    CHECK(contains(hit.message, "did you mean \"owner\"?"));
  }
  SECTION("nothing close: points to extension fields; x- keys pass") {
    const auto findings = check_entry(valid_entry(R"("x-colour": "red", "colour": "red")"));
    INFO(describe(findings));
    const Finding hit = only_hit(findings, "unknown-field", 6, 22);
    CHECK(contains(hit.message, "extension fields start with \"x-\""));
  }
  SECTION("in a step") {
    const auto findings = check_entry(valid_entry(R"("diagnosis": [
    {
      "text": "Open the portal.",
      "step": ["Run `x`."]
    }
  ])"));
    INFO(describe(findings));
    const Finding hit = only_hit(findings, "unknown-field", 9, 7);
    CHECK(hit.message == "unknown field \"step\" in a step; did you mean \"steps\"?");
  }
  SECTION("in a sub-step") {
    const auto findings = check_entry(valid_entry(R"("diagnosis": [
    {"text": "Open the portal.", "steps": [
      {"txt": "Run `x`."}
    ]}
  ])"));
    INFO(describe(findings));
    const Finding hit = only_hit(findings, "unknown-field", 8, 8);
    CHECK(contains(hit.message, "did you mean \"text\"?"));
  }
  SECTION("in a cause") {
    const auto findings = check_entry(valid_entry(R"("causes": [
    {
      "title": "Expired secret",
      "detial": "The client secret expired."
    }
  ])"));
    INFO(describe(findings));
    const Finding hit = only_hit(findings, "unknown-field", 9, 7);
    CHECK(hit.message == "unknown field \"detial\" in a cause; did you mean \"detail\"?");
  }
  SECTION("in a reference") {
    const auto findings = check_entry(valid_entry(R"("references": [
    {
      "title": "Docs",
      "urls": "https://learn.microsoft.com/"
    }
  ])"));
    INFO(describe(findings));
    const Finding hit = only_hit(findings, "unknown-field", 9, 7);
    CHECK(hit.message == "unknown field \"urls\" in a reference; did you mean \"url\"?");
  }
  SECTION("in an example") {
    const auto findings = check_entry(valid_entry(R"("examples": [
    {
      "title": "Restart",
      "languge": "sh",
      "code": "systemctl restart agent"
    }
  ])"));
    INFO(describe(findings));
    const Finding hit = only_hit(findings, "unknown-field", 9, 7);
    CHECK(hit.message == "unknown field \"languge\" in an example; did you mean \"language\"?");
  }
  SECTION("in a related link") {
    const auto findings = check_files(
        {{"a.json", valid_entry("", "E2")},
         {"b.json", valid_entry(R"("related": [{"code": "E2", "notes": "Also seen."}])")}});
    INFO(describe(findings));
    const Finding hit = only_hit(findings, "unknown-field", 6, 30);
    CHECK(hit.file == "b.json");
    CHECK(contains(hit.message, "did you mean \"note\"?"));
  }
}
