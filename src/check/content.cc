// empty-text, placeholder-text, vague-step: what the words say.
#include <algorithm>
#include <array>
#include <bit>
#include <cstdint>
#include <string_view>

#include "check/check.h"
#include "model/visit.h"
#include "util/bytes16.h"
#include "util/strings.h"

namespace kbgen {
namespace {

// What each byte is in a word: ASCII letters lower-cased, digits and bytes
// of multi-byte UTF-8 as they are, anything else 0 (a separator). Rules see a
// text as its words, lower-cased, one space between them: "Perform necessary
// actions, as described!" reads "perform necessary actions as described".
// ASCII by hand: kbgen never sets a locale, so this is what <cctype> says.
constexpr std::array<char, 256> kWordBytes = [] {
  std::array<char, 256> bytes{};
  for (int c = 0; c < 256; ++c) {
    if (c >= 'A' && c <= 'Z') bytes[c] = static_cast<char>(c + ('a' - 'A'));
    else if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c >= 0x80) bytes[c] = static_cast<char>(c);
  }
  return bytes;
}();

char word_byte(char c) { return kWordBytes[static_cast<unsigned char>(c)]; }

// The first word byte at or after `at` (text.size() if none).
std::size_t skip_separators(std::string_view text, std::size_t at) {
  while (at < text.size() && word_byte(text[at]) == 0) ++at;
  return at;
}

std::size_t skip_word(std::string_view text, std::size_t at) {
  while (at < text.size() && word_byte(text[at]) != 0) ++at;
  return at;
}

// Whether the words of `text` from the word starting at `at` on begin with
// `phrase` (lower-case words, one space between); `end` is then where the
// last of them ends. Works on the text itself, so no lower-cased copy of
// every text is made.
bool phrase_at(std::string_view text, std::size_t at, std::string_view phrase, std::size_t& end) {
  for (char p : phrase) {
    if (p == ' ') {
      if (at < text.size() && word_byte(text[at]) != 0) return false;  // the word goes on
      at = skip_separators(text, at);
      if (at == text.size()) return false;
    } else {
      if (at >= text.size() || word_byte(text[at]) != p) return false;
      ++at;
    }
  }
  if (at < text.size() && word_byte(text[at]) != 0) return false;
  end = at;
  return true;
}

// Whether the words of `text` are exactly `phrase`.
bool is_phrase(std::string_view text, std::string_view phrase) {
  std::size_t end = 0;
  const std::size_t start = skip_separators(text, 0);
  return start < text.size() && phrase_at(text, start, phrase, end) &&
         skip_separators(text, end) == text.size();
}

// Phrases that mark text a generator failed to write or an author left
// unfinished, matched against the words of a text (see kWordBytes).
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

// A list of phrases indexed for phrases_in: which start with each byte,
// which have each byte second (every phrase's first word has two or more
// letters), and how long each one's first word is.
template <std::size_t N>
struct PhraseIndex {
  static_assert(N <= 32);
  std::array<std::string_view, N> phrases;
  std::array<std::uint32_t, 256> by_first_byte{};   // bit i: phrases[i] starts with the byte
  std::array<std::uint32_t, 256> by_second_byte{};  // bit i: the byte is phrases[i][1]
  std::array<std::size_t, N> first_word_size{};

  constexpr explicit PhraseIndex(const std::array<std::string_view, N>& list) : phrases(list) {
    for (std::size_t i = 0; i < N; ++i) {
      by_first_byte[static_cast<unsigned char>(list[i][0])] |= std::uint32_t{1} << i;
      by_second_byte[static_cast<unsigned char>(list[i][1])] |= std::uint32_t{1} << i;
      first_word_size[i] = std::min(list[i].find(' '), list[i].size());
      // by_second_byte needs a second letter: a one-letter first word would never match.
      if (first_word_size[i] < 2) throw "a phrase's first word needs two or more letters";
    }
  }
};

// A step is searched for both lists in one pass: placeholder phrases are
// bits 0-5, vague phrases the bits above.
constexpr std::size_t kVagueShift = kPlaceholderPhrases.size();
constexpr auto kStepPhrases = [] {
  std::array<std::string_view, kPlaceholderPhrases.size() + kVaguePhrases.size()> all{};
  std::copy(kPlaceholderPhrases.begin(), kPlaceholderPhrases.end(), all.begin());
  std::copy(kVaguePhrases.begin(), kVaguePhrases.end(), all.begin() + kVagueShift);
  return all;
}();

constexpr PhraseIndex kPlaceholderIndex(kPlaceholderPhrases);
constexpr PhraseIndex kStepIndex(kStepPhrases);

// Which of the phrases occur in the words of `text` (bit i for phrases[i]).
// A phrase can only begin where a word does, and most words begin with a
// byte no phrase begins with, so only word starts are looked at, and a word
// more closely only then. Word starts are found sixteen bytes at a time
// where the CPU can (a branch per byte mispredicts at almost every word end).
template <std::size_t N>
std::uint32_t phrases_in(std::string_view text, const PhraseIndex<N>& index) {
  std::uint32_t found = 0;
  auto word_starts_at = [&](std::size_t at) {
    const char byte = word_byte(text[at]);
    const char next = at + 1 < text.size() ? word_byte(text[at + 1]) : 0;
    const std::uint32_t starting = index.by_first_byte[static_cast<unsigned char>(byte)] &
                                   index.by_second_byte[static_cast<unsigned char>(next)];
    if (starting == 0) return;
    const std::size_t word_end = skip_word(text, at);
    for (std::uint32_t candidates = starting; candidates != 0; candidates &= candidates - 1) {
      const auto i = static_cast<std::size_t>(std::countr_zero(candidates));
      std::size_t end = 0;
      if (index.first_word_size[i] == word_end - at && phrase_at(text, at, index.phrases[i], end))
        found |= std::uint32_t{1} << i;
    }
  };
  std::size_t at = 0;
  bool in_word = false;
#if defined(KBGEN_BYTES16)
  for (; at < text.size(); at += 16) {
    const Bytes16 x(text.data() + at, text.size() - at);  // zeros past the end separate
    const unsigned words = x.non_ascii() | Bytes16::bits(x.ascii_alnum());  // as kWordBytes
    for (unsigned starts = words & ~((words << 1) | in_word); starts != 0; starts &= starts - 1)
      word_starts_at(at + static_cast<std::size_t>(std::countr_zero(starts)));
    in_word = (words >> 15) & 1;
  }
#endif
  for (; at < text.size(); ++at) {
    const bool word = word_byte(text[at]) != 0;
    if (word && !in_word) word_starts_at(at);
    in_word = word;
  }
  return found;
}

bool is_word_byte(char c) {
  return std::isalnum(static_cast<unsigned char>(c)) || c == '_';
}

// Whether a marker starts at `at`, as a whole word; bit i for kPlaceholderMarkers[i].
std::uint32_t markers_at(std::string_view text, std::size_t at) {
  std::uint32_t found = 0;
  for (std::size_t i = 0; i < kPlaceholderMarkers.size(); ++i) {
    const std::string_view marker = kPlaceholderMarkers[i];
    const std::size_t end = at + marker.size();
    if (text.compare(at, marker.size(), marker) == 0 && (at == 0 || !is_word_byte(text[at - 1])) &&
        (end == text.size() || !is_word_byte(text[end])))
      found |= std::uint32_t{1} << i;
  }
  return found;
}

// The first marker of the list that occurs, in one pass over the text: a
// marker can only start at a 'T' or an 'F'.
std::string_view find_marker(std::string_view text) {
  static_assert(kPlaceholderMarkers.size() == 3);  // TODO, TBD, FIXME
  std::uint32_t found = 0;
  std::size_t at = 0;
#if defined(KBGEN_BYTES16)
  for (; at < text.size() && (found & 1) == 0; at += 16) {
    const Bytes16 x(text.data() + at, text.size() - at);  // zeros past the end are no marker
    for (unsigned starts = Bytes16::bits(_mm_or_si128(x.equal('T'), x.equal('F'))); starts != 0;
         starts &= starts - 1)
      found |= markers_at(text, at + static_cast<std::size_t>(std::countr_zero(starts)));
  }
#endif
  for (; at < text.size() && (found & 1) == 0; ++at)
    if (text[at] == 'T' || text[at] == 'F') found |= markers_at(text, at);
  return found ? kPlaceholderMarkers[static_cast<std::size_t>(std::countr_zero(found))] : std::string_view{};
}

// `found`: which placeholder phrases occur (phrases_in).
void check_placeholder(std::string_view field, const Text& t, std::uint32_t found,
                       Diagnostics& diagnostics) {
  if (found != 0) {
    // The first phrase of the list that occurs, as the list is ordered.
    const std::string_view phrase = kPlaceholderPhrases[static_cast<std::size_t>(std::countr_zero(found))];
    diagnostics.report("placeholder-text", t.pos,
                       std::string(field) + " holds generator-failure text (\"" +
                           std::string(phrase) + "\"): \"" + excerpt(t.value) +
                           "\"; write the real content or remove the item");
    return;
  }
  if (std::string_view marker = find_marker(t.value); !marker.empty())
    diagnostics.report("placeholder-text", t.pos,
                       std::string(field) + " holds the placeholder \"" + std::string(marker) +
                           "\": \"" + excerpt(t.value) + "\"");
}

// `found`: which vague phrases occur (phrases_in).
void check_vague(std::string_view field, const Text& t, std::uint32_t found,
                 Diagnostics& diagnostics) {
  bool vague = found != 0;
  // Only the steps that begin with the text's first letter can be the text.
  const std::size_t start = skip_separators(t.value, 0);
  const char first = start < t.value.size() ? word_byte(t.value[start]) : 0;
  for (std::string_view step : kVagueSteps) vague = vague || (step[0] == first && is_phrase(t.value, step));
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
    if (kind != TextKind::Step) {
      check_placeholder(field, t, phrases_in(t.value, kPlaceholderIndex), diagnostics);
      return;
    }
    const std::uint32_t found = phrases_in(t.value, kStepIndex);
    check_placeholder(field, t, found & ((std::uint32_t{1} << kVagueShift) - 1), diagnostics);
    check_vague(field, t, found >> kVagueShift, diagnostics);
  });
  for (const Example& x : e.examples)
    if (x.code.present() && !is_blank(x.code.value))
      if (std::string_view marker = find_marker(x.code.value); !marker.empty())
        diagnostics.report("placeholder-text", x.code.pos,
                           "example code holds the placeholder \"" + std::string(marker) + "\"");
}

}  // namespace kbgen
