// The render context: what every output format needs, worked out once from
// the linked knowledge base — grouping, tags, review status — and the
// entries of the render pass, each Markdown field rendered once per markup.
#pragma once

#include <functional>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "link/link.h"
#include "output/manifest.h"

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

class EntryReuse;  // render/reuse.h

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
  // Which markups the outputs of this build render Markdown fields to.
  bool html_fragments = false, markdown_fragments = false;
  // Per entry: what this build leaves for the next one to reuse (see
  // render/reuse.h). Renderers fill in their pieces and facts, and read the
  // facts back for the whole-KB pages; each entry's from one thread at a time.
  std::vector<EntryRecord>* records = nullptr;
  // Keeps unchanged list pages (home, tags, README) of the last build; null:
  // every page is rendered.
  EntryReuse* reuse = nullptr;
  EntryRecord& record(std::size_t i) const { return (*records)[i]; }

  const Entry& entry(std::size_t i) const { return kb->entries[i]; }
  const LinkedEntry& links(std::size_t i) const { return kb->links[i]; }
};

// The facts about the whole KB a render needs (grouping, tags, review
// status); nothing here grows with the rendered output.
RenderContext make_render_context(const LinkedKb& kb, long today, const std::vector<std::string>& outputs,
                                  unsigned jobs);

// An entry the last build rendered exactly as this one would (render/reuse.h):
// its pieces of the whole-KB files as that build wrote them, and the facts
// the whole-KB pages take from it.
struct ReusedEntry {
  HashedPiece pieces[kPieceFiles];
  std::string summary_html, summary_md;
};

// One entry as the render pass holds it: its Markdown trees, and each tree
// rendered once per markup the build needs, entry links still "kbgen:CODE"
// (each flavour resolves them): several outputs share them. Made by one
// thread, and dropped as soon as every renderer has had it.
struct PreparedEntry {
  struct Fragment {
    const cmark_node* tree = nullptr;  // what it was rendered from
    std::string html;
    std::string markdown;
    // Found once here rather than by each flavour: most fragments hold no
    // entry link, and then there is nothing to resolve.
    bool entry_links = false;    // "kbgen:" is in the html or markdown
    bool one_paragraph = false;  // the html is <p>...</p> with no other <p>
    // The html shown inline: a single paragraph loses its <p>, as
    // markdown_to_html(tree, true) gives it.
    std::string_view inline_html() const;
  };

  std::size_t index = 0;
  EntryTrees trees;
  // Sorted by tree and found by binary search: reading the tree's own cmark
  // user data was a cache miss per lookup, and a hash map's lookup too.
  std::vector<Fragment> fragments;
  std::string summary_html;  // inline (no <p>), when building HTML
  // Set when the entry is reused rather than prepared: then it has no trees
  // and renderers copy its pieces and facts instead of rendering it.
  std::optional<ReusedEntry> reused;

  const Fragment& fragment(const cmark_node* doc) const;
};

// Links entry i's trees and renders their fragments. Safe from several
// threads at once.
PreparedEntry prepare_entry(const RenderContext& ctx, std::size_t i);

// Site-relative paths of pages.
std::string entry_path(const std::string& code);  // "codes/<CODE>/index.html"
std::string tag_path(const std::string& tag);     // "tags/<tag>/index.html"
std::string markdown_page_path(const std::string& code);  // "markdown/<CODE>.md"
std::string api_entry_path(const std::string& code);      // "api/codes/<CODE>.json"

// HTML of a Markdown tree (no raw HTML: see link/markdown.h). `inline_only`
// drops the <p> around a single paragraph. Entry links stay "kbgen:CODE".
std::string markdown_to_html(cmark_node* doc, bool inline_only);

// Rewrites href="kbgen:CODE" to href="<root>codes/CODE/index.html".
std::string resolve_entry_links(std::string_view html, const std::string& root);

// Rewrites href="kbgen:CODE" to href="#CODE" (one-document outputs); links
// to entries `included` says are not in the document become plain text.
std::string resolve_entry_anchors(std::string_view html, const std::function<bool(const std::string&)>& included);

// CommonMark of a Markdown tree (for the Markdown outputs).
std::string markdown_to_commonmark(cmark_node* doc);

// Plain text of a Markdown tree (for search and summaries).
std::string markdown_to_text(cmark_node* doc);

}  // namespace kbgen
