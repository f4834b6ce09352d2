#include "render/terminal_markdown.h"

#include <algorithm>

#include "link/markdown.h"
#include "render/terminal.h"

namespace kbgen::term {
namespace {

void collect_inline(cmark_node* node, unsigned style, Inline& in, const Ctx& ctx) {
  for (cmark_node* child = cmark_node_first_child(node); child; child = cmark_node_next(child)) {
    switch (cmark_node_get_type(child)) {
      case CMARK_NODE_TEXT: in.text(cmark_node_get_literal(child), style); break;
      case CMARK_NODE_SOFTBREAK: in.space(); break;
      case CMARK_NODE_LINEBREAK: in.hard_break(); break;
      case CMARK_NODE_CODE: {
        const char* tick = ctx.color ? "" : "`";
        in.glue(tick, style | kCode);
        in.text(cmark_node_get_literal(child), style | kCode);
        in.glue(tick, style | kCode);
        break;
      }
      case CMARK_NODE_EMPH: collect_inline(child, style | kItalic, in, ctx); break;
      case CMARK_NODE_STRONG: collect_inline(child, style | kBold, in, ctx); break;
      case CMARK_NODE_LINK:
      case CMARK_NODE_IMAGE: {
        collect_inline(child, style, in, ctx);
        const std::string url = cmark_node_get_url(child) ? cmark_node_get_url(child) : "";
        std::string shown;
        {
          Inline text_only;
          collect_inline(child, kPlain, text_only, Ctx{});
          for (const auto& t : text_only.tokens) {
            if (t.kind == Inline::Token::kSpace) shown += ' ';
            for (const Segment& s : t.word) shown += s.text;
          }
        }
        const bool entry_link = url.rfind(kEntryLinkScheme, 0) == 0;
        const bool same = shown == url || "mailto:" + shown == url;
        if (!url.empty() && !entry_link && !same) {
          in.space();
          in.glue("<", style);
          in.glue(sanitize(url, false), style | kUrl);
          in.glue(">", style);
        }
        break;
      }
      default: collect_inline(child, style, in, ctx); break;
    }
  }
}

}  // namespace

Lines code_block(std::string_view code, std::string_view language, const Ctx& ctx) {
  std::string text = sanitize(code, true);
  std::size_t longest = 0, run = 0;
  for (char c : text) {
    run = c == '`' ? run + 1 : 0;
    longest = std::max(longest, run);
  }
  const std::string fence(std::max<std::size_t>(3, longest + 1), '`');
  Lines out;
  out.push_back(paint(fence + sanitize(language, false), kDim, ctx));
  while (!text.empty() && text.back() == '\n') text.pop_back();
  std::size_t start = 0;
  for (std::size_t i = 0; i <= text.size(); ++i) {
    if (i == text.size() || text[i] == '\n') {
      out.push_back(rtrim_spaces(expand_tabs(std::string_view(text).substr(start, i - start))));
      start = i + 1;
    }
  }
  out.push_back(paint(fence, kDim, ctx));
  return out;
}

namespace {

Lines render_blocks(cmark_node* parent, std::size_t width, const Ctx& ctx, bool tight = false);

Lines render_block(cmark_node* node, std::size_t width, const Ctx& ctx) {
  switch (cmark_node_get_type(node)) {
    case CMARK_NODE_PARAGRAPH: {
      Inline in;
      collect_inline(node, kPlain, in, ctx);
      return wrap(in, width, ctx);
    }
    case CMARK_NODE_HEADING: {
      Inline in;
      collect_inline(node, kBold, in, ctx);
      return wrap(in, width, ctx);
    }
    case CMARK_NODE_CODE_BLOCK: {
      std::string info = cmark_node_get_fence_info(node) ? cmark_node_get_fence_info(node) : "";
      info = info.substr(0, info.find(' '));
      return code_block(cmark_node_get_literal(node) ? cmark_node_get_literal(node) : "", info, ctx);
    }
    case CMARK_NODE_LIST: {
      const bool ordered = cmark_node_get_list_type(node) == CMARK_ORDERED_LIST;
      const bool tight = cmark_node_get_list_tight(node) != 0;
      const char* delim = cmark_node_get_list_delim(node) == CMARK_PAREN_DELIM ? ")" : ".";
      // Numbers right-aligned, so every item's text starts in one column.
      int count = 0;
      for (cmark_node* item = cmark_node_first_child(node); item; item = cmark_node_next(item)) ++count;
      const int start = cmark_node_get_list_start(node);
      const std::size_t number_width =
          ordered ? std::to_string(start + std::max(count - 1, 0)).size() + 1 : 1;
      Lines out;
      int n = start;
      for (cmark_node* item = cmark_node_first_child(node); item; item = cmark_node_next(item), ++n) {
        std::string marker = ordered ? std::to_string(n) + delim : "-";
        marker = std::string(number_width - display_width(marker), ' ') + marker;
        const std::size_t inner = width > number_width + 1 ? width - number_width - 1 : 1;
        Lines body = render_blocks(item, inner, ctx, tight);
        if (body.empty()) body.push_back("");
        if (!tight && !out.empty()) out.push_back("");
        indent_into(out, body, paint(marker, kBold, ctx) + " ", std::string(number_width + 1, ' '));
      }
      return out;
    }
    case CMARK_NODE_BLOCK_QUOTE: {
      const Lines body = render_blocks(node, width > 2 ? width - 2 : 1, ctx);
      Lines out;
      const std::string bar = paint("|", kDim, ctx);
      for (const std::string& line : body) out.push_back(line.empty() ? bar : bar + " " + line);
      return out;
    }
    case CMARK_NODE_THEMATIC_BREAK: return {paint(std::string(std::min<std::size_t>(width, 20), '-'), kDim, ctx)};
    default: return {};
  }
}

Lines render_blocks(cmark_node* parent, std::size_t width, const Ctx& ctx, bool tight) {
  Lines out;
  for (cmark_node* child = cmark_node_first_child(parent); child; child = cmark_node_next(child)) {
    Lines block = render_block(child, width, ctx);
    if (block.empty()) continue;
    if (!tight) blank(out);
    append_lines(out, block);
  }
  return out;
}

}  // namespace

Lines markdown(std::string_view text, std::size_t width, const Ctx& ctx) {
  const CmarkTree doc = parse_markdown(text);
  return render_blocks(doc.get(), width, ctx);
}

}  // namespace kbgen::term
