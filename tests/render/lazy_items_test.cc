// Lazy list items (render/mustache_data.h): a template renders a list of
// placeholders exactly as it renders the items themselves, and an item is
// made only while the template is inside it, in data the item before it
// left.
#include <catch2/catch.hpp>

#include <memory>
#include <string>
#include <vector>

#include "render/mustache_data.h"
#include "render/templates.h"
#include "support/temp_dir.h"

using namespace kbgen;

namespace {

MData item_of(std::size_t i) {
  MData item;
  put_text(item, "code", "E" + std::to_string(i));
  put_flag(item, "odd", i % 2 == 1);
  MData tags = mlist();
  for (std::size_t t = 0; t < i; ++t) append(tags, mstring("t" + std::to_string(t)));
  item["tags"] = std::move(tags);
  MData inner;
  put_text(inner, "note", "<n" + std::to_string(i) + ">");
  item["inner"] = std::move(inner);
  return item;
}

// The home template replaced by `text`, rendered over the view `view_of`
// makes from a list of `n` items.
template <typename ViewOf>
std::string render_home(const std::string& text, ViewOf view_of) {
  kbgen::testing::TempDir dir;
  dir.write("home.mustache", text);
  TemplateSet templates;
  std::string error;
  REQUIRE(templates.load(dir.str(), error));
  return templates.render("home", view_of());
}

const char* const kTemplate =
    "{{title}}|{{#entries}}[{{code}}{{#odd}} odd{{/odd}}{{^odd}} even{{/odd}}:"
    "{{#tags}}{{.}},{{/tags}}{{inner.note}}/{{{inner.note}}} in {{title}}]{{/entries}}"
    "{{^entries}}none{{/entries}}|{{#entries}}{{#inner}}{{note}}{{code}}{{/inner}}{{/entries}}";

MData view_with(MData entries) {
  MData view;
  put_text(view, "title", "T");
  view["entries"] = std::move(entries);
  return view;
}

}  // namespace

TEST_CASE("lazy items: a list of placeholders renders as the list of items", "[render][lazy]") {
  const std::size_t n = 5;
  const std::string eager = render_home(kTemplate, [&] {
    MData list = mlist(n);
    for (std::size_t i = 0; i < n; ++i) append(list, item_of(i));
    return view_with(std::move(list));
  });
  std::size_t made = 0;
  const LazyItems items{[&](std::size_t i, MData& into) {
    ++made;
    into = item_of(i);
  }};
  const std::string lazy = render_home(kTemplate, [&] {
    MData list = mlist(n);
    for (std::size_t i = 0; i < n; ++i) append(list, mlazy(items, i));
    return view_with(std::move(list));
  });
  CHECK(lazy == eager);
  CHECK(eager.find("[E3 odd:t0,t1,t2,&lt;n3&gt;/<n3> in T]") != std::string::npos);
  // Made once per section that enters the item: the template walks the list twice.
  CHECK(made == 2 * n);
}

TEST_CASE("lazy items: an empty list of them is empty to inverted sections", "[render][lazy]") {
  const std::string out = render_home(kTemplate, [] { return view_with(mlist()); });
  CHECK(out == "T|none|");
}

TEST_CASE("lazy items: an item is made when its section enters it, in the data the last one left", "[render][lazy]") {
  // Each made item holds a token; the token's destructor runs when its data
  // is filled again or dropped. The item's "alive" lambda prints how many
  // exist.
  int alive = 0;
  struct Token {
    int& alive;
    explicit Token(int& a) : alive(a) { ++alive; }
    ~Token() { --alive; }
  };
  std::vector<const MData*> filled;
  const LazyItems items{[&](std::size_t i, MData& into) {
    filled.push_back(&into);
    auto token = std::make_shared<Token>(alive);
    put_text(into, "code", std::to_string(i));
    slot(into, "alive") = MData(kainjow::mustache::lambda{[token](const std::string&) { return std::to_string(token->alive); }});
  }};
  const std::string out = render_home("{{#entries}}{{code}}:{{#alive}}{{/alive}} {{/entries}}", [&] {
    MData list = mlist(4);
    for (std::size_t i = 0; i < 4; ++i) append(list, mlazy(items, i));
    return view_with(std::move(list));
  });
  CHECK(out == "0:1 1:1 2:1 3:1 ");
  CHECK(alive == 0);
  REQUIRE(filled.size() == 4);
  for (const MData* data : filled) CHECK(data == filled[0]);
}

TEST_CASE("lazy items: items of two lists are filled in data of their own list's items", "[render][lazy]") {
  // The lists' items have different keys: filled in the data the second
  // list's last item left, the first list's items would show its "b".
  const LazyItems firsts{[](std::size_t i, MData& into) { put_text(into, "a", "a" + std::to_string(i)); }};
  const LazyItems seconds{[](std::size_t i, MData& into) { put_text(into, "b", "b" + std::to_string(i)); }};
  const std::string out = render_home("{{#two}}{{b}}{{/two}}|{{#one}}{{a}}{{b}}{{#two}}({{a}}{{b}}){{/two}};{{/one}}", [&] {
    MData view;
    MData one = mlist(2), two = mlist(2);
    for (std::size_t i = 0; i < 2; ++i) append(one, mlazy(firsts, i)), append(two, mlazy(seconds, i));
    view["one"] = std::move(one);
    view["two"] = std::move(two);
    return view;
  });
  CHECK(out == "b0b1|a0(a0b0)(a0b1);a1(a1b0)(a1b1);");
}

TEST_CASE("lazy items: only mlazy's placeholders are lazy; other data is left as it is", "[render][lazy]") {
  CHECK_FALSE(lazy_item(mstring("x")).has_value());
  CHECK_FALSE(lazy_item(MData(kainjow::mustache::partial{[] { return std::string("p"); }})).has_value());
  const LazyItems items{[](std::size_t i, MData& into) { into = mstring(std::to_string(i * 2)); }};
  const std::optional<LazyItem> item = lazy_item(mlazy(items, 21));
  REQUIRE(item.has_value());
  CHECK(item->items == &items);
  CHECK(item->index == 21);
}
