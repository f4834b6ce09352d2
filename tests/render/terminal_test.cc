// render_terminal (kbgen explain's formatting), find_entry and closest_codes,
// on entries built in memory.
#include <catch2/catch.hpp>

#include <sstream>
#include <string>
#include <vector>

#include "render/terminal.h"
#include "support/texts.h"

using namespace kbgen;

namespace {

Text txt(const std::string& value) { return testing::make_text(value); }

Step step(const std::string& text, std::vector<Step> steps = {}) { return Step{txt(text), std::move(steps)}; }

Entry entry(const std::string& code, const std::string& title) {
  Entry e;
  e.code = txt(code);
  e.title = txt(title);
  e.summary = txt("What **went** wrong.");
  e.fix = {step("Do the fix.")};
  return e;
}

std::vector<std::string> lines_of(const std::string& text) {
  std::vector<std::string> out;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) out.push_back(line);
  return out;
}

bool has_line(const std::string& text, const std::string& line) {
  for (const std::string& l : lines_of(text))
    if (l == line) return true;
  return false;
}

bool contains(const std::string& haystack, const std::string& needle) {
  return haystack.find(needle) != std::string::npos;
}

std::string render(const Entry& e, const std::vector<Entry>& all, int width = 80, bool color = false) {
  TerminalOptions options;
  options.width = width;
  options.color = color;
  return render_terminal(e, all, Sources{}, options);
}

// A line holding one URL and nothing else: URLs are never cut, so such a
// line may be wider than the width.
bool is_lone_url(const std::string& line) {
  const std::size_t first = line.find_first_not_of(' ');
  if (first == std::string::npos) return false;
  const std::string word = line.substr(first);
  if (word.find(' ') != std::string::npos) return false;
  return word.rfind("http", 0) == 0 || word.rfind("<http", 0) == 0;
}

// Lines outside ``` fences: the ones that must fit the width.
std::vector<std::string> prose_lines(const std::string& text) {
  std::vector<std::string> out;
  bool in_code = false;
  for (const std::string& line : lines_of(text)) {
    const std::size_t first = line.find_first_not_of(' ');
    if (first != std::string::npos && line.compare(first, 3, "```") == 0) {
      in_code = !in_code;
      continue;
    }
    if (!in_code) out.push_back(line);
  }
  return out;
}

}  // namespace

TEST_CASE("terminal: heading, aliases and summary come first", "[terminal]") {
  Entry e = entry("E100", "ThingFailed");
  e.aliases = {txt("100"), txt("thing-failed")};
  const auto lines = lines_of(render(e, {e}));
  REQUIRE(lines.size() >= 4);
  CHECK(lines[0] == "E100: ThingFailed");
  CHECK(lines[1] == "Also known as: 100, thing-failed");
  CHECK(lines[2].empty());
  CHECK(lines[3] == "  What went wrong.");
}

TEST_CASE("terminal: steps are numbered, sub-steps nested under their parent", "[terminal]") {
  Entry e = entry("E1", "T");
  e.fix = {step("First step."),
           step("Second step:", {step("Sub a."), step("Sub b:", {step("Deep.")})}),
           step("Third step.")};
  e.diagnosis = {step("Look.")};
  const std::string out = render(e, {e});
  INFO(out);
  CHECK(has_line(out, "FIX"));
  CHECK(has_line(out, "  1. First step."));
  CHECK(has_line(out, "  2. Second step:"));
  CHECK(has_line(out, "     2.1. Sub a."));
  CHECK(has_line(out, "     2.2. Sub b:"));
  CHECK(has_line(out, "          2.2.1. Deep."));
  CHECK(has_line(out, "  3. Third step."));
  CHECK(has_line(out, "DIAGNOSIS"));
  CHECK(out.find("DIAGNOSIS") < out.find("FIX"));

  SECTION("a wrapped step keeps a hanging indent") {
    Entry w = entry("E1", "T");
    w.fix = {step("alpha beta gamma delta epsilon zeta eta theta iota kappa lambda mu nu xi "
                  "omicron pi rho sigma tau upsilon")};
    const auto lines = lines_of(render(w, {w}, 40));
    std::size_t i = 0;
    while (i < lines.size() && lines[i] != "FIX") ++i;
    REQUIRE(i + 2 < lines.size());
    CHECK(lines[i + 1].rfind("  1. alpha", 0) == 0);
    CHECK(lines[i + 2].rfind("     ", 0) == 0);
    CHECK(lines[i + 2][5] != ' ');
  }
}

TEST_CASE("terminal: prose wraps at the width, code blocks do not", "[terminal]") {
  Entry e = entry("E1", "T");
  std::string words;
  for (int i = 0; i < 60; ++i) words += "word" + std::to_string(i) + (i % 7 == 6 ? "\n" : " ");
  const std::string long_code = "  let x = \"" + std::string(90, 'x') + "\";";
  e.description = txt(words + "\n\n```rust\n" + long_code + "\n```\n\nSee " +
                      "https://example.com/" + std::string(80, 'p') + " for more.");
  e.causes = {Cause{{}, txt(words)}};
  Example example;
  example.title = txt("An example");
  example.language = txt("python");
  example.code = txt("print('" + std::string(100, 'y') + "')\n");
  e.examples = {example};

  for (int width : {40, 57, 100}) {
    INFO("width " << width);
    const std::string out = render(e, {e}, width);
    INFO(out);
    for (const std::string& line : prose_lines(out)) {
      INFO(line);
      CHECK((display_width(line) <= static_cast<std::size_t>(width) || is_lone_url(line)));
    }
    // Code and URLs are kept whole, and every word survives the wrapping.
    CHECK(contains(out, " https://example.com/" + std::string(80, 'p') + "\n"));
    CHECK(has_line(out, "  " + long_code));
    CHECK(has_line(out, "    print('" + std::string(100, 'y') + "')"));
    CHECK(has_line(out, "  ```rust"));
    CHECK(has_line(out, "    ```python"));
    std::string joined;
    for (const std::string& line : prose_lines(out)) joined += line + " ";
    for (int i = 0; i < 60; ++i) CHECK(contains(joined, " word" + std::to_string(i) + " "));
  }

  SECTION("a width below 40 counts as 40") {
    const std::string narrow = render(e, {e}, 10);
    CHECK(narrow == render(e, {e}, 40));
    bool some_wide = false;
    for (const std::string& line : prose_lines(narrow)) some_wide = some_wide || display_width(line) > 30;
    CHECK(some_wide);
  }
}

TEST_CASE("terminal: colour only when asked", "[terminal]") {
  Entry e = entry("E1", "T");
  e.description = txt("Some **bold**, *emphasis*, `code` and a [link](https://example.com/x).");
  const std::string plain = render(e, {e}, 80, false);
  const std::string coloured = render(e, {e}, 80, true);
  INFO(plain << coloured);
  CHECK_FALSE(contains(plain, "\x1b"));
  CHECK(contains(plain, "Some bold, emphasis, `code` and a link <https://example.com/x>."));
  CHECK(contains(coloured, "\x1b["));
  CHECK(contains(coloured, "\x1b[1mbold\x1b[0m"));
  CHECK(contains(coloured, "\x1b[0m"));
}

TEST_CASE("terminal: control characters in an entry never reach the terminal", "[terminal]") {
  Entry e = entry("E1", "Evil\x1b]0;owned\x07Title");
  e.description = txt("Text \x1b[2J with \x9b escapes.");
  Example example;
  example.code = txt("echo \x1b[31mred\r\n");
  e.examples = {example};
  for (bool color : {false, true}) {
    const std::string out = render(e, {e}, 80, color);
    INFO(out);
    CHECK_FALSE(contains(out, "\x07"));
    CHECK_FALSE(contains(out, "\r"));
    CHECK_FALSE(contains(out, "\x1b]"));
    CHECK_FALSE(contains(out, "\x1b[2J"));
    CHECK_FALSE(contains(out, "\x1b[31m"));
    if (!color) CHECK_FALSE(contains(out, "\x1b"));
  }
}

TEST_CASE("terminal: related codes show their titles and notes", "[terminal]") {
  Entry a = entry("AAA1", "FirstThing");
  Entry b = entry("BBB2", "SecondThing");
  b.aliases = {txt("2")};
  a.related = {Related{txt("BBB2"), txt("Differs in *one* way.")}, Related{txt("2"), {}},
               Related{txt("ZZZ9"), {}}};
  const std::vector<Entry> all = {a, b};
  const std::string out = render(a, all);
  INFO(out);
  CHECK(has_line(out, "RELATED"));
  CHECK(has_line(out, "  - BBB2: SecondThing"));
  CHECK(has_line(out, "    Differs in one way."));
  CHECK(has_line(out, "  - 2 (BBB2): SecondThing"));
  CHECK(has_line(out, "  - ZZZ9 (not in this knowledge base)"));
}

TEST_CASE("terminal: causes, examples, references and details", "[terminal]") {
  Entry e = entry("E1", "T");
  e.causes = {Cause{txt("Clock skew"), txt("The clock is off.")}, Cause{{}, txt("A plain cause.")}};
  Example example;
  example.title = txt("Retry");
  example.language = txt("bash");
  example.code = txt("for i in 1 2 3; do\n\tcurl -f https://x || sleep 1\ndone\n");
  e.examples = {example};
  e.references = {Reference{txt("The manual"), txt("https://example.com/manual"), {}}};
  e.owner = txt("Team A");
  e.reviewed = txt("2026-01-02");
  e.product = txt("Product");
  e.category = txt("Category");
  e.tags = {txt("one"), txt("two")};

  Sources sources;
  const FileId file = sources.add(SourceFile{"kb/e1.json", "e1.json", "\n\n{\"code\": \"E1\"}"});
  e.sources = {SourcePos{file, 2}};
  TerminalOptions options;
  const std::string out = render_terminal(e, {e}, sources, options);
  INFO(out);
  CHECK(has_line(out, "  - Clock skew"));
  CHECK(has_line(out, "    The clock is off."));
  CHECK(has_line(out, "  - A plain cause."));
  CHECK(has_line(out, "  Retry"));
  CHECK(has_line(out, "    ```bash"));
  CHECK(has_line(out, "            curl -f https://x || sleep 1"));
  CHECK(has_line(out, "  - The manual"));
  CHECK(has_line(out, "    https://example.com/manual"));
  CHECK(has_line(out, "  Owner:    Team A"));
  CHECK(has_line(out, "  Reviewed: 2026-01-02"));
  CHECK(has_line(out, "  Product:  Product"));
  CHECK(has_line(out, "  Category: Category"));
  CHECK(has_line(out, "  Tags:     one, two"));
  CHECK(has_line(out, "  Source:   kb/e1.json:3"));
  const std::vector<std::string> order = {"CAUSES", "FIX", "EXAMPLES", "REFERENCES", "DETAILS"};
  for (std::size_t i = 1; i < order.size(); ++i) CHECK(out.find(order[i - 1]) < out.find(order[i]));
}

TEST_CASE("terminal: find_entry tries code, alias, then either ignoring case", "[terminal]") {
  Entry a = entry("ABC1", "A");
  a.aliases = {txt("abc2")};
  Entry b = entry("ABC2", "B");
  Entry c = entry("x9", "C");
  c.aliases = {txt("Nine")};
  const std::vector<Entry> all = {a, b, c};
  CHECK(find_entry(all, "ABC1") == 0);
  CHECK(find_entry(all, "ABC2") == 1);   // the code wins over a's alias
  CHECK(find_entry(all, "abc2") == 0);   // exact alias before case-insensitive code
  CHECK(find_entry(all, "abc1") == 0);
  CHECK(find_entry(all, "X9") == 2);
  CHECK(find_entry(all, "NINE") == 2);
  CHECK(find_entry(all, "nothing") == all.size());
}

TEST_CASE("terminal: closest_codes gives the nearest three, ties in code order", "[terminal]") {
  const std::vector<Entry> all = {entry("AADSTS53002", ""), entry("AADSTS53009", ""),
                                  entry("AADSTS53000", ""), entry("AADSTS53001", ""),
                                  entry("ZZZ", "")};
  CHECK(closest_codes(all, "AADSTS5300") ==
        std::vector<std::string>{"AADSTS53000", "AADSTS53001", "AADSTS53002"});
  CHECK(closest_codes(all, "aadsts53009x") ==
        std::vector<std::string>{"AADSTS53009", "AADSTS53000", "AADSTS53001"});
  // No distance limit: something is always named.
  CHECK(closest_codes(all, "completely-different", 2).size() == 2);
  CHECK(closest_codes({}, "X").empty());
}
