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
void append_steps_md(const PreparedEntry& p, const std::vector<LinkedStep>& steps, const ViewFlavor& f, std::size_t indent,
                     std::string& out) {
  std::size_t number = 1;
  for (const LinkedStep& s : steps) {
    const std::string marker = std::to_string(number++) + ". ";
    const std::string body = (f.checkboxes ? "[ ] " : "") + render_fragment(p, s.text.get(), f, false);
    std::string_view rest = body;
    for (bool first = true;; first = false) {
      const std::size_t end = rest.find('\n');
      const std::string_view line = rest.substr(0, end);
      if (first) {
        out.append(indent, ' ');
        out += marker;
      } else if (!line.empty()) {
        out.append(indent + marker.size(), ' ');
      }
      out += line;
      out += '\n';
      if (end == std::string_view::npos) break;
      rest.remove_prefix(end + 1);
    }
    append_steps_md(p, s.steps, f, indent + marker.size(), out);
  }
}

MData steps_view(const PreparedEntry& p, const std::vector<LinkedStep>& steps, const ViewFlavor& f) {
  MData list = mlist(steps.size());
  for (const LinkedStep& s : steps) {
    MData item;
    mset(item, f.markup == ViewFlavor::Markup::Html ? "html" : "md", render_fragment(p, s.text.get(), f, false));
    mset(item, "has_steps", mbool(!s.steps.empty()));
    item["steps"] = steps_view(p, s.steps, f);
    append(list, std::move(item));
  }
  return list;
}

// false when empty, else {steps: [...]}, so templates write
// {{#entry.fix}}{{> steps}}{{/entry.fix}}.
void set_step_section(const PreparedEntry& p, MData& view, const char* name, const std::vector<LinkedStep>& steps,
                      const ViewFlavor& f) {
  if (steps.empty()) {
    mset(view, name, mbool(false));
    if (f.markup == ViewFlavor::Markup::Markdown) mset(view, key(name, f), std::string());
    return;
  }
  MData section;
  if (f.reach.steps) section["steps"] = steps_view(p, steps, f);
  view[name] = std::move(section);
  if (f.markup == ViewFlavor::Markup::Markdown) {
    std::string md;
    append_steps_md(p, steps, f, 0, md);
    while (!md.empty() && md.back() == '\n') md.pop_back();
    mset(view, key(name, f), std::move(md));
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
  MData list = mlist(texts.size());
  for (const Text& t : texts) {
    MData item;
    mset(item, "name", t.value);
    mset(item, "code_md", markdown_code_span(std::string(t.value)));
    append(list, std::move(item));
  }
  return list;
}

// URLs in views are relative to the site root; HTML templates prefix {{root}}.
MData tags_view(const std::vector<Text>& tags) {
  MData list = mlist(tags.size());
  for (const Text& t : tags) {
    MData item;
    mset(item, "name", t.value);
    mset(item, "url", tag_path(std::string(t.value)));
    append(list, std::move(item));
  }
  return list;
}

// A link to entry i: "url" (HTML page, relative to the site root),
// "md_url" (wiki page), "anchor" / "md_anchor" (in one-document outputs),
// and "linked": whether the entry is in this document.
MData entry_link_view(const RenderContext& ctx, std::size_t i, const ViewFlavor& f) {
  MData item;
  const std::string code(ctx.entry(i).code.value);
  mset(item, "code", code);
  mset(item, "title", ctx.entry(i).title.value);
  if (f.reach.url) mset(item, "url", entry_path(code));
  if (f.reach.md_url) mset(item, "md_url", code + ".md");
  if (f.reach.anchor) mset(item, "anchor", code);
  if (f.reach.md_anchor) mset(item, "md_anchor", markdown_anchor(code));
  if (f.reach.linked) mset(item, "linked", mbool(f.includes(code)));
  return item;
}

void set_text(MData& view, const char* name, const Text& text) {
  mset(view, name, text.value);
  mset(view, std::string("has_") + name, mbool(text.present() && !text.value.empty()));
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

std::string render_fragment(const PreparedEntry& p, cmark_node* doc, const ViewFlavor& f,
                            bool inline_only) {
  const PreparedEntry::Fragment& cached = p.fragment(doc);
  if (f.markup == ViewFlavor::Markup::Markdown)
    return cached.entry_links ? resolve_markdown_links(cached.markdown, f) : cached.markdown;
  const std::string_view html = inline_only ? cached.inline_html() : std::string_view(cached.html);
  if (!cached.entry_links) return std::string(html);
  if (f.links == ViewFlavor::Links::Anchors)
    return resolve_entry_anchors(html, [&](const std::string& code) { return f.includes(code); });
  return resolve_entry_links(html, f.root);
}

std::string summary_for(const PreparedEntry& p, const ViewFlavor& f) {
  if (f.markup == ViewFlavor::Markup::Html && f.links == ViewFlavor::Links::Pages)
    return resolve_entry_links(p.summary_html, f.root);
  return render_fragment(p, p.trees.summary.get(), f, true);
}

MData entry_summary_view(const RenderContext& ctx, std::size_t i, const ViewFlavor& f, std::string summary) {
  const Entry& e = ctx.entry(i);
  MData view = entry_link_view(ctx, i, f);
  if (f.markup == ViewFlavor::Markup::Html && f.links == ViewFlavor::Links::Pages) {
    mset(view, "summary_html", std::move(summary));
  } else {
    if (f.markup == ViewFlavor::Markup::Markdown) {
      // One line, safe inside a table cell.
      std::string cell;
      for (char c : summary) cell += c == '\n' ? std::string(" ") : c == '|' ? std::string("\\|") : std::string(1, c);
      mset(view, "summary_cell_md", std::move(cell));
    }
    mset(view, key("summary", f), std::move(summary));
  }
  view["aliases"] = names_view(e.aliases);
  view["tags"] = tags_view(e.tags);
  return view;
}

LazyItems entry_summaries(const RenderContext& ctx, const ViewFlavor& f, SummaryOf summary) {
  return {[&ctx, f, summary = std::move(summary)](std::size_t i) { return entry_summary_view(ctx, i, f, summary(i)); }};
}

MData entry_view(const RenderContext& ctx, const PreparedEntry& p, const ViewFlavor& f) {
  const std::size_t i = p.index;
  const Entry& e = ctx.entry(i);
  const LinkedEntry& l = ctx.links(i);
  const EntryTrees& t = p.trees;
  MData view = entry_summary_view(ctx, i, f, summary_for(p, f));
  mset(view, "has_aliases", mbool(!e.aliases.empty()));
  mset(view, "has_tags", mbool(!e.tags.empty()));
  const auto [product, category] = ctx.group_of[i];
  mset(view, "product_anchor", ctx.products[product].anchor);
  mset(view, "category_anchor", ctx.products[product].categories[category].anchor);
  std::string description = render_fragment(p, t.description.get(), f, false);
  mset(view, "has_description", mbool(!description.empty()));
  mset(view, key("description", f), std::move(description));
  set_text(view, "product", e.product);
  set_text(view, "category", e.category);
  set_text(view, "owner", e.owner);
  set_text(view, "reviewed", e.reviewed);
  mset(view, "review_overdue", mbool(ctx.review_overdue[i]));
  mset(view, "stale_after_days", std::to_string(ctx.kb->config.stale_after_days));

  MData causes = mlist(e.causes.size());
  for (std::size_t c = 0; c < e.causes.size(); ++c) {
    MData item;
    mset(item, "title", e.causes[c].title.value);
    mset(item, "has_title", mbool(e.causes[c].title.present()));
    mset(item, key("detail", f), render_fragment(p, t.cause_details[c].get(), f, false));
    append(causes, std::move(item));
  }
  view["causes"] = std::move(causes);
  mset(view, "has_causes", mbool(!e.causes.empty()));
  set_step_section(p, view, "diagnosis", t.diagnosis, f);
  set_step_section(p, view, "fix", t.fix, f);
  set_step_section(p, view, "verification", t.verification, f);
  set_step_section(p, view, "prevention", t.prevention, f);

  MData examples = mlist(e.examples.size());
  for (const Example& x : e.examples) {
    MData item;
    mset(item, "title", x.title.value);
    mset(item, "language", x.language.value.empty() ? std::string("text") : slugify(std::string(x.language.value)));
    mset(item, "code", x.code.value);
    // A fence longer than any run of backticks in the code (Markdown).
    std::size_t longest = 0, run = 0;
    for (char c : x.code.value) longest = std::max(longest, run = c == '`' ? run + 1 : 0);
    mset(item, "fence", std::string(std::max<std::size_t>(3, longest + 1), '`'));
    if (f.markup == ViewFlavor::Markup::Markdown) {
      // The code between fences: its own final line break would add a blank line.
      std::string fenced(x.code.value);
      if (!fenced.empty() && fenced.back() == '\n') fenced.pop_back();
      mset(item, "code_md", std::move(fenced));
    }
    append(examples, std::move(item));
  }
  view["examples"] = std::move(examples);
  mset(view, "has_examples", mbool(!e.examples.empty()));

  MData related = mlist(e.related.size());
  for (std::size_t r = 0; r < e.related.size(); ++r) {
    const std::size_t target = l.related[r];
    if (target == kNoEntry) continue;  // reported by check; nothing to link to
    MData item = entry_link_view(ctx, target, f);
    std::string note = render_fragment(p, t.related_notes[r].get(), f, true);
    mset(item, "has_note", mbool(!note.empty()));
    mset(item, key("note", f), std::move(note));
    append(related, std::move(item));
  }
  mset(view, "has_related", mbool(!related.list_value().empty()));
  view["related"] = std::move(related);

  mset(view, "has_backlinks", mbool(!l.backlinks.empty()));
  if (f.reach.backlinks) {
    MData backlinks = mlist(l.backlinks.size());
    for (std::size_t b : l.backlinks) append(backlinks, entry_link_view(ctx, b, f));
    view["backlinks"] = std::move(backlinks);
  }

  MData references = mlist(e.references.size());
  for (const Reference& r : e.references) {
    MData item;
    mset(item, "title", r.title.value);
    mset(item, "url", r.url.value);
    append(references, std::move(item));
  }
  view["references"] = std::move(references);
  mset(view, "has_references", mbool(!e.references.empty()));

  if (f.reach.sources) {
    MData sources = mlist(e.sources.size());
    std::set<std::string> seen;
    for (const SourcePos& pos : e.sources) {
      const std::string& path = ctx.kb->source_paths[pos.file];
      if (!seen.insert(path).second) continue;
      MData item;
      mset(item, "path", path);
      mset(item, "code_md", markdown_code_span(path));
      append(sources, std::move(item));
    }
    view["sources"] = std::move(sources);
  }

  for (const Extension& x : e.extensions) view[x.key] = json_to_mustache(x.value);
  return view;
}

MData home_view(const RenderContext& ctx, const LazyItems& entry_summaries) {
  MData products = mlist(ctx.products.size());
  for (const ProductGroup& p : ctx.products) {
    MData product;
    mset(product, "name", p.name);
    mset(product, "anchor", p.anchor);
    mset(product, "count", std::to_string(p.count));
    MData categories = mlist(p.categories.size());
    for (const CategoryGroup& c : p.categories) {
      MData category;
      mset(category, "name", c.name);
      mset(category, "anchor", c.anchor);
      mset(category, "count", std::to_string(c.entries.size()));
      MData entries = mlist(c.entries.size());
      for (std::size_t i : c.entries) append(entries, mlazy(entry_summaries, i));
      category["entries"] = std::move(entries);
      append(categories, std::move(category));
    }
    product["categories"] = std::move(categories);
    append(products, std::move(product));
  }
  MData tags = mlist(ctx.tags.size());
  for (const auto& [tag, entries] : ctx.tags) {
    MData item;
    mset(item, "name", tag);
    mset(item, "url", tag_path(tag));
    mset(item, "count", std::to_string(entries.size()));
    append(tags, std::move(item));
  }
  MData view;
  view["products"] = std::move(products);
  mset(view, "has_tags", mbool(!ctx.tags.empty()));
  view["tags"] = std::move(tags);
  return view;
}

MData tag_view(const RenderContext& ctx, const std::string& tag, const LazyItems& entry_summaries) {
  const auto& members = ctx.tags.at(tag);
  MData info;
  mset(info, "name", tag);
  mset(info, "count", std::to_string(members.size()));
  MData entries = mlist(members.size());
  for (std::size_t i : members) append(entries, mlazy(entry_summaries, i));
  MData view;
  view["tag"] = std::move(info);
  view["entries"] = std::move(entries);
  return view;
}

}  // namespace kbgen
