// load/json_fast: the fast parser builds exactly the tree nlohmann's parser
// builds (values, number types, offsets), and gives up on anything else.
#include <catch2/catch.hpp>

#include <unistd.h>

#include <cstdlib>
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

// Every .json file under `root` that the fast parser accepts gives the full
// parser's tree, without findings; returns how many it accepted.
std::size_t check_every_file(const std::filesystem::path& root) {
  std::size_t files = 0;
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
  return files;
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
           std::string(R"({"a\"b": 1, "a\u0062\n": {"\u0000k": [true, false, null]}, "t":"\ud83d\ude00"})"),
           std::string("\xEF\xBB\xBF -1.5e+3 \n"), std::string("\t\"a\" "), std::string("[\n]"),
           std::string(R"({"a":[[[[{"b":[]}]]]],"c":{},"d":[{}],"e":"" , "f" : 0 })"),
       })
    check_accepted(text);
}

TEST_CASE("json_fast: same tree whether or not the text has room for simdjson's padding",
          "[load][json_fast]") {
  for (const std::string body : {std::string(R"({"a": [1, "x"], "b": {"c": null}})"),
                                 std::string("\xEF\xBB\xBF[\"\\u00e9\", 2.5]")}) {
    std::string roomy;
    roomy.reserve(body.size() + 256);  // read in place
    roomy = body;
    std::string tight = body;
    tight.shrink_to_fit();  // copied first
    check_accepted(roomy);
    check_accepted(tight);
  }
}

TEST_CASE("json_fast: a text bigger than a thread keeps a parser for, then a small one",
          "[load][json_fast]") {
  std::string big = "[";
  for (int i = 0; i < 500000; ++i) big += (i ? ",\"item " : "\"item ") + std::to_string(i) + "\"";
  big += "]";
  REQUIRE(big.size() > (std::size_t{4} << 20));
  check_accepted(big);
  check_accepted(R"({"after": [true]})");
}

TEST_CASE("json_fast: same tree as nlohmann on every file of the sample and fixture KBs",
          "[load][json_fast]") {
  std::size_t files = 0;
  for (const std::string root : {std::string(KBGEN_SOURCE_DIR) + "/kb", std::string(KBGEN_FIXTURES)})
    files += check_every_file(root);
  CHECK(files > 10);
}

TEST_CASE("json_fast: same tree as nlohmann on every file of a generated KB", "[load][json_fast]") {
  const std::filesystem::path dir =
      std::filesystem::temp_directory_path() / ("kbgen-json-fast-" + std::to_string(::getpid()));
  const std::string command = "python3 '" + std::string(KBGEN_SOURCE_DIR) +
                              "/bench/gen_kb.py' --entries 300 --seed 11 '" + dir.string() +
                              "' >/dev/null 2>&1";
  REQUIRE(std::system(command.c_str()) == 0);
  const std::size_t files = check_every_file(dir);
  std::filesystem::remove_all(dir);
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
           std::string("[\"a\"b]"), std::string("[1\"a\"]"), std::string("[1true]"), std::string("[truex]"),
           std::string("[nul]"), std::string("[--1]"), std::string("[+1]"), std::string("[0x10]"),
           std::string("[NaN]"), std::string("[Infinity]"), std::string("[,1]"), std::string("[1,,2]"),
           std::string("{,}"), std::string("{\"a\"}"), std::string("{\"a\":}"), std::string("{\"a\": 1 \"b\": 2}"),
           std::string("{\"a\":1} {}"), std::string("{\"a\":1}}"), std::string("[1]]"), std::string("[1] 2"),
           std::string("\"a\" \"b\""), std::string("1 2"), std::string("{\"\\ud800\": 1}"),
           std::string("[\"\\ud800\\ud800\"]"), std::string("[\"\\udfff\\ud800\"]"), std::string("{\"\xFF\": 1}"),
           std::string("{\"a\": 1, \"b\": {\"c\": [1, 2], \"c\": 3}}"), std::string("[\"a\nb\"]"),
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
