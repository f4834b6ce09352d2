// The template data of entries and pages (documented in docs/templates.md),
// built for one flavour of output: HTML pages, the HTML runbook, or Markdown.
#pragma once

#include <functional>
#include <initializer_list>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <thread>
#include <vector>

#include "render/context.h"
#include "render/mustache_data.h"
#include "render/templates.h"

namespace kbgen {

// The entries a one-document output (a runbook) holds: flags by entry
// index, found by code through the KB's name index (which holds aliases
// too: a name is taken only as an entry's own code).
struct IncludedEntries {
  std::vector<bool> flags;
  const LinkedKb* kb = nullptr;
  bool has(std::size_t entry) const { return flags[entry]; }
  bool has(std::string_view code) const {
    const std::size_t* entry = kb->by_name.find(code);
    return entry && flags[*entry] && kb->entries[*entry].code.value == code;
  }
};

struct ViewFlavor {
  enum class Markup { Html, Markdown };
  Markup markup = Markup::Html;
  // Where links to other entries point: "<root>codes/CODE/index.html" for
  // HTML pages, "CODE.md" for the Markdown wiki, "#CODE" in one-document
  // outputs (the runbooks).
  enum class Links { Pages, Anchors } links = Links::Pages;
  std::string root;     // prefix to the site root (HTML pages)
  bool checkboxes = false;  // Markdown steps as "1. [ ] ..." (runbook.md)
  // With Links::Anchors: which entries the document holds (null: all).
  // Links to the others are left as plain text.
  const IncludedEntries* included = nullptr;
  // What the template can reach (TemplateSet::mentions); what it cannot
  // is not built. All true unless for_template() finds otherwise.
  struct Reach {
    bool steps = true;  // a step section's list (the Markdown templates take "<section>_md")
    bool backlinks = true;
    bool sources = true;
    // Of each linked entry (related, backlinks):
    bool url = true, md_url = true, anchor = true, md_anchor = true, linked = true;
    // Made for each entry, a few allocations each, and named by neither
    // built-in runbook template but for the Markdown one's "code_md" and
    // "fence": the entry's tag list (its "has_tags" is always given),
    // "code_md" of aliases, sources and examples, an example's "fence", the
    // product's and category's anchors.
    bool tags = true, code_md = true, fence = true, group_anchors = true;
  } reach;

  bool includes(std::string_view code) const { return !included || included->has(code); }
  bool includes(std::size_t entry) const { return !included || included->has(entry); }

  static ViewFlavor html_page(const std::string& root) { return {Markup::Html, Links::Pages, root, false, nullptr, {}}; }
  static ViewFlavor markdown_wiki() { return {Markup::Markdown, Links::Pages, "", false, nullptr, {}}; }
  static ViewFlavor html_runbook(const IncludedEntries* included) {
    return {Markup::Html, Links::Anchors, "", false, included, {}};
  }
  static ViewFlavor markdown_runbook(const IncludedEntries* included) {
    return {Markup::Markdown, Links::Anchors, "", true, included, {}};
  }
  // This flavour for a view that templates `names` of `templates` (and
  // their partials) render (see Reach).
  ViewFlavor for_templates(const TemplateSet& templates, std::initializer_list<const char*> names) const {
    ViewFlavor f = *this;
    const auto mentioned = [&](std::string_view word) {
      for (const char* name : names)
        if (templates.mentions(name, word)) return true;
      return false;
    };
    f.reach = {mentioned("steps"),   mentioned("backlinks"),      mentioned("sources"),
               mentioned("url"),     mentioned("md_url"),         mentioned("anchor"),
               mentioned("md_anchor"), mentioned("linked"),       mentioned("tags"),
               mentioned("code_md"), mentioned("fence"),
               mentioned("product_anchor") || mentioned("category_anchor")};
    return f;
  }

};

// The heading anchor GitHub and GitLab give "## CODE": lower case, only
// letters, digits, '-' and '_'.
std::string markdown_anchor(const std::string& code);

// A Markdown field of a prepared entry rendered for the flavour, entry links
// resolved.
std::string render_fragment(const PreparedEntry& p, cmark_node* doc, const ViewFlavor& flavor,
                            bool inline_only);
// The entry's summary for the flavour, inline, as entry_summary_view takes it.
std::string summary_for(const PreparedEntry& p, const ViewFlavor& flavor);
// The summaries of entries in lists (home, tags): kept by each renderer
// during the render pass, as the entries' trees are gone by then.
using SummaryOf = std::function<std::string(std::size_t entry)>;

// {code, title, summary_*, url, aliases, tags}: an entry in a list.
// `summary` is summary_for() the entry.
MData entry_summary_view(const RenderContext& ctx, std::size_t i, const ViewFlavor& flavor, std::string summary);
// Everything an entry shows. Markup fields end in "_html" or "_md" by flavour;
// in Markdown, step lists are also given ready-made as "<section>_md".
MData entry_view(const RenderContext& ctx, const PreparedEntry& p, const ViewFlavor& flavor);
// The same filled into `view`, which may hold the view of another entry of
// the same flavour: see put_text (mustache_data.h) and RecycledViews.
void fill_entry_view(const RenderContext& ctx, const PreparedEntry& p, const ViewFlavor& flavor, MData& view);

// One view per thread, filled entry after entry: each fill sets the same
// keys, the flavour's, except an entry's extension fields; the view after
// an entry that had some is emptied before the next fill. Views of
// different flavours need RecycledViews of their own.
class RecycledViews {
 public:
  // This thread's view, as the thread's last entry left it (or empty);
  // `leaves_extra_keys`: this entry has extension fields.
  MData& take(bool leaves_extra_keys);

 private:
  struct Held {
    std::thread::id thread;
    MData data;
    bool extra_keys;
  };
  std::mutex mutex_;
  std::vector<std::unique_ptr<Held>> views_;
};
// entry_summary_view of each entry, made as a list page's template reaches
// it; held by the caller while the page renders.
LazyItems entry_summaries(const RenderContext& ctx, const ViewFlavor& flavor, SummaryOf summary);
// products -> categories -> entries, and tags; the entries are lazy items of
// `entry_summaries`, so the page's data stays small however many it lists.
MData home_view(const RenderContext& ctx, const LazyItems& entry_summaries);
MData tag_view(const RenderContext& ctx, const std::string& tag, const LazyItems& entry_summaries);

}  // namespace kbgen
