// model/source: byte offsets to line:column, columns in code points.
#include <catch2/catch.hpp>

#include "model/source.h"

using namespace kbgen;

namespace {

std::string at(const std::string& text, std::uint32_t offset) {
  const LineColumn lc = line_column_at(text, offset);
  return std::to_string(lc.line) + ":" + std::to_string(lc.column);
}

}  // namespace

TEST_CASE("line_column_at: lines and columns from 1", "[model][source]") {
  const std::string text = "ab\ncd\n\nef";
  CHECK(at(text, 0) == "1:1");
  CHECK(at(text, 1) == "1:2");
  CHECK(at(text, 2) == "1:3");  // the line end itself
  CHECK(at(text, 3) == "2:1");
  CHECK(at(text, 6) == "3:1");
  CHECK(at(text, 7) == "4:1");
  CHECK(at(text, 8) == "4:2");
  CHECK(at(text, 9) == "4:3");    // end of text
  CHECK(at(text, 500) == "4:3");  // past the end: clamped
  CHECK(at("", 0) == "1:1");
}

TEST_CASE("line_column_at: columns count code points", "[model][source]") {
  // é: 2 bytes, —: 3 bytes, 😀: 4 bytes.
  const std::string text = "\xC3\xA9x\xE2\x80\x94y\xF0\x9F\x98\x80z";
  CHECK(at(text, 2) == "1:2");   // x
  CHECK(at(text, 6) == "1:4");   // y
  CHECK(at(text, 11) == "1:6");  // z
  // Broken UTF-8: stray continuation bytes take no column, but the position stays usable.
  CHECK(at("\x80\x80z", 2) == "1:1");
  CHECK(at("\xFFz", 1) == "1:2");
}

TEST_CASE("line_column_at: byte-order mark and CRLF", "[model][source]") {
  const std::string bom = "\xEF\xBB\xBF{\n\"a\"";
  CHECK(at(bom, 0) == "1:1");
  CHECK(at(bom, 3) == "1:1");
  CHECK(at(bom, 4) == "1:2");
  CHECK(at(bom, 5) == "2:1");
  CHECK(at(bom, 6) == "2:2");
  const std::string crlf = "{\r\n  \"a\"\r\n}";
  CHECK(at(crlf, 3) == "2:1");
  CHECK(at(crlf, 5) == "2:3");
  CHECK(at(crlf, 10) == "3:1");
  // A BOM that is not at the start is an ordinary character.
  CHECK(at("a\xEF\xBB\xBFz", 4) == "1:3");
}

TEST_CASE("Sources: ids and positions", "[model][source]") {
  Sources sources;
  const FileId a = sources.add({"kb/a.json", "a.json", "x\ny"});
  const FileId b = sources.add({"kb/b.json", "b.json", ""});
  CHECK(a == 0);
  CHECK(b == 1);
  CHECK(sources.size() == 2);
  CHECK(sources.at(b).rel_path == "b.json");
  const LineColumn lc = sources.line_column({a, 2});
  CHECK(lc.line == 2);
  CHECK(lc.column == 1);
  const LineColumn none = sources.line_column({kNoFile, 5});
  CHECK(none.line == 1);
  CHECK(none.column == 1);
}

TEST_CASE("LineIndex: the same line:column as line_column_at at every offset", "[model][source]") {
  std::string long_ascii, long_utf8, long_lines;
  for (int i = 0; i < 900; ++i) {
    long_ascii += "line " + std::to_string(i) + (i % 7 == 0 ? "\r\n" : "\n");
    long_utf8 += "l\xC3\xADnea \xE2\x80\x94 " + std::to_string(i) + "\n";
  }
  // Lines just under, at and over the length a byte holds, and two over what
  // 16 bits hold. Only two: line_column_at, the reference, rescans from the
  // start at every offset, so this case costs the square of its size.
  for (int i = 0; i < 300; ++i)
    long_lines += std::string(i % 5 == 0 ? 252 + i % 7 : (i == 11 || i == 22) ? 66000 : i % 3, 'x') + "\n";
  for (const std::string text : {std::string(""), std::string("x"), std::string("\n"),
                                 std::string("ab\ncd\n\nef"), std::string("{\r\n  \"a\"\r\n}"),
                                 std::string("\xEF\xBB\xBF{\n\"a\""), std::string("\xC3\xA9x\n\xF0\x9F\x98\x80z"),
                                 std::string("\x80\x80z\n\xFF"), std::string("abcdefgh\xC3\xA9z\n"),
                                 std::string("abcdefgh\nijklmnop\xE2\x80\x94"), long_ascii, long_utf8, long_lines}) {
    INFO(text.substr(0, 40));
    const LineIndex index(text);
    for (std::uint32_t offset = 0; offset <= text.size() + 2; ++offset) {
      const LineColumn want = line_column_at(text, offset);
      const LineColumn got = index.at(offset);
      INFO("offset " << offset);
      REQUIRE(got.line == want.line);
      REQUIRE(got.column == want.column);
    }
  }
}

TEST_CASE("LineIndex: of a file that was not read, every offset is 1:1", "[model][source]") {
  const LineIndex none;
  for (std::uint32_t offset : {0u, 1u, 500u}) {
    CHECK(none.at(offset).line == 1);
    CHECK(none.at(offset).column == 1);
  }
}

TEST_CASE("Sources: the text is not kept once added", "[model][source]") {
  Sources sources;
  const FileId a = sources.add({"kb/a.json", "a.json", "{\n  \"code\": \"E1\"\n}\n"});
  CHECK(sources.at(a).content.empty());
  CHECK(sources.line_column({a, 4}).line == 2);
  CHECK(sources.line_column({a, 4}).column == 3);
}
