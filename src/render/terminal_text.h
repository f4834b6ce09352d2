// Text plumbing for the terminal renderer: UTF-8 widths, escape-safe
// sanitising, ANSI styling, and word wrapping of styled inline text.
// Internal to src/render/terminal*.cc.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace kbgen::term {

// Decodes one UTF-8 code point at `i` (advancing it); a malformed byte is
// returned as itself, one byte long, so nothing is ever lost or looped on.
char32_t next_code_point(std::string_view s, std::size_t& i);

// Columns one code point takes: 0 (combining), 1, or 2 (wide East Asian).
int code_point_width(char32_t cp);

// Control characters (C0 but tab, DEL, C1) become U+FFFD, so entry text can
// never reach the terminal as an escape sequence. Tabs become a space in
// prose; code keeps them (and its line breaks) until expand_tabs.
std::string sanitize(std::string_view s, bool keep_tabs);

// One line with tabs turned into spaces up to the next multiple of 8 columns.
std::string expand_tabs(std::string_view line);

enum Style : unsigned {
  kPlain = 0,
  kBold = 1u << 0,
  kItalic = 1u << 1,
  kCode = 1u << 2,
  kUrl = 1u << 3,
  kHeading = 1u << 4,
  kCodeName = 1u << 5,  // an error code in a heading or a related line
  kDim = 1u << 6,
  kWhole = 1u << 7,  // not painted; wrapping never cuts it, like a URL (a source path)
};

struct Ctx {
  bool color = false;
};

// `text` wrapped in the SGR codes for `style`; unchanged without colour.
std::string paint(const std::string& text, unsigned style, const Ctx& ctx);

struct Segment {
  std::string text;
  unsigned style = kPlain;
};
using Word = std::vector<Segment>;

// Inline content: words separated by (collapsible) spaces and hard breaks.
struct Inline {
  struct Token {
    enum Kind { kWord, kSpace, kBreak } kind;
    Word word;
  };
  std::vector<Token> tokens;

  void space() {
    if (!tokens.empty() && tokens.back().kind == Token::kWord) tokens.push_back({Token::kSpace, {}});
  }
  void hard_break() { tokens.push_back({Token::kBreak, {}}); }
  // Appends to the current word (starting one after a space or break).
  void glue(std::string_view text, unsigned style);
  // Text whose spaces separate words. Bare URLs are marked kUrl, which also
  // keeps them from being cut (see wrap).
  void text(std::string_view s, unsigned style);
};

using Lines = std::vector<std::string>;

// `in` as painted lines of at most `width` columns (a URL or kWhole word
// longer than that keeps a line to itself); always at least one line.
Lines wrap(const Inline& in, std::size_t width, const Ctx& ctx);
// `text` in one `style`, sanitised and wrapped as above.
Lines wrap_text(std::string_view text, unsigned style, std::size_t width, const Ctx& ctx);

std::string rtrim_spaces(std::string s);

// Prefixes the first line with `first` and the others with `rest`; blank
// lines get no trailing spaces.
void indent_into(Lines& out, const Lines& body, const std::string& first, const std::string& rest);

void append_lines(Lines& out, const Lines& more);

// Adds one empty line unless `out` is empty or already ends in one.
void blank(Lines& out);

}  // namespace kbgen::term
