#include "render/commonmark_writer.h"

#include <algorithm>
#include <cstdint>
#include <string_view>

#include "render/commonmark_out.h"
#include "util/strings.h"

namespace kbgen {
namespace {

using commonmark::Escape;
using commonmark::is_alpha;
using commonmark::is_digit;
using commonmark::Out;

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

// cmark writes a link as <url> when its text is its URL. To decide, it
// first merges text nodes in the link's text (its first node with the text
// nodes after it, or the text nodes inside the first node when that is
// emphasis), changing the tree it renders. Merging changes the output only
// where a text node ends in '&', '.' or ')', whose escaping looks at the
// next character of the same node: such links are left to cmark.
enum class LinkForm { Inline, Autolink, Undecided };

bool escape_looks_ahead(std::string_view text) {
  return !text.empty() && (text.back() == '&' || text.back() == '.' || text.back() == ')');
}

// Whether text nodes that cmark would merge under `node` end in such a byte.
bool merge_changes_output(cmark_node* node) {
  bool changes = false;
  cmark_iter* it = cmark_iter_new(node);
  for (cmark_event_type ev; !changes && (ev = cmark_iter_next(it)) != CMARK_EVENT_DONE;) {
    cmark_node* text = cmark_iter_get_node(it);
    changes = ev == CMARK_EVENT_ENTER && cmark_node_get_type(text) == CMARK_NODE_TEXT &&
              cmark_node_get_type(cmark_node_next(text)) == CMARK_NODE_TEXT && escape_looks_ahead(literal_of(text));
  }
  cmark_iter_free(it);
  return changes;
}

LinkForm link_form(cmark_node* link) {
  const std::string_view url = url_of(link);
  if (!has_scheme(url) || !title_of(link).empty()) return LinkForm::Inline;
  std::string_view shown = url;
  if (shown.substr(0, 7) == "mailto:") shown.remove_prefix(7);
  cmark_node* first = cmark_node_first_child(link);
  if (!first) return LinkForm::Inline;
  switch (cmark_node_get_type(first)) {
    case CMARK_NODE_TEXT: break;
    // cmark compares the URL with the first node's literal, whatever it is.
    case CMARK_NODE_CODE:
    case CMARK_NODE_HTML_INLINE: return literal_of(first) == shown ? LinkForm::Autolink : LinkForm::Inline;
    case CMARK_NODE_SOFTBREAK:
    case CMARK_NODE_LINEBREAK: return LinkForm::Inline;
    default: return merge_changes_output(first) ? LinkForm::Undecided : LinkForm::Inline;
  }
  std::string merged(literal_of(first));
  bool changes = false;
  for (cmark_node* text = first; cmark_node_get_type(cmark_node_next(text)) == CMARK_NODE_TEXT;
       text = cmark_node_next(text)) {
    changes = changes || escape_looks_ahead(literal_of(text));
    merged += literal_of(cmark_node_next(text));
  }
  // An empty text (only in a tree built by hand) is left to cmark.
  if (merged.empty()) return LinkForm::Undecided;
  if (merged == shown) return LinkForm::Autolink;
  return changes ? LinkForm::Undecided : LinkForm::Inline;
}

// Whether the writer knows every node of the tree (kbgen's trees hold no
// raw HTML or images, but the writer handles them as cmark does) and every
// text is UTF-8 as cmark decodes it.
bool supported(cmark_node* doc) {
  bool ok = true;
  cmark_iter* it = cmark_iter_new(doc);
  for (cmark_event_type ev; ok && (ev = cmark_iter_next(it)) != CMARK_EVENT_DONE;) {
    if (ev != CMARK_EVENT_ENTER) continue;
    cmark_node* node = cmark_iter_get_node(it);
    switch (cmark_node_get_type(node)) {
      case CMARK_NODE_DOCUMENT:
      case CMARK_NODE_BLOCK_QUOTE:
      case CMARK_NODE_LIST:
      case CMARK_NODE_ITEM:
      case CMARK_NODE_HEADING:
      case CMARK_NODE_THEMATIC_BREAK:
      case CMARK_NODE_PARAGRAPH:
      case CMARK_NODE_SOFTBREAK:
      case CMARK_NODE_LINEBREAK:
      case CMARK_NODE_EMPH:
      case CMARK_NODE_STRONG: break;
      case CMARK_NODE_CODE_BLOCK:
        ok = is_valid_utf8(literal_of(node)) && cmark_node_get_fence_info(node) &&
             is_valid_utf8(cmark_node_get_fence_info(node));
        break;
      case CMARK_NODE_TEXT:
      case CMARK_NODE_CODE:
      case CMARK_NODE_HTML_BLOCK:
      case CMARK_NODE_HTML_INLINE: ok = is_valid_utf8(literal_of(node)); break;
      case CMARK_NODE_LINK:
        ok = link_form(node) != LinkForm::Undecided && is_valid_utf8(url_of(node)) && is_valid_utf8(title_of(node));
        break;
      case CMARK_NODE_IMAGE: ok = is_valid_utf8(url_of(node)) && is_valid_utf8(title_of(node)); break;
      default: ok = false;
    }
  }
  cmark_iter_free(it);
  return ok;
}

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
  while (n < 32 && (used & 1)) {
    used >>= 1;
    ++n;
  }
  return n;
}

std::size_t longest_backtick_run(std::string_view code) {
  std::size_t longest = 0, run = 0;
  for (char c : code) longest = std::max(longest, run = c == '`' ? run + 1 : 0);
  return longest;
}

bool is_type(cmark_node* node, cmark_node_type type) { return node && cmark_node_get_type(node) == type; }

// The marker of a list item and the width its content is indented by.
std::string item_marker(cmark_node* item) {
  cmark_node* list = cmark_node_parent(item);
  if (cmark_node_get_list_type(list) == CMARK_BULLET_LIST) return "  - ";
  int number = cmark_node_get_list_start(list);
  for (cmark_node* before = cmark_node_previous(item); before; before = cmark_node_previous(before)) ++number;
  return std::to_string(number) + (cmark_node_get_list_delim(list) == CMARK_PAREN_DELIM ? ")" : ".") +
         (number < 10 ? "  " : " ");
}

// One event of cmark's walk, as commonmark.c's S_render_node renders it;
// false: skip the node's children (an autolink's text).
bool render_node(cmark_node* node, bool entering, Out& w) {
  const cmark_node_type type = cmark_node_get_type(node);
  // Whether blank lines are squeezed: inside a tight list's item, judged by
  // the nearest block (not yet on entering a list's first item, so that
  // the blank line between a paragraph and the list stays).
  if (!(type == CMARK_NODE_ITEM && entering && !cmark_node_previous(node))) {
    cmark_node* block = node;
    while (block && (cmark_node_get_type(block) < CMARK_NODE_FIRST_BLOCK ||
                     cmark_node_get_type(block) > CMARK_NODE_LAST_BLOCK))
      block = cmark_node_parent(block);
    cmark_node* parent = block ? cmark_node_parent(block) : nullptr;
    w.in_tight_list_item =
        (is_type(block, CMARK_NODE_ITEM) && cmark_node_get_list_tight(parent)) ||
        (is_type(parent, CMARK_NODE_ITEM) && cmark_node_get_list_tight(cmark_node_parent(parent)));
  }

  switch (type) {
    case CMARK_NODE_DOCUMENT: break;
    case CMARK_NODE_BLOCK_QUOTE:
      if (entering) {
        w.put("> ", Escape::Literal);
        w.begin_content = true;
        w.prefix += "> ";
      } else {
        w.prefix.resize(w.prefix.size() - 2);
        w.blank_line();
      }
      break;
    case CMARK_NODE_LIST:
      // Two lists in a row would read as one.
      if (!entering && is_type(cmark_node_next(node), CMARK_NODE_LIST)) {
        w.cr();
        w.put("<!-- end list -->", Escape::Literal);
        w.blank_line();
      }
      break;
    case CMARK_NODE_ITEM: {
      const std::string marker = item_marker(node);
      if (entering) {
        w.put(marker, Escape::Literal);
        w.begin_content = true;
        w.prefix.append(marker.size(), ' ');
      } else {
        w.prefix.resize(w.prefix.size() - marker.size());
        w.cr();
      }
      break;
    }
    case CMARK_NODE_HEADING:
      if (entering) {
        w.put(std::string(cmark_node_get_heading_level(node), '#'), Escape::Literal);
        w.put(" ", Escape::Literal);
        w.begin_content = true;
        w.no_linebreaks = true;
      } else {
        w.no_linebreaks = false;
        w.blank_line();
      }
      break;
    case CMARK_NODE_CODE_BLOCK: {
      const bool first_in_item = !cmark_node_previous(node) && is_type(cmark_node_parent(node), CMARK_NODE_ITEM);
      if (!first_in_item) w.blank_line();
      // Always fenced (cmark 0.30 writes no indented code blocks), with
      // tildes when the info string holds a backtick.
      const std::string_view info = cmark_node_get_fence_info(node);
      const std::string_view code = literal_of(node);
      const std::string fence(std::max<std::size_t>(3, longest_backtick_run(code) + 1),
                              info.find('`') == std::string_view::npos ? '`' : '~');
      w.put(fence, Escape::Literal);
      w.put(" ", Escape::Literal);
      w.put(info, Escape::Literal);
      w.cr();
      w.put(code, Escape::Literal);
      w.cr();
      w.put(fence, Escape::Literal);
      w.blank_line();
      break;
    }
    case CMARK_NODE_HTML_BLOCK:
      w.blank_line();
      w.put(literal_of(node), Escape::Literal);
      w.blank_line();
      break;
    case CMARK_NODE_THEMATIC_BREAK:
      w.blank_line();
      w.put("-----", Escape::Literal);
      w.blank_line();
      break;
    case CMARK_NODE_PARAGRAPH:
      if (!entering) w.blank_line();
      break;
    case CMARK_NODE_TEXT: w.put(literal_of(node), Escape::Normal); break;
    case CMARK_NODE_LINEBREAK:
      w.put("  ", Escape::Literal);
      w.cr();
      break;
    case CMARK_NODE_SOFTBREAK:
      if (w.no_linebreaks) w.put(" ", Escape::Literal);
      else w.cr();
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
    case CMARK_NODE_HTML_INLINE: w.put(literal_of(node), Escape::Literal); break;
    case CMARK_NODE_STRONG: w.put("**", Escape::Literal); break;
    case CMARK_NODE_EMPH: {
      // *_x_*: **x** would be strong.
      const bool nested = is_type(cmark_node_parent(node), CMARK_NODE_EMPH) && !cmark_node_next(node) &&
                          !cmark_node_previous(node);
      w.put(nested ? "_" : "*", Escape::Literal);
      break;
    }
    case CMARK_NODE_LINK:
      if (link_form(node) == LinkForm::Autolink) {
        std::string_view url = url_of(node);
        if (url.substr(0, 7) == "mailto:") url.remove_prefix(7);
        w.put("<", Escape::Literal);
        w.put(url, Escape::Literal);
        w.put(">", Escape::Literal);
        return false;
      }
      [[fallthrough]];
    case CMARK_NODE_IMAGE:
      if (entering) {
        w.put(type == CMARK_NODE_IMAGE ? "![" : "[", Escape::Literal);
      } else {
        w.put("](", Escape::Literal);
        w.put(url_of(node), Escape::Url);
        if (const std::string_view title = title_of(node); !title.empty()) {
          w.put(" \"", Escape::Literal);
          w.put(title, Escape::Title);
          w.put("\"", Escape::Literal);
        }
        w.put(")", Escape::Literal);
      }
      break;
    default: break;  // not reached: supported() admits only the above
  }
  return true;
}

}  // namespace

bool write_commonmark(cmark_node* doc, std::string& out) {
  if (!doc || !cmark_node_first_child(doc) || !supported(doc)) return false;
  Out w(out);
  cmark_iter* it = cmark_iter_new(doc);
  for (cmark_event_type ev; (ev = cmark_iter_next(it)) != CMARK_EVENT_DONE;) {
    cmark_node* node = cmark_iter_get_node(it);
    if (!render_node(node, ev == CMARK_EVENT_ENTER, w)) cmark_iter_reset(it, node, CMARK_EVENT_EXIT);
  }
  cmark_iter_free(it);
  w.finish();
  return true;
}

}  // namespace kbgen
