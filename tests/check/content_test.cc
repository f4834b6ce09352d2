// check/content: empty-text, placeholder-text, vague-step.
#include <catch2/catch.hpp>

#include "support/check_helpers.h"

using namespace kbgen::testing;

namespace {

bool contains(const std::string& haystack, const std::string& needle) {
  return haystack.find(needle) != std::string::npos;
}

// An entry whose summary (4:14) and fix list (5:10) are given as JSON.
std::string entry_with(const std::string& summary, const std::string& fix) {
  return "{\n  \"code\": \"E1\",\n  \"title\": \"Title\",\n  \"summary\": " + summary +
         ",\n  \"fix\": " + fix + "\n}\n";
}

// The placeholder-text findings for a description (at 6:18) of `text`.
std::vector<Finding> placeholder_in_description(const std::string& text) {
  return with_rule(check_entry(valid_entry("\"description\": \"" + text + "\"")),
                   "placeholder-text");
}

}  // namespace

TEST_CASE("empty-text: blank text and an empty fix list", "[check][empty-text]") {
  SECTION("an empty summary") {
    const auto findings = check_entry(entry_with(R"("")", R"(["Run `x`."])"));
    INFO(describe(findings));
    REQUIRE(findings.size() == 1);
    CHECK(findings[0].rule == "empty-text");
    CHECK(findings[0].severity == "error");
    CHECK(findings[0].line == 4);
    CHECK(findings[0].column == 14);
  }
  SECTION("a summary of spaces") {
    const auto findings = check_entry(entry_with(R"("   ")", R"(["Run `x`."])"));
    INFO(describe(findings));
    REQUIRE(findings.size() == 1);
    CHECK(findings[0].rule == "empty-text");
    CHECK(findings[0].line == 4);
    CHECK(findings[0].column == 14);
  }
  SECTION("a summary of a no-break space") {
    const auto findings = check_entry(entry_with(R"("\u00a0")", R"(["Run `x`."])"));
    INFO(describe(findings));
    REQUIRE(with_rule(findings, "empty-text").size() == 1);
  }
  SECTION("an empty fix list: at the '[', and not missing-field") {
    const auto findings = check_entry(entry_with(R"("Summary.")", "[]"));
    INFO(describe(findings));
    REQUIRE(findings.size() == 1);
    CHECK(findings[0].rule == "empty-text");
    CHECK(findings[0].severity == "error");
    CHECK(findings[0].line == 5);
    CHECK(findings[0].column == 10);
    CHECK(findings[0].message == "\"fix\" of entry E1 has no steps");
  }
  SECTION("a blank fix step") {
    const auto findings = check_entry(entry_with(R"("Summary.")", R"(["Run `x`.", " "])"));
    INFO(describe(findings));
    REQUIRE(findings.size() == 1);
    CHECK(findings[0].rule == "empty-text");
    CHECK(findings[0].line == 5);
    CHECK(findings[0].column == 23);
  }
}

TEST_CASE("placeholder-text: generator-failure text and markers", "[check][placeholder-text]") {
  SECTION("flagged at the string") {
    for (const std::string text :
         {"Steps could not be generated.", "TODO", "TODO: describe the cause.", "TBD",
          "Lorem ipsum dolor sit amet.", "lorem  ipsum", "See FIXME."}) {
      INFO(text);
      const auto hits = placeholder_in_description(text);
      REQUIRE(hits.size() == 1);
      CHECK(hits[0].severity == "error");
      CHECK(hits[0].line == 6);
      CHECK(hits[0].column == 18);
    }
  }
  SECTION("not flagged") {
    for (const std::string text :
         {"Keep a todo list of the rollout.", "Call `todo!()` in Rust.", "TODOS are tracked in Jira.",
          "The TBDX flag.", "Generated at sign-in.", "The token could not be validated."}) {
      INFO(text);
      CHECK(placeholder_in_description(text).empty());
    }
  }
  SECTION("phrases match whole words only, across punctuation and case") {
    for (const std::string text : {"Lorem, IPSUM.", "x could not be generated", "lorem ipsum"}) {
      INFO(text);
      CHECK(placeholder_in_description(text).size() == 1);
    }
    for (const std::string text : {"xlorem ipsum", "lorem ipsumx", "lorem", "could not be generatedx"}) {
      INFO(text);
      CHECK(placeholder_in_description(text).empty());
    }
  }
  SECTION("one finding, naming the phrase listed first, wherever it stands in the text") {
    const auto hits = placeholder_in_description("Lorem ipsum: the steps could not be generated.");
    REQUIRE(hits.size() == 1);
    CHECK(contains(hits[0].message, "(\"could not be generated\")"));
  }
  SECTION("in a step, a cause and a related note") {
    const auto findings = check_files({
        {"a.json", valid_entry("", "E2")},
        {"b.json", valid_entry(R"("diagnosis": ["TBD"],
  "causes": [{"title": "Expired secret", "detail": "Content could not be generated."}],
  "related": [{"code": "E2", "note": "TODO"}])")},
    });
    INFO(describe(findings));
    const auto hits = with_rule(findings, "placeholder-text");
    REQUIRE(hits.size() == 3);
    CHECK(hits[0].line == 6);
    CHECK(hits[0].column == 17);
    CHECK(hits[1].line == 7);
    CHECK(hits[1].column == 52);
    CHECK(hits[2].line == 8);
    CHECK(hits[2].column == 38);
  }
  SECTION("in example code only the markers count") {
    const auto findings = check_entry(valid_entry(R"("examples": [
    {"title": "A", "language": "rust", "code": "fn f() { todo!() }"},
    {"title": "B", "language": "sh", "code": "# TODO: restart"},
    {"title": "C", "language": "text", "code": "could not be generated"}
  ])"));
    INFO(describe(findings));
    const auto hits = with_rule(findings, "placeholder-text");
    REQUIRE(hits.size() == 1);
    CHECK(hits[0].line == 8);
    CHECK(hits[0].column == 46);
  }
  SECTION("columns count code points, not bytes") {
    const auto findings = check_entry(
        "{\"code\": \"E1\", \"title\": \"Caf\xC3\xA9 \xE2\x98\x95\", \"summary\": \"TODO\", "
        "\"fix\": [\"Run `x`.\"]}");
    INFO(describe(findings));
    const auto hits = with_rule(findings, "placeholder-text");
    REQUIRE(hits.size() == 1);
    CHECK(hits[0].line == 1);
    CHECK(hits[0].column == 46);
  }
}

TEST_CASE("vague-step: steps with nothing to do", "[check][vague-step]") {
  SECTION("the generator's filler step is flagged, a concrete step is not") {
    const auto findings = check_entry(valid_entry(
        R"("diagnosis": ["Perform necessary actions as described for the error.", "Run `klist` and read the ticket's expiry time."])"));
    INFO(describe(findings));
    const auto hits = with_rule(findings, "vague-step");
    REQUIRE(hits.size() == 1);
    CHECK(hits[0].severity == "warning");
    CHECK(hits[0].line == 6);
    CHECK(hits[0].column == 17);
    CHECK(contains(hits[0].message, "Perform necessary actions"));
  }
  SECTION("a sub-step") {
    const auto findings = check_entry(valid_entry(R"("prevention": [
    {"text": "Initial actions", "steps": ["Take the appropriate action."]}
  ])"));
    INFO(describe(findings));
    const auto hits = with_rule(findings, "vague-step");
    REQUIRE(hits.size() == 1);
    CHECK(hits[0].line == 7);
    CHECK(hits[0].column == 43);
  }
  SECTION("a whole step that names only a goal") {
    CHECK(with_rule(check_entry(valid_entry(R"("verification": ["Fix the issue."])")), "vague-step")
              .size() == 1);
    CHECK(with_rule(check_entry(valid_entry(
                        R"("verification": ["Fix the issue by setting `MaxTokenSize` to 65535."])")),
                    "vague-step")
              .empty());
  }
  SECTION("a whole step is compared word by word, whatever the case and punctuation") {
    for (const std::string step : {"Try again.", "  try AGAIN!! ", "Fix -- the issue", "(Resolve the error)"}) {
      INFO(step);
      CHECK(with_rule(check_entry(valid_entry(R"("verification": [")" + step + R"("])")), "vague-step").size() == 1);
    }
    for (const std::string step : {"Try again later.", "Retry again.", "Fix the issues", "Fix the issue2"}) {
      INFO(step);
      CHECK(with_rule(check_entry(valid_entry(R"("verification": [")" + step + R"("])")), "vague-step").empty());
    }
  }
  SECTION("prose outside steps is not a step") {
    const auto findings = check_entry(
        valid_entry(R"("description": "Perform necessary actions as described for the error.")"));
    INFO(describe(findings));
    CHECK(with_rule(findings, "vague-step").empty());
  }
}

TEST_CASE("placeholder-text: phrases are found wherever they fall in a long text",
          "[check][placeholder-text]") {
  // The search looks at 16 bytes at a time: put the phrase at every offset
  // around those blocks, after ASCII and non-ASCII words.
  for (std::size_t pad = 0; pad < 40; ++pad) {
    for (const std::string before : {std::string(pad, 'x') + " ", std::string(pad, '.'),
                                     "\xC3\xA9" + std::string(pad, 'y') + ", "}) {
      const std::string text = before + "Lorem ipsum dolor sit amet, again and again.";
      INFO(text);
      CHECK(placeholder_in_description(text).size() == 1);
    }
    // Glued to the word before it, the phrase is not a phrase.
    const std::string glued = std::string(pad + 1, 'x') + "lorem ipsum dolor sit amet.";
    INFO(glued);
    CHECK(placeholder_in_description(glued).empty());
    const std::string after_utf8 = std::string(pad, ' ') + "\xC3\xA9lorem ipsum dolor sit amet.";
    INFO(after_utf8);
    CHECK(placeholder_in_description(after_utf8).empty());
  }
}

TEST_CASE("placeholder-text: markers anywhere in a long text, the list's first named",
          "[check][placeholder-text]") {
  for (std::size_t pad = 0; pad < 40; ++pad) {
    const std::string words(pad, 'w');
    for (const std::string marker : {"TODO", "TBD", "FIXME"}) {
      const std::string text = words + " Fix this later. " + marker + ": fill in the cause.";
      INFO(text);
      const auto hits = placeholder_in_description(text);
      REQUIRE(hits.size() == 1);
      CHECK(contains(hits[0].message, "\"" + marker + "\""));
      CHECK(placeholder_in_description(words + " The " + marker + "S list, _" + marker + " and " + marker +
                                       "_x are not markers.").empty());
    }
    // FIXME comes first in the text, TODO first in the list of markers.
    const auto hits = placeholder_in_description(words + " FIXME later; TBD; TODO.");
    REQUIRE(hits.size() == 1);
    CHECK(contains(hits[0].message, "\"TODO\""));
  }
}
