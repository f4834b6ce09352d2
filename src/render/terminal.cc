#include "render/terminal.h"

#include <algorithm>
#include <cstdint>
#include <utility>

#include "link/markdown.h"
#include "util/strings.h"

namespace kbgen {
namespace {

// ---------------------------------------------------------------- text ----

// Decodes one UTF-8 code point at `i` (advancing it); a malformed byte is
// returned as itself, one byte long, so nothing is ever lost or looped on.
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

// Control characters (C0 but tab, DEL, C1) become U+FFFD, so entry text can
// never reach the terminal as an escape sequence. Tabs become a space in
// prose; code keeps them until expand_tabs.
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

// --------------------------------------------------------------- styles ----

enum Style : unsigned {
  kPlain = 0,
  kBold = 1u << 0,
  kItalic = 1u << 1,
  kCode = 1u << 2,
  kUrl = 1u << 3,
  kHeading = 1u << 4,
  kCodeName = 1u << 5,  // an error code in a heading or a related line
  kDim = 1u << 6,
};

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

struct Ctx {
  bool color = false;
};

std::string paint(const std::string& text, unsigned style, const Ctx& ctx) {
  if (!ctx.color || style == kPlain || text.empty()) return text;
  return "\x1b[" + sgr(style) + "m" + text + "\x1b[0m";
}

// ------------------------------------------------------------- wrapping ----

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
  void glue(std::string_view text, unsigned style) {
    if (text.empty()) return;
    if (tokens.empty() || tokens.back().kind != Token::kWord) tokens.push_back({Token::kWord, {}});
    Word& word = tokens.back().word;
    if (!word.empty() && word.back().style == style)
      word.back().text.append(text);
    else
      word.push_back({std::string(text), style});
  }
  // Text whose spaces separate words. Bare URLs are marked kUrl, which also
  // keeps them from being cut (see Wrapper).
  void text(std::string_view s, unsigned style) {
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
};

using Lines = std::vector<std::string>;

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
                                 [](const Segment& s) { return (s.style & kUrl) != 0; });
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

// Prefixes the first line with `first` and the others with `rest`; blank
// lines get no trailing spaces.
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

// ------------------------------------------------------------- markdown ----

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

Lines markdown(const std::string& text, std::size_t width, const Ctx& ctx) {
  const CmarkTree doc = parse_markdown(text);
  return render_blocks(doc.get(), width, ctx);
}

// ---------------------------------------------------------------- entry ----

constexpr std::size_t kIndent = 2;  // section bodies

std::size_t narrower(std::size_t width, std::size_t by) { return width > by + 10 ? width - by : 10; }

// Numbered steps: "1.", sub-steps "2.1." under their parent's text.
void render_steps(const std::vector<Step>& steps, const std::string& parent, std::size_t width,
                  const Ctx& ctx, Lines& out) {
  for (std::size_t i = 0; i < steps.size(); ++i) {
    const std::string label = parent + std::to_string(i + 1) + ".";
    const std::size_t hang = display_width(label) + 1;
    Lines body = markdown(steps[i].text.value, narrower(width, hang), ctx);
    if (body.empty()) body.push_back("");
    render_steps(steps[i].steps, label, narrower(width, hang), ctx, body);
    indent_into(out, body, paint(label, kBold, ctx) + " ", std::string(hang, ' '));
  }
}

// A bulleted item: `head` lines after "- ", `body` lines under them.
void bullet(Lines& out, Lines head, const Lines& body, const Ctx& ctx) {
  append_lines(head, body);
  if (head.empty()) head.push_back("");
  indent_into(out, head, paint("-", kBold, ctx) + " ", "  ");
}

const Entry* resolve(const std::vector<Entry>& entries, const std::string& code) {
  const std::size_t i = find_entry(entries, code);
  return i < entries.size() ? &entries[i] : nullptr;
}

std::string join(const std::vector<Text>& texts, const char* sep) {
  std::string out;
  for (const Text& t : texts) {
    if (!out.empty()) out += sep;
    out += t.value;
  }
  return out;
}

bool code_less(const std::string& a, const std::string& b) {
  const std::string la = ascii_lower(a), lb = ascii_lower(b);
  return la != lb ? la < lb : a < b;
}

}  // namespace

std::size_t display_width(std::string_view text) {
  std::size_t width = 0;
  for (std::size_t i = 0; i < text.size();) width += static_cast<std::size_t>(code_point_width(next_code_point(text, i)));
  return width;
}

std::string render_terminal(const Entry& entry, const std::vector<Entry>& entries,
                            const Sources& sources, const TerminalOptions& options) {
  const Ctx ctx{options.color};
  const std::size_t width = static_cast<std::size_t>(std::max(options.width, kMinTerminalWidth));
  const std::size_t body_width = width - kIndent;
  const std::string pad(kIndent, ' ');
  Lines out;

  const auto section = [&](const char* name, const Lines& body) {
    if (body.empty()) return;
    blank(out);
    out.push_back(paint(name, kHeading, ctx));
    indent_into(out, body, pad, pad);
  };

  // Heading: code and title, then aliases and the summary.
  {
    Inline head;
    head.glue(sanitize(entry.code.value, false), kCodeName);
    if (entry.title.present) {
      head.glue(":", kBold);
      head.space();
      head.text(entry.title.value, kBold);
    }
    append_lines(out, wrap(head, width, ctx));
    if (!entry.aliases.empty()) {
      Inline aliases;
      aliases.text("Also known as:", kDim);
      aliases.space();
      aliases.text(join(entry.aliases, ", "), kPlain);
      append_lines(out, wrap(aliases, width, ctx));
    }
    if (entry.summary.present) {
      blank(out);
      indent_into(out, markdown(entry.summary.value, body_width, ctx), pad, pad);
    }
  }

  if (entry.description.present) section("DESCRIPTION", markdown(entry.description.value, body_width, ctx));

  {
    Lines body;
    for (const Cause& cause : entry.causes) {
      blank(body);
      const std::size_t inner = narrower(body_width, 2);
      if (cause.title.present)
        bullet(body, wrap_text(cause.title.value, kBold, inner, ctx),
               cause.detail.present ? markdown(cause.detail.value, inner, ctx) : Lines{}, ctx);
      else
        bullet(body, markdown(cause.detail.value, inner, ctx), {}, ctx);
    }
    section("CAUSES", body);
  }

  const std::pair<const char*, const std::vector<Step>*> step_sections[] = {
      {"DIAGNOSIS", &entry.diagnosis},
      {"FIX", &entry.fix},
      {"VERIFICATION", &entry.verification},
      {"PREVENTION", &entry.prevention}};
  for (const auto& [name, steps] : step_sections) {
    Lines body;
    render_steps(*steps, "", body_width, ctx, body);
    section(name, body);
  }

  {
    Lines body;
    for (const Example& example : entry.examples) {
      blank(body);
      if (example.title.present) append_lines(body, wrap_text(example.title.value, kBold, body_width, ctx));
      indent_into(body, code_block(example.code.value, example.language.value, ctx), pad, pad);
    }
    section("EXAMPLES", body);
  }

  {
    Lines body;
    for (const Related& related : entry.related) {
      blank(body);
      const std::size_t inner = narrower(body_width, 2);
      Inline head;
      head.glue(sanitize(related.code.value, false), kCodeName);
      if (const Entry* target = resolve(entries, related.code.value)) {
        if (target->code.value != related.code.value) {
          head.space();
          head.text("(" + target->code.value + ")", kPlain);
        }
        head.glue(":", kPlain);
        head.space();
        head.text(target->title.value, kBold);
      } else {
        head.space();
        head.text("(not in this knowledge base)", kDim);
      }
      bullet(body, wrap(head, inner, ctx),
             related.note.present ? markdown(related.note.value, inner, ctx) : Lines{}, ctx);
    }
    section("RELATED", body);
  }

  {
    Lines body;
    for (const Reference& reference : entry.references) {
      blank(body);
      const std::size_t inner = narrower(body_width, 2);
      Lines url = reference.url.present ? wrap_text(reference.url.value, kUrl, inner, ctx) : Lines{};
      if (reference.title.present)
        bullet(body, wrap_text(reference.title.value, kPlain, inner, ctx), url, ctx);
      else
        bullet(body, url, {}, ctx);
    }
    section("REFERENCES", body);
  }

  {
    std::vector<std::pair<std::string, Lines>> rows;
    const auto row = [&](const char* key, const Text& value) {
      if (value.present) rows.push_back({key, {sanitize(value.value, false)}});
    };
    row("Owner", entry.owner);
    row("Reviewed", entry.reviewed);
    row("Product", entry.product);
    row("Category", entry.category);
    if (!entry.tags.empty()) rows.push_back({"Tags", {join(entry.tags, ", ")}});
    for (const Extension& extension : entry.extensions)
      rows.push_back({extension.key, {extension.value.is_string() ? extension.value.get<std::string>()
                                                                   : extension.value.dump()}});
    Lines files;
    for (const SourcePos& pos : entry.sources.empty() ? std::vector<SourcePos>{entry.pos} : entry.sources) {
      if (pos.file == kNoFile || pos.file >= sources.size()) continue;
      files.push_back(sources.at(pos.file).path + ":" +
                      std::to_string(sources.line_column(pos).line));
    }
    if (!files.empty()) rows.push_back({files.size() == 1 ? "Source" : "Sources", files});

    std::size_t key_width = 0;
    for (const auto& [key, values] : rows) key_width = std::max(key_width, display_width(key) + 2);
    Lines body;
    for (const auto& [key, values] : rows) {
      const std::size_t inner = narrower(body_width, key_width);
      Lines value;
      for (const std::string& v : values) append_lines(value, wrap_text(v, kPlain, inner, ctx));
      const std::string label = key + ":";
      indent_into(body, value,
                  paint(label, kDim, ctx) + std::string(key_width - display_width(label), ' '),
                  std::string(key_width, ' '));
    }
    section("DETAILS", body);
  }

  std::string text;
  for (const std::string& line : out) text += line + "\n";
  return text;
}

std::size_t find_entry(const std::vector<Entry>& entries, std::string_view name) {
  for (std::size_t i = 0; i < entries.size(); ++i)
    if (entries[i].code.value == name) return i;
  for (std::size_t i = 0; i < entries.size(); ++i)
    for (const Text& alias : entries[i].aliases)
      if (alias.value == name) return i;
  const std::string lower = ascii_lower(name);
  for (std::size_t i = 0; i < entries.size(); ++i)
    if (ascii_lower(entries[i].code.value) == lower) return i;
  for (std::size_t i = 0; i < entries.size(); ++i)
    for (const Text& alias : entries[i].aliases)
      if (ascii_lower(alias.value) == lower) return i;
  return entries.size();
}

std::vector<std::string> closest_codes(const std::vector<Entry>& entries, std::string_view name,
                                       std::size_t count) {
  const std::string lower = ascii_lower(name);
  const auto distance = [&](const std::string& candidate) {
    const std::string c = ascii_lower(candidate);
    return edit_distance(lower, c, std::max(lower.size(), c.size()));
  };
  std::vector<std::pair<std::size_t, std::string>> scored;
  for (const Entry& entry : entries) {
    if (entry.code.value.empty()) continue;
    std::size_t best = distance(entry.code.value);
    for (const Text& alias : entry.aliases) best = std::min(best, distance(alias.value));
    scored.push_back({best, entry.code.value});
  }
  std::sort(scored.begin(), scored.end(), [](const auto& a, const auto& b) {
    return a.first != b.first ? a.first < b.first : code_less(a.second, b.second);
  });
  std::vector<std::string> out;
  for (std::size_t i = 0; i < scored.size() && out.size() < count; ++i)
    if (out.empty() || out.back() != scored[i].second) out.push_back(scored[i].second);
  return out;
}

}  // namespace kbgen
