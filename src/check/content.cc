// empty-text, placeholder-text, vague-step: what the words say.
#include <array>
#include <string_view>

#include "check/check.h"
#include "model/visit.h"
#include "util/strings.h"

namespace kbgen {
namespace {

// Lower-case ASCII letters and digits, every other run of bytes one space:
// "Perform necessary actions, as described!" -> "perform necessary actions as described".
std::string words_of(std::string_view text) {
  std::string out;
  for (unsigned char c : text) {
    if (std::isalnum(c) || c >= 0x80) {
      out += static_cast<char>(std::tolower(c));
    } else if (!out.empty() && out.back() != ' ') {
      out += ' ';
    }
  }
  if (!out.empty() && out.back() == ' ') out.pop_back();
  return out;
}

// Phrases that mark text a generator failed to write or an author left
// unfinished, matched against words_of(text) with word boundaries.
constexpr std::array kPlaceholderPhrases = {
    std::string_view("could not be generated"), std::string_view("failed to generate"),
    std::string_view("lorem ipsum"),            std::string_view("content to be added"),
    std::string_view("insert content here"),    std::string_view("placeholder text"),
};

// Markers matched case-sensitively as whole words: "TODO" is a marker,
// "todo!()" in Rust code and "todo list" in prose are not.
constexpr std::array kPlaceholderMarkers = {std::string_view("TODO"), std::string_view("TBD"),
                                            std::string_view("FIXME")};

// Steps that tell the reader to do something without saying what.
constexpr std::array kVaguePhrases = {
    std::string_view("perform necessary actions"),   std::string_view("perform the necessary actions"),
    std::string_view("perform the necessary steps"), std::string_view("perform necessary steps"),
    std::string_view("perform the required actions"), std::string_view("take appropriate action"),
    std::string_view("take the appropriate action"), std::string_view("take appropriate actions"),
    std::string_view("take necessary action"),       std::string_view("take the necessary action"),
    std::string_view("take the necessary steps"),    std::string_view("as described for the error"),
    std::string_view("follow the necessary steps"),  std::string_view("do the needful"),
    std::string_view("consider any additional"),     std::string_view("consider any other"),
};

// Whole steps that name a goal, not an action.
constexpr std::array kVagueSteps = {
    std::string_view("resolve the issue"),     std::string_view("resolve the error"),
    std::string_view("fix the issue"),         std::string_view("fix the error"),
    std::string_view("fix the problem"),       std::string_view("resolve the problem"),
    std::string_view("troubleshoot the issue"), std::string_view("investigate the issue"),
    std::string_view("address the issue"),     std::string_view("check the configuration"),
    std::string_view("check the settings"),    std::string_view("try again"),
};

bool has_phrase(const std::string& words, std::string_view phrase) {
  for (std::size_t at = words.find(phrase); at != std::string::npos;
       at = words.find(phrase, at + 1)) {
    const bool starts = at == 0 || words[at - 1] == ' ';
    const std::size_t end = at + phrase.size();
    const bool ends = end == words.size() || words[end] == ' ';
    if (starts && ends) return true;
  }
  return false;
}

bool is_word_byte(char c) {
  return std::isalnum(static_cast<unsigned char>(c)) || c == '_';
}

std::string_view find_marker(std::string_view text) {
  for (std::string_view marker : kPlaceholderMarkers) {
    for (std::size_t at = text.find(marker); at != std::string_view::npos;
         at = text.find(marker, at + 1)) {
      const std::size_t end = at + marker.size();
      if ((at == 0 || !is_word_byte(text[at - 1])) && (end == text.size() || !is_word_byte(text[end])))
        return marker;
    }
  }
  return {};
}

void check_placeholder(std::string_view field, const Text& t, const std::string& words,
                       Diagnostics& diagnostics) {
  for (std::string_view phrase : kPlaceholderPhrases) {
    if (has_phrase(words, phrase)) {
      diagnostics.report("placeholder-text", t.pos,
                         std::string(field) + " holds generator-failure text (\"" +
                             std::string(phrase) + "\"): \"" + excerpt(t.value) +
                             "\"; write the real content or remove the item");
      return;
    }
  }
  if (std::string_view marker = find_marker(t.value); !marker.empty())
    diagnostics.report("placeholder-text", t.pos,
                       std::string(field) + " holds the placeholder \"" + std::string(marker) +
                           "\": \"" + excerpt(t.value) + "\"");
}

void check_vague(std::string_view field, const Text& t, const std::string& words,
                 Diagnostics& diagnostics) {
  bool vague = false;
  for (std::string_view phrase : kVaguePhrases) vague = vague || has_phrase(words, phrase);
  for (std::string_view step : kVagueSteps) vague = vague || words == step;
  if (vague)
    diagnostics.report("vague-step", t.pos,
                       std::string(field) + " step says what to achieve, not what to do: \"" +
                           excerpt(t.value) + "\"; name the setting, command or page involved");
}

}  // namespace

void check_content(const Entry& e, Diagnostics& diagnostics) {
  for_each_text(e, [&](std::string_view field, TextKind kind, const Text& t) {
    if (is_blank(t.value)) {
      diagnostics.report("empty-text", t.pos, std::string(field) + " is empty");
      return;
    }
    if (kind == TextKind::Code) return;  // code is quoted, not prose: only TODO-style markers
    const std::string words = words_of(t.value);
    check_placeholder(field, t, words, diagnostics);
    if (kind == TextKind::Step) check_vague(field, t, words, diagnostics);
  });
  for (const Example& x : e.examples)
    if (x.code.present && !is_blank(x.code.value))
      if (std::string_view marker = find_marker(x.code.value); !marker.empty())
        diagnostics.report("placeholder-text", x.code.pos,
                           "example code holds the placeholder \"" + std::string(marker) + "\"");
}

}  // namespace kbgen
