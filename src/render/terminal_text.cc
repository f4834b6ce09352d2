#include "render/terminal_text.h"

#include <algorithm>
#include <utility>

#include "render/terminal.h"

namespace kbgen {
namespace term {

char32_t next_code_point(std::string_view s, std::size_t& i) {
  const auto byte = [&](std::size_t k) { return static_cast<unsigned char>(s[k]); };
  const unsigned char b = byte(i);
  std::size_t len = b < 0x80 ? 1 : (b >> 5) == 0x6 ? 2 : (b >> 4) == 0xE ? 3 : (b >> 3) == 0x1E ? 4 : 0;
  if (len == 0 || i + len > s.size()) {
    ++i;
    return b;
  }
  char32_t cp = len == 1 ? b : len == 2 ? (b & 0x1F) : len == 3 ? (b & 0x0F) : (b & 0x07);
  for (std::size_t k = 1; k < len; ++k) {
    if ((byte(i + k) & 0xC0) != 0x80) {
      ++i;
      return b;
    }
    cp = (cp << 6) | (byte(i + k) & 0x3F);
  }
  i += len;
  return cp;
}

int code_point_width(char32_t cp) {
  if ((cp >= 0x0300 && cp <= 0x036F) || (cp >= 0x200B && cp <= 0x200F) ||
      (cp >= 0xFE00 && cp <= 0xFE0F) || (cp >= 0x20D0 && cp <= 0x20FF))
    return 0;
  if ((cp >= 0x1100 && cp <= 0x115F) || (cp >= 0x2E80 && cp <= 0x303E) ||
      (cp >= 0x3041 && cp <= 0x33FF) || (cp >= 0x3400 && cp <= 0x4DBF) ||
      (cp >= 0x4E00 && cp <= 0x9FFF) || (cp >= 0xA000 && cp <= 0xA4CF) ||
      (cp >= 0xAC00 && cp <= 0xD7A3) || (cp >= 0xF900 && cp <= 0xFAFF) ||
      (cp >= 0xFE30 && cp <= 0xFE4F) || (cp >= 0xFF00 && cp <= 0xFF60) ||
      (cp >= 0xFFE0 && cp <= 0xFFE6) || (cp >= 0x1F300 && cp <= 0x1F64F) ||
      (cp >= 0x1F900 && cp <= 0x1F9FF) || (cp >= 0x20000 && cp <= 0x3FFFD))
    return 2;
  return 1;
}

std::string sanitize(std::string_view s, bool keep_tabs) {
  std::string out;
  out.reserve(s.size());
  for (std::size_t i = 0; i < s.size();) {
    const std::size_t start = i;
    const char32_t cp = next_code_point(s, i);
    if (cp == '\t') {
      out += keep_tabs ? '\t' : ' ';
    } else if (cp == '\n' && keep_tabs) {
      out += '\n';
    } else if (cp == '\r' && keep_tabs && i < s.size() && s[i] == '\n') {
      // CRLF: the LF ends the line.
    } else if (cp < 0x20 || cp == 0x7F || (cp >= 0x80 && cp <= 0x9F) ||
               (cp >= 0x80 && i - start == 1)) {  // C1 control, or a malformed byte
      out += cp == '\n' ? " " : "\xEF\xBF\xBD";
    } else {
      out.append(s.substr(start, i - start));
    }
  }
  return out;
}

std::string expand_tabs(std::string_view line) {
  std::string out;
  std::size_t column = 0;
  for (std::size_t i = 0; i < line.size();) {
    const std::size_t start = i;
    const char32_t cp = next_code_point(line, i);
    if (cp == '\t') {
      const std::size_t spaces = 8 - column % 8;
      out.append(spaces, ' ');
      column += spaces;
    } else {
      out.append(line.substr(start, i - start));
      column += static_cast<std::size_t>(code_point_width(cp));
    }
  }
  return out;
}

namespace {

std::string sgr(unsigned style) {
  std::string codes;
  const auto add = [&](const char* c) {
    if (!codes.empty()) codes += ';';
    codes += c;
  };
  if (style & (kBold | kHeading | kCodeName)) add("1");
  if (style & kDim) add("2");
  if (style & kItalic) add("3");
  if (style & kUrl) add("4");
  if (style & kHeading) add("33");
  else if (style & kCodeName) add("36");
  else if (style & kCode) add("32");
  else if (style & kUrl) add("34");
  return codes;
}

}  // namespace

std::string paint(const std::string& text, unsigned style, const Ctx& ctx) {
  if (!ctx.color || style == kPlain || text.empty()) return text;
  return "\x1b[" + sgr(style) + "m" + text + "\x1b[0m";
}

void Inline::glue(std::string_view text, unsigned style) {
  if (text.empty()) return;
  if (tokens.empty() || tokens.back().kind != Token::kWord) tokens.push_back({Token::kWord, {}});
  Word& word = tokens.back().word;
  if (!word.empty() && word.back().style == style)
    word.back().text.append(text);
  else
    word.push_back({std::string(text), style});
}

void Inline::text(std::string_view s, unsigned style) {
  const std::string clean = sanitize(s, false);
  std::size_t start = 0;
  for (std::size_t i = 0; i <= clean.size(); ++i) {
    if (i == clean.size() || clean[i] == ' ') {
      const std::string_view word = std::string_view(clean).substr(start, i - start);
      const bool url = word.rfind("https://", 0) == 0 || word.rfind("http://", 0) == 0;
      glue(word, url ? style | kUrl : style);
      if (i < clean.size()) space();
      start = i + 1;
    }
  }
}

namespace {

std::size_t word_width(const Word& word) {
  std::size_t w = 0;
  for (const Segment& s : word) w += display_width(s.text);
  return w;
}

class Wrapper {
 public:
  Wrapper(std::size_t width, const Ctx& ctx) : width_(std::max<std::size_t>(width, 1)), ctx_(ctx) {}

  Lines wrap(const Inline& in) {
    bool pending_space = false;
    for (const Inline::Token& t : in.tokens) {
      if (t.kind == Inline::Token::kSpace) {
        pending_space = true;
      } else if (t.kind == Inline::Token::kBreak) {
        flush();
        pending_space = false;
      } else {
        add_word(t.word, pending_space);
        pending_space = false;
      }
    }
    if (!line_.empty() || lines_.empty()) flush();
    return std::move(lines_);
  }

 private:
  void add_word(const Word& word, bool space) {
    const std::size_t w = word_width(word);
    if (column_ > 0 && space && column_ + 1 + w <= width_) {
      // A space between two words of one style takes it: one escape sequence
      // for a whole bold phrase.
      const unsigned style = !line_.empty() && !word.empty() && line_.back().style == word.front().style
                                 ? word.front().style
                                 : kPlain;
      append({" ", style});
      for (const Segment& s : word) append(s);
      return;
    }
    if (column_ > 0 && (space || column_ + w > width_)) flush();
    // A URL stays whole even when longer than a line (a cut URL can be neither
    // clicked nor copied); it then has its line to itself.
    const bool url = std::any_of(word.begin(), word.end(),
                                 [](const Segment& s) { return (s.style & (kUrl | kWhole)) != 0; });
    if (column_ + w <= width_ || url) {
      for (const Segment& s : word) append(s);
      if (column_ > width_) flush();
      return;
    }
    // Longer than a whole line: cut it at the width, code point by code point.
    for (const Segment& s : word) {
      std::size_t i = 0, start = 0;
      while (i < s.text.size()) {
        std::size_t next = i;
        const int cw = code_point_width(next_code_point(s.text, next));
        if (column_ + static_cast<std::size_t>(cw) > width_ && column_ > 0) {
          append({s.text.substr(start, i - start), s.style}, false);
          flush();
          start = i;
        }
        column_ += static_cast<std::size_t>(cw);
        i = next;
      }
      append({s.text.substr(start), s.style}, false);
    }
  }

  void append(const Segment& s, bool count = true) {
    if (s.text.empty()) return;
    if (count) column_ += display_width(s.text);
    if (!line_.empty() && line_.back().style == s.style)
      line_.back().text += s.text;
    else
      line_.push_back(s);
  }

  void flush() {
    std::string out;
    for (const Segment& s : line_) out += paint(s.text, s.style, ctx_);
    lines_.push_back(std::move(out));
    line_.clear();
    column_ = 0;
  }

  std::size_t width_;
  const Ctx& ctx_;
  std::vector<Segment> line_;
  std::size_t column_ = 0;
  Lines lines_;
};

}  // namespace

Lines wrap(const Inline& in, std::size_t width, const Ctx& ctx) {
  return Wrapper(width, ctx).wrap(in);
}

Lines wrap_text(std::string_view text, unsigned style, std::size_t width, const Ctx& ctx) {
  Inline in;
  in.text(text, style);
  return wrap(in, width, ctx);
}

std::string rtrim_spaces(std::string s) {
  while (!s.empty() && s.back() == ' ') s.pop_back();
  return s;
}

void indent_into(Lines& out, const Lines& body, const std::string& first, const std::string& rest) {
  for (std::size_t i = 0; i < body.size(); ++i) {
    const std::string& prefix = i == 0 ? first : rest;
    out.push_back(body[i].empty() ? rtrim_spaces(prefix) : prefix + body[i]);
  }
}

void append_lines(Lines& out, const Lines& more) { out.insert(out.end(), more.begin(), more.end()); }

void blank(Lines& out) {
  if (!out.empty() && !out.back().empty()) out.push_back("");
}

}  // namespace term

std::size_t display_width(std::string_view text) {
  std::size_t width = 0;
  for (std::size_t i = 0; i < text.size();) width += static_cast<std::size_t>(term::code_point_width(term::next_code_point(text, i)));
  return width;
}

}  // namespace kbgen
