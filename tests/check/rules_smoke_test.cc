#include <catch2/catch.hpp>

#include "support/check_helpers.h"

using namespace kbgen::testing;

TEST_CASE("a minimal valid entry has no findings", "[check]") {
  const auto findings = check_entry(valid_entry());
  INFO(describe(findings));
  CHECK(findings.empty());
}

TEST_CASE("placeholder-text points at the string", "[check][placeholder-text]") {
  const auto findings = check_entry(valid_entry(R"("description": "Steps could not be generated.")"));
  const auto hits = with_rule(findings, "placeholder-text");
  INFO(describe(findings));
  REQUIRE(hits.size() == 1);
  CHECK(hits[0].severity == "error");
  CHECK(hits[0].line == 6);
  CHECK(hits[0].column == 18);
}
