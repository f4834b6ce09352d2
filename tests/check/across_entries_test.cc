// check/across_entries: missing-field (per code, over every file that holds
// the code), dangling-related, self-related.
#include <catch2/catch.hpp>

#include "support/check_helpers.h"

using namespace kbgen::testing;

namespace {

bool contains(const std::string& haystack, const std::string& needle) {
  return haystack.find(needle) != std::string::npos;
}

}  // namespace

TEST_CASE("missing-field: points at the entry's opening brace", "[check][missing-field]") {
  SECTION("no title") {
    const auto findings = check_entry(R"([
  {
    "code": "E1",
    "summary": "Summary.",
    "fix": ["Run `x`."]
  }
])");
    INFO(describe(findings));
    REQUIRE(findings.size() == 1);
    CHECK(findings[0].rule == "missing-field");
    CHECK(findings[0].severity == "error");
    CHECK(findings[0].line == 2);
    CHECK(findings[0].column == 3);
    CHECK(contains(findings[0].message, "\"title\""));
  }
  SECTION("no code") {
    const auto findings = check_entry(
        R"(  {"title": "Title", "summary": "Summary.", "fix": ["Run `x`."]})");
    INFO(describe(findings));
    REQUIRE(findings.size() == 1);
    CHECK(findings[0].rule == "missing-field");
    CHECK(findings[0].line == 1);
    CHECK(findings[0].column == 3);
    CHECK(contains(findings[0].message, "\"code\""));
  }
  SECTION("the second entry of a file") {
    const auto findings = check_entry(R"([
  {"code": "E1", "title": "T", "summary": "S.", "fix": ["Run `x`."]},
  {"code": "E2", "title": "T", "fix": ["Run `y`."]}
])");
    INFO(describe(findings));
    REQUIRE(findings.size() == 1);
    CHECK(findings[0].rule == "missing-field");
    CHECK(findings[0].line == 3);
    CHECK(findings[0].column == 3);
    CHECK(contains(findings[0].message, "\"summary\""));
  }
  SECTION("a code spread over two files: the union has every field") {
    const auto findings = check_files({
        {"a.json", R"({"code": "E1", "title": "Title"})"},
        {"b.json", R"({"code": "E1", "summary": "Summary.", "fix": ["Run `x`."]})"},
    });
    INFO(describe(findings));
    CHECK(with_rule(findings, "missing-field").empty());
  }
  SECTION("a code spread over two files: neither has fix") {
    const auto findings = check_files({
        {"a.json", "[\n  {\"code\": \"E1\", \"title\": \"Title\"}\n]"},
        {"b.json", R"({"code": "E1", "summary": "Summary."})"},
    });
    INFO(describe(findings));
    const auto hits = with_rule(findings, "missing-field");
    REQUIRE(hits.size() == 1);
    CHECK(hits[0].file == "a.json");
    CHECK(hits[0].line == 2);
    CHECK(hits[0].column == 3);
    CHECK(contains(hits[0].message, "\"fix\""));
  }
  SECTION("a nested object without its required key") {
    const auto findings = check_entry(valid_entry(R"("references": [
    {"title": "Docs"}
  ])"));
    INFO(describe(findings));
    const auto hits = with_rule(findings, "missing-field");
    REQUIRE(hits.size() == 1);
    CHECK(hits[0].line == 7);
    CHECK(hits[0].column == 5);
    CHECK(contains(hits[0].message, "\"url\""));
  }
}

TEST_CASE("dangling-related: a related code not in the KB", "[check][dangling-related]") {
  const auto findings = check_files({
      {"a.json", valid_entry(R"("aliases": ["50058"])", "AADSTS50058")},
      {"b.json", valid_entry(R"("related": ["aadsts50058", "E404", "50058", "AADSTS50058"])", "E2")},
      {"c.json", valid_entry(R"("related": [{"code": "E405", "note": "Also."}])", "E3")},
  });
  INFO(describe(findings));
  const auto hits = with_rule(findings, "dangling-related");
  REQUIRE(hits.size() == 3);
  CHECK(hits[0].file == "b.json");
  CHECK(hits[0].severity == "error");
  CHECK(hits[0].line == 6);
  CHECK(hits[0].column == 15);
  CHECK(hits[0].message ==
        "related code \"aadsts50058\" is not in the knowledge base; did you mean \"AADSTS50058\"?");
  CHECK(hits[1].file == "b.json");
  CHECK(hits[1].line == 6);
  CHECK(hits[1].column == 30);
  CHECK(hits[1].message == "related code \"E404\" is not in the knowledge base");
  CHECK(hits[2].file == "c.json");
  CHECK(hits[2].line == 6);
  CHECK(hits[2].column == 24);
}

TEST_CASE("self-related: an entry that lists itself", "[check][self-related]") {
  const auto findings = check_entry(valid_entry(R"("aliases": ["1001"],
  "related": ["E1", "1001"])"));
  INFO(describe(findings));
  const auto hits = with_rule(findings, "self-related");
  REQUIRE(hits.size() == 2);
  CHECK(hits[0].severity == "warning");
  CHECK(hits[0].line == 7);
  CHECK(hits[0].column == 15);
  CHECK(hits[0].message == "entry E1 lists itself as related");
  CHECK(hits[1].severity == "warning");
  CHECK(hits[1].line == 7);
  CHECK(hits[1].column == 21);
  CHECK(hits[1].message == "entry E1 lists itself as related (through alias \"1001\")");
  CHECK(with_rule(findings, "dangling-related").empty());
}
