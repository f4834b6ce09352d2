#include "render/commonmark_out.h"

#include <cstring>

namespace kbgen::commonmark {
namespace {

// Bytes that text writes as they are wherever they stand, but at the start
// of a line's content: all but controls, line ends and the characters
// cmark escapes (some only before a letter, or only at a line start, which
// the character-by-character path decides).
struct PlainInText {
  bool plain[256];
  constexpr PlainInText() : plain() {
    for (int c = 0x20; c < 256; ++c) plain[c] = true;
    for (unsigned char c : std::string_view("*_[]#<>\\`!&")) plain[c] = false;
  }
  bool operator[](unsigned char c) const { return plain[c]; }
};
constexpr PlainInText kPlainInText;

}  // namespace

void Out::put(std::string_view s, Escape escape) {
  if (in_tight_list_item && need_cr_ > 1) need_cr_ = 1;
  // Pending line ends: as many as asked for, counting those the output
  // already ends with, and none at its start; a blank line gets the
  // prefix (as cmark writes it).
  std::size_t k = out_.size();  // one past the byte cmark looks at
  while (need_cr_ > 0) {
    if (k == start_ || out_[k - 1] == '\n') {
      if (k > start_) --k;
    } else {
      out_ += '\n';
      if (need_cr_ > 1) out_ += prefix;
    }
    begin_line_ = begin_content = true;
    --need_cr_;
  }
  for (std::size_t i = 0; i < s.size(); ++i) {
    if (begin_line_) out_ += prefix;
    // Runs that need no look at their context are copied whole: past
    // the start of a line's content, only a few characters matter.
    if (!begin_content && (escape == Escape::Literal || escape == Escape::Normal)) {
      std::size_t end = i;
      if (escape == Escape::Literal) {
        const void* line_end = std::memchr(s.data() + i, '\n', s.size() - i);
        end = line_end ? static_cast<const char*>(line_end) - s.data() : s.size();
      } else {
        while (end < s.size() && kPlainInText[static_cast<unsigned char>(s[end])]) ++end;
      }
      if (end > i) {
        out_.append(s, i, end - i);
        begin_line_ = false;
        i = end;
        if (i == s.size()) break;
      }
    }
    const unsigned char c = s[i];
    // A line break starts a new line (with the prefix) only in literal
    // output; elsewhere it is a character like others (escaped in text
    // and URLs, kept in titles).
    if (c == '\n' && escape == Escape::Literal) {
      out_ += '\n';
      begin_line_ = begin_content = true;
      continue;
    }
    if (escape != Escape::Literal && c < 0x80) {
      const unsigned char next = i + 1 < s.size() ? s[i + 1] : 0;
      if (needs_escape(c, next, escape)) {
        escape_char(c, escape);
        begin_line_ = false;
        begin_content = begin_content && is_digit(c);
        continue;
      }
    }
    out_ += static_cast<char>(c);
    begin_line_ = false;
    begin_content = begin_content && is_digit(c);
  }
}

void Out::finish() {
  if (out_.size() == start_ || out_.back() != '\n') out_ += '\n';
}

bool Out::follows_digit() const { return out_.size() > start_ && is_digit(out_.back()); }

bool Out::needs_escape(unsigned char c, unsigned char next, Escape escape) const {
  switch (escape) {
    case Escape::Normal:
      return c < 0x20 || c == '*' || c == '_' || c == '[' || c == ']' || c == '#' || c == '<' || c == '>' ||
             c == '\\' || c == '`' || c == '!' || (c == '&' && is_alpha(next)) ||
             (begin_content && (c == '-' || c == '+' || c == '=') && !follows_digit()) ||
             (begin_content && (c == '.' || c == ')') && follows_digit() && (next == 0 || is_space(next)));
    case Escape::Url:
      return c == '`' || c == '<' || c == '>' || is_space(c) || c == '\\' || c == ')' || c == '(';
    case Escape::Title: return c == '`' || c == '<' || c == '>' || c == '"' || c == '\\';
    case Escape::Literal: break;
  }
  return false;
}

void Out::escape_char(unsigned char c, Escape escape) {
  static const char kHex[] = "0123456789ABCDEF";
  if (escape == Escape::Url && is_space(c)) {
    // printf's "%%%2X": two places, space-padded ("% 9" for a tab).
    out_ += '%';
    out_ += c >> 4 ? kHex[c >> 4] : ' ';
    out_ += kHex[c & 15];
  } else if (is_punct(c)) {
    out_ += '\\';
    out_ += static_cast<char>(c);
  } else {
    out_ += "&#" + std::to_string(c) + ";";
  }
}

}  // namespace kbgen::commonmark
