// The render context: what every output format needs, worked out once from
// the linked knowledge base — grouping, tags, review status, URLs, and each
// Markdown field rendered to HTML once.
#pragma once

#include <functional>
#include <map>
#include <string>
#include <vector>

#include "link/link.h"

namespace kbgen {

struct CategoryGroup {
  std::string name;
  std::string anchor;  // id on the home page, unique among all anchors there
  std::vector<std::size_t> entries;  // in entry order
};

struct ProductGroup {
  std::string name;
  std::string anchor;
  std::vector<CategoryGroup> categories;  // by name
  std::size_t count = 0;
};

struct RenderContext {
  const LinkedKb* kb = nullptr;
  long today = 0;  // days since 1970-01-01, for "review overdue"
  std::vector<std::string> outputs;               // renderers in this build ("html", "runbook", ...)
  std::vector<std::string> runbook_filter;        // "tag:X", "category:Y", "code:Z"; empty: all
  bool runbook_pdf = false;                       // also print runbook.html to runbook.pdf
  unsigned jobs = 1;                              // threads a renderer may use

  bool building(const std::string& output) const {
    for (const std::string& o : outputs)
      if (o == output) return true;
    return false;
  }

  std::vector<ProductGroup> products;                       // by name; "Other" for none
  std::map<std::string, std::vector<std::size_t>> tags;     // tag -> entries
  std::vector<bool> review_overdue;                         // per entry
  std::vector<std::pair<std::size_t, std::size_t>> group_of;  // per entry: product, category index
  std::vector<std::string> summary_html;                    // per entry, inline, entry links as kbgen:CODE
  // Per entry, for the search index (only when building html).
  std::vector<std::string> summary_text;
  std::vector<std::string> search_words;

  // Every Markdown field rendered once per markup, entry links still
  // "kbgen:CODE" (each flavour resolves them): several outputs share them.
  struct Fragment {
    std::string html;
    std::string markdown;
  };
  // Each field's tree holds its index here, plus one, as cmark user data:
  // a hash map from node to fragment cost a cache miss per lookup. Every
  // context built from the same trees numbers them alike (entry order,
  // field order), so contexts may share the trees. Once its fragments are
  // made a tree is emptied (only the root stays, as the key): the nodes
  // were most of a build's memory.
  std::vector<Fragment> fragments;
  const Fragment& fragment(const cmark_node* doc) const;

  const Entry& entry(std::size_t i) const { return kb->entries[i]; }
  const LinkedEntry& links(std::size_t i) const { return kb->links[i]; }
};

// Each entry's Markdown fields rendered once per markup, and its search
// text. Made entry by entry while linking (pass `add` to link_entries as
// on_linked), which empties the entry's trees as it goes: the trees of the
// whole KB never exist at once. `outputs` (the renderers of this build)
// decide the markups.
class RenderFragments {
 public:
  RenderFragments(std::size_t entries, const std::vector<std::string>& outputs);
  // Safe from several threads at once for different entries.
  void add(std::size_t i, const Entry& e, LinkedEntry& l);

 private:
  friend RenderContext make_render_context(LinkedKb&, long, const std::vector<std::string>&, unsigned,
                                           RenderFragments);
  bool html_, markdown_, search_;
  std::vector<std::vector<std::pair<cmark_node*, RenderContext::Fragment>>> made_;
  std::vector<std::string> summary_html_, summary_text_, search_words_;
  std::vector<char> added_;
};

// Entries `fragments` has not had yet are added here, on `jobs` threads
// (which stay in the context for the renderers). Empties kb's Markdown
// trees (see RenderContext::fragments), so one LinkedKb makes one context.
RenderContext make_render_context(LinkedKb& kb, long today, const std::vector<std::string>& outputs,
                                  unsigned jobs, RenderFragments fragments);

// Site-relative paths of pages.
std::string entry_path(const std::string& code);  // "codes/<CODE>/index.html"
std::string tag_path(const std::string& tag);     // "tags/<tag>/index.html"

// HTML of a Markdown tree (no raw HTML: see link/markdown.h). `inline_only`
// drops the <p> around a single paragraph. Entry links stay "kbgen:CODE".
std::string markdown_to_html(cmark_node* doc, bool inline_only);

// Rewrites href="kbgen:CODE" to href="<root>codes/CODE/index.html".
std::string resolve_entry_links(const std::string& html, const std::string& root);

// Rewrites href="kbgen:CODE" to href="#CODE" (one-document outputs); links
// to entries `included` says are not in the document become plain text.
std::string resolve_entry_anchors(const std::string& html, const std::function<bool(const std::string&)>& included);

// CommonMark of a Markdown tree (for the Markdown outputs).
std::string markdown_to_commonmark(cmark_node* doc);

// Plain text of a Markdown tree (for search and summaries).
std::string markdown_to_text(cmark_node* doc);

}  // namespace kbgen
