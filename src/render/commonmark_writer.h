// CommonMark text of the Markdown trees most fields are: paragraphs of
// text, code spans, emphasis and links. cmark's own CommonMark renderer
// looks at every character through a function call and an escape table
// built for line wrapping; it was a sixth of a 10k build's CPU. This
// writer gives the same bytes as cmark_render_commonmark(doc,
// CMARK_OPT_DEFAULT, 0) for such trees, and declines any other tree (lists,
// headings, code blocks, quotes), which then goes to cmark.
#pragma once

#include <string>

#include <cmark.h>

namespace kbgen {

// Appends the CommonMark of `doc` to `out` (with cmark's final newline) and
// returns true, or returns false with `out` unchanged when the tree holds a
// node this writer leaves to cmark.
bool write_simple_commonmark(cmark_node* doc, std::string& out);

}  // namespace kbgen
