// load/json_fast: the fast parser builds exactly the tree nlohmann's parser
// builds (values, number types, offsets), and gives up on anything else.
#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "load/json_fast.h"
#include "load/json_tree.h"

using namespace kbgen;

namespace {

void require_same(const JsonNode& fast, const JsonNode& full) {
  REQUIRE(fast.kind == full.kind);
  REQUIRE(fast.offset == full.offset);
  REQUIRE(fast.string == full.string);
  REQUIRE(fast.scalar.type() == full.scalar.type());
  REQUIRE(fast.scalar == full.scalar);
  REQUIRE(fast.items.size() == full.items.size());
  for (std::size_t i = 0; i < fast.items.size(); ++i) require_same(fast.items[i], full.items[i]);
  REQUIRE(fast.members.size() == full.members.size());
  for (std::size_t i = 0; i < fast.members.size(); ++i) {
    REQUIRE(fast.members[i].key == full.members[i].key);
    REQUIRE(fast.members[i].key_offset == full.members[i].key_offset);
    REQUIRE(fast.members[i].duplicate == full.members[i].duplicate);
    require_same(fast.members[i].value, full.members[i].value);
  }
}

std::size_t bom(const std::string& text) { return text.rfind("\xEF\xBB\xBF", 0) == 0 ? 3 : 0; }

// The fast parser accepts `text` and agrees with the full one.
void check_accepted(const std::string& text) {
  INFO(text.substr(0, 200));
  JsonNode fast, full;
  REQUIRE(parse_well_formed_json(text, bom(text), fast));
  Diagnostics diagnostics;
  REQUIRE(parse_json_tree_fully(text, 0, diagnostics, full));
  REQUIRE(diagnostics.items().empty());
  require_same(fast, full);
}

std::string read(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

}  // namespace

TEST_CASE("json_fast: same tree as nlohmann on well-formed documents", "[load][json_fast]") {
  for (const std::string text : {
           std::string(R"({"a": 1, "bb": "x", "c": true, "d": null, "e": false})"),
           std::string("\xEF\xBB\xBF{\r\n  \"a\" :[ 1 ,2.5e3, -0, -7, 18446744073709551615, 1E-2 ] }\r\n"),
           std::string(R"([[1],[[]],{},[{"k":{"x":[0.5]}}],"s",12345678901234567890123])"),
           std::string(R"("just a string")"), std::string(" 42 "), std::string("null"),
           std::string(R"({"esc": "q\" b\\ s\/ \b\f\n\r\t \u0041\u00e9\u20AC\ud83d\ude00 \u0000 end"})"),
           std::string("{\"utf8\": \"caf\xC3\xA9 \xE2\x80\x94 \xF0\x9F\x98\x80 \xED\x9F\xBF \xF4\x8F\xBF\xBF\"}"),
           std::string("{\"x-ext\": {\"n\": [1.0, 2, -3, 1e2]}, \"\xC3\xBC\": \"\"}"),
       })
    check_accepted(text);
}

TEST_CASE("json_fast: same tree as nlohmann on every file of the sample and fixture KBs",
          "[load][json_fast]") {
  std::size_t files = 0;
  for (const std::string root : {std::string(KBGEN_SOURCE_DIR) + "/kb", std::string(KBGEN_FIXTURES)}) {
    for (const auto& entry : std::filesystem::recursive_directory_iterator(root)) {
      if (!entry.is_regular_file() || entry.path().extension() != ".json") continue;
      const std::string text = read(entry.path());
      JsonNode fast, full;
      Diagnostics diagnostics;
      const bool full_ok = parse_json_tree_fully(text, 0, diagnostics, full);
      if (!parse_well_formed_json(text, bom(text), fast)) continue;  // the full parser decides
      INFO(entry.path().string());
      ++files;
      REQUIRE(full_ok);
      REQUIRE(diagnostics.items().empty());
      require_same(fast, full);
    }
  }
  CHECK(files > 10);
}

TEST_CASE("json_fast: gives up on errors, and on what it leaves to the full parser", "[load][json_fast]") {
  const std::string deep = std::string(300, '[') + std::string(300, ']');
  std::string wide = "{";
  for (int i = 0; i < 100; ++i) wide += (i ? ",\"k" : "\"k") + std::to_string(i) + "\": 0";
  wide += "}";
  for (const std::string text : {
           std::string(""), std::string("  \n"), std::string("{"), std::string("{\"a\": 1,}"),
           std::string("[1,]"), std::string("[1 2]"), std::string("{\"a\" 1}"), std::string("{a: 1}"),
           std::string("{\"a\": 1}{"), std::string("[01]"), std::string("[1.]"), std::string("[.5]"),
           std::string("[-]"), std::string("[1e]"), std::string("[1e400]"), std::string("[tru]"),
           std::string("[nulls]"), std::string("[\"a\tb\"]"), std::string("[\"\\x\"]"),
           std::string("[\"\\u12\"]"), std::string("[\"\\ud800\"]"), std::string("[\"\\udc00\"]"),
           std::string("[\"\\ud800\\u0041\"]"), std::string("[\"\xC3\"]"), std::string("[\"\xC0\xAF\"]"),
           std::string("[\"\xED\xA0\x80\"]"), std::string("[\"\xF4\x90\x80\x80\"]"), std::string("[\"\xFF\"]"),
           std::string("[\"unterminated"), std::string("{\"a\": 1, \"a\": 2}"), std::string("// c\n{}"),
           std::string("\xEF\xBB\xBF\xEF\xBB\xBF{}"), std::string("{} \x00", 4), deep, wide,
       }) {
    INFO(text.substr(0, 60));
    JsonNode fast;
    CHECK_FALSE(parse_well_formed_json(text, bom(text), fast));
  }
}

TEST_CASE("json_fast: a file it gives up on still gets the full parser's findings", "[load][json_fast]") {
  const std::string text = "{\"a\": 1, \"a\": 2}";
  JsonNode root;
  Diagnostics diagnostics;
  CHECK(parse_json_tree(text, 0, diagnostics, root));
  REQUIRE(diagnostics.items().size() == 1);
  CHECK(diagnostics.items()[0].rule == "duplicate-key");
  REQUIRE(root.members.size() == 2);
  CHECK(root.members[1].duplicate);
}
