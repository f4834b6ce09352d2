// util/strings: edit distance, "did you mean", excerpts, blank text.
#include <catch2/catch.hpp>

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
