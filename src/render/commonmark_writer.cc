#include "render/commonmark_writer.h"

#include <algorithm>
#include <cstdint>
#include <cstring>

#include "util/strings.h"
#include <string_view>

namespace kbgen {
namespace {

bool is_digit(unsigned char c) { return c >= '0' && c <= '9'; }
bool is_alpha(unsigned char c) { return (c | 0x20) >= 'a' && (c | 0x20) <= 'z'; }
// cmark's space class: tab, line feed, form feed, carriage return, space.
bool is_space(unsigned char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\f' || c == '\r'; }
bool is_punct(unsigned char c) {
  return (c >= 33 && c <= 47) || (c >= 58 && c <= 64) || (c >= 91 && c <= 96) || (c >= 123 && c <= 126);
}

std::string_view literal_of(cmark_node* node) {
  const char* s = cmark_node_get_literal(node);
  return s ? std::string_view(s) : std::string_view();
}

std::string_view url_of(cmark_node* node) {
  const char* s = cmark_node_get_url(node);
  return s ? std::string_view(s) : std::string_view();
}

std::string_view title_of(cmark_node* node) {
  const char* s = cmark_node_get_title(node);
  return s ? std::string_view(s) : std::string_view();
}

// "scheme:" as CommonMark's autolinks have it: a letter, then 1 to 31
// letters, digits, '+', '.' or '-', then ':'.
bool has_scheme(std::string_view url) {
  if (url.empty() || !is_alpha(url[0])) return false;
  std::size_t i = 1;
  while (i < url.size() && i <= 32 &&
         (is_alpha(url[i]) || is_digit(url[i]) || url[i] == '+' || url[i] == '.' || url[i] == '-'))
    ++i;
  return i >= 2 && i <= 32 && i < url.size() && url[i] == ':';
}

// cmark writes a link as <url> when its text is its URL. It decides that
// after merging the link's adjacent text nodes, so a link that might be one
// but whose text is not a single text node is left to cmark.
enum class LinkForm { Inline, Autolink, Undecided };

LinkForm link_form(cmark_node* link) {
  const std::string_view url = url_of(link);
  if (!has_scheme(url) || !title_of(link).empty()) return LinkForm::Inline;
  cmark_node* text = cmark_node_first_child(link);
  if (!text || cmark_node_next(text) || cmark_node_get_type(text) != CMARK_NODE_TEXT) return LinkForm::Undecided;
  std::string_view shown = url;
  if (shown.substr(0, 7) == "mailto:") shown.remove_prefix(7);
  return literal_of(text) == shown ? LinkForm::Autolink : LinkForm::Inline;
}

bool inline_supported(cmark_node* node) {
  for (; node; node = cmark_node_next(node)) {
    switch (cmark_node_get_type(node)) {
      case CMARK_NODE_TEXT:
      case CMARK_NODE_CODE:
        if (!is_valid_utf8(literal_of(node))) return false;
        break;
      case CMARK_NODE_SOFTBREAK:
      case CMARK_NODE_LINEBREAK: break;
      case CMARK_NODE_EMPH:
      case CMARK_NODE_STRONG:
        if (!inline_supported(cmark_node_first_child(node))) return false;
        break;
      case CMARK_NODE_LINK:
        if (link_form(node) == LinkForm::Undecided || !is_valid_utf8(url_of(node)) || !is_valid_utf8(title_of(node)) ||
            !inline_supported(cmark_node_first_child(node)))
          return false;
        break;
      default: return false;
    }
  }
  return true;
}

bool supported(cmark_node* doc) {
  cmark_node* block = cmark_node_first_child(doc);
  if (!block) return false;  // cmark's output of an empty document is its own business
  for (; block; block = cmark_node_next(block))
    if (cmark_node_get_type(block) != CMARK_NODE_PARAGRAPH || !inline_supported(cmark_node_first_child(block)))
      return false;
  return true;
}

enum class Escape { Literal, Normal, Url, Title };

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

// cmark's renderer state for what these trees use: no prefixes (no lists
// or quotes), no wrapping (width 0).
class Writer {
 public:
  explicit Writer(std::string& out) : out_(out), start_(out.size()) {}

  void cr() { need_cr_ = std::max(need_cr_, 1); }
  void blank_line() { need_cr_ = 2; }

  void put(std::string_view s, Escape escape) {
    // Pending line ends: as many as asked for, counting those the output
    // already ends with, and none at its start.
    std::size_t k = out_.size();
    while (need_cr_ > 0) {
      if (k == start_ || out_[k - 1] == '\n') {
        if (k > start_) --k;
        else k = start_;
      } else {
        out_ += '\n';
      }
      begin_line_ = begin_content_ = true;
      --need_cr_;
    }
    for (std::size_t i = 0; i < s.size(); ++i) {
      // Runs that need no look at their context are copied whole: past
      // the start of a line's content, only a few characters matter.
      if (!begin_content_ && (escape == Escape::Literal || escape == Escape::Normal)) {
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
      if (c == '\n') {
        out_ += '\n';
        begin_line_ = begin_content_ = true;
        continue;
      }
      if (escape != Escape::Literal && c < 0x80) {
        const unsigned char next = i + 1 < s.size() ? s[i + 1] : 0;
        if (needs_escape(c, next, escape)) {
          escape_char(c, escape);
          begin_line_ = false;
          begin_content_ = begin_content_ && is_digit(c);
          continue;
        }
      }
      out_ += static_cast<char>(c);
      begin_line_ = false;
      begin_content_ = begin_content_ && is_digit(c);
    }
  }

  void finish() {
    if (out_.size() == start_ || out_.back() != '\n') out_ += '\n';
  }

 private:
  bool follows_digit() const { return out_.size() > start_ && is_digit(out_.back()); }

  bool needs_escape(unsigned char c, unsigned char next, Escape escape) const {
    switch (escape) {
      case Escape::Normal:
        return c < 0x20 || c == '*' || c == '_' || c == '[' || c == ']' || c == '#' || c == '<' || c == '>' ||
               c == '\\' || c == '`' || c == '!' || (c == '&' && is_alpha(next)) ||
               (begin_content_ && (c == '-' || c == '+' || c == '=') && !follows_digit()) ||
               (begin_content_ && (c == '.' || c == ')') && follows_digit() && (next == 0 || is_space(next)));
      case Escape::Url:
        return c == '`' || c == '<' || c == '>' || is_space(c) || c == '\\' || c == ')' || c == '(';
      case Escape::Title: return c == '`' || c == '<' || c == '>' || c == '"' || c == '\\';
      case Escape::Literal: break;
    }
    return false;
  }

  void escape_char(unsigned char c, Escape escape) {
    static const char kHex[] = "0123456789ABCDEF";
    if (escape == Escape::Url && is_space(c)) {
      out_ += '%';
      out_ += kHex[c >> 4];
      out_ += kHex[c & 15];
    } else if (is_punct(c)) {
      out_ += '\\';
      out_ += static_cast<char>(c);
    } else {
      out_ += "&#" + std::to_string(c) + ";";
    }
  }

  std::string& out_;
  std::size_t start_;
  int need_cr_ = 0;
  bool begin_line_ = true, begin_content_ = true;
};

// The shortest run of backticks that does not occur in `code`.
std::size_t fence_length(std::string_view code) {
  std::uint32_t used = 1;
  std::size_t run = 0;
  for (std::size_t i = 0; i <= code.size(); ++i) {
    if (i < code.size() && code[i] == '`') {
      ++run;
    } else {
      if (run > 0 && run < 32) used |= 1u << run;
      run = 0;
    }
  }
  std::size_t n = 0;
  while (used & 1) {
    used >>= 1;
    ++n;
  }
  return n;
}

void write_inlines(cmark_node* node, Writer& w) {
  for (; node; node = cmark_node_next(node)) {
    switch (cmark_node_get_type(node)) {
      case CMARK_NODE_TEXT: w.put(literal_of(node), Escape::Normal); break;
      case CMARK_NODE_SOFTBREAK: w.cr(); break;
      case CMARK_NODE_LINEBREAK:
        w.put("  ", Escape::Literal);
        w.cr();
        break;
      case CMARK_NODE_CODE: {
        const std::string_view code = literal_of(node);
        const std::string fence(fence_length(code), '`');
        // A space inside each fence when the parser would otherwise eat
        // part of the code: a backtick at an end, or a space at both ends
        // of code that is not all spaces.
        const bool pad = code.empty() || code.front() == '`' || code.back() == '`' ||
                         (code.front() == ' ' && code.back() == ' ' &&
                          code.find_first_not_of(' ') != std::string_view::npos);
        w.put(fence, Escape::Literal);
        if (pad) w.put(" ", Escape::Literal);
        w.put(code, Escape::Literal);
        if (pad) w.put(" ", Escape::Literal);
        w.put(fence, Escape::Literal);
        break;
      }
      case CMARK_NODE_STRONG:
        w.put("**", Escape::Literal);
        write_inlines(cmark_node_first_child(node), w);
        w.put("**", Escape::Literal);
        break;
      case CMARK_NODE_EMPH: {
        // *_x_*: **x** would be strong.
        cmark_node* parent = cmark_node_parent(node);
        const bool nested = parent && cmark_node_get_type(parent) == CMARK_NODE_EMPH && !cmark_node_next(node) &&
                            !cmark_node_previous(node);
        const char* delimiter = nested ? "_" : "*";
        w.put(delimiter, Escape::Literal);
        write_inlines(cmark_node_first_child(node), w);
        w.put(delimiter, Escape::Literal);
        break;
      }
      case CMARK_NODE_LINK: {
        if (link_form(node) == LinkForm::Autolink) {
          std::string_view url = url_of(node);
          if (url.substr(0, 7) == "mailto:") url.remove_prefix(7);
          w.put("<", Escape::Literal);
          w.put(url, Escape::Literal);
          w.put(">", Escape::Literal);
          break;
        }
        w.put("[", Escape::Literal);
        write_inlines(cmark_node_first_child(node), w);
        w.put("](", Escape::Literal);
        w.put(url_of(node), Escape::Url);
        if (const std::string_view title = title_of(node); !title.empty()) {
          w.put(" \"", Escape::Literal);
          w.put(title, Escape::Title);
          w.put("\"", Escape::Literal);
        }
        w.put(")", Escape::Literal);
        break;
      }
      default: break;  // not reached: supported() admits only the above
    }
  }
}

}  // namespace

bool write_simple_commonmark(cmark_node* doc, std::string& out) {
  if (!doc || !supported(doc)) return false;
  Writer w(out);
  for (cmark_node* p = cmark_node_first_child(doc); p; p = cmark_node_next(p)) {
    write_inlines(cmark_node_first_child(p), w);
    w.blank_line();
  }
  w.finish();
  return true;
}

}  // namespace kbgen
