// load/json_tree: where every key and value of a JSON document starts, and
// the findings the parse itself makes (json-syntax, duplicate-key).
#include <catch2/catch.hpp>

#include <string>

#include "load/json_tree.h"
#include "model/source.h"
#include "support/check_helpers.h"

using namespace kbgen;
using namespace kbgen::testing;

namespace {

struct Parsed {
  std::string text;
  JsonNode root;
  Diagnostics diagnostics;
  bool ok = false;
};

Parsed parse(const std::string& text) {
  Parsed p;
  p.text = text;
  p.ok = parse_json_tree(p.text, 0, p.diagnostics, p.root);
  return p;
}

// "line:column" of a byte offset.
std::string at(const std::string& text, std::uint32_t offset) {
  const LineColumn lc = line_column_at(text, offset);
  return std::to_string(lc.line) + ":" + std::to_string(lc.column);
}

const JsonMember& member(const JsonNode& object, const std::string& key) {
  for (const JsonMember& m : object.members)
    if (m.key == key) return m;
  FAIL("no member " << key);
  throw;  // unreachable
}

}  // namespace

TEST_CASE("json_tree: keys and values of a one-line object", "[load][json_tree]") {
  const Parsed p = parse(R"({"a": 1, "bb": "x", "c": true, "d": null})");
  REQUIRE(p.ok);
  REQUIRE(p.root.kind == JsonNode::Kind::Object);
  CHECK(at(p.text, p.root.offset) == "1:1");
  REQUIRE(p.root.members.size() == 4);
  CHECK(at(p.text, member(p.root, "a").key_offset) == "1:2");
  CHECK(at(p.text, member(p.root, "a").value.offset) == "1:7");
  CHECK(at(p.text, member(p.root, "bb").key_offset) == "1:10");
  CHECK(at(p.text, member(p.root, "bb").value.offset) == "1:16");
  CHECK(at(p.text, member(p.root, "c").key_offset) == "1:21");
  CHECK(at(p.text, member(p.root, "c").value.offset) == "1:26");
  CHECK(member(p.root, "c").value.kind == JsonNode::Kind::Bool);
  CHECK(at(p.text, member(p.root, "d").key_offset) == "1:32");
  CHECK(at(p.text, member(p.root, "d").value.offset) == "1:37");
  CHECK(member(p.root, "d").value.kind == JsonNode::Kind::Null);
  CHECK(p.diagnostics.items().empty());
}

TEST_CASE("json_tree: values after numbers", "[load][json_tree]") {
  const std::string text = R"({
  "n": 12,
  "s": "after number",
  "list": [1, 22,333, "x"],
  "f": -1.5e3, "t": false
})";
  const Parsed p = parse(text);
  REQUIRE(p.ok);
  CHECK(at(text, member(p.root, "n").key_offset) == "2:3");
  CHECK(at(text, member(p.root, "n").value.offset) == "2:8");
  CHECK(at(text, member(p.root, "s").key_offset) == "3:3");
  CHECK(at(text, member(p.root, "s").value.offset) == "3:8");
  const JsonNode& list = member(p.root, "list").value;
  REQUIRE(list.kind == JsonNode::Kind::Array);
  REQUIRE(list.items.size() == 4);
  CHECK(at(text, list.offset) == "4:11");
  CHECK(at(text, list.items[0].offset) == "4:12");
  CHECK(at(text, list.items[1].offset) == "4:15");
  CHECK(at(text, list.items[2].offset) == "4:18");
  CHECK(at(text, list.items[3].offset) == "4:23");
  CHECK(list.items[3].string == "x");
  CHECK(at(text, member(p.root, "f").value.offset) == "5:8");
  CHECK(member(p.root, "f").value.scalar.get<double>() == -1500.0);
  CHECK(at(text, member(p.root, "t").key_offset) == "5:16");
  CHECK(at(text, member(p.root, "t").value.offset) == "5:21");
}

TEST_CASE("json_tree: numbers right before a closing bracket", "[load][json_tree]") {
  const std::string text = R"({"a":[1],"b":2,"c":{"d":3},"e":"x"})";
  const Parsed p = parse(text);
  REQUIRE(p.ok);
  const JsonNode& a = member(p.root, "a").value;
  CHECK(at(text, a.offset) == "1:6");
  REQUIRE(a.items.size() == 1);
  CHECK(at(text, a.items[0].offset) == "1:7");
  CHECK(at(text, member(p.root, "b").key_offset) == "1:10");
  CHECK(at(text, member(p.root, "b").value.offset) == "1:14");
  CHECK(at(text, member(p.root, "c").key_offset) == "1:16");
  const JsonNode& c = member(p.root, "c").value;
  CHECK(at(text, c.offset) == "1:20");
  CHECK(at(text, member(c, "d").key_offset) == "1:21");
  CHECK(at(text, member(c, "d").value.offset) == "1:25");
  CHECK(at(text, member(p.root, "e").key_offset) == "1:28");
  CHECK(at(text, member(p.root, "e").value.offset) == "1:32");
}

TEST_CASE("json_tree: strings with escapes", "[load][json_tree]") {
  const std::string text = R"({"q": "say \"hi\"", "u": "caf\u00e9", "k": 1})";
  const Parsed p = parse(text);
  REQUIRE(p.ok);
  CHECK(member(p.root, "q").value.string == "say \"hi\"");
  CHECK(at(text, member(p.root, "q").value.offset) == "1:7");
  CHECK(at(text, member(p.root, "u").key_offset) == "1:21");
  CHECK(at(text, member(p.root, "u").value.offset) == "1:26");
  CHECK(member(p.root, "u").value.string == "caf\xC3\xA9");
  CHECK(at(text, member(p.root, "k").key_offset) == "1:39");
  CHECK(at(text, member(p.root, "k").value.offset) == "1:44");
}

TEST_CASE("json_tree: multi-byte UTF-8 before a value counts as one column", "[load][json_tree]") {
  // é and ï are two bytes, — is three.
  const std::string text = "{\"title\": \"Caf\xC3\xA9\", \"summary\": \"na\xC3\xAFve \xE2\x80\x94 ok\", \"n\": 1}";
  const Parsed p = parse(text);
  REQUIRE(p.ok);
  CHECK(at(text, member(p.root, "title").value.offset) == "1:11");
  CHECK(at(text, member(p.root, "summary").key_offset) == "1:19");
  CHECK(at(text, member(p.root, "summary").value.offset) == "1:30");
  CHECK(at(text, member(p.root, "n").key_offset) == "1:44");
  CHECK(member(p.root, "n").value.offset == 52);  // bytes
  CHECK(at(text, member(p.root, "n").value.offset) == "1:49");
}

TEST_CASE("json_tree: a byte-order mark takes no column", "[load][json_tree]") {
  const std::string text = "\xEF\xBB\xBF{\"a\": \"b\"}";
  const Parsed p = parse(text);
  REQUIRE(p.ok);
  CHECK(p.root.offset == 3);
  CHECK(at(text, p.root.offset) == "1:1");
  CHECK(at(text, member(p.root, "a").key_offset) == "1:2");
  CHECK(at(text, member(p.root, "a").value.offset) == "1:7");
}

TEST_CASE("json_tree: CRLF line ends", "[load][json_tree]") {
  const std::string text = "{\r\n  \"a\": 1,\r\n  \"b\": \"x\"\r\n}\r\n";
  const Parsed p = parse(text);
  REQUIRE(p.ok);
  CHECK(member(p.root, "a").key_offset == 5);
  CHECK(at(text, member(p.root, "a").key_offset) == "2:3");
  CHECK(at(text, member(p.root, "a").value.offset) == "2:8");
  CHECK(at(text, member(p.root, "b").key_offset) == "3:3");
  CHECK(at(text, member(p.root, "b").value.offset) == "3:8");
}

TEST_CASE("json_tree: nested arrays and objects", "[load][json_tree]") {
  const std::string text = R"([
  {"steps": [
      {"text": "a"},
      "b"
    ]},
  []
])";
  const Parsed p = parse(text);
  REQUIRE(p.ok);
  REQUIRE(p.root.items.size() == 2);
  const JsonNode& first = p.root.items[0];
  CHECK(at(text, first.offset) == "2:3");
  const JsonNode& steps = member(first, "steps").value;
  CHECK(at(text, steps.offset) == "2:13");
  REQUIRE(steps.items.size() == 2);
  CHECK(at(text, steps.items[0].offset) == "3:7");
  CHECK(at(text, member(steps.items[0], "text").value.offset) == "3:16");
  CHECK(at(text, steps.items[1].offset) == "4:7");
  CHECK(at(text, p.root.items[1].offset) == "6:3");
}

TEST_CASE("json_tree: duplicate keys are flagged and the first is used", "[load][json_tree]") {
  const std::string text = R"({"a": 1, "a": 2})";
  Parsed p = parse(text);
  REQUIRE(p.ok);
  REQUIRE(p.root.members.size() == 2);
  CHECK_FALSE(p.root.members[0].duplicate);
  CHECK(p.root.members[1].duplicate);
  CHECK(p.root.to_json() == nlohmann::json{{"a", 1}});
  REQUIRE(p.diagnostics.items().size() == 1);
  const Diagnostic& d = p.diagnostics.items()[0];
  CHECK(d.rule == "duplicate-key");
  CHECK(at(text, d.pos.offset) == "1:10");
  REQUIRE(d.other);
  CHECK(at(text, d.other->offset) == "1:2");
}

TEST_CASE("json_tree: syntax errors name where parsing stopped", "[load][json_tree]") {
  SECTION("a character that starts no value") {
    const std::string text = "{\n  \"a\": @\n}\n";
    Parsed p = parse(text);
    CHECK_FALSE(p.ok);
    REQUIRE(p.diagnostics.items().size() == 1);
    CHECK(p.diagnostics.items()[0].rule == "json-syntax");
    CHECK(at(text, p.diagnostics.items()[0].pos.offset) == "2:8");
  }
  SECTION("a file that ends early") {
    const std::string text = "{\n  \"a\": 1,";
    Parsed p = parse(text);
    CHECK_FALSE(p.ok);
    REQUIRE(p.diagnostics.items().size() == 1);
    CHECK(at(text, p.diagnostics.items()[0].pos.offset) == "2:10");
  }
  SECTION("a missing comma: the unexpected token's first character") {
    const std::string text = "{\n  \"a\": \"x\"\n  \"b\": 1\n}\n";
    Parsed p = parse(text);
    CHECK_FALSE(p.ok);
    REQUIRE(p.diagnostics.items().size() == 1);
    CHECK(at(text, p.diagnostics.items()[0].pos.offset) == "3:3");
  }
  SECTION("an unexpected value right after a number, a literal or a key") {
    struct Case {
      const char* text;
      const char* where;
    };
    for (const Case c : {Case{R"({"a": 1, "b": 2 "c": 3})", "1:17"}, Case{R"({"a": 1"b": 2})", "1:8"},
                         Case{"[1, 2, 3 4]", "1:10"}, Case{"[1, 2 true]", "1:7"},
                         Case{R"([true "x"])", "1:7"}, Case{R"({"a" 1})", "1:6"},
                         Case{R"({"a": "x" ])", "1:11"}}) {
      INFO(c.text);
      Parsed p = parse(c.text);
      CHECK_FALSE(p.ok);
      REQUIRE(p.diagnostics.items().size() == 1);
      CHECK(at(c.text, p.diagnostics.items()[0].pos.offset) == c.where);
    }
  }
  SECTION("a trailing comma") {
    const std::string text = "[1, 2,]";
    Parsed p = parse(text);
    CHECK_FALSE(p.ok);
    REQUIRE(p.diagnostics.items().size() == 1);
    CHECK(at(text, p.diagnostics.items()[0].pos.offset) == "1:7");
  }
  SECTION("a doubled separator") {
    const std::string text = R"({"a"::1})";
    Parsed p = parse(text);
    CHECK_FALSE(p.ok);
    REQUIRE(p.diagnostics.items().size() == 1);
    CHECK(at(text, p.diagnostics.items()[0].pos.offset) == "1:6");
  }
  SECTION("after a byte-order mark") {
    const std::string text = "\xEF\xBB\xBF{\"a\": @}";
    Parsed p = parse(text);
    CHECK_FALSE(p.ok);
    REQUIRE(p.diagnostics.items().size() == 1);
    CHECK(at(text, p.diagnostics.items()[0].pos.offset) == "1:7");
  }
  SECTION("an empty file") {
    Parsed p = parse("  \n");
    CHECK_FALSE(p.ok);
    REQUIRE(p.diagnostics.items().size() == 1);
    CHECK(p.diagnostics.items()[0].message.find("the file is empty") != std::string::npos);
  }
  SECTION("nesting too deep") {
    const std::string text = std::string(300, '[') + std::string(300, ']');
    Parsed p = parse(text);
    CHECK_FALSE(p.ok);
    REQUIRE(p.diagnostics.items().size() == 1);
    CHECK(p.diagnostics.items()[0].rule == "json-syntax");
    CHECK(at(text, p.diagnostics.items()[0].pos.offset) == "1:257");
  }
}

TEST_CASE("json-syntax: reported at file:line:column", "[check][json-syntax]") {
  const auto findings = check_entry("{\n  \"code\": \"E1\",\n  \"title\": @\n}\n");
  INFO(describe(findings));
  REQUIRE(findings.size() == 1);
  CHECK(findings[0].rule == "json-syntax");
  CHECK(findings[0].severity == "error");
  CHECK(findings[0].file == "entry.json");
  CHECK(findings[0].line == 3);
  CHECK(findings[0].column == 12);
}

TEST_CASE("duplicate-key: points at the repeated key", "[check][duplicate-key]") {
  const auto findings = check_entry(valid_entry(R"("title": "Again")"));
  INFO(describe(findings));
  REQUIRE(findings.size() == 1);
  CHECK(findings[0].rule == "duplicate-key");
  CHECK(findings[0].severity == "error");
  CHECK(findings[0].line == 6);
  CHECK(findings[0].column == 3);
  CHECK(findings[0].message.find("\"title\" appears twice") != std::string::npos);
}
