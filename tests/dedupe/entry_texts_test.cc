// dedupe/entry_texts: normal forms made from the parts of an entry must equal
// normalising each whole text, including where a part's end could change how
// the next part reads (links, backslashes, broken UTF-8).
#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include "dedupe/entry_texts.h"
#include "dedupe/normalize.h"
#include "support/texts.h"

using namespace kbgen;

namespace {

Text text(const std::string& value) { return testing::make_text(value); }

Step step(std::string value, std::vector<Step> subs = {}) { return Step{text(std::move(value)), std::move(subs)}; }

std::string whole_prose(const Entry& e) {
  std::string t = std::string(e.title.value) + "\n\n" + std::string(e.summary.value) + "\n\n" +
                  std::string(e.description.value) + "\n\n";
  for (const Cause& c : e.causes) t += cause_text(c) + "\n\n";
  for (std::size_t f = 0; f < kStepFields.size(); ++f)
    for (const Step& s : step_list(e, f)) t += step_text(s);
  return t;
}

void check_forms(const Entry& e) {
  const EntryNormalForms forms = normal_forms(e);
  CHECK(forms.prose == normalize_text(whole_prose(e)));
  REQUIRE(forms.causes.size() == e.causes.size());
  for (std::size_t i = 0; i < e.causes.size(); ++i) CHECK(forms.causes[i] == normalize_text(cause_text(e.causes[i])));
  for (std::size_t f = 0; f < kStepFields.size(); ++f) {
    REQUIRE(forms.steps[f].size() == step_list(e, f).size());
    for (std::size_t i = 0; i < step_list(e, f).size(); ++i)
      CHECK(forms.steps[f][i] == normalize_text(step_text(step_list(e, f)[i])));
  }
}

}  // namespace

TEST_CASE("dedupe normal_forms: joined parts equal the whole texts normalised", "[dedupe][entry_texts]") {
  // Each string is tried as every part of an entry, next to each other one.
  const std::vector<std::string> parts{
      "",
      "Restart the **agent**.",
      "See [the docs](https://x/y).",
      "a link [cut off](https://x",  // destination never closed
      "(starts with a parenthesis)",
      "ends with a bracket]",
      "[x](dest\\",                   // a backslash escapes the newline after it
      "trailing backslash \\",
      "line\n",
      "\xC3",                         // a lone UTF-8 lead byte at the end
      "caf\xC3\xA9 \xE2\x80\x94 \xCE\xA3\xCE\xA3",
      "x) then more",
      "  --  ",
  };
  for (const std::string& a : parts)
    for (const std::string& b : parts) {
      INFO("a = \"" << a << "\", b = \"" << b << "\"");
      Entry e;
      e.title = text(a);
      e.summary = text(b);
      e.description = text(a + b);
      e.causes.push_back(Cause{text(a), text(b)});
      e.causes.push_back(Cause{Text{}, text(b)});
      e.diagnosis = {step(a, {step(b), step(a, {step(b)})}), step(b)};
      e.fix = {step(b, {step(a)})};
      e.prevention = {step(a)};
      check_forms(e);
    }
}
