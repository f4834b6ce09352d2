// check/field_forms: bad-code, bad-tag, bad-url, bad-date, stale-review.
#include <catch2/catch.hpp>

#include "support/check_helpers.h"

using namespace kbgen::testing;

namespace {

bool contains(const std::string& haystack, const std::string& needle) {
  return haystack.find(needle) != std::string::npos;
}

const char* kNamespaceConfig =
    R"({"namespaces": [{"prefix": "AADSTS", "pattern": "^AADSTS[0-9]{5,7}$", "name": "Entra"}]})";

}  // namespace

TEST_CASE("bad-code: the code pattern and the namespace pattern", "[check][bad-code]") {
  SECTION("starts with a dash") {
    const auto findings = check_entry(valid_entry("", "-x"));
    INFO(describe(findings));
    const auto hits = with_rule(findings, "bad-code");
    REQUIRE(hits.size() == 1);
    CHECK(hits[0].severity == "error");
    CHECK(hits[0].line == 2);
    CHECK(hits[0].column == 11);
  }
  SECTION("a character outside the pattern") {
    const auto findings = check_entry(valid_entry("", "E/1"));
    INFO(describe(findings));
    REQUIRE(with_rule(findings, "bad-code").size() == 1);
  }
  SECTION("65 characters is one too many, 64 is fine") {
    const auto long_one = check_entry(valid_entry("", std::string(65, 'A')));
    INFO(describe(long_one));
    const auto hits = with_rule(long_one, "bad-code");
    REQUIRE(hits.size() == 1);
    CHECK(hits[0].line == 2);
    CHECK(hits[0].column == 11);
    CHECK(with_rule(check_entry(valid_entry("", std::string(64, 'A'))), "bad-code").empty());
    CHECK(with_rule(check_entry(valid_entry("", "a.b_c-9")), "bad-code").empty());
  }
  SECTION("the pattern of the code's namespace") {
    const auto findings = check_files({
        {"kbgen.json", kNamespaceConfig},
        {"a.json", valid_entry("", "AADSTS12")},
        {"b.json", valid_entry("", "AADSTS53003")},
        {"c.json", valid_entry("", "E1")},
    });
    INFO(describe(findings));
    const auto hits = with_rule(findings, "bad-code");
    REQUIRE(hits.size() == 1);
    CHECK(hits[0].file == "a.json");
    CHECK(hits[0].severity == "error");
    CHECK(hits[0].line == 2);
    CHECK(hits[0].column == 11);
    CHECK(contains(hits[0].message, "namespace \"AADSTS\""));
  }
}

TEST_CASE("bad-tag: tags must be slugs", "[check][bad-tag]") {
  const auto findings = check_entry(valid_entry(R"("tags": ["ok", "Bad_Tag", "-lead", "a-1"])"));
  INFO(describe(findings));
  const auto hits = with_rule(findings, "bad-tag");
  REQUIRE(hits.size() == 2);
  CHECK(hits[0].severity == "error");
  CHECK(hits[0].line == 6);
  CHECK(hits[0].column == 18);
  CHECK(contains(hits[0].message, "\"Bad_Tag\""));
  CHECK(hits[1].line == 6);
  CHECK(hits[1].column == 29);
}

TEST_CASE("bad-url: only http(s) with a host, or mailto", "[check][bad-url]") {
  const auto findings = check_entry(valid_entry(R"j("references": [
    {"title": "JS", "url": "javascript:alert(1)"},
    {"title": "FTP", "url": "ftp://example.com/file"},
    {"title": "No host", "url": "http://"},
    {"title": "Space", "url": "https://example.com/a b"},
    {"title": "Mail", "url": "mailto:support@example.com"},
    {"title": "Web", "url": "https://learn.microsoft.com/"}
  ])j"));
  INFO(describe(findings));
  const auto hits = with_rule(findings, "bad-url");
  REQUIRE(hits.size() == 4);
  for (const auto& h : hits) CHECK(h.severity == "error");
  CHECK(hits[0].line == 7);
  CHECK(hits[0].column == 28);
  CHECK(contains(hits[0].message, "javascript:alert(1)"));
  CHECK(hits[1].line == 8);
  CHECK(hits[1].column == 29);
  CHECK(hits[2].line == 9);
  CHECK(hits[2].column == 33);
  CHECK(hits[3].line == 10);
  CHECK(hits[3].column == 31);
}

TEST_CASE("bad-date: reviewed must be a real YYYY-MM-DD date", "[check][bad-date]") {
  SECTION("a day the month does not have") {
    const auto findings = check_entry(valid_entry(R"("reviewed": "2026-02-30")"));
    INFO(describe(findings));
    const auto hits = with_rule(findings, "bad-date");
    REQUIRE(hits.size() == 1);
    CHECK(hits[0].severity == "error");
    CHECK(hits[0].line == 6);
    CHECK(hits[0].column == 15);
  }
  SECTION("words") {
    const auto findings = check_entry(valid_entry(R"("reviewed": "yesterday")"));
    INFO(describe(findings));
    const auto hits = with_rule(findings, "bad-date");
    REQUIRE(hits.size() == 1);
    CHECK(hits[0].line == 6);
    CHECK(hits[0].column == 15);
  }
  SECTION("a leap day is a real date") {
    const auto findings = check_entry(valid_entry(R"("reviewed": "2024-02-29")"));
    INFO(describe(findings));
    CHECK(with_rule(findings, "bad-date").empty());
  }
}

TEST_CASE("stale-review: reviewed longer ago than stale_after_days", "[check][stale-review]") {
  SECTION("default limit of 365 days, counted from today") {
    const auto stale = check_entry(valid_entry(R"("reviewed": "2025-11-23")"), "2026-11-24");
    INFO(describe(stale));
    const auto hits = with_rule(stale, "stale-review");
    REQUIRE(hits.size() == 1);
    CHECK(hits[0].severity == "warning");
    CHECK(hits[0].line == 6);
    CHECK(hits[0].column == 15);
    CHECK(hits[0].message == "last reviewed 2025-11-23, 366 days ago (limit: 365 days)");
    CHECK(with_rule(check_entry(valid_entry(R"("reviewed": "2025-11-24")"), "2026-11-24"),
                    "stale-review")
              .empty());
  }
  SECTION("the today argument decides") {
    const std::string entry = valid_entry(R"("reviewed": "2026-01-01")");
    CHECK(with_rule(check_entry(entry, "2027-01-01"), "stale-review").empty());
    CHECK(with_rule(check_entry(entry, "2027-01-02"), "stale-review").size() == 1);
    CHECK(with_rule(check_entry(entry, "2025-06-01"), "stale-review").empty());  // in the future
  }
  SECTION("stale_after_days from kbgen.json") {
    const auto findings = check_files({
        {"kbgen.json", R"({"stale_after_days": 30})"},
        {"entry.json", valid_entry(R"("reviewed": "2026-10-01")")},
    });
    INFO(describe(findings));
    const auto hits = with_rule(findings, "stale-review");
    REQUIRE(hits.size() == 1);
    CHECK(hits[0].line == 6);
    CHECK(hits[0].column == 15);
    CHECK(hits[0].message == "last reviewed 2026-10-01, 54 days ago (limit: 30 days)");
  }
}
