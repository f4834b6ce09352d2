// util/strings: edit distance, "did you mean", excerpts, blank text.
#include <catch2/catch.hpp>

#include <cstdint>
#include <string>
#include <vector>

#include "support/temp_dir.h"
#include "util/strings.h"

using namespace kbgen;

TEST_CASE("edit_distance", "[util][strings]") {
  CHECK(edit_distance("", "", 5) == 0);
  CHECK(edit_distance("abc", "abc", 5) == 0);
  CHECK(edit_distance("", "abc", 5) == 3);
  CHECK(edit_distance("kitten", "sitting", 5) == 3);
  CHECK(edit_distance("sumary", "summary", 2) == 1);
  CHECK(edit_distance("detial", "detail", 2) == 1);  // a swap of neighbours is one edit
  CHECK(edit_distance("ab", "ba", 2) == 1);
  CHECK(edit_distance("ca", "abc", 3) == 3);  // optimal string alignment: no edit twice
  // Past the limit: limit + 1, whether the lengths or the contents differ.
  CHECK(edit_distance("kitten", "sitting", 2) == 3);
  CHECK(edit_distance("a", "abcdefgh", 3) == 4);
  CHECK(edit_distance("abcdefgh", "hgfedcba", 1) == 2);
}

TEST_CASE("closest_match", "[util][strings]") {
  const std::vector<std::string> fields = {"code", "title", "summary", "description", "fix",
                                           "steps", "text", "url"};
  CHECK(closest_match("sumary", fields) == "summary");
  CHECK(closest_match("SUMMARY", fields) == "summary");  // case-insensitive
  CHECK(closest_match("stpes", {"steps", "text"}) == "steps");  // neighbours swapped
  CHECK(closest_match("ulr", {"url", "title"}) == "url");
  CHECK(closest_match("descripton", fields) == "description");
  CHECK(closest_match("urls", fields) == "url");
  CHECK(closest_match("step", fields) == "steps");
  CHECK(closest_match("colour", fields) == "");
  CHECK(closest_match("zzzzzz", fields) == "");
  CHECK(closest_match("x", {"y"}) == "y");  // a one-letter word allows one edit
  CHECK(closest_match("anything", {}) == "");
  // The first of equally close candidates wins.
  CHECK(closest_match("fox", {"fix", "fax"}) == "fix");
}

TEST_CASE("ascii_lower and is_blank", "[util][strings]") {
  CHECK(ascii_lower("AADSTS-50058 \xC3\x89") == "aadsts-50058 \xC3\x89");
  CHECK(is_blank(""));
  CHECK(is_blank(" \t\r\n"));
  CHECK(is_blank("\xC2\xA0 \xC2\xA0"));
  CHECK_FALSE(is_blank(" x "));
  CHECK_FALSE(is_blank("\xC2\xA9"));  // ©
}

TEST_CASE("excerpt", "[util][strings]") {
  CHECK(excerpt("") == "");
  CHECK(excerpt("short") == "short");
  CHECK(excerpt("  one \n\t two  ") == "one two");
  CHECK(excerpt(std::string(60, 'x')) == std::string(60, 'x'));
  CHECK(excerpt(std::string(70, 'x')) == std::string(60, 'x') + "\xE2\x80\xA6");
  CHECK(excerpt("abcd", 3) == "abc\xE2\x80\xA6");
  CHECK(excerpt("abc", 3) == "abc");
  // Code points, not bytes.
  CHECK(excerpt("\xC3\xA9\xC3\xA9\xC3\xA9\xC3\xA9", 3) == "\xC3\xA9\xC3\xA9\xC3\xA9\xE2\x80\xA6");
  CHECK(excerpt("one two three", 5) == "one t\xE2\x80\xA6");
  // A space that would be the last character allowed ends the excerpt.
  CHECK(excerpt("ab cdefgh", 3) == "ab\xE2\x80\xA6");
  CHECK(excerpt(std::string(59, 'x') + " " + std::string(100, 'y')) ==
        std::string(59, 'x') + "\xE2\x80\xA6");
}

TEST_CASE("append_utf8: one to four bytes", "[util][strings]") {
  std::string out;
  for (std::uint32_t cp : {0x41u, 0x0u, 0xE9u, 0x20ACu, 0x1F600u, 0x10FFFFu}) kbgen::append_utf8(out, cp);
  CHECK(out == std::string("A\0\xC3\xA9\xE2\x82\xAC\xF0\x9F\x98\x80\xF4\x8F\xBF\xBF", 15));
}

// is_valid_utf8 is simdjson's validator; it must give what the plain
// definition (the test support's, written from RFC 3629) gives, on the
// edge cases and on text that crosses the validator's 32- and 64-byte blocks.
TEST_CASE("is_valid_utf8 agrees with the plain definition", "[util][strings]") {
  const std::vector<std::string> cases = {
      "", "plain ASCII", "caf\xC3\xA9", "\xE2\x82\xAC", "\xF0\x9F\x98\x80", "\xF4\x8F\xBF\xBF",
      "\xC3",                  // cut short
      "\xC0\xAF",              // overlong '/'
      "\xC1\xBF",              // overlong
      "\xE0\x9F\xBF",          // overlong 3-byte
      "\xF0\x8F\xBF\xBF",      // overlong 4-byte
      "\xED\xA0\x80",          // surrogate U+D800
      "\xED\x9F\xBF",          // U+D7FF, fine
      "\xF4\x90\x80\x80",      // past U+10FFFF
      "\xF5\x80\x80\x80", "\xFF", "\x80", "a\xC3\xA9\x80"};
  for (const std::string& text : cases) {
    INFO(text.size() << " bytes");
    CHECK(is_valid_utf8(text) == testing::is_valid_utf8(text));
  }
  CHECK(is_valid_utf8("caf\xC3\xA9"));
  CHECK_FALSE(is_valid_utf8("\xED\xA0\x80"));

  // Generated: mostly ASCII with well-formed sequences, a few stray or cut
  // bytes, at lengths up to 200 so the bad byte lands in every block.
  std::uint64_t state = 0x9E3779B97F4A7C15ull;
  const auto next = [&state] {
    state ^= state << 13;
    state ^= state >> 7;
    state ^= state << 17;
    return state;
  };
  const std::vector<std::string> pieces = {"a", "Z", " ", "\xC3\xA9", "\xE2\x82\xAC", "\xF0\x9F\x98\x80",
                                           "\xED\x9F\xBF", "\xEF\xBF\xBF"};
  const std::vector<std::string> faults = {"\x80", "\xC3", "\xE2\x82", "\xED\xA0\x80", "\xF4\x90\x80\x80",
                                           "\xC0\x80", "\xFE", "\xE0\x80\x80"};
  std::size_t valid = 0, invalid = 0;
  for (int round = 0; round < 20000; ++round) {
    std::string text;
    const std::size_t length = next() % 200;
    while (text.size() < length) text += pieces[next() % pieces.size()];
    if (next() % 2 == 0) text.insert(next() % (text.size() + 1), faults[next() % faults.size()]);
    const bool expected = testing::is_valid_utf8(text);
    (expected ? valid : invalid) += 1;
    if (is_valid_utf8(text) != expected) FAIL("disagrees on round " << round << ", " << text.size() << " bytes");
  }
  CHECK(valid > 5000);
  CHECK(invalid > 5000);
}
