#include "render/views.h"

#include <algorithm>
#include <charconv>
#include <cstdlib>
#include <cstring>

namespace kbgen {
namespace {

// Keys made once: kainjow's maps take std::string keys, and one made from a
// literal for every value was an allocation whenever it passed 15 bytes.
struct Keys {
  const std::string summary, description, detail, note;
  const std::string sections[4];  // "<section>_md" (Markdown)
};
const Keys kHtmlKeys{"summary_html", "description_html", "detail_html", "note_html", {}};
const Keys kMarkdownKeys{"summary_md",
                         "description_md",
                         "detail_md",
                         "note_md",
                         {"diagnosis_md", "fix_md", "verification_md", "prevention_md"}};
const Keys& keys_of(const ViewFlavor& f) { return f.markup == ViewFlavor::Markup::Html ? kHtmlKeys : kMarkdownKeys; }

const std::string kSectionNames[4] = {"diagnosis", "fix", "verification", "prevention"};
const std::string kCode = "code", kTitle = "title", kUrl = "url", kMdUrl = "md_url", kAnchor = "anchor",
                  kMdAnchor = "md_anchor", kLinked = "linked", kSummaryCellMd = "summary_cell_md",
                  kAliases = "aliases", kTags = "tags", kName = "name", kCodeMd = "code_md",
                  kHasAliases = "has_aliases", kHasTags = "has_tags", kProductAnchor = "product_anchor",
                  kCategoryAnchor = "category_anchor", kHasDescription = "has_description",
                  kReviewOverdue = "review_overdue", kStaleAfterDays = "stale_after_days", kCauses = "causes",
                  kHasTitle = "has_title", kHasCauses = "has_causes", kSteps = "steps", kHtml = "html", kMd = "md",
                  kHasSteps = "has_steps", kExamples = "examples", kLanguage = "language", kFence = "fence",
                  kHasExamples = "has_examples", kRelated = "related", kHasNote = "has_note",
                  kHasRelated = "has_related", kHasBacklinks = "has_backlinks", kBacklinks = "backlinks",
                  kReferences = "references", kHasReferences = "has_references", kSources = "sources",
                  kPath = "path";
struct TextKeys {
  const std::string value, has;
};
const TextKeys kProduct{"product", "has_product"}, kCategory{"category", "has_category"},
    kOwner{"owner", "has_owner"}, kReviewed{"reviewed", "has_reviewed"};

// The string under `key`, made one if it is not, to be written in place.
std::string& text_slot(MData& object, const std::string& key) {
  MData& value = slot(object, key);
  if (!value.is_string()) value = mstring(std::string());
  return const_cast<std::string&>(value.string_value());
}

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

// render_fragment() into `out`, whose buffer is reused when no entry link
// needs resolving.
void render_fragment_to(const PreparedEntry& p, cmark_node* doc, const ViewFlavor& f, bool inline_only,
                        std::string& out) {
  const PreparedEntry::Fragment& cached = p.fragment(doc);
  if (f.markup == ViewFlavor::Markup::Markdown) {
    if (cached.entry_links) out = resolve_markdown_links(cached.markdown, f);
    else out.assign(cached.markdown);
    return;
  }
  const std::string_view html = inline_only ? cached.inline_html() : std::string_view(cached.html);
  if (!cached.entry_links) out.assign(html);
  else if (f.links == ViewFlavor::Links::Anchors)
    out = resolve_entry_anchors(html, [&](const std::string& code) { return f.includes(code); });
  else out = resolve_entry_links(html, f.root);
}

// A Markdown ordered list of steps, sub-steps indented under their parent's
// text so that CommonMark nests them (and multi-paragraph steps stay whole).
void append_steps_md(const PreparedEntry& p, const std::vector<LinkedStep>& steps, const ViewFlavor& f, std::size_t indent,
                     std::string& out) {
  // The step's text; the nested call may reuse it, as this step is done with it by then.
  thread_local std::string body;
  std::size_t number = 1;
  for (const LinkedStep& s : steps) {
    char marker[32];
    char* end_of_number = std::to_chars(marker, marker + 20, number++).ptr;
    std::memcpy(end_of_number, ". [ ] ", 6);
    const auto number_size = static_cast<std::size_t>(end_of_number - marker) + 2;
    // "[ ] " belongs to the text: continuation lines line up under "1. ".
    const std::size_t marker_size = number_size + (f.checkboxes ? 4 : 0);
    render_fragment_to(p, s.text.get(), f, false, body);
    std::string_view rest = body;
    for (bool first = true;; first = false) {
      const std::size_t end = rest.find('\n');
      const std::string_view line = rest.substr(0, end);
      if (first) {
        out.append(indent, ' ');
        out.append(marker, marker_size);
      } else if (!line.empty()) {
        out.append(indent + number_size, ' ');
      }
      out += line;
      out += '\n';
      if (end == std::string_view::npos) break;
      rest.remove_prefix(end + 1);
    }
    append_steps_md(p, s.steps, f, indent + number_size, out);
  }
}

void fill_steps(const PreparedEntry& p, const std::vector<LinkedStep>& steps, const ViewFlavor& f, MData& into,
                const std::string& key) {
  auto& items = put_list(into, key, steps.size());
  for (std::size_t k = 0; k < steps.size(); ++k) {
    MData& item = as_object(items[k]);
    render_fragment_to(p, steps[k].text.get(), f, false,
                       text_slot(item, f.markup == ViewFlavor::Markup::Html ? kHtml : kMd));
    put_flag(item, kHasSteps, !steps[k].steps.empty());
    fill_steps(p, steps[k].steps, f, item, kSteps);
  }
}

// false when empty, else {steps: [...]}, so templates write
// {{#entry.fix}}{{> steps}}{{/entry.fix}}.
void fill_step_section(const PreparedEntry& p, MData& view, std::size_t section, const std::vector<LinkedStep>& steps,
                       const ViewFlavor& f) {
  const std::string& name = kSectionNames[section];
  const bool markdown = f.markup == ViewFlavor::Markup::Markdown;
  if (steps.empty()) {
    put_flag(view, name, false);
    if (markdown) text_slot(view, kMarkdownKeys.sections[section]).clear();
    return;
  }
  MData& object = put_object(view, name);
  if (f.reach.steps) fill_steps(p, steps, f, object, kSteps);
  if (markdown) {
    std::string& md = text_slot(view, kMarkdownKeys.sections[section]);
    md.clear();
    append_steps_md(p, steps, f, 0, md);
    while (!md.empty() && md.back() == '\n') md.pop_back();
  }
}

// `text` as a Markdown code span that no backtick in it can close early:
// the fence is longer than any run of backticks inside (CommonMark 6.1).
std::string markdown_code_span(std::string_view text) {
  std::size_t longest = 0, run = 0;
  for (char c : text) longest = std::max(longest, run = c == '`' ? run + 1 : 0);
  const std::string fence(longest + 1, '`');
  std::string body;
  for (char c : text) body += (c == '\n' || c == '\r') ? ' ' : c;
  const bool pad = !body.empty() && (body.front() == '`' || body.back() == '`' || body.front() == ' ');
  return fence + (pad ? " " : "") + body + (pad ? " " : "") + fence;
}

void fill_names(const std::vector<Text>& texts, const ViewFlavor& f, MData& into) {
  auto& items = put_list(into, kAliases, texts.size());
  for (std::size_t k = 0; k < texts.size(); ++k) {
    MData& item = as_object(items[k]);
    put_text(item, kName, texts[k].value);
    if (f.reach.code_md) put_text(item, kCodeMd, markdown_code_span(texts[k].value));
  }
}

// URLs in views are relative to the site root; HTML templates prefix {{root}}.
void fill_tags(const std::vector<Text>& tags, MData& into) {
  auto& items = put_list(into, kTags, tags.size());
  for (std::size_t k = 0; k < tags.size(); ++k) {
    MData& item = as_object(items[k]);
    put_text(item, kName, tags[k].value);
    put_text(item, kUrl, tag_path(std::string(tags[k].value)));
  }
}

// A link to entry i: "url" (HTML page, relative to the site root),
// "md_url" (wiki page), "anchor" / "md_anchor" (in one-document outputs),
// and "linked": whether the entry is in this document.
void fill_entry_link(const RenderContext& ctx, std::size_t i, const ViewFlavor& f, MData& item) {
  const std::string_view code = ctx.entry(i).code.value;
  put_text(item, kCode, code);
  put_text(item, kTitle, ctx.entry(i).title.value);
  if (f.reach.url) put_text(item, kUrl, entry_path(std::string(code)));
  if (f.reach.md_url) {
    std::string& url = text_slot(item, kMdUrl);
    url.assign(code);
    url += ".md";
  }
  if (f.reach.anchor) put_text(item, kAnchor, code);
  if (f.reach.md_anchor) put_text(item, kMdAnchor, markdown_anchor(std::string(code)));
  if (f.reach.linked) put_flag(item, kLinked, f.includes(i));
}

void fill_text(MData& view, const TextKeys& keys, const Text& text) {
  put_text(view, keys.value, text.value);
  put_flag(view, keys.has, text.present() && !text.value.empty());
}

void fill_summary(const RenderContext& ctx, std::size_t i, const ViewFlavor& f, std::string summary, MData& view) {
  const Entry& e = ctx.entry(i);
  fill_entry_link(ctx, i, f, view);
  if (f.markup == ViewFlavor::Markup::Markdown) {
    // One line, safe inside a table cell.
    std::string& cell = text_slot(view, kSummaryCellMd);
    cell.clear();
    for (char c : summary) {
      if (c == '\n') cell += ' ';
      else if (c == '|') cell += "\\|";
      else cell += c;
    }
  }
  put_text(view, keys_of(f).summary, std::move(summary));
  fill_names(e.aliases, f, view);
  if (f.reach.tags) fill_tags(e.tags, view);
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
  std::string out;
  render_fragment_to(p, doc, f, inline_only, out);
  return out;
}

std::string summary_for(const PreparedEntry& p, const ViewFlavor& f) {
  if (f.markup == ViewFlavor::Markup::Html && f.links == ViewFlavor::Links::Pages)
    return resolve_entry_links(p.summary_html, f.root);
  return render_fragment(p, p.trees.summary.get(), f, true);
}

MData entry_summary_view(const RenderContext& ctx, std::size_t i, const ViewFlavor& f, std::string summary) {
  MData view;
  fill_summary(ctx, i, f, std::move(summary), view);
  return view;
}

LazyItems entry_summaries(const RenderContext& ctx, const ViewFlavor& f, SummaryOf summary) {
  return {[&ctx, f, summary = std::move(summary)](std::size_t i, MData& into) {
    fill_summary(ctx, i, f, summary(i), into);
  }};
}

void fill_entry_view(const RenderContext& ctx, const PreparedEntry& p, const ViewFlavor& f, MData& view) {
  const std::size_t i = p.index;
  const Entry& e = ctx.entry(i);
  const LinkedEntry& l = ctx.links(i);
  const EntryTrees& t = p.trees;
  const Keys& keys = keys_of(f);
  fill_summary(ctx, i, f, summary_for(p, f), view);
  put_flag(view, kHasAliases, !e.aliases.empty());
  put_flag(view, kHasTags, !e.tags.empty());
  if (f.reach.group_anchors) {
    const auto [product, category] = ctx.group_of[i];
    put_text(view, kProductAnchor, ctx.products[product].anchor);
    put_text(view, kCategoryAnchor, ctx.products[product].categories[category].anchor);
  }
  std::string& description = text_slot(view, keys.description);
  render_fragment_to(p, t.description.get(), f, false, description);
  put_flag(view, kHasDescription, !description.empty());
  fill_text(view, kProduct, e.product);
  fill_text(view, kCategory, e.category);
  fill_text(view, kOwner, e.owner);
  fill_text(view, kReviewed, e.reviewed);
  put_flag(view, kReviewOverdue, ctx.review_overdue[i]);
  put_text(view, kStaleAfterDays, std::to_string(ctx.kb->config.stale_after_days));

  auto& causes = put_list(view, kCauses, e.causes.size());
  for (std::size_t c = 0; c < e.causes.size(); ++c) {
    MData& item = as_object(causes[c]);
    put_text(item, kTitle, e.causes[c].title.value);
    put_flag(item, kHasTitle, e.causes[c].title.present());
    render_fragment_to(p, t.cause_details[c].get(), f, false, text_slot(item, keys.detail));
  }
  put_flag(view, kHasCauses, !e.causes.empty());
  fill_step_section(p, view, 0, t.diagnosis, f);
  fill_step_section(p, view, 1, t.fix, f);
  fill_step_section(p, view, 2, t.verification, f);
  fill_step_section(p, view, 3, t.prevention, f);

  auto& examples = put_list(view, kExamples, e.examples.size());
  for (std::size_t k = 0; k < e.examples.size(); ++k) {
    const Example& x = e.examples[k];
    MData& item = as_object(examples[k]);
    put_text(item, kTitle, x.title.value);
    put_text(item, kLanguage,
             x.language.value.empty() ? std::string("text") : slugify(std::string(x.language.value)));
    put_text(item, kCode, x.code.value);
    if (f.reach.fence) {
      // A fence longer than any run of backticks in the code (Markdown).
      std::size_t longest = 0, run = 0;
      for (char c : x.code.value) longest = std::max(longest, run = c == '`' ? run + 1 : 0);
      text_slot(item, kFence).assign(std::max<std::size_t>(3, longest + 1), '`');
    }
    if (f.markup == ViewFlavor::Markup::Markdown && f.reach.code_md) {
      // The code between fences: its own final line break would add a blank line.
      std::string_view fenced = x.code.value;
      if (!fenced.empty() && fenced.back() == '\n') fenced.remove_suffix(1);
      put_text(item, kCodeMd, fenced);
    }
  }
  put_flag(view, kHasExamples, !e.examples.empty());

  std::size_t linked_related = 0;
  for (std::size_t target : l.related) linked_related += target != kNoEntry;  // check reports the others
  auto& related = put_list(view, kRelated, linked_related);
  for (std::size_t r = 0, k = 0; r < e.related.size(); ++r) {
    if (l.related[r] == kNoEntry) continue;
    MData& item = as_object(related[k++]);
    fill_entry_link(ctx, l.related[r], f, item);
    std::string& note = text_slot(item, keys.note);
    render_fragment_to(p, t.related_notes[r].get(), f, true, note);
    put_flag(item, kHasNote, !note.empty());
  }
  put_flag(view, kHasRelated, linked_related > 0);

  put_flag(view, kHasBacklinks, !l.backlinks.empty());
  if (f.reach.backlinks) {
    auto& backlinks = put_list(view, kBacklinks, l.backlinks.size());
    for (std::size_t b = 0; b < l.backlinks.size(); ++b) fill_entry_link(ctx, l.backlinks[b], f, as_object(backlinks[b]));
  }

  auto& references = put_list(view, kReferences, e.references.size());
  for (std::size_t r = 0; r < e.references.size(); ++r) {
    MData& item = as_object(references[r]);
    put_text(item, kTitle, e.references[r].title.value);
    put_text(item, kUrl, e.references[r].url.value);
  }
  put_flag(view, kHasReferences, !e.references.empty());

  if (f.reach.sources) {
    std::vector<const std::string*> paths;
    for (const SourcePos& pos : e.sources) {
      const std::string& path = ctx.kb->source_paths[pos.file];
      if (std::find_if(paths.begin(), paths.end(), [&](const std::string* seen) { return *seen == path; }) ==
          paths.end())
        paths.push_back(&path);
    }
    auto& sources = put_list(view, kSources, paths.size());
    for (std::size_t k = 0; k < paths.size(); ++k) {
      MData& item = as_object(sources[k]);
      put_text(item, kPath, *paths[k]);
      if (f.reach.code_md) put_text(item, kCodeMd, markdown_code_span(*paths[k]));
    }
  }

  for (const Extension& x : e.extensions) view[x.key] = json_to_mustache(x.value);
}

MData entry_view(const RenderContext& ctx, const PreparedEntry& p, const ViewFlavor& f) {
  MData view;
  fill_entry_view(ctx, p, f, view);
  return view;
}

MData& RecycledViews::take(bool leaves_extra_keys) {
  std::lock_guard<std::mutex> lock(mutex_);
  const std::thread::id me = std::this_thread::get_id();
  auto it = std::find_if(views_.begin(), views_.end(), [&](const auto& held) { return held->thread == me; });
  if (it == views_.end()) it = views_.insert(views_.end(), std::make_unique<Held>(Held{me, MData(), false}));
  Held& held = **it;
  if (held.extra_keys) held.data = MData();
  held.extra_keys = leaves_extra_keys;
  return held.data;
}

MData home_view(const RenderContext& ctx, const LazyItems& entry_summaries) {
  MData products = mlist(ctx.products.size());
  for (const ProductGroup& p : ctx.products) {
    MData product;
    put_text(product, "name", p.name);
    put_text(product, "anchor", p.anchor);
    put_text(product, "count", std::to_string(p.count));
    MData categories = mlist(p.categories.size());
    for (const CategoryGroup& c : p.categories) {
      MData category;
      put_text(category, "name", c.name);
      put_text(category, "anchor", c.anchor);
      put_text(category, "count", std::to_string(c.entries.size()));
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
    put_text(item, "name", tag);
    put_text(item, "url", tag_path(tag));
    put_text(item, "count", std::to_string(entries.size()));
    append(tags, std::move(item));
  }
  MData view;
  view["products"] = std::move(products);
  put_flag(view, "has_tags", !ctx.tags.empty());
  view["tags"] = std::move(tags);
  return view;
}

MData tag_view(const RenderContext& ctx, const std::string& tag, const LazyItems& entry_summaries) {
  const auto& members = ctx.tags.at(tag);
  MData info;
  put_text(info, "name", tag);
  put_text(info, "count", std::to_string(members.size()));
  MData entries = mlist(members.size());
  for (std::size_t i : members) append(entries, mlazy(entry_summaries, i));
  MData view;
  view["tag"] = std::move(info);
  view["entries"] = std::move(entries);
  return view;
}

}  // namespace kbgen
