#include "render/template_inline.h"

#include <cctype>

namespace kbgen {
namespace {

// kainjow's trim: std::isspace at both ends.
std::string trim(const std::string& s) {
  std::size_t begin = 0, end = s.size();
  while (begin < end && std::isspace(static_cast<unsigned char>(s[begin]))) ++begin;
  while (end > begin && std::isspace(static_cast<unsigned char>(s[end - 1]))) --end;
  return s.substr(begin, end - begin);
}

// One tag as kainjow's parser finds it with the default delimiters: "{{"
// starts a tag wherever it appears, "{{{" ends at "}}}", any other at "}}".
struct Tag {
  std::size_t start = 0, end = 0;  // [start, end) in the text
  bool triple = false;
  std::string contents;  // trimmed
};

bool next_tag(const std::string& text, std::size_t from, Tag& tag) {
  const std::size_t start = text.find("{{", from);
  if (start == std::string::npos) return false;
  tag.start = start;
  tag.triple = start + 2 < text.size() && text[start + 2] == '{';
  const std::size_t contents = start + (tag.triple ? 3 : 2);
  const std::size_t close = text.find(tag.triple ? "}}}" : "}}", contents);
  if (close == std::string::npos) return false;
  tag.end = close + (tag.triple ? 3 : 2);
  tag.contents = trim(text.substr(contents, close - contents));
  return true;
}

// A set-delimiter tag changes how the rest of the text parses, and a
// partial always parses with the default delimiters: no inlining then.
bool has_set_delimiter(const std::string& text) {
  Tag tag;
  for (std::size_t from = 0; next_tag(text, from, tag); from = tag.end)
    if (!tag.contents.empty() && tag.contents[0] == '=') return true;
  return false;
}

// Two characters that kainjow's parser reads as one token when adjacent.
bool joins(char left, char right) { return (left == '{' && right == '{') || (left == '\r' && right == '\n'); }

}  // namespace

std::string inline_partials(const std::string& text, const std::map<std::string, std::string>& partials,
                            int depth) {
  if (depth <= 0 || has_set_delimiter(text)) return text;
  std::string out;
  std::size_t done = 0;
  Tag tag;
  for (std::size_t from = 0; next_tag(text, from, tag); from = tag.end) {
    if (tag.triple || tag.contents.empty() || tag.contents[0] != '>') continue;
    const auto partial = partials.find(trim(tag.contents.substr(1)));
    if (partial == partials.end() || has_set_delimiter(partial->second)) continue;
    const std::string inner = inline_partials(partial->second, partials, depth - 1);
    out.append(text, done, tag.start - done);
    done = tag.start;
    const char left = out.empty() ? '\0' : out.back();
    const char right = tag.end < text.size() ? text[tag.end] : '\0';
    const bool clean = inner.empty() ? !joins(left, right) : !joins(left, inner.front()) && !joins(inner.back(), right);
    if (!clean) continue;
    out += inner;
    done = tag.end;
  }
  out.append(text, done, std::string::npos);
  return out;
}

}  // namespace kbgen
