#include "render/views.h"

#include <cstdlib>
#include <set>

namespace kbgen {
namespace {

const char* suffix(const ViewFlavor& f) { return f.markup == ViewFlavor::Markup::Html ? "_html" : "_md"; }

std::string key(const char* name, const ViewFlavor& f) { return std::string(name) + suffix(f); }

// Where a link to entry `code` points from this flavour's documents.
std::string entry_target(const std::string& code, const ViewFlavor& f) {
  if (f.links == ViewFlavor::Links::Anchors)
    return f.markup == ViewFlavor::Markup::Markdown ? "#" + markdown_anchor(code) : "#" + code;
  if (f.markup == ViewFlavor::Markup::Markdown) return code + ".md";
  return f.root + entry_path(code);
}

// Rewrites "](kbgen:CODE" (Markdown) to the flavour's target.
std::string resolve_markdown_links(const std::string& md, const ViewFlavor& f) {
  static const std::string kNeedle = std::string("](") + kEntryLinkScheme;
  std::string out;
  std::size_t done = 0;
  for (std::size_t at = md.find(kNeedle); at != std::string::npos; at = md.find(kNeedle, done)) {
    const std::size_t code_start = at + kNeedle.size();
    const std::size_t code_end = md.find_first_of(" )", code_start);
    if (code_end == std::string::npos) break;
    const std::string code = md.substr(code_start, code_end - code_start);
    if (!f.includes(code)) {
      // Not in this document: keep the label, drop "[", "](...)".
      const std::size_t open = md.rfind('[', at);
      const std::size_t close = md.find(')', code_end);
      if (open != std::string::npos && open >= done && close != std::string::npos) {
        out.append(md, done, open - done);
        out.append(md, open + 1, at - open - 1);
        done = close + 1;
        continue;
      }
    }
    out.append(md, done, at - done);
    out += "](" + entry_target(code, f);
    done = code_end;
  }
  out.append(md, done, std::string::npos);
  return out;
}

// A Markdown ordered list of steps, sub-steps indented under their parent's
// text so that CommonMark nests them (and multi-paragraph steps stay whole).
void append_steps_md(const RenderContext& ctx, const std::vector<LinkedStep>& steps, const ViewFlavor& f, std::size_t indent,
                     std::string& out) {
  std::size_t number = 1;
  for (const LinkedStep& s : steps) {
    const std::string marker = std::to_string(number++) + ". ";
    const std::string pad(indent, ' ');
    const std::string body = (f.checkboxes ? "[ ] " : "") + render_fragment(ctx, s.text.get(), f, false);
    std::size_t line_start = 0;
    bool first = true;
    while (line_start <= body.size()) {
      std::size_t line_end = body.find('\n', line_start);
      if (line_end == std::string::npos) line_end = body.size();
      const std::string line = body.substr(line_start, line_end - line_start);
      if (first) out += pad + marker + line + "\n";
      else out += line.empty() ? "\n" : pad + std::string(marker.size(), ' ') + line + "\n";
      first = false;
      line_start = line_end + 1;
    }
    append_steps_md(ctx, s.steps, f, indent + marker.size(), out);
  }
}

MData steps_view(const RenderContext& ctx, const std::vector<LinkedStep>& steps, const ViewFlavor& f) {
  MData list = mlist();
  for (const LinkedStep& s : steps) {
    MData item;
    item.set(f.markup == ViewFlavor::Markup::Html ? "html" : "md", render_fragment(ctx, s.text.get(), f, false));
    item.set("has_steps", mbool(!s.steps.empty()));
    item["steps"] = steps_view(ctx, s.steps, f);
    append(list, std::move(item));
  }
  return list;
}

// false when empty, else {steps: [...]}, so templates write
// {{#entry.fix}}{{> steps}}{{/entry.fix}}.
void set_step_section(const RenderContext& ctx, MData& view, const char* name, const std::vector<LinkedStep>& steps,
                      const ViewFlavor& f) {
  if (steps.empty()) {
    view.set(name, mbool(false));
    if (f.markup == ViewFlavor::Markup::Markdown) view.set(key(name, f), std::string());
    return;
  }
  MData section;
  section["steps"] = steps_view(ctx, steps, f);
  view[name] = std::move(section);
  if (f.markup == ViewFlavor::Markup::Markdown) {
    std::string md;
    append_steps_md(ctx, steps, f, 0, md);
    while (!md.empty() && md.back() == '\n') md.pop_back();
    view.set(key(name, f), md);
  }
}

// `text` as a Markdown code span that no backtick in it can close early:
// the fence is longer than any run of backticks inside (CommonMark 6.1).
std::string markdown_code_span(const std::string& text) {
  std::size_t longest = 0, run = 0;
  for (char c : text) longest = std::max(longest, run = c == '`' ? run + 1 : 0);
  const std::string fence(longest + 1, '`');
  std::string body;
  for (char c : text) body += (c == '\n' || c == '\r') ? ' ' : c;
  const bool pad = !body.empty() && (body.front() == '`' || body.back() == '`' || body.front() == ' ');
  return fence + (pad ? " " : "") + body + (pad ? " " : "") + fence;
}

MData names_view(const std::vector<Text>& texts) {
  MData list = mlist();
  for (const Text& t : texts) {
    MData item;
    item.set("name", t.value);
    item.set("code_md", markdown_code_span(t.value));
    append(list, std::move(item));
  }
  return list;
}

// URLs in views are relative to the site root; HTML templates prefix {{root}}.
MData tags_view(const std::vector<Text>& tags) {
  MData list = mlist();
  for (const Text& t : tags) {
    MData item;
    item.set("name", t.value);
    item.set("url", tag_path(t.value));
    append(list, std::move(item));
  }
  return list;
}

// A link to entry i: "url" (HTML page, relative to the site root),
// "md_url" (wiki page), "anchor" / "md_anchor" (in one-document outputs),
// and "linked": whether the entry is in this document.
MData entry_link_view(const RenderContext& ctx, std::size_t i, const ViewFlavor& f) {
  MData item;
  const std::string& code = ctx.entry(i).code.value;
  item.set("code", code);
  item.set("title", ctx.entry(i).title.value);
  item.set("url", entry_path(code));
  item.set("md_url", code + ".md");
  item.set("anchor", code);
  item.set("md_anchor", markdown_anchor(code));
  item.set("linked", mbool(f.includes(code)));
  return item;
}

void set_text(MData& view, const char* name, const Text& text) {
  view.set(name, text.value);
  view.set(std::string("has_") + name, mbool(text.present && !text.value.empty()));
}

}  // namespace

std::string markdown_anchor(const std::string& code) {
  std::string out;
  for (char c : code) {
    if (c >= 'A' && c <= 'Z') out += static_cast<char>(c - 'A' + 'a');
    else if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_') out += c;
  }
  return out;
}

std::string render_fragment(const RenderContext& ctx, cmark_node* doc, const ViewFlavor& f,
                            bool inline_only) {
  const RenderContext::Fragment& cached = ctx.fragment(doc);
  if (f.markup == ViewFlavor::Markup::Markdown) return resolve_markdown_links(cached.markdown, f);
  std::string html = cached.html;
  // A single paragraph loses its <p> when the field is shown inline.
  if (inline_only && html.rfind("<p>", 0) == 0 && html.size() >= 7 &&
      html.compare(html.size() - 4, 4, "</p>") == 0 && html.find("<p>", 3) == std::string::npos)
    html = html.substr(3, html.size() - 7);
  if (f.links == ViewFlavor::Links::Anchors)
    return resolve_entry_anchors(html, [&](const std::string& code) { return f.includes(code); });
  return resolve_entry_links(html, f.root);
}

MData entry_summary_view(const RenderContext& ctx, std::size_t i, const ViewFlavor& f) {
  const Entry& e = ctx.entry(i);
  MData view = entry_link_view(ctx, i, f);
  if (f.markup == ViewFlavor::Markup::Html && f.links == ViewFlavor::Links::Pages) {
    view.set("summary_html", resolve_entry_links(ctx.summary_html[i], f.root));
  } else {
    std::string summary = render_fragment(ctx, ctx.links(i).summary.get(), f, true);
    if (f.markup == ViewFlavor::Markup::Markdown) {
      // One line, safe inside a table cell.
      std::string cell;
      for (char c : summary) cell += c == '\n' ? std::string(" ") : c == '|' ? std::string("\\|") : std::string(1, c);
      view.set("summary_cell_md", cell);
    }
    view.set(key("summary", f), summary);
  }
  view["aliases"] = names_view(e.aliases);
  view["tags"] = tags_view(e.tags);
  return view;
}

MData entry_view(const RenderContext& ctx, std::size_t i, const ViewFlavor& f) {
  const Entry& e = ctx.entry(i);
  const LinkedEntry& l = ctx.links(i);
  MData view = entry_summary_view(ctx, i, f);
  view.set("has_aliases", mbool(!e.aliases.empty()));
  view.set("has_tags", mbool(!e.tags.empty()));
  const auto [product, category] = ctx.group_of[i];
  view.set("product_anchor", ctx.products[product].anchor);
  view.set("category_anchor", ctx.products[product].categories[category].anchor);
  const std::string description = render_fragment(ctx, l.description.get(), f, false);
  view.set(key("description", f), description);
  view.set("has_description", mbool(!description.empty()));
  set_text(view, "product", e.product);
  set_text(view, "category", e.category);
  set_text(view, "owner", e.owner);
  set_text(view, "reviewed", e.reviewed);
  view.set("review_overdue", mbool(ctx.review_overdue[i]));
  view.set("stale_after_days", std::to_string(ctx.kb->config.stale_after_days));

  MData causes = mlist();
  for (std::size_t c = 0; c < e.causes.size(); ++c) {
    MData item;
    item.set("title", e.causes[c].title.value);
    item.set("has_title", mbool(e.causes[c].title.present));
    item.set(key("detail", f), render_fragment(ctx, l.cause_details[c].get(), f, false));
    append(causes, std::move(item));
  }
  view["causes"] = std::move(causes);
  view.set("has_causes", mbool(!e.causes.empty()));
  set_step_section(ctx, view, "diagnosis", l.diagnosis, f);
  set_step_section(ctx, view, "fix", l.fix, f);
  set_step_section(ctx, view, "verification", l.verification, f);
  set_step_section(ctx, view, "prevention", l.prevention, f);

  MData examples = mlist();
  for (const Example& x : e.examples) {
    MData item;
    item.set("title", x.title.value);
    item.set("language", x.language.value.empty() ? std::string("text") : slugify(x.language.value));
    item.set("code", x.code.value);
    // A fence longer than any run of backticks in the code (Markdown).
    std::size_t longest = 0, run = 0;
    for (char c : x.code.value) longest = std::max(longest, run = c == '`' ? run + 1 : 0);
    item.set("fence", std::string(std::max<std::size_t>(3, longest + 1), '`'));
    if (f.markup == ViewFlavor::Markup::Markdown) {
      // The code between fences: its own final line break would add a blank line.
      std::string fenced = x.code.value;
      if (!fenced.empty() && fenced.back() == '\n') fenced.pop_back();
      item.set("code_md", fenced);
    }
    append(examples, std::move(item));
  }
  view["examples"] = std::move(examples);
  view.set("has_examples", mbool(!e.examples.empty()));

  MData related = mlist();
  for (std::size_t r = 0; r < e.related.size(); ++r) {
    const std::size_t target = l.related[r];
    if (target == kNoEntry) continue;  // reported by check; nothing to link to
    MData item = entry_link_view(ctx, target, f);
    const std::string note = render_fragment(ctx, l.related_notes[r].get(), f, true);
    item.set(key("note", f), note);
    item.set("has_note", mbool(!note.empty()));
    append(related, std::move(item));
  }
  view.set("has_related", mbool(!related.list_value().empty()));
  view["related"] = std::move(related);

  MData backlinks = mlist();
  for (std::size_t b : l.backlinks) append(backlinks, entry_link_view(ctx, b, f));
  view.set("has_backlinks", mbool(!l.backlinks.empty()));
  view["backlinks"] = std::move(backlinks);

  MData references = mlist();
  for (const Reference& r : e.references) {
    MData item;
    item.set("title", r.title.value);
    item.set("url", r.url.value);
    append(references, std::move(item));
  }
  view["references"] = std::move(references);
  view.set("has_references", mbool(!e.references.empty()));

  MData sources = mlist();
  std::set<std::string> seen;
  for (const SourcePos& pos : e.sources) {
    const std::string& path = ctx.kb->source_paths[pos.file];
    if (!seen.insert(path).second) continue;
    MData item;
    item.set("path", path);
    item.set("code_md", markdown_code_span(path));
    append(sources, std::move(item));
  }
  view["sources"] = std::move(sources);

  for (const Extension& x : e.extensions) view[x.key] = json_to_mustache(x.value);
  return view;
}

MData home_view(const RenderContext& ctx, const ViewFlavor& f) {
  MData products = mlist();
  for (const ProductGroup& p : ctx.products) {
    MData product;
    product.set("name", p.name);
    product.set("anchor", p.anchor);
    product.set("count", std::to_string(p.count));
    MData categories = mlist();
    for (const CategoryGroup& c : p.categories) {
      MData category;
      category.set("name", c.name);
      category.set("anchor", c.anchor);
      category.set("count", std::to_string(c.entries.size()));
      MData entries = mlist();
      for (std::size_t i : c.entries) append(entries, entry_summary_view(ctx, i, f));
      category["entries"] = std::move(entries);
      append(categories, std::move(category));
    }
    product["categories"] = std::move(categories);
    append(products, std::move(product));
  }
  MData tags = mlist();
  for (const auto& [tag, entries] : ctx.tags) {
    MData item;
    item.set("name", tag);
    item.set("url", tag_path(tag));
    item.set("count", std::to_string(entries.size()));
    append(tags, std::move(item));
  }
  MData view;
  view["products"] = std::move(products);
  view.set("has_tags", mbool(!ctx.tags.empty()));
  view["tags"] = std::move(tags);
  return view;
}

MData tag_view(const RenderContext& ctx, const std::string& tag, const ViewFlavor& f) {
  const auto& members = ctx.tags.at(tag);
  MData info;
  info.set("name", tag);
  info.set("count", std::to_string(members.size()));
  MData entries = mlist();
  for (std::size_t i : members) append(entries, entry_summary_view(ctx, i, f));
  MData view;
  view["tag"] = std::move(info);
  view["entries"] = std::move(entries);
  return view;
}

}  // namespace kbgen
