#include "render/terminal.h"

#include <algorithm>
#include <utility>

#include "render/terminal_markdown.h"
#include "render/terminal_text.h"
#include "util/strings.h"

namespace kbgen {

using namespace term;

namespace {

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
    if (entry.title.present()) {
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
    if (entry.summary.present()) {
      blank(out);
      indent_into(out, markdown(entry.summary.value, body_width, ctx), pad, pad);
    }
  }

  if (entry.description.present()) section("DESCRIPTION", markdown(entry.description.value, body_width, ctx));

  {
    Lines body;
    for (const Cause& cause : entry.causes) {
      blank(body);
      const std::size_t inner = narrower(body_width, 2);
      if (cause.title.present())
        bullet(body, wrap_text(cause.title.value, kBold, inner, ctx),
               cause.detail.present() ? markdown(cause.detail.value, inner, ctx) : Lines{}, ctx);
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
      if (example.title.present()) append_lines(body, wrap_text(example.title.value, kBold, body_width, ctx));
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
      if (const Entry* target = resolve(entries, std::string(related.code.value))) {
        if (target->code.value != related.code.value) {
          head.space();
          head.text("(" + std::string(target->code.value) + ")", kPlain);
        }
        head.glue(":", kPlain);
        head.space();
        head.text(target->title.value, kBold);
      } else {
        head.space();
        head.text("(not in this knowledge base)", kDim);
      }
      bullet(body, wrap(head, inner, ctx),
             related.note.present() ? markdown(related.note.value, inner, ctx) : Lines{}, ctx);
    }
    section("RELATED", body);
  }

  {
    Lines body;
    for (const Reference& reference : entry.references) {
      blank(body);
      const std::size_t inner = narrower(body_width, 2);
      Lines url = reference.url.present() ? wrap_text(reference.url.value, kUrl, inner, ctx) : Lines{};
      if (reference.title.present())
        bullet(body, wrap_text(reference.title.value, kPlain, inner, ctx), url, ctx);
      else
        bullet(body, url, {}, ctx);
    }
    section("REFERENCES", body);
  }

  {
    struct Row {
      std::string key;
      Lines values;
      unsigned style = kPlain;  // kWhole: never cut (a cut path cannot be copied)
    };
    std::vector<Row> rows;
    const auto row = [&](const char* key, const Text& value) {
      if (value.present()) rows.push_back({key, {sanitize(value.value, false)}});
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
    if (!files.empty()) rows.push_back({files.size() == 1 ? "Source" : "Sources", files, kWhole});

    std::size_t key_width = 0;
    for (const Row& r : rows) key_width = std::max(key_width, display_width(r.key) + 2);
    Lines body;
    for (const auto& [key, values, style] : rows) {
      const std::size_t inner = narrower(body_width, key_width);
      Lines value;
      for (const std::string& v : values) append_lines(value, wrap_text(v, style, inner, ctx));
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
    std::size_t best = distance(std::string(entry.code.value));
    for (const Text& alias : entry.aliases) best = std::min(best, distance(std::string(alias.value)));
    scored.push_back({best, std::string(entry.code.value)});
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
