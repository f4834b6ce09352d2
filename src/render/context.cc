#include "render/context.h"

#include <algorithm>
#include <cstdint>
#include <cstdlib>
#include <set>

#include "check/dates.h"
#include "render/mustache_data.h"
#include "render/site_files.h"
#include "util/parallel.h"

namespace kbgen {

std::string entry_path(const std::string& code) { return "codes/" + code + "/index.html"; }
std::string tag_path(const std::string& tag) { return "tags/" + tag + "/index.html"; }

std::string markdown_to_html(cmark_node* doc, bool inline_only) {
  if (!doc) return {};
  char* raw = cmark_render_html(doc, CMARK_OPT_DEFAULT);
  std::string html(raw);
  std::free(raw);
  if (inline_only && html.rfind("<p>", 0) == 0 && html.size() >= 8 &&
      html.compare(html.size() - 5, 5, "</p>\n") == 0 && html.find("<p>", 3) == std::string::npos)
    html = html.substr(3, html.size() - 8);
  while (!html.empty() && html.back() == '\n') html.pop_back();
  return html;
}

namespace {

// Rewrites each href="kbgen:CODE" with `target(CODE)`; an empty target
// removes the link (tag and closing tag) and keeps its text. kbgen's entry
// links hold only text, so the next "</a>" is their own.
template <typename Target>
std::string rewrite_entry_hrefs(const std::string& html, Target&& target) {
  static const std::string kNeedle = std::string("href=\"") + kEntryLinkScheme;
  std::string out;
  std::size_t done = 0;
  for (std::size_t at = html.find(kNeedle); at != std::string::npos; at = html.find(kNeedle, done)) {
    const std::size_t code_start = at + kNeedle.size();
    const std::size_t code_end = html.find('"', code_start);
    if (code_end == std::string::npos) break;
    const std::string href = target(html.substr(code_start, code_end - code_start));
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

std::string resolve_entry_links(const std::string& html, const std::string& root) {
  return rewrite_entry_hrefs(html, [&](const std::string& code) { return root + entry_path(code); });
}

std::string resolve_entry_anchors(const std::string& html,
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
  char* raw = cmark_render_commonmark(doc, CMARK_OPT_DEFAULT, 0);
  std::string md(raw);
  std::free(raw);
  while (!md.empty() && md.back() == '\n') md.pop_back();
  return md;
}

const RenderContext::Fragment& RenderContext::fragment(const cmark_node* doc) const {
  static const Fragment kNone;
  if (!doc) return kNone;
  const auto number = reinterpret_cast<std::uintptr_t>(cmark_node_get_user_data(const_cast<cmark_node*>(doc)));
  return number == 0 || number > fragments.size() ? kNone : fragments[number - 1];
}

namespace {

// Renders the fragments of one entry into a list of its own.
struct FragmentMaker {
  bool html, markdown;
  std::vector<std::pair<cmark_node*, RenderContext::Fragment>>& made;

  void add(cmark_node* doc) {
    if (!doc) return;
    RenderContext::Fragment f;
    if (html) f.html = markdown_to_html(doc, false);
    if (markdown) f.markdown = markdown_to_commonmark(doc);
    made.emplace_back(doc, std::move(f));
  }
  void add(const std::vector<LinkedStep>& steps) {
    for (const LinkedStep& s : steps) {
      add(s.text.get());
      add(s.steps);
    }
  }
  void add(const LinkedEntry& l) {
    add(l.summary.get());
    add(l.description.get());
    for (const CmarkTree& t : l.cause_details) add(t.get());
    add(l.diagnosis);
    add(l.fix);
    add(l.verification);
    add(l.prevention);
    for (const CmarkTree& t : l.related_notes) add(t.get());
  }
};

}  // namespace

RenderFragments::RenderFragments(std::size_t entries, const std::vector<std::string>& outputs) {
  const auto building = [&](const char* name) { return std::find(outputs.begin(), outputs.end(), name) != outputs.end(); };
  html_ = building("html") || building("runbook");
  markdown_ = building("markdown") || building("runbook");
  search_ = building("html");
  made_.resize(entries);
  summary_html_.resize(entries);
  if (search_) {
    summary_text_.resize(entries);
    search_words_.resize(entries);
  }
  added_.resize(entries, 0);
}

void RenderFragments::add(std::size_t i, const Entry& e, LinkedEntry& l) {
  summary_html_[i] = markdown_to_html(l.summary.get(), true);
  if (search_) {
    summary_text_[i] = markdown_to_text(l.summary.get());
    search_words_[i] = search_words(e, l);
  }
  FragmentMaker{html_, markdown_, made_[i]}.add(l);
  // Nothing reads the nodes after this: the root stays as the key.
  for (auto& [doc, fragment] : made_[i])
    while (cmark_node* child = cmark_node_first_child(doc)) cmark_node_free(child);
  added_[i] = 1;
}

RenderContext make_render_context(LinkedKb& kb, long today, const std::vector<std::string>& outputs,
                                  unsigned jobs, RenderFragments made) {
  RenderContext ctx;
  ctx.kb = &kb;
  ctx.today = today;
  ctx.outputs = outputs;
  ctx.jobs = jobs;
  std::string unused;
  parallel_for(kb.entries.size(), jobs, [&](std::size_t i, std::string&) {
    if (!made.added_[i]) made.add(i, kb.entries[i], kb.links[i]);
    return true;
  }, unused);
  ctx.summary_html = std::move(made.summary_html_);
  ctx.summary_text = std::move(made.summary_text_);
  ctx.search_words = std::move(made.search_words_);
  std::size_t count = 0;
  for (const auto& list : made.made_) count += list.size();
  ctx.fragments.reserve(count);
  for (auto& list : made.made_)
    for (auto& [doc, fragment] : list) {
      ctx.fragments.push_back(std::move(fragment));
      cmark_node_set_user_data(doc, reinterpret_cast<void*>(static_cast<std::uintptr_t>(ctx.fragments.size())));
    }
  made.made_.clear();
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
