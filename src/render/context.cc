#include "render/context.h"

#include <algorithm>
#include <cstdint>
#include <cstdlib>
#include <functional>
#include <set>

#include "check/dates.h"
#include "render/commonmark_writer.h"
#include "render/mustache_data.h"

namespace kbgen {

std::string entry_path(const std::string& code) { return "codes/" + code + "/index.html"; }
std::string tag_path(const std::string& tag) { return "tags/" + tag + "/index.html"; }
std::string markdown_page_path(const std::string& code) { return "markdown/" + code + ".md"; }
std::string api_entry_path(const std::string& code) { return "api/codes/" + code + ".json"; }

namespace {

// Whether `html` (without its final line break) is <p>...</p> with no
// other paragraph in it.
bool is_one_paragraph(std::string_view html) {
  return html.size() >= 7 && html.substr(0, 3) == "<p>" && html.substr(html.size() - 4) == "</p>" &&
         html.find("<p>", 3) == std::string_view::npos;
}

// What is inside <p>...</p>.
std::string_view paragraph_inside(std::string_view html) { return html.substr(3, html.size() - 7); }

}  // namespace

std::string markdown_to_html(cmark_node* doc, bool inline_only) {
  if (!doc) return {};
  char* raw = cmark_render_html(doc, CMARK_OPT_DEFAULT);
  std::string html(raw);
  std::free(raw);
  while (!html.empty() && html.back() == '\n') html.pop_back();
  return inline_only && is_one_paragraph(html) ? std::string(paragraph_inside(html)) : html;
}

std::string_view PreparedEntry::Fragment::inline_html() const {
  return one_paragraph ? paragraph_inside(html) : std::string_view(html);
}

namespace {

// Rewrites each href="kbgen:CODE" with `target(CODE)`; an empty target
// removes the link (tag and closing tag) and keeps its text. kbgen's entry
// links hold only text, so the next "</a>" is their own.
template <typename Target>
std::string rewrite_entry_hrefs(std::string_view html, Target&& target) {
  static const std::string kNeedle = std::string("href=\"") + kEntryLinkScheme;
  std::string out;
  out.reserve(html.size());
  std::size_t done = 0;
  for (std::size_t at = html.find(kNeedle); at != std::string::npos; at = html.find(kNeedle, done)) {
    const std::size_t code_start = at + kNeedle.size();
    const std::size_t code_end = html.find('"', code_start);
    if (code_end == std::string::npos) break;
    const std::string href = target(std::string(html.substr(code_start, code_end - code_start)));
    if (href.empty()) {
      const std::size_t tag_start = html.rfind("<a ", at);
      const std::size_t tag_end = html.find('>', code_end);
      const std::size_t close = html.find("</a>", tag_end);
      if (tag_start != std::string::npos && tag_start >= done && tag_end != std::string::npos &&
          close != std::string::npos) {
        out.append(html, done, tag_start - done);
        out.append(html, tag_end + 1, close - tag_end - 1);
        done = close + 4;
        continue;
      }
    }
    out.append(html, done, at - done);
    out += "href=\"" + href + "\"";
    done = code_end + 1;
  }
  out.append(html, done, std::string::npos);
  return out;
}

}  // namespace

std::string resolve_entry_links(std::string_view html, const std::string& root) {
  return rewrite_entry_hrefs(html, [&](const std::string& code) { return root + entry_path(code); });
}

std::string resolve_entry_anchors(std::string_view html,
                                  const std::function<bool(const std::string&)>& included) {
  return rewrite_entry_hrefs(html, [&](const std::string& code) {
    return included(code) ? "#" + code : std::string();
  });
}

std::string markdown_to_text(cmark_node* doc) {
  std::string text;
  if (!doc) return text;
  cmark_iter* it = cmark_iter_new(doc);
  for (cmark_event_type ev; (ev = cmark_iter_next(it)) != CMARK_EVENT_DONE;) {
    cmark_node* node = cmark_iter_get_node(it);
    const cmark_node_type type = cmark_node_get_type(node);
    if (ev == CMARK_EVENT_ENTER &&
        (type == CMARK_NODE_TEXT || type == CMARK_NODE_CODE || type == CMARK_NODE_CODE_BLOCK)) {
      text += cmark_node_get_literal(node);
    } else if (type == CMARK_NODE_SOFTBREAK || type == CMARK_NODE_LINEBREAK ||
               (ev == CMARK_EVENT_EXIT && (type == CMARK_NODE_PARAGRAPH || type == CMARK_NODE_ITEM ||
                                           type == CMARK_NODE_HEADING))) {
      text += ' ';
    }
  }
  cmark_iter_free(it);
  while (!text.empty() && text.back() == ' ') text.pop_back();
  return text;
}

std::string markdown_to_commonmark(cmark_node* doc) {
  if (!doc) return {};
  std::string md;
  if (!write_commonmark(doc, md)) {
    char* raw = cmark_render_commonmark(doc, CMARK_OPT_DEFAULT, 0);
    md = raw;
    std::free(raw);
  }
  while (!md.empty() && md.back() == '\n') md.pop_back();
  return md;
}

const PreparedEntry::Fragment& PreparedEntry::fragment(const cmark_node* doc) const {
  static const Fragment kNone;
  const auto at = std::lower_bound(fragments.begin(), fragments.end(), doc, [](const Fragment& f, const cmark_node* d) {
    return std::less<const cmark_node*>()(f.tree, d);  // a total order on unrelated pointers
  });
  return doc && at != fragments.end() && at->tree == doc ? *at : kNone;
}

namespace {

// Renders the fragments of one entry's trees, noting which tree each came from.
struct FragmentMaker {
  bool html, markdown;
  std::vector<PreparedEntry::Fragment>& made;

  void add(cmark_node* doc) {
    if (!doc) return;
    PreparedEntry::Fragment f;
    f.tree = doc;
    if (html) f.html = markdown_to_html(doc, false);
    if (markdown) f.markdown = markdown_to_commonmark(doc);
    f.entry_links = f.html.find(kEntryLinkScheme) != std::string::npos ||
                    f.markdown.find(kEntryLinkScheme) != std::string::npos;
    f.one_paragraph = is_one_paragraph(f.html);
    made.push_back(std::move(f));
  }
  void add(const std::vector<LinkedStep>& steps) {
    for (const LinkedStep& s : steps) {
      add(s.text.get());
      add(s.steps);
    }
  }
  void add(const EntryTrees& t) {
    add(t.summary.get());
    add(t.description.get());
    for (const CmarkTree& c : t.cause_details) add(c.get());
    add(t.diagnosis);
    add(t.fix);
    add(t.verification);
    add(t.prevention);
    for (const CmarkTree& n : t.related_notes) add(n.get());
  }
};

}  // namespace

PreparedEntry prepare_entry(const RenderContext& ctx, std::size_t i) {
  PreparedEntry p;
  p.index = i;
  p.trees = link_entry_trees(*ctx.kb, i);
  FragmentMaker{ctx.html_fragments, ctx.markdown_fragments, p.fragments}.add(p.trees);
  std::sort(p.fragments.begin(), p.fragments.end(), [](const auto& a, const auto& b) {
    return std::less<const cmark_node*>()(a.tree, b.tree);
  });
  if (ctx.html_fragments) p.summary_html = p.fragment(p.trees.summary.get()).inline_html();
  return p;
}

RenderContext make_render_context(const LinkedKb& kb, long today, const std::vector<std::string>& outputs,
                                  unsigned jobs) {
  RenderContext ctx;
  ctx.kb = &kb;
  ctx.today = today;
  ctx.outputs = outputs;
  ctx.jobs = jobs;
  ctx.html_fragments = ctx.building("html") || ctx.building("runbook");
  ctx.markdown_fragments = ctx.building("markdown") || ctx.building("runbook");
  std::map<std::string, std::map<std::string, std::vector<std::size_t>>> grouped;
  for (std::size_t i = 0; i < kb.entries.size(); ++i) {
    const Entry& e = kb.entries[i];
    const std::string product = e.product.present() ? std::string(e.product.value) : "Other";
    const std::string category = e.category.present() ? std::string(e.category.value) : "General";
    grouped[product][category].push_back(i);
    for (const Text& tag : e.tags) {
      auto& list = ctx.tags[std::string(tag.value)];
      if (list.empty() || list.back() != i) list.push_back(i);
    }
    const auto reviewed = e.reviewed.present() ? parse_iso_date(e.reviewed.value) : std::nullopt;
    ctx.review_overdue.push_back(reviewed && today - *reviewed > kb.config.stale_after_days);
  }
  std::set<std::string> anchors;
  auto unique_anchor = [&](const std::string& text) {
    std::string anchor = slugify(text);
    for (int n = 2; !anchors.insert(anchor).second; ++n) anchor = slugify(text) + "-" + std::to_string(n);
    return anchor;
  };
  ctx.group_of.resize(kb.entries.size());
  for (auto& [product, categories] : grouped) {
    ProductGroup group{product, unique_anchor(product), {}, 0};
    for (auto& [category, entries] : categories) {
      group.count += entries.size();
      for (std::size_t i : entries) ctx.group_of[i] = {ctx.products.size(), group.categories.size()};
      group.categories.push_back({category, unique_anchor(product + "--" + category), std::move(entries)});
    }
    ctx.products.push_back(std::move(group));
  }
  return ctx;
}

}  // namespace kbgen
