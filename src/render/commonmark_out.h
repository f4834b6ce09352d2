// The output side of the CommonMark writer (render/commonmark_writer.h):
// cmark's renderer state and character escaping (cmark's render.c and the
// escaping of commonmark.c, at width 0: no wrapping), with runs of plain
// text copied whole. The node rules are in commonmark_writer.cc.
#pragma once

#include <algorithm>
#include <string>
#include <string_view>

namespace kbgen::commonmark {

inline bool is_digit(unsigned char c) { return c >= '0' && c <= '9'; }
inline bool is_alpha(unsigned char c) { return (c | 0x20) >= 'a' && (c | 0x20) <= 'z'; }
// cmark's space class: space, tab, line feed, vertical tab, form feed,
// carriage return.
inline bool is_space(unsigned char c) { return c == ' ' || (c >= '\t' && c <= '\r'); }
inline bool is_punct(unsigned char c) {
  return (c >= 33 && c <= 47) || (c >= 58 && c <= 64) || (c >= 91 && c <= 96) || (c >= 123 && c <= 126);
}

enum class Escape { Literal, Normal, Url, Title };

// Appends to `out` what cmark's renderer would, from where `out` ends when
// made (what came before is not looked at). The prefix is what every line
// of the current block starts with (list indents, "> ").
class Out {
 public:
  explicit Out(std::string& out) : out_(out), start_(out.size()) {}

  std::string prefix;
  bool begin_content = true;
  bool no_linebreaks = false;
  bool in_tight_list_item = false;

  void cr() { need_cr_ = std::max(need_cr_, 1); }
  void blank_line() { need_cr_ = std::max(need_cr_, 2); }
  void put(std::string_view s, Escape escape);
  // cmark's final line break.
  void finish();

 private:
  bool follows_digit() const;
  bool needs_escape(unsigned char c, unsigned char next, Escape escape) const;
  void escape_char(unsigned char c, Escape escape);

  std::string& out_;
  std::size_t start_;
  int need_cr_ = 0;
  bool begin_line_ = true;
};

}  // namespace kbgen::commonmark
