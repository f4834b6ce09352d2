// Partials written into their templates (render/template_inline.h) must
// render exactly as kainjow renders the partial tags, or stay tags.
#include <catch2/catch.hpp>

#include <map>
#include <string>

#include <kainjow/mustache.hpp>

#include "render/template_inline.h"

using kbgen::inline_partials;
using Data = kainjow::mustache::data;

namespace {

// Resolves {{> name}} to `partials` only, as TemplateSet does.
class Partials : public kainjow::mustache::context<std::string> {
 public:
  Partials(const Data* data, const std::map<std::string, Data>& partials)
      : kainjow::mustache::context<std::string>(data), partials_(partials) {}
  const Data* get_partial(const std::string& name) const override {
    auto it = partials_.find(name);
    return it == partials_.end() ? nullptr : &it->second;
  }

 private:
  const std::map<std::string, Data>& partials_;
};

std::string render(const std::string& text, const std::map<std::string, std::string>& partials, const Data& data) {
  std::map<std::string, Data> as_data;
  for (const auto& [name, partial] : partials) as_data.emplace(name, Data(partial));
  kainjow::mustache::mustache tmpl(text);
  REQUIRE(tmpl.is_valid());
  Partials context(&data, as_data);
  return tmpl.render(context);
}

// Steps two levels deep, and a list that ends empty.
Data step_data() {
  Data leaf;
  leaf.set("text", "leaf <b>");
  leaf.set("has_steps", Data(false));
  leaf.set("steps", Data(Data::type::list));
  Data inner(Data::type::list);
  inner.push_back(leaf);
  Data mid;
  mid.set("text", "mid");
  mid.set("has_steps", Data(true));
  mid.set("steps", inner);
  Data top(Data::type::list);
  top.push_back(mid);
  top.push_back(leaf);
  Data data;
  data.set("steps", top);
  data.set("name", "x & y");
  data.set("blank", "");
  data.set("yes", Data(true));
  return data;
}

void check_same(const std::string& text, const std::map<std::string, std::string>& partials, int depth = 4) {
  const std::string expanded = inline_partials(text, partials, depth);
  INFO("template: " << text << "\nexpanded: " << expanded);
  CHECK(render(expanded, partials, step_data()) == render(text, partials, step_data()));
}

}  // namespace

TEST_CASE("inline_partials: a partial's text takes the place of its tag", "[render][templates]") {
  const std::map<std::string, std::string> partials{{"p", "<{{name}}>"}};
  CHECK(inline_partials("a{{> p}}b", partials, 4) == "a<{{name}}>b");
  CHECK(inline_partials("a{{>p }}b{{>  p}}", partials, 4) == "a<{{name}}>b<{{name}}>");
  CHECK(inline_partials("a{{> missing}}b", partials, 4) == "a{{> missing}}b");
  CHECK(inline_partials("a{{> p}}b", partials, 0) == "a{{> p}}b");
  check_same("a{{> p}}b", partials);
}

TEST_CASE("inline_partials: a recursive partial is expanded to the depth asked, and renders the same",
          "[render][templates]") {
  const std::map<std::string, std::string> partials{
      {"steps", "<ol>{{#steps}}<li>{{{text}}}{{#has_steps}}{{> steps}}{{/has_steps}}</li>{{/steps}}</ol>"}};
  for (int depth = 0; depth <= 4; ++depth) {
    const std::string expanded = inline_partials("{{> steps}}", partials, depth);
    std::size_t tags = 0;
    for (std::size_t at = expanded.find("{{> steps}}"); at != std::string::npos; at = expanded.find("{{> steps}}", at + 1))
      ++tags;
    CHECK(tags == 1);  // always one tag left, ever deeper
    check_same("{{> steps}}", partials, depth);
  }
}

TEST_CASE("inline_partials: standalone lines, sections and line ends render as kainjow renders the tags",
          "[render][templates]") {
  const std::map<std::string, std::string> partials{
      {"line", "{{#yes}}\n  {{name}}\n{{/yes}}\n"}, {"blank", "  \t"}, {"empty", ""}, {"nl", "\n"},
      {"cr", "x\r"}, {"lf", "\ny"}, {"brace", "{"}, {"nested", "[{{> line}}]{{> empty}}"}};
  for (const std::string text :
       {"{{#steps}}\n{{> line}}\n{{/steps}}\n", "a\n  {{> blank}}\n{{#yes}}\n{{> blank}}\n{{/yes}}\nb",
        "{{#yes}}\n{{> empty}}\n{{/yes}}\n", "x{{> nl}}{{> nl}}y", "a\r{{> lf}}", "{{> cr}}\nb", "a\r{{> empty}}\nb",
        "{{> brace}}{{name}}", "x{ {{> empty}}{name}}", "{{> nested}}\n{{> nested}}", "{{! {{> line}} }}{{> line}}"})
    check_same(text, partials);
}

TEST_CASE("inline_partials: set-delimiter tags and tags that would join keep the partial tag",
          "[render][templates]") {
  const std::map<std::string, std::string> partials{
      {"p", "<{{name}}>"}, {"delims", "{{=<% %>=}}<% name %>"}, {"cr", "x\r"}, {"brace", "{"}, {"empty", ""}};
  CHECK(inline_partials("{{=<% %>=}}<%> p%>{{> p}}", partials, 4) == "{{=<% %>=}}<%> p%>{{> p}}");
  CHECK(inline_partials("a{{> delims}}b", partials, 4) == "a{{> delims}}b");
  CHECK(inline_partials("{{> cr}}\n", partials, 4) == "{{> cr}}\n");
  CHECK(inline_partials("{{> brace}}{{name}}", partials, 4) == "{{> brace}}{{name}}");
  CHECK(inline_partials("a\r{{> empty}}\n", partials, 4) == "a\r{{> empty}}\n");
  CHECK(inline_partials("{{{> p}}}", partials, 4) == "{{{> p}}}");  // an unescaped variable, not a partial
  check_same("a{{> delims}}b{{name}}", partials);
}
