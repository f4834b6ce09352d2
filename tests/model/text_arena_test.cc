// model/text_arena: where entry texts live, and that views into it stay valid.
#include <catch2/catch.hpp>

#include <string>
#include <utility>
#include <vector>

#include "model/text_arena.h"

using namespace kbgen;

TEST_CASE("text arena: copies stay valid across blocks and moves of the arena", "[model]") {
  TextArena arena;
  std::vector<std::string> wanted;
  std::vector<std::string_view> views;
  // Enough to fill several blocks, with a few requests big enough for a
  // block of their own in between.
  for (int i = 0; i < 60000; ++i) {
    std::string s = "text " + std::to_string(i) + std::string(static_cast<std::size_t>(i % 300), 'x');
    if (i % 20000 == 7) s = std::string(std::size_t{3} << 20, static_cast<char>('a' + i % 26));
    views.push_back(arena.copy(s));
    wanted.push_back(std::move(s));
  }
  CHECK(arena.capacity() > (std::size_t{8} << 20));
  TextArena moved(std::move(arena));
  TextArena assigned;
  assigned = std::move(moved);
  for (std::size_t i = 0; i < wanted.size(); ++i) REQUIRE(views[i] == wanted[i]);
  // The arena goes on filling after a move.
  CHECK(assigned.copy("after the move") == "after the move");
}

TEST_CASE("text arena: an empty text is not a null view", "[model]") {
  TextArena arena;
  CHECK(arena.copy("").data() != nullptr);
  TextSpan span(arena, 0);
  CHECK(span.copy("").data() != nullptr);
  CHECK(span.copy("").empty());
}

TEST_CASE("text span: fills its room, then falls back to the arena", "[model]") {
  TextArena arena;
  TextSpan span(arena, 10);
  const std::string_view a = span.copy("12345");
  const std::string_view b = span.copy("67890");
  CHECK(a == "12345");
  CHECK(b == "67890");
  CHECK(b.data() == a.data() + 5);  // one piece
  const std::string_view c = span.copy("beyond the room");
  CHECK(c == "beyond the room");
  CHECK(a == "12345");
}
