// render/json_writer.h: the writer's text must be nlohmann's dump() of the
// same values, indented and compact, for every string a KB may hold.
#include <catch2/catch.hpp>

#include <random>
#include <string>

#include <nlohmann/json.hpp>

#include "render/json_writer.h"

namespace {

using Ordered = nlohmann::ordered_json;

std::string nlohmann_text(const Ordered& j, int indent) {
  return j.dump(indent, ' ', false, nlohmann::json::error_handler_t::replace);
}

// Writes `j` through the writer, as kbgen's renderers do field by field.
void write(kbgen::JsonWriter& w, const Ordered& j) {
  if (j.is_object()) {
    w.begin_object();
    for (const auto& [key, item] : j.items()) {
      w.key(key);
      write(w, item);
    }
    w.end_object();
  } else if (j.is_array()) {
    w.begin_array();
    for (const Ordered& item : j) write(w, item);
    w.end_array();
  } else if (j.is_string()) {
    w.value(j.get<std::string>());
  } else if (j.is_boolean()) {
    w.value(j.get<bool>());
  } else {
    w.value(j.get<std::uint64_t>());
  }
}

void same_as_nlohmann(const Ordered& j) {
  for (int indent : {2, -1, 4}) {
    kbgen::JsonWriter w(indent);
    write(w, j);
    CHECK(w.take() == nlohmann_text(j, indent));
  }
}

}  // namespace

TEST_CASE("JSON writer: strings are escaped as nlohmann escapes them", "[render][json]") {
  const std::string strings[] = {
      "",
      "plain",
      "quote \" backslash \\ slash /",
      "controls \b \f \n \r \t \x01 \x1f and DEL \x7f",
      "unicode: naïve 日本語 😀 \u2028",
      std::string("nul \0 inside", 12),
      "invalid \xff byte",
      "truncated \xe6\x97",
      "overlong \xc0\xaf and surrogate \xed\xa0\x80",
  };
  for (const std::string& s : strings) {
    INFO(s);
    same_as_nlohmann(Ordered(s));
    same_as_nlohmann(Ordered{{"key " + s, s}});
  }
}

TEST_CASE("JSON writer: nesting, empty containers and numbers", "[render][json]") {
  same_as_nlohmann(Ordered::object());
  same_as_nlohmann(Ordered::array());
  same_as_nlohmann(Ordered{{"a", Ordered::array()}, {"b", Ordered::object()}, {"c", true}, {"d", false}});
  same_as_nlohmann(Ordered{{"list", {1, 2, 3}}, {"deep", {{"x", {{"y", Ordered::array({Ordered::object()})}}}}}});
  same_as_nlohmann(Ordered{{"n", 0}, {"big", std::uint64_t{18446744073709551615u}}});
}

TEST_CASE("JSON writer: generated documents", "[render][json]") {
  std::mt19937 random(1124);
  const std::string alphabet[] = {"a", "Z", " ", "\"", "\\", "\n", "\t", "\x02", "é", "😀", "/", "{", "\xff"};
  const auto text = [&] {
    std::string s;
    for (int n = random() % 6; n > 0; --n) s += alphabet[random() % std::size(alphabet)];
    return s;
  };
  std::function<Ordered(int)> make = [&](int depth) -> Ordered {
    switch (depth > 3 ? random() % 3 : random() % 5) {
      case 0: return text();
      case 1: return static_cast<std::uint64_t>(random() % 1000);
      case 2: return random() % 2 == 0;
      case 3: {
        Ordered o = Ordered::object();
        for (int n = random() % 4; n > 0; --n) o[text() + std::to_string(n)] = make(depth + 1);
        return o;
      }
      default: {
        Ordered a = Ordered::array();
        for (int n = random() % 4; n > 0; --n) a.push_back(make(depth + 1));
        return a;
      }
    }
  };
  for (int n = 0; n < 2000; ++n) same_as_nlohmann(make(0));
}

TEST_CASE("JSON writer: values nlohmann writes sit at the writer's depth", "[render][json]") {
  // Extension fields: an unordered nlohmann::json (keys sorted) inside an
  // ordered document.
  const nlohmann::json extension = {{"zeta", {1, 2}}, {"alpha", {{"k", "v"}}}, {"empty", nlohmann::json::array()}};
  for (int indent : {2, -1}) {
    kbgen::JsonWriter w(indent);
    w.begin_object();
    w.key("before");
    w.value("x");
    w.key("x-ext");
    w.value(extension);
    w.key("list");
    w.begin_array();
    w.value(extension);
    w.end_array();
    w.end_object();
    Ordered expected = Ordered::object();
    expected["before"] = "x";
    expected["x-ext"] = Ordered::parse(extension.dump());
    expected["list"] = Ordered::array({Ordered::parse(extension.dump())});
    CHECK(w.take() == nlohmann_text(expected, indent));
  }
}

TEST_CASE("JSON writer: a value written as if nested", "[render][json]") {
  // api/index.json's items are written one at a time, two levels deep.
  const Ordered item = {{"code", "E1"}, {"tags", {"a", "b"}}, {"empty", Ordered::array()}};
  kbgen::JsonWriter w(2, 2);
  write(w, item);
  const std::string whole = nlohmann_text(Ordered{{"entries", Ordered::array({item})}}, 2);
  // dump() of the whole puts the item after "{\n  \"entries\": [\n    ".
  const std::string head = "{\n  \"entries\": [\n    ";
  REQUIRE(whole.compare(0, head.size(), head) == 0);
  CHECK(whole.substr(head.size(), whole.size() - head.size() - std::string("\n  ]\n}").size()) == w.take());
}
